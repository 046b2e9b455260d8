/**
 * As-of balances are computed from the log, not approximated: while the scripted history is
 * written, the live balance is recorded after every command (read-your-writes on its position)
 * together with the instant it was read; afterwards, `?atPosition=` and `?recordedBefore=` (the
 * recording clock, v1's asOf) at each recorded point must answer exactly what the live projection
 * answered then. (`?asOf=` is a business date: see look-back-dates.http.test.ts.)
 */
import './esm-interop';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { FUND, writeHistory } from './scripted-history';

interface Recorded {
  commandPosition: number;
  /** The instant right after the live balance was read: later than every event it reflects. */
  atMs: number;
  live: Record<string, unknown> & { asOfPosition: number };
}

let ledger: TestLedger;
const recorded: Recorded[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const balance = (query: string) => ledger.http().get(`/v1/funds/${FUND}/balance?${query}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);

/** An instant as Vietnam time with milliseconds, the way an auditor would type it. */
function vietnamIso(ms: number): string {
  return `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 23)}+07:00`;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  await writeHistory(ledger, {
    afterCommand: async (position) => {
      if (!Number.isSafeInteger(position) || position <= 0) throw new Error(`a command answered without a position: ${position}`);
      const response = await balance(`minPosition=${position}`);
      if (response.status !== 200) throw new Error(`live balance at ${position}: ${response.status} ${JSON.stringify(response.body)}`);
      recorded.push({ commandPosition: position, atMs: Date.now(), live: response.body });
      // The next command is recorded at a later millisecond than this instant.
      await sleep(3);
    },
  });
}, 60_000);
afterAll(async () => ledger?.close());

describe('balances as of a position and as of a date', () => {
  it('the scripted history moved the balance at almost every command', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(18);
    for (const point of recorded) expect(point.live.asOfPosition).toBeGreaterThanOrEqual(point.commandPosition);
    const distinct = new Set(recorded.map((point) => JSON.stringify({ ...point.live, asOfPosition: 0 })));
    expect(distinct.size).toBeGreaterThanOrEqual(12);
  });

  it('?atPosition= at each recorded point equals the live balance recorded there, exactly', async () => {
    for (const point of recorded) {
      const response = await balance(`atPosition=${point.live.asOfPosition}`);
      expect(response.status).toBe(200);
      expect({ at: point.live.asOfPosition, body: response.body }).toEqual({ at: point.live.asOfPosition, body: point.live });
    }
  });

  it('?recordedBefore= at each recorded instant equals the live balance recorded there, exactly', async () => {
    for (const point of recorded) {
      const asOf = vietnamIso(point.atMs);
      const response = await balance(`recordedBefore=${encodeURIComponent(asOf)}`);
      expect(response.status).toBe(200);
      expect({ asOf, body: response.body }).toEqual({ asOf, body: point.live });
    }
  });

  it('the same instant written in UTC answers the same', async () => {
    const point = recorded[Math.floor(recorded.length / 2)];
    const response = await balance(`recordedBefore=${encodeURIComponent(new Date(point.atMs).toISOString())}`);
    expect(response.body).toEqual(point.live);
  });

  it('before the fund was opened there is no such fund (404 naming it, as reports and the management cost answer), and a bad bound is refused', async () => {
    const before = await balance(`recordedBefore=${encodeURIComponent(vietnamIso(recorded[0].atMs - 60 * 60_000))}`);
    expect(before.status).toBe(404);
    expect(before.body.error).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'fund', atPosition: 0 } });
    expect(before.body.error.message).toContain(FUND);
    expect((await balance('recordedBefore=yesterday')).status).toBe(400);
    expect((await balance('atPosition=-1')).status).toBe(400);
  });
});
