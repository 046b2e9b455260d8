import { join } from 'node:path';
import Database from 'better-sqlite3';
import { journalText } from '../../src/audit/journal';
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { writeSmallLedger } from './ledger-fixture';
import { journalFromCsv, parseNdjson, recheckJournal } from './offline-recipe';

/** supertest buffers text bodies only for text/*; NDJSON is gathered by hand. */
function gatherText(raw: unknown, callback: (error: Error | null, body: string) => void): void {
  const response = raw as NodeJS.ReadableStream;
  let body = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    body += chunk;
  });
  response.on('end', () => callback(null, body));
}

describe('GET /v1/journal and GET /v1/audit/verify', () => {
  let ledger: TestLedger;
  let auditor: string;
  let accountant: string;
  let eventCount: number;

  beforeAll(async () => {
    ledger = await startTestLedger();
    await writeSmallLedger(ledger);
    auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
    accountant = (await ledger.user('Kế toán Mai', ['accountant'])).token;
    eventCount = await countEvents(ledger.store);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  const journal = (query: string, token = auditor) =>
    ledger.http().get(`/v1/journal${query}`).set('Authorization', `Bearer ${token}`).buffer(true).parse(gatherText);

  it('streams every stored event as NDJSON, and the offline recipe re-hashes all of them', async () => {
    const response = await journal('');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    // Streamed, not buffered: the length is not known in advance.
    expect(response.headers['content-length']).toBeUndefined();
    const lines = parseNdjson(response.body as string);
    expect(lines.map((line) => line.position)).toEqual(Array.from({ length: eventCount }, (_, i) => i + 1));
    expect(Object.keys(lines[0])).toEqual([
      'position', 'streamId', 'revision', 'eventId', 'type', 'data', 'metadata', 'previousHash', 'hash', 'globalPreviousHash', 'globalHash',
    ]);
    expect(recheckJournal(lines)).toEqual([]);
    // The recipe is not vacuous: one changed figure is caught at its line.
    const forged = lines.map((line) => (line.position === 6 ? { ...line, data: { ...(line.data as object), forged: true } } : line));
    expect(recheckJournal(forged)).toEqual([6]);
  });

  it('serves the same bytes as `ledger export` writes', async () => {
    const response = await journal('');
    let exported = '';
    for await (const chunk of journalText(ledger.store, 'ndjson')) exported += chunk;
    expect(response.body).toBe(exported);
  });

  it('starts at fromPosition (inclusive) and stops after limit', async () => {
    const response = await journal('?fromPosition=5&limit=3');
    expect(parseNdjson(response.body as string).map((line) => line.position)).toEqual([5, 6, 7]);
  });

  it('gives CSV with format=csv, which re-hashes offline too', async () => {
    const response = await ledger.http().get('/v1/journal?format=csv').set('Authorization', `Bearer ${auditor}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = journalFromCsv(response.text);
    expect(lines).toHaveLength(eventCount);
    expect(recheckJournal(lines)).toEqual([]);
  });

  it('refuses bad parameters with 400 and other roles with 403', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?fromPosition=-1', '?format=xml']) {
      const response = await ledger.http().get(`/v1/journal${query}`).set('Authorization', `Bearer ${auditor}`);
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await ledger.http().get('/v1/journal').set('Authorization', `Bearer ${accountant}`)).status).toBe(403);
    expect((await ledger.http().get('/v1/journal')).status).toBe(401);
    expect((await ledger.http().get('/v1/audit/verify').set('Authorization', `Bearer ${accountant}`)).status).toBe(403);
  });

  it('answers verify for auditors and admins: the log is whole', async () => {
    for (const token of [auditor, ADMIN_TOKEN]) {
      const response = await ledger.http().get('/v1/audit/verify').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ok: true, eventsChecked: eventCount });
      expect(response.body.firstBadPosition).toBeUndefined();
    }
  });

  it('names the first bad position once the file is tampered with under the running server', async () => {
    const target = 7;
    const db = new Database(join(ledger.dataDir, 'ledger.db'));
    try {
      const { data } = db.prepare('SELECT data FROM events WHERE position = ?').get(target) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data.replace(/}$/, ',"x":1}'), target);
    } finally {
      db.close();
    }
    const response = await ledger.http().get('/v1/audit/verify').set('Authorization', `Bearer ${auditor}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: false, firstBadPosition: target, reason: 'hash_mismatch', eventsChecked: target - 1 });
  });
});
