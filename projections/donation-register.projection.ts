import type { DonationRecorded, Donor } from '../src/domain/donation/donation.events';
import { senderNumberTyped, senderReferencesOf } from '../src/domain/donation/sender-references';
import { assertNever } from '../src/domain/shared/decision';
import { campaignOfMovement } from './campaign-of';
import { DONATION_EVENTS, isOneOf } from './event-groups';
import type { ProjectedEvent } from './projection';
import { epochMs, foldedNameTokens, foldName, type RowChange, type TableProjection, updateRow, upsertRow, vndInteger } from './table-projection';

/** How an anonymous donor appears wherever donors are listed. */
export const ANONYMOUS_DONOR_NAME = 'Ẩn danh';

/** The name a donor chose to publish: the public name, else the name, never an anonymous donor's name. */
export function publishedDonorName(donor: Donor): string {
  if (donor.kind === 'anonymous') return ANONYMOUS_DONOR_NAME;
  return donor.publicName ?? donor.name;
}

export const DONATIONS_TABLE = 'register_donations';
export const DONATION_NAME_TOKENS_TABLE = 'register_donation_name_tokens';
export const DONATION_NAME_PAIRS_TABLE = 'register_donation_name_pairs';
/**
 * The words of the donor's own name that the published name lacks (all of them for an anonymous
 * donor), for the authenticated register's donor filter only: never read by a public route, since
 * a donor's own name may be private. With the public tokens they make every word of both names;
 * most donors publish their own name, so most donations add no row here.
 */
export const DONATION_DONOR_TOKENS_TABLE = 'register_donation_donor_tokens';
/**
 * The transaction numbers the sender's bank printed on the sender's receipt, read from the memo of
 * the statement line a donation was imported from (src/domain/donation/sender-references.ts), for
 * the lookups by reference: a donor finds their gift by the number they hold, not only by the
 * statement's document number. One row per number, none for a number equal to the donation's own
 * reference (the register's reference index has it) and none for a donation not imported.
 */
export const DONATION_SENDER_REFERENCES_TABLE = 'register_donation_sender_references';
/**
 * The word tables' keys, by the name SQLite gives a table's key (sqlite_autoindex_<table>_1, the
 * table itself when it is stored in key order), for the searches' INDEXED BY: each table is keyed
 * (fund, word(s), date, position, donation).
 */
export const NAME_TOKENS_KEY = `sqlite_autoindex_${DONATION_NAME_TOKENS_TABLE}_1`;
export const NAME_PAIRS_KEY = `sqlite_autoindex_${DONATION_NAME_PAIRS_TABLE}_1`;
export const DONOR_TOKENS_KEY = `sqlite_autoindex_${DONATION_DONOR_TOKENS_TABLE}_1`;
export const SENDER_REFERENCES_KEY = `sqlite_autoindex_${DONATION_SENDER_REFERENCES_TABLE}_1`;

/**
 * A published name of at most this many words indexes every pair of its words, the smaller word
 * first, so a search by two words walks only the donations that have both. Vietnamese names share
 * very common words (nguyen, van, thi, tran), and a rare pair of them is found without walking
 * either word's long range. A longer name (companies, long given names) would cost n × (n − 1) / 2
 * rows, so it indexes each of its words once with NO_NAME_PARTNER instead, and a pair search
 * checks its other word on the way: at most 6 pair rows per donation, whatever the name.
 */
export const NAME_PAIR_WORD_LIMIT = 4;
/** The partner of a word of a name too long for pairs: it sorts before every word. */
export const NO_NAME_PARTNER = '';

/** The (word, partner) rows of a name's distinct words, as the pair index holds them: word < partner. */
export function namePairs(tokens: readonly string[]): [string, string][] {
  if (tokens.length < 2) return [];
  if (tokens.length > NAME_PAIR_WORD_LIMIT) return tokens.map((token): [string, string] => [token, NO_NAME_PARTNER]);
  return tokens.flatMap((token, i) => tokens.slice(i + 1).map((other): [string, string] => (token < other ? [token, other] : [other, token])));
}

/** Normalises a bank or receipt reference for lookup: trimmed, upper case. */
export function normalizeReference(reference: string): string {
  return reference.trim().toUpperCase();
}

/**
 * A reference as typed, for the lookups: `own` is compared with the donations' own references,
 * `sender` with their senders' numbers: the number behind a Vietcombank app prefix
 * ("MBVCB.6987707712", as the donor's receipt prints it), else the reference itself.
 */
export function referenceLookup(typed: string): { own: string; sender: string } {
  const own = normalizeReference(typed);
  return { own, sender: senderNumberTyped(own) ?? own };
}

function donationRecorded(projected: ProjectedEvent & { event: { type: 'DonationRecorded' } }): RowChange[] {
  const d = projected.event.data;
  const receivedAtMs = epochMs(d.receivedAt);
  const published = publishedDonorName(d.donor);
  // Most donors publish their own name: fold it once.
  const donorNameFolded = foldName(d.donor.name);
  const publishedFolded = published === d.donor.name ? donorNameFolded : foldName(published);
  const row = upsertRow(DONATIONS_TABLE, { fund_id: d.fundId, donation_id: d.donationId }, {
    position: projected.position, receipt_no: d.receiptNo, fiscal_year: d.fiscalYear,
    received_at: d.receivedAt, received_at_ms: receivedAtMs, component: d.component, campaign_id: campaignOfMovement(d.campaignId, d.restrictionId),
    restriction_id: d.restrictionId, restriction_purpose: d.restriction?.purpose ?? null, restriction_beneficiary: d.restriction?.beneficiary ?? null,
    channel: d.channel, currency: d.currency, amount: d.amount, fx_rate: d.fxRate, amount_vnd: vndInteger(d.amountVnd), cash: d.cash ? 1 : 0,
    revenue_category: d.revenueCategory, in_management_cost_base: d.inManagementCostBase ? 1 : 0,
    donor_kind: d.donor.kind, donor_name: d.donor.name, donor_name_folded: donorNameFolded, donor_public_name: d.donor.publicName,
    donor_tax_code: d.donor.taxCode, donor_address: d.donor.address, donor_contact: d.donor.contact,
    published_name: published, published_name_folded: d.donor.kind === 'anonymous' ? null : publishedFolded,
    reference: d.reference, reference_normalized: d.reference === null ? null : normalizeReference(d.reference),
    in_kind_json: d.inKind === null ? null : JSON.stringify(d.inKind), note: d.note,
    reversed: 0, reversal_id: null, reversed_at: null, reversed_at_ms: null, reversed_position: null, reversal_reason: null,
    bank_account: d.source?.bankAccount ?? null,
  });
  // Anonymous donors get no public tokens, so a public name search can never find them by name.
  const tokens = d.donor.kind === 'anonymous' ? [] : foldedNameTokens(publishedFolded);
  // Each word table is keyed in its search order, so a word is one row and its key: no second index.
  const wordRow = (table: string, token: string): RowChange =>
    upsertRow(table, { fund_id: d.fundId, token, received_at_ms: receivedAtMs, position: projected.position, donation_id: d.donationId }, {});
  const tokenRows = tokens.map((token) => wordRow(DONATION_NAME_TOKENS_TABLE, token));
  const pairRows = namePairs(tokens).map(([token, other]) => upsertRow(DONATION_NAME_PAIRS_TABLE, {
    fund_id: d.fundId, token, other, received_at_ms: receivedAtMs, position: projected.position, donation_id: d.donationId,
  }, {}));
  const donorTokenRows = foldedNameTokens(donorNameFolded).filter((token) => !tokens.includes(token)).map((token) => wordRow(DONATION_DONOR_TOKENS_TABLE, token));
  const senderRows = senderReferencesOfDonation(d).map((reference) => upsertRow(DONATION_SENDER_REFERENCES_TABLE, {
    fund_id: d.fundId, reference, received_at_ms: receivedAtMs, position: projected.position, donation_id: d.donationId,
  }, {}));
  return [row, ...tokenRows, ...pairRows, ...donorTokenRows, ...senderRows];
}

/**
 * The sender's numbers of a donation imported from a statement line, whose memo the import keeps
 * as the donation's note; none for a donation recorded by hand (its note is the staff's words).
 */
export function senderReferencesOfDonation(d: DonationRecorded['data']): string[] {
  if (d.source === null || d.note === null) return [];
  const own = d.reference === null ? null : normalizeReference(d.reference);
  return senderReferencesOf(d.note).filter((reference) => reference !== own);
}

/** Reads the donation events only. */
function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (!isOneOf(event, DONATION_EVENTS)) return [];
  switch (event.type) {
    case 'DonationRecorded':
      return donationRecorded(projected as ProjectedEvent & { event: typeof event });
    case 'DonationReversed':
      return [updateRow(DONATIONS_TABLE, { fund_id: event.data.fundId, donation_id: event.data.donationId }, {
        reversed: 1, reversal_id: event.data.reversalId, reversed_at: event.data.reversedAt,
        reversed_at_ms: epochMs(event.data.reversedAt), reversed_position: projected.position, reversal_reason: event.data.reason,
      })];
    default:
      return assertNever(event, 'donation event');
  }
}

/** Every donation of every fund, one row each, with the indexes the register and the public lookup use. */
export const DonationRegisterProjection: TableProjection = {
  name: 'donation-register',
  // v5: pairs unordered (word < partner, half the rows); the donor index holds only the words the
  // published name lacks, the register reading the public tokens for the rest.
  // v4: the donor-name token index of the authenticated register (register_donation_donor_tokens).
  // v3: the pair index of published names (register_donation_name_pairs).
  // v2: the token index also holds donation_id, so a name search walks it without reading the
  // table (an index whose columns change keeps its name, so only a rebuild re-creates it). A new
  // index alone needs no new version: CREATE INDEX IF NOT EXISTS adds it on the next start.
  // v6: the reversal's log position (reports at a position), also in the reports' covering index;
  // the reversal index ordered by position too, so the disclosure lists a period's reversals unsorted.
  // v7: every table keyed by (fund_id, donation_id): each fund numbers its donations from DN-…-000001,
  // so a donation id alone let a second fund's donation overwrite the first fund's row.
  // v8: the word tables (name tokens, pairs, donor tokens) keyed in their search order, with no
  // second index: a word costs two B-tree entries (the row and its key) instead of three. A
  // search checks the other words of a name on the donation row (its folded names), not by a
  // look-up of the word table by donation.
  // v9: the bank account a statement line was booked on (bank_account), so an account's
  // reconciliation counts its own transfers only (read on the date index's rows: no index of its own,
  // so imports write no more index entries).
  // v10: the word tables stored in their key's order (WITHOUT ROWID): a word is one B-tree entry,
  // not the row under its rowid and again in its key, so a three-word name writes six entries
  // instead of twelve. Read the same way, by the same key.
  // v11: the sender's transaction numbers of imported donations (register_donation_sender_references),
  // read from the memo the events already hold, so a lookup by reference finds them.
  version: 11,
  tables: [
    {
      name: DONATIONS_TABLE,
      columns: {
        donation_id: 'TEXT NOT NULL', fund_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', receipt_no: 'TEXT NOT NULL',
        fiscal_year: 'INTEGER NOT NULL', received_at: 'TEXT NOT NULL', received_at_ms: 'INTEGER NOT NULL', component: 'TEXT NOT NULL',
        campaign_id: 'TEXT', restriction_id: 'TEXT', restriction_purpose: 'TEXT', restriction_beneficiary: 'TEXT',
        channel: 'TEXT NOT NULL', currency: 'TEXT NOT NULL', amount: 'TEXT NOT NULL', fx_rate: 'TEXT', amount_vnd: 'INTEGER NOT NULL',
        cash: 'INTEGER NOT NULL', revenue_category: 'TEXT NOT NULL', in_management_cost_base: 'INTEGER NOT NULL',
        donor_kind: 'TEXT NOT NULL', donor_name: 'TEXT NOT NULL', donor_name_folded: 'TEXT NOT NULL', donor_public_name: 'TEXT',
        donor_tax_code: 'TEXT', donor_address: 'TEXT', donor_contact: 'TEXT', published_name: 'TEXT NOT NULL', published_name_folded: 'TEXT',
        reference: 'TEXT', reference_normalized: 'TEXT', in_kind_json: 'TEXT', note: 'TEXT',
        reversed: 'INTEGER NOT NULL', reversal_id: 'TEXT', reversed_at: 'TEXT', reversed_at_ms: 'INTEGER', reversed_position: 'INTEGER', reversal_reason: 'TEXT',
        bank_account: 'TEXT',
      },
      primaryKey: ['fund_id', 'donation_id'],
      indexes: [
        { name: 'register_donations_by_date', columns: ['fund_id', 'received_at_ms', 'position'] },
        { name: 'register_donations_by_campaign', columns: ['fund_id', 'campaign_id', 'received_at_ms', 'position'] },
        { name: 'register_donations_by_reference', columns: ['fund_id', 'reference_normalized', 'received_at_ms', 'position'] },
        { name: 'register_donations_by_amount', columns: ['fund_id', 'amount_vnd', 'received_at_ms', 'position'] },
        { name: 'register_donations_by_reversal', columns: ['fund_id', 'reversed_at_ms', 'position'] },
        // Reports: the first donation of each restricted pool, found by one probe per pool.
        { name: 'register_donations_by_restriction', columns: ['fund_id', 'restriction_id', 'received_at_ms', 'position'] },
        // Reports: every column the donation sums read, grouped in index order, so a report
        // at a million donations is one pass over this index, with no table lookup and no sort.
        {
          name: 'register_donations_for_reports',
          columns: ['fund_id', 'campaign_id', 'restriction_id', 'revenue_category', 'in_management_cost_base', 'cash', 'received_at_ms', 'position', 'reversed', 'reversed_at_ms', 'reversed_position', 'amount_vnd'],
        },
      ],
    },
    {
      name: DONATION_NAME_TOKENS_TABLE,
      columns: { fund_id: 'TEXT NOT NULL', token: 'TEXT NOT NULL', received_at_ms: 'INTEGER NOT NULL', position: 'INTEGER NOT NULL', donation_id: 'TEXT NOT NULL' },
      // The public name search walks the key (NAME_TOKENS_KEY), reading donation_id from it.
      primaryKey: ['fund_id', 'token', 'received_at_ms', 'position', 'donation_id'],
      indexes: [],
      storedInKeyOrder: true,
    },
    {
      name: DONATION_NAME_PAIRS_TABLE,
      columns: {
        fund_id: 'TEXT NOT NULL', token: 'TEXT NOT NULL', other: 'TEXT NOT NULL', received_at_ms: 'INTEGER NOT NULL', position: 'INTEGER NOT NULL', donation_id: 'TEXT NOT NULL',
      },
      // The pair search walks the key (NAME_PAIRS_KEY), reading donation_id from it.
      primaryKey: ['fund_id', 'token', 'other', 'received_at_ms', 'position', 'donation_id'],
      indexes: [],
      storedInKeyOrder: true,
    },
    {
      name: DONATION_DONOR_TOKENS_TABLE,
      columns: { fund_id: 'TEXT NOT NULL', token: 'TEXT NOT NULL', received_at_ms: 'INTEGER NOT NULL', position: 'INTEGER NOT NULL', donation_id: 'TEXT NOT NULL' },
      primaryKey: ['fund_id', 'token', 'received_at_ms', 'position', 'donation_id'],
      indexes: [],
      storedInKeyOrder: true,
    },
    {
      name: DONATION_SENDER_REFERENCES_TABLE,
      columns: { fund_id: 'TEXT NOT NULL', reference: 'TEXT NOT NULL', received_at_ms: 'INTEGER NOT NULL', position: 'INTEGER NOT NULL', donation_id: 'TEXT NOT NULL' },
      // The lookups by reference walk the key (SENDER_REFERENCES_KEY) in date order, reading donation_id from it.
      primaryKey: ['fund_id', 'reference', 'received_at_ms', 'position', 'donation_id'],
      indexes: [],
      storedInKeyOrder: true,
    },
  ],
  apply: applyEvent,
};
