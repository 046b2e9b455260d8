import { PUBLICATION_CHANNELS, PUBLICATION_KINDS } from '../../domain/fund/fund.events';
import { Field, NestedField, OptionalField, Position } from './field';

export class PublicationCheckpointResponse {
  @Field('The number of log entries the checkpoint signed', 1234) treeSize: number;
  @Field('The Merkle root of those entries (standard padded base64, as in the signed note)', 'n2ZnSYKrdxYCsUVcNmZX8JJ2Dh1QWIqzRL4E6TCXgTE=') rootHash: string;
  @Field('When the ledger signed it (recording time, RFC 3339)', '2024-11-20T03:00:00Z') timestamp: string;
}

export class PublicationDeadlineResponse {
  @Field('The last day the law allows for it (Vietnam time)', '2024-11-22') dueBy: string;
  @OptionalField('For a campaign\'s call, due before mobilising starts: the instant receiving starts. A publication timed later that day is late; one dated by its day alone is on time', '2024-09-08T08:00:00+07:00') dueAt?: string;
  @Field('Whether this publication was made by then', true) onTime: boolean;
}

export class PublicPublicationResponse {
  @Field('The publication, numbered in the order recorded', 'pub-3') publicationId: string;
  @Field('What was published', 'campaign-receipts', { enum: PUBLICATION_KINDS }) kind: string;
  @Field('The fiscal year or quarter published; null for a campaign\'s', null, { nullable: true, type: String }) period: string | null;
  @Field('The campaign published about; null for a period\'s', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
  @Field('Where it was published', 'website', { enum: PUBLICATION_CHANNELS }) channel: string;
  @Field('Where it can be read', 'https://chuthapdo.example.vn/cong-khai/bao-yagi-2024', { nullable: true, type: String }) url: string | null;
  @Field('When it was published (business date), as the fund declared it', '2024-11-20T09:00:00+07:00') publishedAt: string;
  @Field('When the ledger recorded it (recording time): a publishedAt long before it was declared after the fact', '2024-11-20T10:02:11.000Z') recordedAt: string;
  @Field('SHA-256 of the published file, hex: hash the file you have and compare', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') contentSha256: string;
  @NestedField('The signed checkpoint of the log named when it was recorded; null when the ledger signed none', PublicationCheckpointResponse, { nullable: true })
  checkpoint: PublicationCheckpointResponse | null;
  @NestedField('The legal deadline it answers and whether it kept it; null when the law sets no day for it', PublicationDeadlineResponse, { nullable: true })
  deadline: PublicationDeadlineResponse | null;
  @Field('The log position of its PublicationMade event', 1235) position: number;
}

export class PublicationResponse extends PublicPublicationResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('Who recorded it', 'accountant-1') recordedBy: string;
}

export class PublicationRecordedResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The publication, numbered in the order recorded', 'pub-3') publicationId: string;
  @Field('What was published', 'campaign-receipts', { enum: PUBLICATION_KINDS }) kind: string;
  @Field('The fiscal year or quarter published', null, { nullable: true, type: String }) period: string | null;
  @Field('The campaign published about', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
  @Field('Where it was published', 'website', { enum: PUBLICATION_CHANNELS }) channel: string;
  @Field('Where it can be read', 'https://chuthapdo.example.vn/cong-khai/bao-yagi-2024', { nullable: true, type: String }) url: string | null;
  @Field('When it was published (business date)', '2024-11-20T09:00:00+07:00') publishedAt: string;
  @Field('SHA-256 of the published file, hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') contentSha256: string;
  @NestedField('The checkpoint signed just before recording it; null when the ledger signs none', PublicationCheckpointResponse, { nullable: true })
  checkpoint: PublicationCheckpointResponse | null;
  @Field('Who recorded it', 'accountant-1') recordedBy: string;
  @Field('When the ledger recorded it (recording time)', '2024-11-20T10:02:11.000Z') recordedAt: string;
  @Position() position: number;
}

export class PublicPublicationListResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Every publication, in the order published', [PublicPublicationResponse]) publications: PublicPublicationResponse[];
  @Field('The log position the list stands at: its last event (the fund\'s own, or a gift that set a year\'s first day); asked again at this atPosition it is the same', 1235) position: number;
}

export class PublicationListResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Every publication, in the order published', [PublicationResponse]) publications: PublicationResponse[];
  @Field('The log position the list stands at: its last event (the fund\'s own, or a gift that set a year\'s first day); asked again at this atPosition it is the same', 1235) position: number;
}

export class ObligationPublicationResponse {
  @Field('The publication', 'pub-3') publicationId: string;
  @Field('When it was published (business date)', '2024-11-20T09:00:00+07:00') publishedAt: string;
  @Field('Where', 'website', { enum: PUBLICATION_CHANNELS }) channel: string;
  @Field('SHA-256 of the published file, hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') contentSha256: string;
}

export class ObligationResponse {
  @Field('What must be published', 'campaign-receipts', { enum: PUBLICATION_KINDS }) kind: string;
  @Field('The campaign it is about; null for the fund\'s own', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
  @Field('The year or quarter it is about; null for a campaign\'s', null, { nullable: true, type: String }) period: string | null;
  @Field('The fiscal year it belongs to: the year of what it publishes', 2024) year: number;
  @Field('The first day a publication meets it (what it publishes has ended); null when any earlier day does', '2024-11-07', { nullable: true, type: String })
  arisesOn: string | null;
  @Field('The last day allowed (Vietnam time)', '2024-11-22') dueBy: string;
  @OptionalField('For a campaign\'s call, due before mobilising starts: the instant receiving starts. A publication timed later that day is late; one dated by its day alone is on time', '2024-09-08T08:00:00+07:00') dueAt?: string;
  @Field('due (not yet published, still in time), overdue, met (published by dueBy, and by dueAt when given) or met_late', 'met', { enum: ['due', 'overdue', 'met', 'met_late'] })
  status: string;
  @Field('The article that asks it', 'Nghị định 93/2021, Điều 14(4)(c)') legalReference: string;
  @OptionalField('For the yearly contributions: whether the decree in force on their due day (decree-03-2026, for every fund from 2026-03-01) also asks the results of their use', false) includesUse?: boolean;
  @NestedField('The publication that met it: the first on time, else the first late one; null while unmet', ObligationPublicationResponse, { nullable: true })
  publication: ObligationPublicationResponse | null;
}

export class ObligationsResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The fiscal year', 2024) year: number;
  @Field('The day the statuses are computed for (Vietnam time): today, or asOf', '2024-12-01') today: string;
  @Field('The decree governing the fund on that day: its policy\'s legalBasis, and decree-03-2026 for every fund from 2026-03-01 (it replaced Decree 93/2019)', 'decree-93-2019', { enum: ['decree-93-2019', 'decree-03-2026'] }) legalBasis: string;
  @NestedField('Every publication the law asks for the year and its campaigns, by due day', [ObligationResponse]) obligations: ObligationResponse[];
  @Field('The log position the answer was computed at', 1235) position: number;
}
