/**
 * api-v2.md "Publications and obligations" through the real app: recording a publication
 * (R26) with the checkpoint it names, the obligations of R22–R24 moving from due to met, and the
 * public list of what was published with its hashes and deadlines.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AdminBootstrap } from '../../src/admin-bootstrap';
import { AppModule } from '../../src/app.module';
import { type LedgerConfig, limitsFromEnv } from '../../src/config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { configureHttpApp, createFastifyAdapter } from '../../src/http/create-app';
import { createPino } from '../../src/http/logger';
import type { SignedCheckpoint } from '../../src/proofs/checkpoint';
import { CHECKPOINT_SIGNER, type CheckpointSigner } from '../../src/proofs/checkpoint-signer.port';
import { canonicalJsonSha256 } from '../../src/shared/canonical-json';
import { countEvents, releaseTestData, startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, campaignBody, client, donationBody, expectError, expectNothingAppended, expectRejected, expectStatus, openFund, validationFields, type Client,
} from './support/http-helpers';

const FUND = 'quy-cong-khai';
const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
/** A disaster campaign long over: receiving ends 2024-10-07, so its receipts are due by 2024-10-22. */
const YAGI = {
  campaignId: 'bao-yagi', kind: 'disaster', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-10-07T23:59:59+07:00',
  distributeUntil: '2024-10-27T23:59:59+07:00',
};
const receipts = (overrides: Record<string, unknown> = {}) => ({
  kind: 'campaign-receipts', campaignId: 'bao-yagi', channel: 'website', url: 'https://chuthapdo.example.vn/cong-khai/bao-yagi',
  publishedAt: '2024-10-20T09:00:00+07:00', contentSha256: SHA, ...overrides,
});

describe('R22–R26 publications and obligations over HTTP', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let coordinator: Client;
  let auditor: Client;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    coordinator = client(ledger, (await ledger.user('Điều phối', ['coordinator'])).token);
    auditor = client(ledger, (await ledger.user('Kiểm toán', ['auditor'])).token);
    await openFund(ledger, FUND);
    expectStatus(await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody(YAGI)), 201);
  });
  afterAll(async () => ledger?.close());

  const receiptsObligation = async (query = '') => {
    const response = await auditor.get(`/v1/funds/${FUND}/obligations?year=2024${query}`);
    expectStatus(response, 200);
    return (response.body.obligations as Array<Record<string, unknown>>).find((o) => o.kind === 'campaign-receipts' && o.campaignId === 'bao-yagi');
  };

  it('R23: the receipts obligation is due, then overdue, then met once its publication is recorded', async () => {
    expect(await receiptsObligation('&asOf=2024-10-22')).toMatchObject({ dueBy: '2024-10-22', status: 'due', publication: null });
    expect(await receiptsObligation()).toMatchObject({ status: 'overdue', legalReference: 'Nghị định 93/2021, Điều 14(4)(c)' });

    const recorded = await accountant.post(`/v1/funds/${FUND}/publications`, receipts());
    expectStatus(recorded, 201);
    expect(recorded.body).toMatchObject({
      fundId: FUND, publicationId: 'pub-1', kind: 'campaign-receipts', campaignId: 'bao-yagi', period: null, contentSha256: SHA,
      publishedAt: '2024-10-20T09:00:00+07:00', position: expect.any(Number),
    });
    expect(recorded.body).toHaveProperty('checkpoint');

    expect(await receiptsObligation()).toMatchObject({ status: 'met', publication: { publicationId: 'pub-1', contentSha256: SHA } });
    // Looking back to a day before it was published, the obligation was still due.
    expect(await receiptsObligation('&asOf=2024-10-19')).toMatchObject({ status: 'due', publication: null });
  });

  it('R26: the public list shows what was published with its sha256 and whether it met its deadline, and no staff id', async () => {
    const response = await ledger.http().get(`/v1/public/funds/${FUND}/publications`);
    expectStatus(response, 200);
    const [first] = response.body.publications;
    expect(first).toMatchObject({ publicationId: 'pub-1', contentSha256: SHA, deadline: { dueBy: '2024-10-22', onTime: true }, channel: 'website' });
    expect(first).not.toHaveProperty('recordedBy');
    const staff = await auditor.get(`/v1/funds/${FUND}/publications`);
    expectStatus(staff, 200);
    expect(staff.body.publications[0]).toMatchObject({ publicationId: 'pub-1', recordedBy: expect.any(String) });
    // The day published is the fund's word; when the ledger recorded it is the ledger's, and the public reads both.
    expect(first.recordedAt).toBe(staff.body.publications[0].recordedAt);
    expect(Date.parse(first.recordedAt)).toBeGreaterThan(Date.parse(first.publishedAt));
  });

  it('R26: bad input is a 400 naming the field, and appends nothing', async () => {
    const bad = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, receipts({ contentSha256: 'abc' })));
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(validationFields(bad)).toContain('contentSha256');
    const noCampaign = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, receipts({ campaignId: undefined })));
    expectError(noCampaign, 400, 'VALIDATION_FAILED');
    for (const publishedAt of ['2024-11-31T09:00:00+07:00', '2024-02-30', '2025-02-29T09:00:00Z']) {
      const noSuchDay = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, receipts({ publishedAt })));
      expectError(noSuchDay, 400, 'VALIDATION_FAILED');
      expect(validationFields(noSuchDay)).toEqual(['publishedAt']);
    }
    expectError(await auditor.get(`/v1/funds/${FUND}/obligations?year=24`), 400, 'VALIDATION_FAILED');
    expectError(await auditor.get(`/v1/funds/${FUND}/obligations?asOf=2024-02-30`), 400, 'VALIDATION_FAILED');
  });

  it('R23: a receipts total dated before receiving ends is 422 PUBLISHED_BEFORE_END; an unknown campaign is 404', async () => {
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, receipts({ publishedAt: '2024-10-01' })), 422, 'PUBLISHED_BEFORE_END');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, receipts({ campaignId: 'khong-co' })), 404, 'NOT_FOUND');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, receipts({ publishedAt: '2999-01-01' })), 422, 'FUTURE_DATE');
  });

  it('R26: the same Idempotency-Key records once; atPosition reads the obligations as the log stood before it', async () => {
    const body = receipts({ kind: 'campaign-distribution', publishedAt: '2024-11-20' });
    const first = await accountant.post(`/v1/funds/${FUND}/publications`, body, { idempotencyKey: 'cong-khai-phan-phoi' });
    expectStatus(first, 201);
    const again = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, body, { idempotencyKey: 'cong-khai-phan-phoi' }));
    expect(again.body).toEqual(first.body);
    const distribution = async (query: string) => {
      const response = await auditor.get(`/v1/funds/${FUND}/obligations?year=2024${query}`);
      return (response.body.obligations as Array<Record<string, unknown>>).find((o) => o.kind === 'campaign-distribution');
    };
    expect(await distribution('')).toMatchObject({ dueBy: '2024-11-26', status: 'met', publication: { publicationId: first.body.publicationId } });
    expect(await distribution(`&atPosition=${Number(first.body.position) - 1}`)).toMatchObject({ status: 'overdue', publication: null });
  });

  it('R24: a year whose deadlines fall past 9999-12-31 is refused, never a 500, and never recorded to break the lists', async () => {
    const fund = 'quy-nam-xa';
    await openFund(ledger, fund);
    const today = new Date().toISOString().slice(0, 10);
    const publication = (kind: string, period: string) => ({ kind, period, channel: 'website', url: 'https://chuthapdo.example.vn/cong-khai', publishedAt: today, contentSha256: SHA });
    for (const [kind, period] of [['quarterly-disclosure', '9999-Q4'], ['annual-contributions', '9999'], ['settlement', '9999']]) {
      const refused = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${fund}/publications`, publication(kind, period)));
      expect(validationFields(refused)).toContain('period');
    }
    expect(validationFields(await auditor.get(`/v1/funds/${fund}/obligations?year=9999`))).toContain('year');
    expect(validationFields(await auditor.get(`/v1/funds/${fund}/obligations?asOf=9999-06-01`))).toContain('asOf');
    expectStatus(await auditor.get(`/v1/funds/${fund}/publications`), 200);
    expectStatus(await ledger.http().get(`/v1/public/funds/${fund}/publications`), 200);
    const lastYear = await auditor.get(`/v1/funds/${fund}/obligations?year=9998`);
    expectStatus(lastYear, 200);
    expect(lastYear.body.obligations).toContainEqual(expect.objectContaining({ kind: 'annual-contributions', dueBy: '9999-03-30' }));
  });

  it('R26: a report of a published year names the publication and the position it was recorded at, and says when a late entry changed its figures', async () => {
    const YEAR_FUND = 'quy-nam-da-cong-bo';
    const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';
    await openFund(ledger, YEAR_FUND);
    const gift = (amount: string, receivedAt: string, reference: string) => accountant.post(`/v1/funds/${YEAR_FUND}/donations`, donationBody({ amount, receivedAt, reference }));
    const first = await gift('5000000', '2025-06-01T09:00:00+07:00', 'FT-2025-1');
    expectStatus(first, 201);
    const before = await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?${YEAR_2025}&minPosition=${Number(first.body.position)}`);
    expectStatus(before, 200);
    expect(before.body).not.toHaveProperty('published');
    const published = await accountant.post(`/v1/funds/${YEAR_FUND}/publications`, {
      kind: 'annual-report', period: '2025', channel: 'website', url: 'https://chuthapdo.example.vn/cong-khai/2025',
      publishedAt: '2026-03-20', contentSha256: before.body.sha256,
    });
    expectStatus(published, 201);
    const at = Number(published.body.position);
    const asPublished = await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?${YEAR_2025}&minPosition=${at}`);
    expect(asPublished.body.published).toEqual([expect.objectContaining({
      publicationId: published.body.publicationId, kind: 'annual-report', period: '2025', position: at, contentSha256: before.body.sha256, figuresChanged: false,
    })]);
    // The annual report is the year's finances: the disclosure of the same year was never the file published.
    expect((await auditor.get(`/v1/funds/${YEAR_FUND}/reports/disclosure?${YEAR_2025}&minPosition=${at}`)).body).not.toHaveProperty('published');
    // The report as it stood just before the publication was recorded is the file published, byte for byte.
    expect(asPublished.body.published[0]).toMatchObject({ positionThen: before.body.position, sha256Then: before.body.sha256, matchesPublished: true });
    // An emergency release of 2026 gives every financial report an emergency memo line, at 0 for 2025: no figure of 2025 changed.
    expectStatus(await accountant.post(`/v1/funds/${YEAR_FUND}/donations`, donationBody({ amount: '2000000', component: 'emergency-relief', reference: 'FT-2026-1' })), 201);
    const released = await coordinator.post(`/v1/funds/${YEAR_FUND}/emergency-releases`, { amount: '1000000', component: 'emergency-relief', incident: 'Sạt lở', recipient: 'Tổ cứu hộ thôn 2' });
    expectStatus(released, 201);
    const stillSame = await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?${YEAR_2025}&minPosition=${released.body.position}`);
    expect((stillSame.body.rows as { line: string }[]).map((row) => row.line)).toContain('memo.emergencyOutstanding');
    expect(stillSame.body.published).toEqual([expect.objectContaining({ position: at, figuresChanged: false })]);

    // A gift of August 2025 recorded late: the year's figures are no longer those published, and the report says so.
    const late = await gift('3000000', '2025-08-01T09:00:00+07:00', 'FT-2025-LATE');
    expectStatus(late, 201);
    const now = await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?${YEAR_2025}&minPosition=${late.body.position}`);
    expect(now.body.published).toEqual([expect.objectContaining({ position: at, positionThen: before.body.position, sha256Then: before.body.sha256, matchesPublished: true, figuresChanged: true })]);
    const then = await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?${YEAR_2025}&atPosition=${now.body.published[0].positionThen}`);
    expect(then.body.sha256).toBe(now.body.published[0].sha256Then);
    expect(then.body.sha256).toBe(before.body.sha256);
    // Outside the hashed content: the document's own sha256 is what it would be without it.
    const { published: _notHashed, sha256, ...content } = now.body as Record<string, unknown>;
    expect(sha256).toBe(canonicalJsonSha256(content));
    // Another period, or a file, carries nothing of it.
    expect((await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?from=2026-01-01&to=2026-12-31`)).body).not.toHaveProperty('published');
    const csv = await auditor.get(`/v1/funds/${YEAR_FUND}/reports/financial?${YEAR_2025}&format=csv`);
    expect(csv.text).not.toContain('pub-');
  });

  it('R26: a quarter\'s disclosure publication is stated by the disclosure of that quarter, not by its financial report', async () => {
    const QUARTER_FUND = 'quy-quy-da-cong-bo';
    const Q3 = 'from=2025-07-01&to=2025-09-30';
    await openFund(ledger, QUARTER_FUND);
    const gift = await accountant.post(`/v1/funds/${QUARTER_FUND}/donations`, donationBody({ amount: '5000000', receivedAt: '2025-08-01T09:00:00+07:00' }));
    expectStatus(gift, 201);
    // The file published is the disclosure with the gift in it: read once the registers hold it.
    const disclosure = await auditor.get(`/v1/funds/${QUARTER_FUND}/reports/disclosure?${Q3}&minPosition=${Number(gift.body.position)}`);
    const published = await accountant.post(`/v1/funds/${QUARTER_FUND}/publications`, {
      kind: 'quarterly-disclosure', period: '2025-Q3', channel: 'posting', publishedAt: '2025-10-15', contentSha256: disclosure.body.sha256,
    });
    expectStatus(published, 201);
    const after = `${Q3}&minPosition=${Number(published.body.position)}`;
    expect((await auditor.get(`/v1/funds/${QUARTER_FUND}/reports/disclosure?${after}`)).body.published)
      .toEqual([expect.objectContaining({ kind: 'quarterly-disclosure', period: '2025-Q3', matchesPublished: true, figuresChanged: false })]);
    expect((await auditor.get(`/v1/funds/${QUARTER_FUND}/reports/financial?${after}`)).body).not.toHaveProperty('published');
  });

  it('R26: a file published byte for byte matches it when other chapters of the ledger recorded gifts between its reading and its publication', async () => {
    const READ_FUND = 'quy-doc-truoc-cong-bo';
    const OTHER_FUND = 'quy-chi-hoi-ben-canh';
    const Q3 = 'from=2025-07-01&to=2025-09-30';
    await openFund(ledger, READ_FUND);
    await openFund(ledger, OTHER_FUND);
    const gift = await accountant.post(`/v1/funds/${READ_FUND}/donations`, donationBody({ amount: '5000000', receivedAt: '2025-08-01T09:00:00+07:00' }));
    expectStatus(gift, 201);
    const disclosure = await auditor.get(`/v1/funds/${READ_FUND}/reports/disclosure?${Q3}&minPosition=${Number(gift.body.position)}`);
    expectStatus(disclosure, 200);
    // Another chapter records two gifts meanwhile: nothing of this fund changes.
    for (const amount of ['1000000', '2000000']) expectStatus(await accountant.post(`/v1/funds/${OTHER_FUND}/donations`, donationBody({ amount })), 201);
    const published = await accountant.post(`/v1/funds/${READ_FUND}/publications`, {
      kind: 'quarterly-disclosure', period: '2025-Q3', channel: 'posting', publishedAt: '2025-10-15', contentSha256: disclosure.body.sha256,
    });
    expectStatus(published, 201);
    const now = await auditor.get(`/v1/funds/${READ_FUND}/reports/disclosure?${Q3}&minPosition=${Number(published.body.position)}`);
    // The position stated is the one the file was read at: the auditor reproduces it there.
    expect(now.body.published).toEqual([expect.objectContaining({
      positionThen: disclosure.body.position, sha256Then: disclosure.body.sha256, matchesPublished: true, figuresChanged: false,
    })]);
    const reproduced = await auditor.get(`/v1/funds/${READ_FUND}/reports/disclosure?${Q3}&atPosition=${String(now.body.published[0].positionThen)}`);
    expect(reproduced.body.sha256).toBe(disclosure.body.sha256);
    // A file the ledger never gave at any of those positions still does not match.
    const other = await accountant.post(`/v1/funds/${READ_FUND}/publications`, {
      kind: 'quarterly-disclosure', period: '2025-Q3', channel: 'posting', publishedAt: '2025-10-16', contentSha256: 'a'.repeat(64),
    });
    expectStatus(other, 201);
    const both = await auditor.get(`/v1/funds/${READ_FUND}/reports/disclosure?${Q3}&minPosition=${Number(other.body.position)}`);
    expect(both.body.published.map((p: { matchesPublished: boolean }) => p.matchesPublished)).toEqual([true, false]);
  });

  it('R22: a year entered after the fund was opened owes what the decree in force then asked: no day before March 2026 answers Decree 03/2026', async () => {
    const MOVED_FUND = 'quy-chuyen-sang-so';
    await openFund(ledger, MOVED_FUND);
    const gift = await accountant.post(`/v1/funds/${MOVED_FUND}/donations`, donationBody({ amount: '1000000', receivedAt: '2025-02-10T09:00:00+07:00' }));
    expectStatus(gift, 201);
    const then = await auditor.get(`/v1/funds/${MOVED_FUND}/obligations?year=2025&asOf=2025-04-30&minPosition=${Number(gift.body.position)}`);
    expectStatus(then, 200);
    expect(then.body.legalBasis).toBe('decree-93-2019');
    expect((then.body.obligations as Array<Record<string, unknown>>).find((o) => o.period === '2025-Q1')).toMatchObject({ legalReference: 'Nghị định 93/2019, Điều 38(4)' });
    expect((await auditor.get(`/v1/funds/${MOVED_FUND}/obligations?year=2026&asOf=2026-03-01`)).body.legalBasis).toBe('decree-03-2026');
  });

  it('R26: only admin and accountant record publications; an unknown fund is 404 everywhere', async () => {
    expectError(await coordinator.post(`/v1/funds/${FUND}/publications`, receipts()), 403, 'FORBIDDEN');
    expectError(await auditor.get('/v1/funds/khong-co/obligations'), 404, 'NOT_FOUND');
    expectError(await ledger.http().get('/v1/public/funds/khong-co/publications'), 404, 'NOT_FOUND');
  });
});

/** A signer of the test's own: it records the log size it saw, so the test can tell it signed before the append. */
class FakeSigner implements CheckpointSigner {
  calls = 0;
  constructor(private readonly store: () => EventStore) {}

  async signNow(): Promise<SignedCheckpoint> {
    this.calls += 1;
    const treeSize = await countEvents(this.store());
    return {
      origin: 'ctd-fund-ledger.test', treeSize, rootHash: Buffer.alloc(32, treeSize % 256).toString('base64'), timestamp: '2026-01-01T00:00:00Z',
      keyId: '00000000', signature: '', note: '',
    };
  }
}

describe('R26 a publication names the checkpoint signed just before it', () => {
  let app: NestFastifyApplication;
  let dataDir: string;
  const signer = new FakeSigner(() => app.get<EventStore>(EVENT_STORE));

  @Global()
  @Module({ providers: [{ provide: CHECKPOINT_SIGNER, useValue: signer }], exports: [CHECKPOINT_SIGNER] })
  class TestSignerModule {}

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-ledger-'));
    const config: LedgerConfig = {
      store: 'sqlite', eventStoreConnectionString: null, port: 0, adminToken: ADMIN_TOKEN, logLevel: 'silent', limits: limitsFromEnv(process.env), dataDir,
    };
    // Provided by a global module of the test, and over whatever provider the ledger registers itself.
    const moduleRef = await Test.createTestingModule({ imports: [TestSignerModule, AppModule.register(config)] })
      .overrideProvider(CHECKPOINT_SIGNER).useValue(signer)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureHttpApp(app, config, createPino(config));
    await app.get(AdminBootstrap).ensureAdmin();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await releaseTestData(dataDir);
  });

  it('R26: the PublicationMade event carries the tree size, root and time of the checkpoint signed before it was appended', async () => {
    const admin = (path: string, body?: object) => {
      const req = request(app.getHttpServer())[body ? 'post' : 'get'](path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      return body ? req.send(body) : req;
    };
    expectStatus(await admin('/v1/funds', { fundId: FUND, name: 'Quỹ công khai' }), 201);
    expectStatus(await admin(`/v1/funds/${FUND}/campaigns`, campaignBody(YAGI)), 201);
    const sizeBefore = await countEvents(app.get<EventStore>(EVENT_STORE));
    const recorded = await admin(`/v1/funds/${FUND}/publications`, receipts());
    expectStatus(recorded, 201);
    expect(signer.calls).toBe(1);
    expect(recorded.body.checkpoint).toEqual({
      treeSize: sizeBefore, rootHash: Buffer.alloc(32, sizeBefore % 256).toString('base64'), timestamp: '2026-01-01T00:00:00Z',
    });
    expect(recorded.body.position).toBe(sizeBefore + 1);
    const listed = await request(app.getHttpServer()).get(`/v1/public/funds/${FUND}/publications`);
    expect(listed.body.publications[0].checkpoint).toEqual(recorded.body.checkpoint);
  });
});

describe('R26: a publication dated by its day alone, looked back at an instant of that day', () => {
  const fund = 'quy-ngay-cong-bo';
  const noon = encodeURIComponent('2024-10-07T12:00:00+07:00');
  let ledger: TestLedger;
  let accountant: Client;
  let auditor: Client;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    auditor = client(ledger, (await ledger.user('Kiểm toán', ['auditor'])).token);
    await openFund(ledger, fund);
    // Receiving ends at the last second of 7 October; the call is made that day, before a second campaign starts receiving.
    expectStatus(await accountant.post(`/v1/funds/${fund}/campaigns`, campaignBody(YAGI)), 201);
    expectStatus(await accountant.post(`/v1/funds/${fund}/campaigns`, campaignBody({
      ...YAGI, campaignId: 'lu-thang-10', receiveFrom: '2024-10-07T12:00:00+07:00', receiveUntil: '2024-11-07T23:59:59+07:00', distributeUntil: '2024-11-27T23:59:59+07:00',
    })), 201);
  });
  afterAll(async () => ledger?.close());

  const obligation = async (kind: string, campaignId: string, query: string) => {
    const response = await auditor.get(`/v1/funds/${fund}/obligations?year=2024${query}`);
    expectStatus(response, 200);
    return (response.body.obligations as Array<Record<string, unknown>>).find((o) => o.kind === kind && o.campaignId === campaignId);
  };

  it('a total dated by the day receiving ends is taken at that day\'s end: at noon, with receiving still open, it was not yet published', async () => {
    // Accepted because it is taken after receiving ended; the look-back must take it at the same instant.
    expectStatus(await accountant.post(`/v1/funds/${fund}/publications`, receipts({ publishedAt: '2024-10-07' })), 201);
    expect(await obligation('campaign-receipts', 'bao-yagi', `&asOf=${noon}`)).toMatchObject({ status: 'due', publication: null });
    for (const path of [`/v1/funds/${fund}/publications?asOf=${noon}`, `/v1/public/funds/${fund}/publications?asOf=${noon}`]) {
      const listed = await auditor.get(path);
      expectStatus(listed, 200);
      expect((listed.body.publications as Array<{ campaignId: string }>).filter((p) => p.campaignId === 'bao-yagi')).toEqual([]);
    }
    // Looking back to the day itself (its end), it was published.
    expect(await obligation('campaign-receipts', 'bao-yagi', '&asOf=2024-10-07')).toMatchObject({ status: 'met', publication: { publicationId: 'pub-1', publishedAt: '2024-10-07' } });
  });

  it('a campaign\'s call dated by its day alone counts from that day\'s start, as its deadline (before receiving starts) takes it', async () => {
    expectStatus(await accountant.post(`/v1/funds/${fund}/publications`, receipts({ kind: 'campaign-call', campaignId: 'lu-thang-10', publishedAt: '2024-10-07' })), 201);
    expect(await obligation('campaign-call', 'lu-thang-10', `&asOf=${noon}`)).toMatchObject({ status: 'met', publication: { publicationId: 'pub-2', publishedAt: '2024-10-07' } });
  });
});
