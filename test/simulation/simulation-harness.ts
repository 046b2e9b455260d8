import { isDeepStrictEqual } from 'node:util';
import type { EventStore } from '../../src/event-store/event-store.port';
import { type Answer, requestJson } from '../soak/support/http-client';
import { SeededRandom } from '../soak/support/random';
import { CommandGenerator, FUND_TOKEN, type Step } from './command-generator';
import { byRestriction, type Command, ReferenceModel, type Reply, type SimUser } from './reference-model';

export interface SimulationFailure {
  seed: number;
  fundId: string;
  /** Index of the step that disagreed. */
  step: number;
  /** What disagreed, without ids that change from run to run: failures with one signature are one finding. */
  signature: string;
  message: string;
  steps: Step[];
}

export interface RunStats {
  steps: number;
  commands: number;
  racingSteps: number;
  outcomes: Map<string, number>;
  /** Answers by the kind of command (its label without details), for SIM_DEBUG=1. */
  byLabel: Map<string, number>;
}

export const newStats = (): RunStats => ({ steps: 0, commands: 0, racingSteps: 0, outcomes: new Map(), byLabel: new Map() });

const outcomeOf = (answer: Answer) => (answer.status < 300 ? String(answer.status) : `${answer.status} ${(answer.body.error as { code?: string } | undefined)?.code}`);
const describeReply = (reply: Reply) => (reply.status < 300 ? `${reply.status} ${JSON.stringify(reply.fields ?? {})}${reply.replayOf ? ' (stored answer)' : ''}` : `${reply.status} ${reply.code}`);

function substitute<T>(value: T, fundId: string): T {
  return JSON.parse(JSON.stringify(value).split(FUND_TOKEN).join(fundId)) as T;
}

/** Every order of 0..n-1: the serialisations a racing step may have had. */
function orders(n: number): number[][] {
  if (n <= 1) return [[0]];
  return orders(n - 1).flatMap((order) => Array.from({ length: n }, (_, at) => [...order.slice(0, at), n - 1, ...order.slice(at)]));
}

/** The first path at which two JSON values differ, with both sides. */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(expected, actual)) return undefined;
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) {
      const found = firstDifference((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path || '(root)'}: model ${JSON.stringify(expected)}, ledger ${JSON.stringify(actual)}`;
}

/** The part of a balance answer the model predicts, in a canonical order. */
function observedBalance(body: Record<string, unknown>): Record<string, unknown> {
  const figures = (f: Record<string, unknown> | undefined) => ({
    received: f?.received, disbursed: f?.disbursed, held: f?.held, outstandingEmergency: f?.outstandingEmergency,
    transferredIn: f?.transferredIn, inTransitOut: f?.inTransitOut, transferredOut: f?.transferredOut, available: f?.available,
  });
  const byComponent = Object.fromEntries(Object.entries((body.byComponent ?? {}) as Record<string, Record<string, unknown>>).map(([c, f]) => [c, figures(f)]));
  const restricted = ((body.restricted ?? []) as Record<string, unknown>[])
    .map((r) => ({ restrictionId: r.restrictionId, component: r.component, purpose: r.purpose, campaignId: r.campaignId, ...figures(r) }))
    .sort(byRestriction);
  const byCampaign = Object.fromEntries(Object.entries((body.byCampaign ?? {}) as Record<string, Record<string, unknown>>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, f]) => [c, figures(f)]));
  return { fundId: body.fundId, currency: body.currency, ...figures(body), inTransitIn: body.inTransitIn, inKindReceived: body.inKindReceived, byComponent, restricted, byCampaign };
}

/** The fund the seed's fund sends transfers to (R16): opened by the generator when it first sends. */
export const partnerOf = (fundId: string) => `${fundId}-tinh`;

/**
 * The network of the two funds, from the ledger's own balances: what is in them (available, held,
 * outstanding emergency money) plus what is on its way between them must be what entered the
 * network (received less paid out, as the model counts it); the sender's money in transit is the
 * receiver's expected money, and what the sender saw arrive the receiver has.
 */
function networkProblem(model: ReferenceModel, balances: Record<string, unknown>[]): string | undefined {
  const value = (balance: Record<string, unknown>, field: string) => BigInt(String(balance[field] ?? '0'));
  const [sender, receiver] = balances;
  if (value(sender, 'inTransitOut') !== value(receiver, 'inTransitIn')) {
    return `the sender has ${String(sender.inTransitOut)} in transit, the receiver expects ${String(receiver.inTransitIn)}`;
  }
  if (value(sender, 'transferredOut') !== value(receiver, 'transferredIn')) {
    return `the sender saw ${String(sender.transferredOut)} arrive, the receiver has ${String(receiver.transferredIn)}`;
  }
  let entered = 0n;
  for (const books of model.funds.values()) for (const pool of books.pools.values()) entered += pool.received - pool.disbursed;
  let held = value(sender, 'inTransitOut');
  for (const balance of balances) held += value(balance, 'available') + value(balance, 'held') + value(balance, 'outstandingEmergency');
  return held === entered ? undefined : `the two funds and the money in transit hold ${held}, but ${entered} entered the network and stayed`;
}

/**
 * Runs seeded command sequences against a real ledger (over HTTP) and the reference model side
 * by side: after every step each answer must be one the model predicts for some order of the
 * step's commands, and the balance must equal the model's books for that order.
 */
export class SimulationHarness {
  private runCounter = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly store: EventStore,
    private readonly users: Map<string, SimUser>,
    private readonly tokens: Map<string, string>,
    private readonly prefix: string,
  ) {}

  private freshFundId(seed: number): string {
    return `${this.prefix}-${seed}-${++this.runCounter}`;
  }

  /**
   * Once the partner fund is open: its balance must be the model's too, and the network's money
   * conserved after every step (networkProblem), against the seed fund's balance read at the same
   * position. Answers what is wrong, or undefined.
   */
  private checkPartner(model: ReferenceModel, fundId: string, own: Record<string, unknown>, theirs: Answer | undefined): string | undefined {
    const partner = partnerOf(fundId);
    if (!model.funds.has(partner)) return undefined;
    if (theirs === undefined) return 'partner balance was not read';
    if (theirs.status !== 200) return `partner balance answered ${outcomeOf(theirs)}`;
    const difference = firstDifference(model.expectedBalance(partner), observedBalance(theirs.body));
    if (difference !== undefined) return `partner balance differs at ${difference}`;
    const conservation = networkProblem(model, [own, theirs.body]);
    return conservation === undefined ? undefined : `money not conserved: ${conservation}`;
  }

  /**
   * The seed fund's balance at `position`, and the partner fund's when some candidate model has
   * it open, read side by side: nothing is written between the step's answers and these reads.
   */
  private async readBalances(fundId: string, position: number, withPartner: boolean): Promise<[Answer, Answer | undefined]> {
    const read = (id: string) => requestJson(this.baseUrl, 'GET', `/v1/funds/${id}/balance?minPosition=${position}`, { token: this.tokens.get('aud') });
    if (!withPartner) return [await read(fundId), undefined];
    return Promise.all([read(fundId), read(partnerOf(fundId))]);
  }

  private async send(command: Command): Promise<Answer> {
    return requestJson(this.baseUrl, command.method, command.path, {
      token: this.tokens.get(command.user), body: command.body, idempotencyKey: command.key ?? undefined,
    });
  }

  /** A seed drawn fresh (`recorded` absent) or a recorded sequence replayed on a new fund. */
  async run(seed: number, length: number, stats: RunStats, recorded?: Step[]): Promise<SimulationFailure | undefined> {
    const fundId = this.freshFundId(seed);
    let model = new ReferenceModel(this.users);
    const generator = new CommandGenerator(new SeededRandom(seed), () => model, fundId);
    const steps: Step[] = [];
    let lastPosition = 0;
    const total = recorded?.length ?? length;
    for (let index = 0; index < total; index++) {
      const step = recorded ? recorded[index] : index === 0 ? generator.openFund() : generator.next(Date.now());
      steps.push(step);
      generator.noteSent(step);
      const commands = step.commands.map((command) => substitute(command, fundId));
      const headBefore = await this.store.headPosition();
      const answers = commands.length === 1 ? [await this.send(commands[0])] : await Promise.all(commands.map((command) => this.send(command)));
      const now = Date.now();
      stats.steps += 1;
      stats.commands += commands.length;
      if (commands.length > 1) stats.racingSteps += 1;
      answers.forEach((answer, i) => {
        stats.outcomes.set(outcomeOf(answer), (stats.outcomes.get(outcomeOf(answer)) ?? 0) + 1);
        const byLabel = `${commands[i].label} → ${outcomeOf(answer)}`;
        stats.byLabel.set(byLabel, (stats.byLabel.get(byLabel) ?? 0) + 1);
      });

      const fail = (signature: string, message: string): SimulationFailure => ({ seed, fundId, step: index, signature, message, steps: [...steps] });
      // The model of this fund is replaced by the candidate that explains the answers (and, below, the balance).
      const candidates = this.explain(model, commands, answers, now);
      if (candidates.length === 0) {
        const predicted = this.predictInOrder(model, commands, now);
        const lines = commands.map((c, i) => `  ${c.label} [${c.user}] ${c.path}: model ${describeReply(predicted[i])}, ledger ${answers[i].status} ${JSON.stringify(answers[i].body).slice(0, 400)}`);
        const signature = `answer: ${commands.map((c, i) => `${c.label} → model ${predicted[i].status} ${predicted[i].code ?? ''}, ledger ${outcomeOf(answers[i])}`).join('; ')}`;
        return fail(signature, `step ${index}: no order of the step's commands explains the answers\n${lines.join('\n')}`);
      }
      if (answers.every((answer) => answer.status >= 300)) {
        const headAfter = await this.store.headPosition();
        if (headAfter !== headBefore) return fail('a refused step appended events', `step ${index}: every command was refused, yet the log grew from ${headBefore} to ${headAfter}`);
      }
      for (const answer of answers) if (answer.status < 300) lastPosition = Math.max(lastPosition, Number(answer.body.position));
      if (!candidates[0].model.funds.has(fundId)) return fail('the fund did not open', `step ${index}: the fund is not open`);

      const withPartner = candidates.some((candidate) => candidate.model.funds.has(partnerOf(fundId)));
      const [balance, partnerBalance] = await this.readBalances(fundId, lastPosition, withPartner);
      if (balance.status !== 200) return fail(`balance answered ${outcomeOf(balance)}`, `step ${index}: GET balance answered ${balance.status} ${JSON.stringify(balance.body)}`);
      const observed = observedBalance(balance.body);
      const agreeing = candidates.find((candidate) => isDeepStrictEqual(candidate.model.expectedBalance(fundId), observed));
      if (!agreeing) {
        const difference = firstDifference(candidates[0].model.expectedBalance(fundId), observed) ?? '';
        const field = difference.split(':')[0].replace(/\.(DN|DB|ER|RV)-[0-9-]+/g, '.<id>').replace(/\.cd-\d+/g, '.<campaign>');
        return fail(`balance ${field} after ${commands.map((c) => c.label).join(' + ')}`, `step ${index}: after ${commands.map((c) => `${c.label} (${c.path})`).join(' + ')} the balance differs at ${difference}`);
      }
      model = agreeing.model;
      const partnerProblem = this.checkPartner(model, fundId, balance.body, partnerBalance);
      if (partnerProblem) return fail(`network: ${partnerProblem.split(':')[0]}`, `step ${index}: after ${commands.map((c) => `${c.label} (${c.path})`).join(' + ')}, ${partnerProblem}`);
      commands.forEach((command, i) => {
        if (command.key !== null && answers[i].status < 300) model.rememberAnswer(`${this.users.get(command.user)!.userId}/${command.key}`, answers[i].body);
      });
    }
    const failAtEnd = (signature: string, message: string): SimulationFailure => ({ seed, fundId, step: total - 1, signature, message, steps: [...steps] });
    return (await this.checkManagementCost(model, fundId, failAtEnd)) ?? (await this.checkPolicyHistory(model, fundId, failAtEnd))
      ?? this.checkCampaignRegisters(model, fundId, lastPosition, failAtEnd);
  }

  /** After the last step: the policy history lists every version the model holds, each complete. */
  private async checkPolicyHistory(model: ReferenceModel, fundId: string, fail: (signature: string, message: string) => SimulationFailure): Promise<SimulationFailure | undefined> {
    if (!model.funds.has(fundId)) return undefined;
    const answer = await requestJson(this.baseUrl, 'GET', `/v1/funds/${fundId}/policy/history`, { token: this.tokens.get('aud') });
    if (answer.status !== 200) return fail(`policy history answered ${outcomeOf(answer)}`, `after the last step: GET policy/history answered ${answer.status} ${JSON.stringify(answer.body)}`);
    const expected = model.expectedPolicyHistory(fundId);
    const observed = ((answer.body.versions ?? []) as Record<string, unknown>[]).map((version, index) => ({
      version: version.version,
      ...(index === 0 ? {} : { effectiveFrom: version.effectiveFrom, decisionRef: version.decisionRef }),
      policy: Object.fromEntries(Object.keys((expected[index]?.policy ?? {}) as object).map((field) => [field, (version.policy as Record<string, unknown>)?.[field]])),
    }));
    const difference = firstDifference(expected, observed);
    if (difference) return fail(`policy history ${difference.split(':')[0].replace(/\.\d+\./, '.<version>.')}`, `after the last step: GET policy/history differs at ${difference}`);
    return undefined;
  }

  /** After the last step: each campaign's registers list exactly the entries the model gives it. */
  private async checkCampaignRegisters(model: ReferenceModel, fundId: string, position: number, fail: (signature: string, message: string) => SimulationFailure): Promise<SimulationFailure | undefined> {
    const registers = [['donations', 'donationId'], ['disbursements', 'disbursementId'], ['emergency-releases', 'releaseId']] as const;
    // Every register of every campaign read at once (nothing is written meanwhile), then checked in order.
    const reads = [...model.campaignEntries(fundId)].flatMap(([campaignId, expected]) => registers.map(([register, idField]) => {
      const path = `/v1/funds/${fundId}/${register}?campaignId=${campaignId}&minPosition=${position}&limit=1000`;
      return { expected, register, idField, path, answer: requestJson(this.baseUrl, 'GET', path, { token: this.tokens.get('aud') }) };
    }));
    await Promise.allSettled(reads.map((read) => read.answer));
    for (const { expected, register, idField, path, answer: answered } of reads) {
      const answer = await answered;
      if (answer.status !== 200) return fail(`${register}?campaignId answered ${outcomeOf(answer)}`, `after the last step: GET ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      const listed = ((answer.body.items ?? []) as Record<string, unknown>[]).map((item) => String(item[idField])).sort();
      const wanted = (register === 'donations' ? expected.donations : register === 'disbursements' ? expected.disbursements : expected.releases).slice().sort();
      if (!isDeepStrictEqual(listed, wanted)) {
        return fail(`${register}?campaignId lists other entries`, `after the last step: GET ${path} lists ${JSON.stringify(listed)}, the model ${JSON.stringify(wanted)}`);
      }
    }
    return undefined;
  }

  /** After the last step: the management-cost working of every year the fund has entries in, as the model computes it. */
  private async checkManagementCost(model: ReferenceModel, fundId: string, fail: (signature: string, message: string) => SimulationFailure): Promise<SimulationFailure | undefined> {
    if (!model.funds.has(fundId)) return undefined;
    for (const year of model.yearsOf(fundId, Date.now())) {
      const answer = await requestJson(this.baseUrl, 'GET', `/v1/funds/${fundId}/management-cost?year=${year}`, { token: this.tokens.get('aud') });
      const expected = model.expectedManagementCost(fundId, year, Date.now());
      if (answer.status !== 200) return fail(`management-cost answered ${outcomeOf(answer)}`, `after the last step: GET management-cost?year=${year} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      const observed = Object.fromEntries(Object.keys(expected).map((field) => [field, answer.body[field]]));
      const difference = firstDifference(expected, observed);
      if (difference) return fail(`management-cost ${difference.split(':')[0]}`, `after the last step: GET management-cost?year=${year} differs at ${difference}`);
    }
    return undefined;
  }

  private predictInOrder(model: ReferenceModel, commands: Command[], now: number): Reply[] {
    const copy = model.clone();
    return commands.map((command) => copy.apply(command, now));
  }

  /** The models (one per order of the commands) whose predicted answers are the ledger's answers. */
  private explain(model: ReferenceModel, commands: Command[], answers: Answer[], now: number): { model: ReferenceModel }[] {
    const explained: { model: ReferenceModel }[] = [];
    for (const order of orders(commands.length)) {
      const candidate = model.clone();
      const replies: Reply[] = [];
      for (const index of order) replies[index] = candidate.apply(commands[index], now);
      if (commands.every((command, i) => this.matches(candidate, commands, replies, answers, i))) explained.push({ model: candidate });
    }
    return explained;
  }

  private matches(model: ReferenceModel, commands: Command[], replies: Reply[], answers: Answer[], i: number): boolean {
    const reply = replies[i];
    const answer = answers[i];
    if (reply.status !== answer.status) return false;
    const error = answer.body.error as { code?: string; message?: string } | undefined;
    if (reply.status >= 300) return error?.code === reply.code && typeof error?.message === 'string' && error.message.length > 0;
    if (reply.replayOf) {
      // A retry gets the first answer again: same ids, same position.
      const stored = model.storedAnswer(reply.replayOf);
      if (stored !== undefined) return isDeepStrictEqual(answer.body, stored);
      const first = replies.findIndex((other, j) => j !== i && !other.replayOf && other.status < 300 && commands[j].user === commands[i].user && commands[j].key === commands[i].key);
      return first >= 0 && isDeepStrictEqual(answer.body, answers[first].body);
    }
    if (!Number.isSafeInteger(answer.body.position)) return false;
    return Object.entries(reply.fields ?? {}).every(([field, value]) => isDeepStrictEqual(answer.body[field], value));
  }

  /**
   * The shortest failing sequence it can find: the prefix up to the failing step, then each
   * earlier step removed in turn while the same disagreement still shows.
   */
  async shrink(failure: SimulationFailure, stats: RunStats, budget = 80): Promise<{ steps: Step[]; reproduced: boolean }> {
    let best = failure.steps.slice(0, failure.step + 1);
    const replay = async (steps: Step[]) => {
      const result = await this.run(failure.seed, steps.length, stats, steps);
      return result?.signature === failure.signature ? result : undefined;
    };
    const again = await replay(best);
    if (!again) return { steps: best, reproduced: false };
    best = again.steps;
    for (let index = best.length - 2; index >= 1 && budget > 0; index--, budget--) {
      if (index >= best.length - 1) continue;
      const candidate = [...best.slice(0, index), ...best.slice(index + 1)];
      const result = await replay(candidate);
      if (result) best = result.steps;
    }
    // Then each command of the racing steps that remain.
    for (let index = best.length - 1; index >= 1 && budget > 0; index--) {
      for (let at = (best[index]?.commands.length ?? 0) - 1; at >= 0 && best[index].commands.length > 1 && budget > 0; at--, budget--) {
        const step = { commands: best[index].commands.filter((_, i) => i !== at) };
        const result = await replay([...best.slice(0, index), step, ...best.slice(index + 1)]);
        if (result) best = result.steps;
      }
    }
    return { steps: best, reproduced: true };
  }
}

export function formatSteps(steps: Step[]): string {
  return steps
    .map((step, index) =>
      step.commands.length === 1
        ? `  ${index}. ${formatCommand(step.commands[0])}`
        : `  ${index}. at once:\n${step.commands.map((command) => `       ${formatCommand(command)}`).join('\n')}`,
    )
    .join('\n');
}

function formatCommand(command: Command): string {
  const show = (text: string) => text.split(FUND_TOKEN).join('F');
  return `[${command.user}] ${command.method} ${show(command.path)}${command.key ? ` key=${show(command.key)}` : ''} ${show(JSON.stringify(command.body))}  (${command.label})`;
}
