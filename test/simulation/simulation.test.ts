import type { AddressInfo } from 'node:net';
import { EsdbProtocolTestServer } from '../eventstoredb-test-server/esdb-protocol-test-server';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { report, seedFromEnv, sizeFromEnv, SOAK } from '../soak/support/size';
import { formatSteps, newStats, type RunStats, SimulationHarness, type SimulationFailure } from './simulation-harness';
import { FUND_TOKEN, type Step, vietnamTimestamp } from './command-generator';
import type { Command, Role, SimUser } from './reference-model';

/**
 * Seeded simulation against a naive reference model (TigerBeetle's VOPR in miniature): each seed
 * draws a sequence of every command of the API (funds, policy versions, closed periods, campaigns,
 * donations in VND, foreign currency and in kind, restricted and disaster money, campaign pools
 * named either way, disbursements and their approvals, rejections and payments, emergency
 * releases and settlements, reversals of every money entry, business dates now, past, in closed
 * periods and too far ahead, retries and reused keys, refused and invalid commands, and steps
 * that race several commands at once) and runs it
 * on a fresh fund of one real ledger (in process, SQLite on a temporary file, over HTTP). After
 * every step each answer and every balance figure must be what the model predicts; for racing
 * steps, what it predicts for some order of the commands. After the last step, each year's
 * management-cost working, the policy history and each campaign's registers must be the
 * model's too. A failure prints the seed and the shortest failing sequence found.
 *
 * Size: SIM_SEEDS (200 in npm test, 5,000 with SOAK=1), SIM_STEPS per seed (30, 50),
 * SIM_ESDB_SEEDS on the EventStoreDB adapter (6, 200). SIM_SEED sets the first seed: a failing
 * seed replays alone with SIM_SEED=<seed> SIM_SEEDS=1.
 */
const SEEDS = sizeFromEnv('SIM_SEEDS', 200, 5000);
const STEPS = sizeFromEnv('SIM_STEPS', 30, 50);
const ESDB_SEEDS = sizeFromEnv('SIM_ESDB_SEEDS', 6, 200);
const FIRST_SEED = seedFromEnv('SIM_SEED');
const CHUNK = 25;
/** Distinct failures shrunk per run: shrinking replays many prefixes. */
const SHRINK_LIMIT = 3;
/**
 * Seeds per application. One application serves many seeds (fresh fund ids), but its read models
 * grow with every fund, and a step slows down as they grow (about tenfold by 2,500 funds): the
 * soak starts a fresh application every RECYCLE seeds so its length grows with the seeds only.
 */
const RECYCLE = 250;

const USERS: [string, Role[]][] = [
  ['acc', ['accountant']], ['dual', ['accountant', 'approver']], ['appr1', ['approver']], ['appr2', ['approver']], ['appr3', ['approver']],
  ['coord', ['coordinator']], ['aud', ['auditor']],
];

/**
 * Every answer the generator is meant to provoke; a run of 100+ seeds that never saw one is a blind
 * spot. The generator aims at the rare ones on purpose (about 20 or more of each in 200 seeds, from
 * a dozen seeds or more), so a miss means it lost its aim, not that the seeds were unlucky.
 */
const EXPECTED_OUTCOMES = [
  '200', '201', '400 VALIDATION_FAILED', '403 FORBIDDEN', '404 NOT_FOUND', '409 ALREADY_EXISTS', '409 IDEMPOTENCY_KEY_REUSED',
  '422 INSUFFICIENT_FUNDS', '422 RESTRICTION_MISMATCH', '422 SELF_APPROVAL_FORBIDDEN', '422 DUPLICATE_APPROVAL', '422 INVALID_STATE',
  '422 CERTIFICATION_REQUIRED', '422 EMERGENCY_CAP_EXCEEDED', '422 MANAGEMENT_COST_CAP_EXCEEDED', '422 ALREADY_REVERSED',
  '422 SETTLEMENT_MISMATCH', '422 EVIDENCE_REQUIRED', '422 CAMPAIGN_CLOSED', '422 CAMPAIGN_NOT_OPEN', '422 UNKNOWN_COMPONENT',
  '422 INVALID_CAMPAIGN_WINDOW', '422 CAMPAIGN_WINDOW_EXCEEDED', '422 INVALID_POLICY',
  '422 FUTURE_DATE', '422 DATE_BEFORE_REQUEST', '422 PERIOD_CLOSED', '422 EMERGENCY_OPEN_LIMIT_EXCEEDED', '422 SETTLEMENT_OVERDUE',
  '422 SELF_PAYMENT_FORBIDDEN', '422 PERIOD_NOT_ENDED', '422 EFFECTIVE_DATE_IN_PAST', '422 EFFECTIVE_DATE_BEFORE_SCHEDULED',
];

const DAY = 86_400_000;

/**
 * The answer the seeds reach too seldom to count on in every run (SETTLEMENT_OVERDUE: 0 to 12
 * times in 200 seeds in seven runs, 0 once; it needs a release dated back past its settlement window
 * that the pool could pay on that date, still open at the coordinator's next release), provoked
 * by a sequence of its own and checked against the model as every seed's steps are: a gift two
 * months back, a release dated 45 days back (the policy's default window is 30 days), then the
 * coordinator's next release.
 */
function overdueSequence(now: number): Step[] {
  const onFund = (label: string, user: string, path: string, body: Record<string, unknown>): Step => ({
    commands: [{ label, user, method: 'POST', path: `/v1/funds/${FUND_TOKEN}${path}`, body, key: null } satisfies Command],
  });
  const release = { amount: '1000000', component: 'emergency-relief', incident: 'Lũ quét xã Làng Nủ', recipient: 'Hội CTĐ huyện Bảo Yên' };
  return [
    { commands: [{ label: 'open fund', user: 'admin', method: 'POST', path: '/v1/funds', key: null, body: { fundId: FUND_TOKEN, name: `Quỹ mô phỏng ${FUND_TOKEN}`, policy: {}, components: ['general', 'emergency-relief'] } }] },
    onFund('donation vnd (scripted)', 'acc', '/donations', {
      amount: '10000000', channel: 'bank_transfer', receivedAt: vietnamTimestamp(now - 60 * DAY), donor: { name: 'Nguyễn Văn An', kind: 'individual' }, component: 'emergency-relief',
    }),
    onFund('release past its settlement window (scripted)', 'coord', '/emergency-releases', { ...release, releasedAt: vietnamTimestamp(now - 45 * DAY) }),
    onFund('release with one overdue (scripted)', 'coord', '/emergency-releases', release),
  ];
}

interface Backend {
  ledger: TestLedger;
  harness: SimulationHarness;
  stop(): Promise<void>;
}

async function startBackend(prefix: string, esdb?: EsdbProtocolTestServer): Promise<Backend> {
  const ledger = await startTestLedger(esdb ? { store: 'eventstoredb', eventStoreConnectionString: esdb.connectionString } : { store: 'sqlite' });
  await ledger.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ledger.app.getHttpServer().address() as AddressInfo;
  const users = new Map<string, SimUser>([['admin', { name: 'admin', userId: 'admin', roles: ['admin'] }]]);
  const tokens = new Map<string, string>([['admin', ADMIN_TOKEN]]);
  for (const [name, roles] of USERS) {
    const created = await ledger.user(name, roles);
    users.set(name, { name, userId: created.userId, roles });
    tokens.set(name, created.token);
  }
  const harness = new SimulationHarness(`http://127.0.0.1:${port}`, ledger.store, users, tokens, prefix);
  return {
    ledger,
    harness,
    async stop() {
      await ledger.close();
      await esdb?.stop();
    },
  };
}

/** Runs seeds [first, first + count); shrinks the first few distinct failures; returns the report lines of failures. */
async function runSeeds(backend: Backend, first: number, count: number, stats: RunStats, shrunk: Set<string>): Promise<string[]> {
  const failures: SimulationFailure[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const failure = await backend.harness.run(seed, STEPS, stats);
    if (failure) failures.push(failure);
  }
  const lines: string[] = [];
  for (const failure of failures) {
    const header = `seed ${failure.seed} failed at step ${failure.step} (replay: SIM_SEED=${failure.seed} SIM_SEEDS=1): ${failure.message}`;
    if (shrunk.has(failure.signature) || shrunk.size >= SHRINK_LIMIT) {
      lines.push(`${header}\n  (same finding as above, or shrink limit reached)`);
      continue;
    }
    shrunk.add(failure.signature);
    const { steps, reproduced } = await backend.harness.shrink(failure, newStats());
    lines.push(`${header}\n${reproduced ? `shortest failing sequence found (${steps.length} steps; F is the fund):` : 'did not reproduce on a fresh fund (a race); the failing prefix:'}\n${formatSteps(steps)}`);
  }
  for (const line of lines) report(line);
  return lines;
}

function summary(name: string, first: number, seeds: number, stats: RunStats): string {
  const outcomes = [...stats.outcomes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([outcome, n]) => `${outcome}: ${n}`).join(', ');
  return `${name}: ${seeds} seeds from ${first}, ${stats.steps} steps, ${stats.commands} commands (${stats.racingSteps} racing steps); answers ${outcomes}`;
}

describe(`seeded simulation against the reference model: ${SEEDS} seeds × ${STEPS} steps from seed ${FIRST_SEED}`, () => {
  let backend: Backend;
  const stats = newStats();
  const shrunk = new Set<string>();

  beforeAll(async () => {
    report(`simulation: first seed ${FIRST_SEED} (replay with SIM_SEED=${FIRST_SEED}), ${SEEDS} seeds × ${STEPS} steps${SOAK ? ' (soak)' : ''}`);
    backend = await startBackend('sim');
  });

  afterAll(async () => {
    await backend?.stop();
    report(summary('simulation on SQLite', FIRST_SEED, SEEDS, stats));
    if (process.env.SIM_DEBUG) report([...stats.byLabel.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, n]) => `  ${label}: ${n}`).join('\n'));
  });

  const chunks = Array.from({ length: Math.ceil(SEEDS / CHUNK) }, (_, i) => [FIRST_SEED + i * CHUNK, Math.min(CHUNK, SEEDS - i * CHUNK)] as const);
  it.each(chunks)('seeds from %i (%i of them): every answer and every balance as the model predicts', async (first, count) => {
    if (first > FIRST_SEED && (first - FIRST_SEED) % RECYCLE === 0) {
      await backend.stop();
      backend = await startBackend('sim');
    }
    expect(await runSeeds(backend, first, count, stats, shrunk)).toEqual([]);
  }, 600_000);

  it('a sequence of its own meets SETTLEMENT_OVERDUE, whatever the seeds drew, and the model predicts every answer', async () => {
    const steps = overdueSequence(Date.now());
    const own = newStats();
    const failure = await backend.harness.run(FIRST_SEED - 1, steps.length, own, steps);
    expect(failure?.message).toBeUndefined();
    expect(own.byLabel.get('release with one overdue (scripted) → 422 SETTLEMENT_OVERDUE')).toBe(1);
    for (const [outcome, count] of own.outcomes) stats.outcomes.set(outcome, (stats.outcomes.get(outcome) ?? 0) + count);
  });

  it('the generator provoked every answer the API documents for these commands', () => {
    if (SEEDS < 100) return;
    const missing = EXPECTED_OUTCOMES.filter((outcome) => !stats.outcomes.has(outcome));
    expect(missing).toEqual([]);
  });
});

describe(`the same simulation on the EventStoreDB adapter (protocol test server): ${ESDB_SEEDS} seeds`, () => {
  let backend: Backend;
  const stats = newStats();
  const shrunk = new Set<string>();

  beforeAll(async () => {
    backend = await startBackend('esdb', await EsdbProtocolTestServer.start());
  });

  afterAll(async () => {
    await backend?.stop();
    report(summary('simulation on EventStoreDB', FIRST_SEED + SEEDS, ESDB_SEEDS, stats));
  });

  const chunks = Array.from({ length: Math.ceil(ESDB_SEEDS / CHUNK) }, (_, i) => [FIRST_SEED + SEEDS + i * CHUNK, Math.min(CHUNK, ESDB_SEEDS - i * CHUNK)] as const);
  it.each(chunks)('seeds from %i (%i of them): every answer and every balance as the model predicts', async (first, count) => {
    expect(await runSeeds(backend, first, count, stats, shrunk)).toEqual([]);
  }, 1_800_000);
});
