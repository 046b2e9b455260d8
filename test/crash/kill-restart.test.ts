import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SeededRandom } from '../soak/support/random';
import { buildLedgerOnce, LedgerProcess, runLedgerCli } from '../soak/support/ledger-process';
import { report, seedFromEnv, sizeFromEnv } from '../soak/support/size';
import { type Answer, ConnectionLost, requestJson } from '../soak/support/http-client';

/**
 * Crash safety of the real server process on a real SQLite file. A load generator sends
 * donations, disbursement requests, approvals, payments and rejections over HTTP, each with an
 * Idempotency-Key, and records every answer. The test kills the server with SIGKILL at seeded
 * random moments, restarts it on the same data folder, resends every request that got no answer
 * with the same key and body, and goes on. At the end every answered command is in the log
 * exactly once, `ledger verify` passes, the read models equal a fresh replay, and no pool ever
 * paid out or held more than it received (recomputed from the log, event by event).
 *
 * The same for the bulk statement import: killed while it books a large file, it is sent again
 * after each restart until it answers; in the end every line is booked exactly once.
 *
 * Size: CRASH_KILLS (3 in npm test, 20 with SOAK=1); CRASH_IMPORT_KILLS (2, 8) during an import of
 * CRASH_IMPORT_ROWS lines (5,000, 50,000); CRASH_SEED replays a run's kill timing.
 */
const KILLS = sizeFromEnv('CRASH_KILLS', 3, 20);
const IMPORT_KILLS = sizeFromEnv('CRASH_IMPORT_KILLS', 2, 8);
const IMPORT_ROWS = sizeFromEnv('CRASH_IMPORT_ROWS', 5000, 50_000);
/** A full audit (every hash, every projection replayed) of the soak's 50,000 lines on a busy machine. */
const VERIFY_TIMEOUT_MS = 300_000;
const SEED = seedFromEnv('CRASH_SEED');
const WORKERS = 6;
const ADMIN_TOKEN = 'crash-admin-token-0123456789abcdef';
const FUND = 'quy-chiu-loi';
const LARGE_ABOVE = 60_000_000n;

type Kind = 'donation' | 'request' | 'approve' | 'reject' | 'pay';
type UserName = 'accountant' | 'approverA' | 'approverB';

interface Command {
  n: number;
  kind: Kind;
  user: UserName;
  key: string;
  path: string;
  body: Record<string, unknown>;
  sends: number;
  answer?: Answer;
  /** Resent after a crash, and the log already had it: the first answer was lost with the process. */
  committedBeforeAnswer?: boolean;
}

/** What each status a command may answer; anything else (a 5xx, a 409) is a failure. */
const ALLOWED: Record<Kind, string[]> = {
  donation: ['201'],
  request: ['201', '422 INSUFFICIENT_FUNDS'],
  approve: ['200', '422 INVALID_STATE', '422 DUPLICATE_APPROVAL'],
  reject: ['200', '422 INVALID_STATE'],
  pay: ['200', '422 INVALID_STATE'],
};

const outcomeOf = (answer: Answer) => (answer.status < 300 ? String(answer.status) : `${answer.status} ${(answer.body.error as { code?: string } | undefined)?.code}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The client's view of disbursements, from answers only: what the generator may act on next. */
interface KnownDisbursement {
  id: string;
  status: string;
  approvedBy: Set<UserName>;
}

class LoadGenerator {
  readonly commands: Command[] = [];
  readonly inDoubt: Command[] = [];
  readonly unexpected: string[] = [];
  readonly disbursements = new Map<string, KnownDisbursement>();
  private inFlight = 0;
  private serverUp: Promise<void> = Promise.resolve();
  private releaseServer: () => void = () => undefined;
  private down = false;
  private stopping = false;

  constructor(private readonly random: SeededRandom, private readonly tokens: Record<UserName, string>, public baseUrl: string) {}

  /** From now on requests are expected to fail: the server is being killed. */
  markDown(): void {
    this.down = true;
    this.serverUp = new Promise((resolve) => (this.releaseServer = resolve));
  }

  markUp(baseUrl: string): void {
    this.baseUrl = baseUrl;
    this.down = false;
    this.releaseServer();
  }

  async settled(): Promise<void> {
    while (this.inFlight > 0) await sleep(5);
  }

  run(): Promise<void[]> {
    return Promise.all(Array.from({ length: WORKERS }, () => this.worker()));
  }

  stop(): void {
    this.stopping = true;
  }

  private async worker(): Promise<void> {
    while (!this.stopping) {
      await this.serverUp;
      if (this.stopping) return;
      await this.send(this.next());
    }
  }

  /** Sends once. Without an answer the command is in doubt until it is resent after a restart. */
  async send(command: Command): Promise<void> {
    command.sends += 1;
    this.inFlight += 1;
    try {
      const answer = await requestJson(this.baseUrl, 'POST', command.path, {
        token: this.tokens[command.user], body: command.body, idempotencyKey: command.key,
      });
      this.record(command, answer);
    } catch (error) {
      if (!(error instanceof ConnectionLost)) throw error;
      if (!this.down) this.unexpected.push(`#${command.n} ${command.kind}: connection lost while the server was up: ${error.message}`);
      this.inDoubt.push(command);
    } finally {
      this.inFlight -= 1;
    }
  }

  private record(command: Command, answer: Answer): void {
    command.answer = answer;
    const outcome = outcomeOf(answer);
    if (!ALLOWED[command.kind].includes(outcome)) {
      this.unexpected.push(`#${command.n} ${command.kind} ${command.path}: ${outcome} ${JSON.stringify(answer.body).slice(0, 300)}`);
      return;
    }
    if (answer.status >= 300) return;
    const id = String(answer.body.disbursementId ?? '');
    if (command.kind === 'request') this.disbursements.set(id, { id, status: 'requested', approvedBy: new Set() });
    const known = this.disbursements.get(id);
    if (!known || command.kind === 'request') return;
    if (command.kind === 'approve') known.approvedBy.add(command.user);
    known.status = String(answer.body.status);
  }

  private next(): Command {
    const n = this.commands.length + 1;
    const kind = this.random.weighted({ donation: 35, request: 30, approve: 20, pay: 10, reject: 5 });
    const made = this.make(kind, n) ?? this.make('donation', n);
    const command: Command = { n, sends: 0, key: `crash-${SEED}-${n}`, ...(made as Omit<Command, 'n' | 'sends' | 'key'>) };
    this.commands.push(command);
    return command;
  }

  private candidates(status: string): KnownDisbursement[] {
    return [...this.disbursements.values()].filter((d) => d.status === status);
  }

  private make(kind: Kind, n: number): Omit<Command, 'n' | 'sends' | 'key'> | undefined {
    const million = (from: number, to: number) => `${this.random.int(from, to)}000000`;
    const base = `/v1/funds/${FUND}`;
    switch (kind) {
      case 'donation':
        return {
          kind, user: 'accountant', path: `${base}/donations`,
          body: {
            amount: million(1, 100), channel: this.random.pick(['cash', 'bank_transfer', 'online']), receivedAt: new Date().toISOString().replace('Z', '+00:00'),
            donor: { name: `Nhà hảo tâm ${n}`, kind: 'individual' }, component: this.random.pick(['general', 'emergency-relief']), reference: `FT-${n}`,
          },
        };
      case 'request':
        return {
          kind, user: 'accountant', path: `${base}/disbursements`,
          body: { amount: million(1, 120), kind: 'relief', component: 'general', purpose: `Hỗ trợ đợt ${n}`, beneficiary: 'UBND xã An Phú' },
        };
      case 'approve': {
        const target = this.random.pick([...this.candidates('requested'), undefined]);
        if (!target) return undefined;
        const user = this.random.pick<UserName>(['approverA', 'approverB']);
        return { kind, user, path: `${base}/disbursements/${target.id}/approve`, body: { note: `Duyệt ${n}` } };
      }
      case 'pay': {
        const target = this.random.pick([...this.candidates('approved'), undefined]);
        if (!target) return undefined;
        return { kind, user: 'approverA', path: `${base}/disbursements/${target.id}/pay`, body: { paidAt: new Date().toISOString().replace('Z', '+00:00'), reference: `UNC-${n}` } };
      }
      case 'reject': {
        const target = this.random.pick([...this.candidates('requested'), ...this.candidates('approved'), undefined]);
        if (!target) return undefined;
        return { kind, user: 'approverB', path: `${base}/disbursements/${target.id}/reject`, body: { reason: `Thiếu hồ sơ ${n}` } };
      }
    }
  }
}

interface EventRow {
  position: number;
  stream_id: string;
  type: string;
  data: string;
  idempotency_key: string | null;
}

/**
 * Folds the log in order, pool by pool, and fails at the first event after which a pool has paid
 * out and held more than it received: money spent twice would show here.
 */
function checkMoneyFromLog(events: EventRow[]): Map<string, { received: bigint; paid: bigint; held: bigint }> {
  const pools = new Map<string, { received: bigint; paid: bigint; held: bigint }>();
  const disbursements = new Map<string, { pool: string; amount: bigint; status: string; approvals: number; required: number }>();
  const poolOf = (key: string) => {
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = { received: 0n, paid: 0n, held: 0n }));
    return pool;
  };
  for (const event of events) {
    const data = JSON.parse(event.data) as Record<string, string | number | boolean | null>;
    const where = `at position ${event.position} (${event.type})`;
    switch (event.type) {
      case 'DonationRecorded':
        if (data.cash) poolOf(`${data.component}#${data.restrictionId}`).received += BigInt(String(data.amountVnd));
        break;
      case 'DisbursementRequested': {
        const id = String(data.disbursementId);
        if (disbursements.has(id)) throw new Error(`${id} requested twice ${where}`);
        const pool = `${data.component}#${data.restrictionId}`;
        disbursements.set(id, { pool, amount: BigInt(String(data.amount)), status: 'requested', approvals: 0, required: Number(data.approvalsRequired) });
        poolOf(pool).held += BigInt(String(data.amount));
        break;
      }
      case 'DisbursementApproved': {
        const d = disbursements.get(String(data.disbursementId));
        if (!d || d.status !== 'requested') throw new Error(`approval of ${data.disbursementId} in state ${d?.status} ${where}`);
        d.approvals += 1;
        if (d.approvals >= d.required) d.status = 'approved';
        break;
      }
      case 'DisbursementRejected':
      case 'DisbursementPaid': {
        const d = disbursements.get(String(data.disbursementId));
        const from = event.type === 'DisbursementPaid' ? ['approved'] : ['requested', 'approved'];
        if (!d || !from.includes(d.status)) throw new Error(`${event.type} of ${data.disbursementId} in state ${d?.status} ${where}`);
        const pool = poolOf(d.pool);
        pool.held -= d.amount;
        if (event.type === 'DisbursementPaid') pool.paid += d.amount;
        d.status = event.type === 'DisbursementPaid' ? 'paid' : 'rejected';
        break;
      }
      default:
        break;
    }
    for (const [key, pool] of pools) {
      if (pool.paid + pool.held > pool.received) {
        throw new Error(`pool ${key} paid ${pool.paid} and holds ${pool.held} but received only ${pool.received} ${where}`);
      }
    }
  }
  return pools;
}

describe(`crash safety: SIGKILL the server ${KILLS} times under load (seed ${SEED})`, () => {
  let buildRoot: string;
  let dataDir: string;
  let server: LedgerProcess | undefined;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-crash-'));
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => (server = await LedgerProcess.start(buildRoot, { dataDir, adminToken: ADMIN_TOKEN }));

  it('keeps every answered command exactly once, verifies, and never spends a dong twice', async () => {
    report(`crash suite: seed ${SEED} (replay with CRASH_SEED=${SEED}), ${KILLS} kills`);
    const random = new SeededRandom(SEED);
    let ledger = await start();
    const admin = (method: 'GET' | 'POST', path: string, body?: unknown) => requestJson(ledger.baseUrl, method, path, { token: ADMIN_TOKEN, body });

    // Setup, before any kill: the users (a lost answer would lose a token) and the fund.
    const users = {} as Record<UserName, { userId: string; token: string }>;
    for (const [name, role] of [['accountant', 'accountant'], ['approverA', 'approver'], ['approverB', 'approver']] as const) {
      const created = await admin('POST', '/v1/users', { name, roles: [role] });
      expect(created.status).toBe(201);
      users[name] = { userId: String(created.body.userId), token: String(created.body.token) };
    }
    const policy = { approvals: [{ above: '0', approvers: 1 }, { above: String(LARGE_ABOVE), approvers: 2 }] };
    expect((await admin('POST', '/v1/funds', { fundId: FUND, name: 'Quỹ chịu lỗi', policy })).status).toBe(201);

    const tokens = Object.fromEntries(Object.entries(users).map(([name, user]) => [name, user.token])) as Record<UserName, string>;
    const load = new LoadGenerator(random, tokens, ledger.baseUrl);
    const running = load.run();
    let inDoubtTotal = 0;
    let lostAnswers = 0;

    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(random.int(150, 1500));
      load.markDown();
      await ledger.kill();
      await load.settled();
      ledger = await start();
      const health = await requestJson(ledger.baseUrl, 'GET', '/health');
      const headAtRestart = Number((health.body.info as Record<string, { headPosition?: number }>).eventStore.headPosition);
      load.baseUrl = ledger.baseUrl;

      // Every request that got no answer is sent again with the same key and the same body.
      const resend = load.inDoubt.splice(0).sort((a, b) => a.n - b.n);
      inDoubtTotal += resend.length;
      for (const command of resend) {
        await load.send(command);
        const answer = command.answer;
        if (answer && answer.status < 300 && Number(answer.body.position) <= headAtRestart) {
          command.committedBeforeAnswer = true;
          lostAnswers += 1;
        }
      }
      expect(load.inDoubt).toEqual([]);
      // The log and the read models are whole after every crash, not only at the end.
      const verified = await admin('GET', '/v1/audit/verify');
      expect(verified.body).toMatchObject({ ok: true });
      load.markUp(ledger.baseUrl);
    }

    await sleep(random.int(200, 800));
    load.stop();
    await running;
    await load.settled();
    expect(load.inDoubt).toEqual([]);
    expect(load.unexpected).toEqual([]);

    const answered = load.commands.filter((c) => c.answer !== undefined);
    expect(answered).toHaveLength(load.commands.length);
    const lastPosition = Math.max(...answered.filter((c) => c.answer!.status < 300).map((c) => Number(c.answer!.body.position)));
    const balance = await admin('GET', `/v1/funds/${FUND}/balance?minPosition=${lastPosition}`);
    expect(balance.status).toBe(200);
    const stopped = await ledger.stop();
    expect(stopped.signal === 'SIGTERM' || stopped.code === 0).toBe(true);

    // `ledger verify`: chains, revisions, positions, decoding, and every read model against a fresh replay.
    const verify = runLedgerCli(buildRoot, ['verify', '--json', '--quiet'], dataDir);
    expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
    const verdict = JSON.parse(verify.stdout) as { ok: boolean; eventsChecked: number; projections: { name: string; matches: boolean | null }[] };
    expect(verdict.ok).toBe(true);
    for (const projection of verdict.projections) expect({ name: projection.name, matches: projection.matches }).toEqual({ name: projection.name, matches: true });

    const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
    let events: EventRow[];
    try {
      events = db.prepare('SELECT position, stream_id, type, data, idempotency_key FROM events ORDER BY position').all() as EventRow[];
    } finally {
      db.close();
    }
    expect(verdict.eventsChecked).toBe(events.length);

    // Every answered command is in the log exactly once (found by its scoped key), at the position
    // it was answered with; every refused one left nothing; no keyed event is unaccounted for.
    const byKey = new Map<string, EventRow[]>();
    for (const event of events) if (event.idempotency_key !== null) byKey.set(event.idempotency_key, [...(byKey.get(event.idempotency_key) ?? []), event]);
    const problems: string[] = [];
    const accounted = new Set<string>();
    for (const command of load.commands) {
      const scopedKey = `${users[command.user].userId}/${command.key}`;
      accounted.add(scopedKey);
      const stored = byKey.get(scopedKey) ?? [];
      const answer = command.answer!;
      if (answer.status >= 300) {
        if (stored.length !== 0) problems.push(`#${command.n} ${command.kind} was refused (${outcomeOf(answer)}) but left ${stored.length} event(s)`);
        continue;
      }
      if (stored.length !== 1) {
        problems.push(`#${command.n} ${command.kind} (sent ${command.sends}×) is in the log ${stored.length} times`);
        continue;
      }
      const [event] = stored;
      const data = JSON.parse(event.data) as Record<string, unknown>;
      if (event.position !== answer.body.position) problems.push(`#${command.n} answered position ${answer.body.position}, stored at ${event.position}`);
      const id = command.kind === 'donation' ? data.donationId : data.disbursementId;
      const answeredId = command.kind === 'donation' ? answer.body.donationId : answer.body.disbursementId;
      if (id !== answeredId) problems.push(`#${command.n} answered ${String(answeredId)}, stored ${String(id)}`);
    }
    for (const key of byKey.keys()) if (!accounted.has(key)) problems.push(`an event carries key ${key}, which no command sent`);
    expect(problems).toEqual([]);

    // No money spent twice, recomputed from the log event by event; the live balance agrees.
    const pools = checkMoneyFromLog(events);
    const total = { received: 0n, paid: 0n, held: 0n };
    for (const pool of pools.values()) {
      total.received += pool.received;
      total.paid += pool.paid;
      total.held += pool.held;
    }
    expect(balance.body).toMatchObject({ received: String(total.received), disbursed: String(total.paid), held: String(total.held) });

    const outcomes: Record<string, number> = {};
    for (const command of load.commands) outcomes[`${command.kind} ${outcomeOf(command.answer!)}`] = (outcomes[`${command.kind} ${outcomeOf(command.answer!)}`] ?? 0) + 1;
    report(
      `crash suite: ${KILLS} SIGKILLs survived; ${load.commands.length} commands answered, ${events.length} events; ` +
        `${inDoubtTotal} requests in doubt at a kill were resent, ${lostAnswers} of them had committed before their answer was lost; ` +
        `outcomes ${JSON.stringify(outcomes)}`,
    );
    expect(inDoubtTotal).toBeGreaterThan(0);
  }, 600_000);
});

describe(`crash safety of the statement import: SIGKILL while ${IMPORT_ROWS} lines are booked, ${IMPORT_KILLS} times (seed ${SEED})`, () => {
  let buildRoot: string;
  let dataDir: string;
  let server: LedgerProcess | undefined;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-crash-import-'));
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A generic statement (api.md): one credit line per donor, each a distinct transfer. */
  function statement(rows: number): Buffer {
    const lines = ['date,reference,credit,description,counterparty'];
    for (let i = 1; i <= rows; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      lines.push(`${day}/05/2026,FT26${String(i).padStart(8, '0')},${(i % 50) + 1}0000,Ung ho quy chu thap do lan ${i},Nha hao tam ${i}`);
    }
    return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }

  it('books every line exactly once, however often it is killed and sent again', async () => {
    const random = new SeededRandom(SEED + 1);
    let ledger = (server = await LedgerProcess.start(buildRoot, { dataDir, adminToken: ADMIN_TOKEN }));
    const created = await requestJson(ledger.baseUrl, 'POST', '/v1/users', { token: ADMIN_TOKEN, body: { name: 'Kế toán', roles: ['accountant'] } });
    const accountant = String(created.body.token);
    expect((await requestJson(ledger.baseUrl, 'POST', '/v1/funds', { token: ADMIN_TOKEN, body: { fundId: 'quy-nhap', name: 'Quỹ nhập sao kê' } })).status).toBe(201);
    const file = statement(IMPORT_ROWS);
    const importInto = async (base: string): Promise<Answer> => {
      const response = await fetch(`${base}/v1/funds/quy-nhap/imports?bankAccount=0011001932418`, {
        method: 'POST', headers: { authorization: `Bearer ${accountant}`, 'content-type': 'text/csv; charset=utf-8' }, body: file, signal: AbortSignal.timeout(300_000),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    // Lines booked so far, read from the log file by another connection while the server writes it.
    const reader = new Database(join(dataDir, 'ledger.db'), { readonly: true, fileMustExist: true });
    const booked = () => (reader.prepare("SELECT count(*) AS n FROM events WHERE stream_id LIKE 'ctd.donations.quy-nhap.%'").get() as { n: number }).n;

    let interrupted = 0;
    let answer: Answer | undefined;
    try {
      while (answer === undefined) {
        const before = booked();
        // fetch rejects with an error of another realm than jest's: tell the outcomes apart by shape, not instanceof.
        let settled = false;
        const attempt = importInto(ledger.baseUrl).then((a) => ({ answer: a }), (error: unknown) => ({ error })).finally(() => (settled = true));
        if (interrupted < IMPORT_KILLS && IMPORT_ROWS - before > 1000) {
          // Kill once the import has booked a seeded share of the first half of what was left, more than one batch
          // (1,000 lines) short of the end: lines are booked a batch at a time, so the kill lands in the middle of the
          // import, never before or after it, and later runs still have lines left to be killed in.
          const target = before + random.int(1, Math.max(1, Math.floor((IMPORT_ROWS - before - 1000) / 2)));
          while (!settled && booked() < target) await sleep(2);
          if (!settled) {
            await ledger.kill();
            const outcome = await attempt;
            if ('answer' in outcome) answer = outcome.answer;
            else interrupted += 1;
            ledger = server = await LedgerProcess.start(buildRoot, { dataDir, adminToken: ADMIN_TOKEN });
            continue;
          }
        }
        const outcome = await attempt;
        if ('error' in outcome) throw new Error(`the import got no answer from a server that was not killed: ${String(outcome.error)}`);
        answer = outcome.answer;
      }
    } finally {
      reader.close();
    }
    expect(interrupted).toBeGreaterThanOrEqual(1);
    expect(answer.status).toBe(200);
    expect(Number(answer.body.imported) + Number(answer.body.duplicates)).toBe(IMPORT_ROWS);
    expect(answer.body.rejectedCount).toBe(0);

    const verified = await requestJson(ledger.baseUrl, 'GET', '/v1/audit/verify', { token: ADMIN_TOKEN, timeoutMs: VERIFY_TIMEOUT_MS });
    expect(verified.body).toMatchObject({ ok: true });
    await ledger.stop();
    const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT data FROM events WHERE type = 'DonationRecorded' AND stream_id LIKE 'ctd.donations.quy-nhap.%' ORDER BY position").all() as { data: string }[];
      const donations = rows.map((row) => JSON.parse(row.data) as { reference: string; receiptNo: string; source: { rowId: string } | null });
      // Each line exactly once: as many donations as lines, each reference once, each row identity once.
      expect(donations).toHaveLength(IMPORT_ROWS);
      expect(new Set(donations.map((d) => d.reference)).size).toBe(IMPORT_ROWS);
      expect(new Set(donations.map((d) => d.source?.rowId)).size).toBe(IMPORT_ROWS);
      // Receipt numbers run 1…N without a gap: no batch was half written.
      expect(donations.map((d) => Number(d.receiptNo.split('-')[1]))).toEqual(donations.map((_d, i) => i + 1));
    } finally {
      db.close();
    }
    const verify = runLedgerCli(buildRoot, ['verify', '--json', '--quiet'], dataDir);
    expect({ status: verify.status, ok: (JSON.parse(verify.stdout || '{}') as { ok?: boolean }).ok }).toEqual({ status: 0, ok: true });
    report(`crash suite: statement import of ${IMPORT_ROWS} lines killed ${interrupted} times in the middle; the last run booked ${String(answer.body.imported)} and found ${String(answer.body.duplicates)} already booked; every line once`);
  }, 600_000);
});
