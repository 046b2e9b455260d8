/**
 * A deliberately naive reference model of the ledger, written from the contract
 * (../shared/product/api.md and api-v2.md, the README's rules and the rejection orders it
 * documents), not from src/domain: plain Maps, whole dong as BigInt, no decimal library, no
 * deciders. It predicts the answer (status, error code, ids) of every command, every figure of
 * GET /balance, each year's GET /management-cost working and what each campaign's registers
 * list. Money rules follow the business date of each command (its `receivedAt`,
 * `requestedAt`, `paidAt`, `releasedAt`, `settledAt` or `reversedAt`, the optional ones defaulting
 * to now), in Vietnam time.
 *
 * It is naive on purpose: one straight-line function per command, everything recomputed the
 * obvious way, so a disagreement with the ledger is a question worth asking of either side.
 */

export type Role = 'admin' | 'accountant' | 'approver' | 'coordinator' | 'auditor';

export interface SimUser {
  name: string;
  userId: string;
  roles: Role[];
}

/** One HTTP command. `@F@` in path, body and key stands for the seed's fund id. */
export interface Command {
  label: string;
  user: string;
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  key: string | null;
}

export interface Reply {
  status: number;
  code?: string;
  /** On success: the fields of the answer the model predicts exactly. */
  fields?: Record<string, unknown>;
  /** The answer is the stored answer of an earlier request with this scoped key. */
  replayOf?: string;
}

export interface Figures {
  received: bigint;
  disbursed: bigint;
  held: bigint;
  outstanding: bigint;
  /** Money between the network's funds (R16): arrived here; sent and on its way; sent and arrived there. */
  transferredIn: bigint;
  inTransitOut: bigint;
  transferredOut: bigint;
}

interface Pool extends Figures {
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  purpose: string | null;
}

interface Campaign {
  kind: string;
  from: number;
  until: number;
  closedAt: number | null;
  /** Requests for the campaign dated after it are refused (R15); a disaster campaign's defaults to 20 days after receiving. */
  distributeUntil: number | null;
  /** Disaster money is its own pool: `campaign:<id>`. */
  restrictionId: string | null;
  /** The account it receives on, letters and digits only; null when it names none. */
  account: string | null;
}

interface Donation {
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  amountVnd: bigint;
  cash: boolean;
  /** Counts in the management-cost base (R6): cash without a named beneficiary. */
  inBase: boolean;
  receivedAt: number;
  /** Business date of its reversal, once reversed. */
  reversedAt: number | null;
}

export interface Disbursement {
  amount: bigint;
  kind: string;
  pool: string;
  campaignId: string | null;
  requestedBy: string;
  requestedAt: number;
  /** Whether `requestedAt` was the server's clock (known only to within the step). */
  requestedNow: boolean;
  approvers: string[];
  required: number;
  certificationRef: string | null;
  status: 'requested' | 'approved' | 'rejected' | 'paid' | 'reversed';
  paidAt: number | null;
  /** When its rejection or its payment's reversal took it off (a management cost's `used` of that year). */
  offAt: number | null;
}

/** A transfer this fund sent to another fund of the ledger. */
interface Transfer {
  toFundId: string;
  amount: bigint;
  pool: string;
  requestedBy: string;
  approvers: string[];
  required: number;
  status: 'requested' | 'in_transit' | 'received' | 'returned' | 'rejected';
}

interface Release {
  amount: bigint;
  component: string;
  pool: string;
  campaignId: string | null;
  releasedBy: string;
  releasedAt: number;
  releasedNow: boolean;
  settleBy: number;
  status: 'open' | 'settled' | 'cancelled';
  spent: bigint;
  returned: bigint;
  settledAt: number | null;
  /** The date of the reversal that last re-opened it: settled again or cancelled no earlier. */
  reopenedAt: number | null;
}

/** A percentage as an exact fraction: units / 10^scale. */
interface Percent {
  units: bigint;
  scale: number;
}

/** The rules of one policy version, complete. */
export interface PolicyRules {
  tiers: { above: bigint; approvers: number }[];
  emergencyCap: bigint;
  emergencyOpenLimit: bigint;
  settlementDays: number;
  blockReleasesWhenOverdue: boolean;
  payerMayBeRequester: boolean;
  warnPercent: Percent;
  capPercent: Percent;
}

export interface FundBooks {
  fundId: string;
  components: string[];
  /** Policy versions in the order decided; the opening one (from: null) governs every day before the first change. */
  versions: { from: string | null; decisionRef: string | null; rules: PolicyRules }[];
  campaigns: Map<string, Campaign>;
  donationsPerYear: Map<number, number>;
  donations: Map<string, Donation>;
  /** Restricted pools by id: the component and campaign of their first gift, and a named beneficiary. */
  restrictions: Map<string, { component: string; campaignId: string | null; beneficiary: string | null }>;
  pools: Map<string, Pool>;
  /** Per pool key, by Vietnam day number: how much that day's movements changed the pool's available. */
  datedChanges: Map<string, Map<number, bigint>>;
  campaignFigures: Map<string, Figures>;
  inKind: bigint;
  disbursements: Map<string, Disbursement>;
  releases: Map<string, Release>;
  transfers: Map<string, Transfer>;
  /** Sent to this fund by another and not yet received: the sender still counts it. */
  inTransitIn: bigint;
  reversals: number;
  /** Closed periods: `2025` or `2025-Q3`. */
  closedPeriods: Set<string>;
}

interface StoredKey {
  fingerprint: string;
  reply: Reply;
  /** The answer the ledger gave the first time, once known. */
  actualBody?: unknown;
}

const DAY = 86_400_000;
const MAX_VND = 10n ** 15n;
const SCALE: Record<string, number> = { VND: 0, USD: 2, EUR: 2, JPY: 0, KWD: 3 };
const KNOWN_CURRENCIES = ['VND', 'USD', 'EUR', 'GBP', 'JPY', 'KRW', 'CNY', 'AUD', 'CAD', 'SGD', 'CHF', 'HKD', 'TWD', 'THB', 'NZD', 'SEK', 'NOK', 'DKK', 'LAK', 'KHR', 'MYR', 'KWD', 'BHD'];
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const DECIMAL = /^(0|[1-9][0-9]{0,39})(\.[0-9]{1,20})?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ROUTE_ROLES: [RegExp, Role[]][] = [
  [/^\/v1\/funds$/, ['admin']],
  [/^\/v1\/funds\/[^/]+\/campaigns(\/[^/]+\/close)?$/, ['admin', 'accountant']],
  [/^\/v1\/funds\/[^/]+\/(donations|disbursements|reversals)$/, ['accountant']],
  [/^\/v1\/funds\/[^/]+\/disbursements\/[^/]+\/(approve|reject|pay)$/, ['approver']],
  [/^\/v1\/funds\/[^/]+\/emergency-releases(\/[^/]+\/settle)?$/, ['coordinator']],
  [/^\/v1\/funds\/[^/]+\/periods\/[^/]+\/close$/, ['admin']],
  [/^\/v1\/funds\/[^/]+\/policy$/, ['admin']],
  [/^\/v1\/funds\/[^/]+\/transfers(\/[^/]+\/(receive|return))?$/, ['accountant']],
  [/^\/v1\/funds\/[^/]+\/transfers\/[^/]+\/(approve|reject)$/, ['approver']],
];

const ok = (status: number, fields: Record<string, unknown>): Reply => ({ status, fields });
/** The key of a campaign's own money among the dated changes (no pool key starts with `@`). */
const campaignOwnKey = (campaignId: string) => `@campaign:${campaignId}`;
const no = (status: number, code: string): Reply => ({ status, code });
const invalid = (): Reply => no(400, 'VALIDATION_FAILED');
const pad = (n: number) => String(n).padStart(6, '0');

export const vietnamYear = (ms: number) => new Date(ms + 7 * 3_600_000).getUTCFullYear();
/** The Vietnam calendar day of an instant, YYYY-MM-DD. */
export const vietnamDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

/** Decree 03/2026 replaced Decree 93/2019 on 2026-03-01: no fund opens, no policy takes effect, under 93/2019 from then. */
export const DECREE_03_2026_FROM = '2026-03-01';
const repealedBasis = (legalBasis: unknown, from: string) => legalBasis === 'decree-93-2019' && from >= DECREE_03_2026_FROM;
export const vietnamQuarter = (ms: number) => Math.floor(new Date(ms + 7 * 3_600_000).getUTCMonth() / 3) + 1;
/** Start of a period (`2025` or `2025-Q3`) and of the next one, in Vietnam time, as ms. */
export function periodBounds(period: string): [number, number] {
  const year = Number(period.slice(0, 4));
  const quarter = period.length > 4 ? Number(period.slice(6)) : null;
  const start = (y: number, month: number) => Date.UTC(y, month, 1) - 7 * 3_600_000;
  return quarter === null ? [start(year, 0), start(year + 1, 0)] : [start(year, (quarter - 1) * 3), start(year, quarter * 3)];
}

function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day, hour, minute] = [value.slice(0, 4), value.slice(5, 7), value.slice(8, 10), value.slice(11, 13), value.slice(14, 16)].map(Number);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || hour > 23 || minute > 59) return false;
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A string of `min` to `max` characters; a required one (min ≥ 1) must be more than spaces. */
const isText = (value: unknown, min: number, max: number) =>
  typeof value === 'string' && value.length >= min && value.length <= max && (min === 0 || value.trim().length > 0);
const optionalText = (value: unknown, max: number) => value === undefined || value === null || isText(value, 0, max);
/** An optional reference: absent, or more than spaces. */
const optionalRef = (value: unknown, max: number) => value === undefined || value === null || isText(value, 1, max);
const optionalTimestamp = (value: unknown) => value === undefined || value === null || isTimestamp(value);
/** Rounds a quotient down (towards minus infinity), as "rounded down to the dong" means for negative figures too. */
const floorDiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n !== b < 0n ? a / b - 1n : a / b);
/** Business dates are given to the second: a payment in the same second as its request is not before it. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000);
/** A name compared without case, spacing or diacritics (api-v2 "Campaign money and restrictions"). */
export const nameKey = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, '');
const isDecimal = (value: unknown, allowZero = false) => typeof value === 'string' && DECIMAL.test(value) && (allowZero || !/^0(\.0+)?$/.test(value));
const isSlug = (value: unknown) => typeof value === 'string' && SLUG.test(value);
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const onlyKeys = (value: Record<string, unknown>, allowed: string[]) => Object.keys(value).every((key) => allowed.includes(key));

/** "12.5" in a currency of scale 2 → 1250n; undefined when it has more decimals than the scale. */
function scaled(amount: string, scale: number): bigint | undefined {
  const [whole, fraction = ''] = amount.split('.');
  if (fraction.length > scale) return undefined;
  return BigInt(whole + fraction.padEnd(scale, '0'));
}

/** amount × rate in whole dong, rounded half up. */
function toDong(amount: string, rate: string): bigint {
  const [aw, af = ''] = amount.split('.');
  const [rw, rf = ''] = rate.split('.');
  const product = BigInt(aw + af) * BigInt(rw + rf);
  const divisor = 10n ** BigInt(af.length + rf.length);
  return (product * 2n + divisor) / (2n * divisor);
}

/** A positive whole-dong amount of at most 10^15, or undefined. */
function dong(value: unknown): bigint | undefined {
  if (!isDecimal(value) || String(value).includes('.')) return undefined;
  const amount = BigInt(String(value));
  return amount > 0n && amount <= MAX_VND ? amount : undefined;
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const zero = (): Figures => ({ received: 0n, disbursed: 0n, held: 0n, outstanding: 0n, transferredIn: 0n, inTransitOut: 0n, transferredOut: 0n });
/** Whether a figure adds to a pool's available (1) or takes from it (-1). */
const AVAILABLE_SIGN: Record<keyof Figures, 1n | -1n> = {
  received: 1n, transferredIn: 1n, disbursed: -1n, held: -1n, outstanding: -1n, inTransitOut: -1n, transferredOut: -1n,
};
export const vietnamDayNumber = (ms: number) => Math.floor((ms + 7 * 3_600_000) / 86_400_000);
const availableFrom = (f: Figures) => f.received + f.transferredIn - f.disbursed - f.held - f.outstanding - f.inTransitOut - f.transferredOut;
/** The route a path names: transfers have routes of their own (their approve and reject are not a disbursement's). */
function routeOf(segments: string[]): string {
  if (segments[3] === 'transfers') return segments.length === 4 ? 'transfers' : `transfer-${segments[5]}`;
  return segments.length === 2 ? 'fund' : segments.length === 4 ? segments[3] : segments[3] === 'periods' ? 'period' : segments[5];
}
const percentAbove = (a: Percent, b: Percent) => a.units * 10n ** BigInt(b.scale) > b.units * 10n ** BigInt(a.scale);

/** 25 / 10^1 → "2.5". */
function percentText(p: Percent): string {
  const digits = String(p.units).padStart(p.scale + 1, '0');
  return p.scale === 0 ? digits : `${digits.slice(0, -p.scale)}.${digits.slice(-p.scale)}`;
}

/** "2.5" → 25 / 10^1; undefined above 10 % or with more than two decimals. */
function percentOf(text: string): Percent | undefined {
  const scale = text.includes('.') ? text.split('.')[1].length : 0;
  const units = scaled(text, scale) as bigint;
  return scale > 2 || units > 10n * 10n ** BigInt(scale) ? undefined : { units, scale };
}

const DEFAULT_RULES: PolicyRules = {
  tiers: [{ above: 0n, approvers: 1 }, { above: 100_000_000n, approvers: 2 }], emergencyCap: 50_000_000n, emergencyOpenLimit: 150_000_000n,
  settlementDays: 30, blockReleasesWhenOverdue: true, payerMayBeRequester: false, warnPercent: { units: 5n, scale: 0 }, capPercent: { units: 10n, scale: 0 },
};

/**
 * `rules` with the fields `policy` names; undefined when the result is unusable (INVALID_POLICY).
 * When a fund opens, the open-emergency limit defaults to three releases at its cap and the
 * board's share to 5 % but never above the cap.
 */
function withPolicy(rules: PolicyRules, policy: Record<string, unknown>, opening: boolean): PolicyRules | undefined {
  const next = { ...rules };
  if (policy.approvals !== undefined) next.tiers = (policy.approvals as { above: string; approvers: number }[]).map((tier) => ({ above: BigInt(tier.above), approvers: tier.approvers }));
  // Two tiers of one threshold are refused: the number of approvers would depend on their order.
  if (new Set(next.tiers.map((tier) => tier.above)).size !== next.tiers.length) return undefined;
  if (policy.emergencyReleaseCap !== undefined) next.emergencyCap = BigInt(String(policy.emergencyReleaseCap));
  if (policy.emergencySettlementDays !== undefined) next.settlementDays = Number(policy.emergencySettlementDays);
  if (policy.blockReleasesWhenOverdue !== undefined) next.blockReleasesWhenOverdue = policy.blockReleasesWhenOverdue === true;
  if (policy.payerMayBeRequester !== undefined) next.payerMayBeRequester = policy.payerMayBeRequester === true;
  if (policy.emergencyOpenLimit !== undefined) next.emergencyOpenLimit = BigInt(String(policy.emergencyOpenLimit));
  else if (opening) next.emergencyOpenLimit = 3n * next.emergencyCap;
  if (policy.managementCostCapPercent !== undefined) {
    const cap = percentOf(String(policy.managementCostCapPercent));
    if (!cap) return undefined;
    next.capPercent = cap;
  }
  if (policy.managementCostWarnPercent !== undefined) {
    const warn = percentOf(String(policy.managementCostWarnPercent));
    if (!warn) return undefined;
    next.warnPercent = warn;
  } else if (opening && percentAbove(next.warnPercent, next.capPercent)) {
    next.warnPercent = next.capPercent;
  }
  return percentAbove(next.warnPercent, next.capPercent) ? undefined : next;
}

export class ReferenceModel {
  readonly funds = new Map<string, FundBooks>();
  readonly keys = new Map<string, StoredKey>();

  constructor(readonly users: Map<string, SimUser>) {}

  clone(): ReferenceModel {
    const copy = new ReferenceModel(this.users);
    for (const [id, books] of this.funds) copy.funds.set(id, structuredClone(books));
    for (const [key, stored] of this.keys) copy.keys.set(key, { ...stored });
    return copy;
  }

  /** Predicts the answer to `command` and applies it to the books. `now`: the server's clock, ms. */
  apply(command: Command, now: number): Reply {
    const user = this.users.get(command.user);
    if (!user) throw new Error(`model: unknown user ${command.user}`);
    const roles = ROUTE_ROLES.find(([route]) => route.test(command.path))?.[1];
    if (!roles) throw new Error(`model: no route ${command.path}`);
    if (!user.roles.some((role) => roles.includes(role))) return no(403, 'FORBIDDEN');
    const shapeProblem = this.shapeProblem(command);
    if (shapeProblem) return invalid();
    if (command.key !== null) {
      const scopedKey = `${user.userId}/${command.key}`;
      const fingerprint = canonical({ path: command.path, body: command.body });
      const stored = this.keys.get(scopedKey);
      if (stored) return stored.fingerprint === fingerprint ? { ...stored.reply, replayOf: scopedKey } : no(409, 'IDEMPOTENCY_KEY_REUSED');
      const reply = this.decide(command, user, now);
      if (reply.status < 300) this.keys.set(scopedKey, { fingerprint, reply });
      return reply;
    }
    return this.decide(command, user, now);
  }

  /** After the step: the ledger's own first answer for each key, which every retry must repeat. */
  rememberAnswer(scopedKey: string, body: unknown): void {
    const stored = this.keys.get(scopedKey);
    if (stored && stored.actualBody === undefined) stored.actualBody = body;
  }

  storedAnswer(scopedKey: string): unknown {
    return this.keys.get(scopedKey)?.actualBody;
  }

  // -------------------------------------------------------------------------------------------
  // The request as the HTTP edge checks it: path parameters and body shape.
  // -------------------------------------------------------------------------------------------

  private shapeProblem(command: Command): boolean {
    const segments = command.path.split('/').slice(1);
    const body = command.body;
    if (!isPlainObject(body)) return true;
    if (segments.length >= 3 && !isSlug(segments[2])) return true;
    if (segments.length === 6 && !['campaigns', 'periods', 'transfers'].includes(segments[3]) && !/^[A-Z]{2}-[0-9-]{1,20}$/.test(segments[4])) return true;
    if (segments.length === 6 && segments[3] === 'transfers' && !/^TR-[a-z0-9-]+-[0-9]{6,}$/.test(segments[4])) return true;
    if (segments.length === 6 && segments[3] === 'campaigns' && !isSlug(segments[4])) return true;
    if (segments.length === 6 && segments[3] === 'periods' && !/^[0-9]{4}(-Q[1-4])?$/.test(segments[4])) return true;
    const route = routeOf(segments);
    switch (route) {
      case 'fund':
        return !this.fundShapeOk(body);
      case 'transfers':
        return !(onlyKeys(body, ['toFundId', 'amount', 'component', 'campaignId', 'restrictionId', 'purpose', 'note', 'requestedAt']) && isSlug(body.toFundId)
          && isDecimal(body.amount) && isSlug(body.component) && (body.campaignId == null || isSlug(body.campaignId)) && optionalRef(body.restrictionId, 120)
          && isText(body.purpose, 1, 1000) && optionalText(body.note, 2000) && optionalTimestamp(body.requestedAt));
      case 'transfer-approve':
        return !(onlyKeys(body, ['note']) && optionalText(body.note, 2000));
      case 'transfer-reject':
        return !(onlyKeys(body, ['reason']) && isText(body.reason, 1, 2000));
      case 'transfer-receive':
        return !(onlyKeys(body, ['receivedAt']) && optionalTimestamp(body.receivedAt));
      case 'transfer-return':
        return !(onlyKeys(body, ['reason', 'returnedAt']) && isText(body.reason, 1, 2000) && optionalTimestamp(body.returnedAt));
      case 'campaigns':
        return !(onlyKeys(body, ['campaignId', 'name', 'kind', 'receiveFrom', 'receiveUntil', 'distributeUntil', 'bankAccount'])
          && isSlug(body.campaignId) && isText(body.name, 1, 300) && ['disaster', 'humanitarian_month', 'tet', 'other'].includes(String(body.kind))
          && isTimestamp(body.receiveFrom) && isTimestamp(body.receiveUntil) && (body.distributeUntil == null || isTimestamp(body.distributeUntil)));
      case 'close':
        return false; // the route reads no body
      case 'period':
        return !(onlyKeys(body, ['decisionRef']) && isText(body.decisionRef, 1, 200));
      case 'policy':
        return !(onlyKeys(body, ['policy', 'effectiveFrom', 'decisionRef', 'legalBasis']) && isPlainObject(body.policy) && this.policyShapeOk(body.policy)
          && typeof body.effectiveFrom === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.effectiveFrom) && isText(body.decisionRef, 1, 200)
          && (body.legalBasis == null || ['decree-93-2019', 'decree-03-2026'].includes(String(body.legalBasis))));
      case 'donations':
        return !this.donationShapeOk(body);
      case 'disbursements':
        return !(onlyKeys(body, ['amount', 'kind', 'component', 'campaignId', 'restrictionId', 'purpose', 'beneficiary', 'certificationRef', 'note', 'requestedAt'])
          && isDecimal(body.amount) && ['humanitarian', 'relief', 'management_cost', 'transfer'].includes(String(body.kind)) && isSlug(body.component)
          && (body.campaignId == null || isSlug(body.campaignId)) && optionalRef(body.restrictionId, 120) && isText(body.purpose, 1, 1000)
          && isText(body.beneficiary, 1, 500) && optionalRef(body.certificationRef, 200) && optionalText(body.note, 2000) && optionalTimestamp(body.requestedAt));
      case 'approve':
        return !(onlyKeys(body, ['note']) && optionalText(body.note, 2000));
      case 'reject':
        return !(onlyKeys(body, ['reason']) && isText(body.reason, 1, 2000));
      case 'pay':
        return !(onlyKeys(body, ['paidAt', 'reference', 'certificationRef']) && isTimestamp(body.paidAt) && isText(body.reference, 1, 200) && optionalRef(body.certificationRef, 200));
      case 'emergency-releases':
        return !(onlyKeys(body, ['amount', 'component', 'campaignId', 'incident', 'recipient', 'note', 'releasedAt']) && isDecimal(body.amount) && isSlug(body.component)
          && (body.campaignId == null || isSlug(body.campaignId)) && isText(body.incident, 1, 1000) && isText(body.recipient, 1, 500) && optionalText(body.note, 2000)
          && optionalTimestamp(body.releasedAt));
      case 'settle':
        return !(onlyKeys(body, ['spent', 'returned', 'evidence', 'settledAt']) && isDecimal(body.spent, true) && isDecimal(body.returned, true)
          && Array.isArray(body.evidence) && body.evidence.length <= 200 && body.evidence.every((item) => isText(item, 1, 1000)) && optionalTimestamp(body.settledAt));
      case 'reversals':
        return !(onlyKeys(body, ['entryId', 'reason', 'reversedAt']) && isText(body.entryId, 1, 64) && isText(body.reason, 1, 2000) && optionalTimestamp(body.reversedAt));
      default:
        throw new Error(`model: no shape for ${command.path}`);
    }
  }

  private fundShapeOk(body: Record<string, unknown>): boolean {
    if (!onlyKeys(body, ['fundId', 'name', 'chapter', 'legalBasis', 'components', 'policy'])) return false;
    if (!isSlug(body.fundId) || !isText(body.name, 1, 300)) return false;
    if (body.legalBasis != null && !['decree-93-2019', 'decree-03-2026'].includes(String(body.legalBasis))) return false;
    if (body.components != null && !(Array.isArray(body.components) && body.components.length >= 1 && body.components.length <= 50 && body.components.every(isSlug))) return false;
    return body.policy == null || this.policyShapeOk(body.policy);
  }

  private policyShapeOk(policy: unknown): boolean {
    const policyKeys = ['approvals', 'emergencyReleaseCap', 'emergencySettlementDays', 'managementCostCapPercent', 'managementCostWarnPercent', 'emergencyOpenLimit', 'blockReleasesWhenOverdue', 'payerMayBeRequester'];
    if (!isPlainObject(policy) || !onlyKeys(policy, policyKeys)) return false;
    const tiersOk = policy.approvals === undefined || (Array.isArray(policy.approvals) && policy.approvals.length >= 1 && policy.approvals.length <= 20
      && policy.approvals.every((tier) => isPlainObject(tier) && onlyKeys(tier, ['above', 'approvers']) && isDecimal(tier.above, true) && /^(0|[1-9][0-9]*)$/.test(String(tier.above))
        && Number.isInteger(tier.approvers) && Number(tier.approvers) >= 1 && Number(tier.approvers) <= 10));
    const capOk = policy.emergencyReleaseCap === undefined || (isDecimal(policy.emergencyReleaseCap) && /^[1-9][0-9]*$/.test(String(policy.emergencyReleaseCap)));
    const daysOk = policy.emergencySettlementDays === undefined || (Number.isInteger(policy.emergencySettlementDays) && Number(policy.emergencySettlementDays) >= 1 && Number(policy.emergencySettlementDays) <= 365);
    const percentOk = [policy.managementCostCapPercent, policy.managementCostWarnPercent].every((percent) => percent === undefined || isDecimal(percent));
    const limitOk = policy.emergencyOpenLimit === undefined || (isDecimal(policy.emergencyOpenLimit) && /^[1-9][0-9]*$/.test(String(policy.emergencyOpenLimit)));
    const flagsOk = [policy.blockReleasesWhenOverdue, policy.payerMayBeRequester].every((flag) => flag === undefined || typeof flag === 'boolean');
    return tiersOk && capOk && daysOk && percentOk && limitOk && flagsOk;
  }

  private donationShapeOk(body: Record<string, unknown>): boolean {
    const keys = ['amount', 'currency', 'fxRate', 'channel', 'receivedAt', 'donor', 'component', 'campaignId', 'restriction', 'reference', 'inKind', 'note'];
    if (!onlyKeys(body, keys) || !isDecimal(body.amount)) return false;
    if (body.currency != null && !KNOWN_CURRENCIES.includes(String(body.currency))) return false;
    if (body.fxRate != null && !isDecimal(body.fxRate)) return false;
    if (!['cash', 'bank_transfer', 'in_kind', 'online'].includes(String(body.channel)) || !isTimestamp(body.receivedAt)) return false;
    const donor = body.donor;
    if (!isPlainObject(donor) || !onlyKeys(donor, ['name', 'kind', 'publicName', 'taxCode', 'address', 'contact'])) return false;
    if (!isText(donor.name, 1, 300) || !['individual', 'organization', 'anonymous'].includes(String(donor.kind))) return false;
    if (!optionalText(donor.publicName, 300) || !optionalText(donor.taxCode, 32) || !optionalText(donor.address, 500) || !optionalText(donor.contact, 300)) return false;
    if (body.component != null && !isSlug(body.component)) return false;
    if (body.campaignId != null && !isSlug(body.campaignId)) return false;
    if (body.restriction != null) {
      const r = body.restriction;
      if (!isPlainObject(r) || !onlyKeys(r, ['purpose', 'beneficiary']) || !isText(r.purpose, 1, 500) || !optionalText(r.beneficiary, 300)) return false;
    }
    if (body.inKind != null) {
      const k = body.inKind;
      if (!isPlainObject(k) || !onlyKeys(k, ['description', 'quantity', 'unit', 'valuationMethod'])) return false;
      if (!isText(k.description, 1, 500) || !isDecimal(k.quantity) || !isText(k.unit, 1, 32) || !isText(k.valuationMethod, 1, 300)) return false;
    }
    return optionalText(body.reference, 100) && optionalText(body.note, 2000);
  }

  // -------------------------------------------------------------------------------------------
  // The rules.
  // -------------------------------------------------------------------------------------------

  private decide(command: Command, user: SimUser, now: number): Reply {
    const segments = command.path.split('/').slice(1);
    if (segments.length === 2) return this.openFund(command.body, now);
    const books = this.funds.get(segments[2]);
    const body = command.body;
    const route = routeOf(segments);
    switch (route) {
      case 'transfers':
        return books ? this.requestTransfer(books, body, user, now) : no(404, 'NOT_FOUND');
      case 'transfer-approve':
      case 'transfer-reject':
        return books ? this.actOnTransfer(books, route, segments[4], user, now) : no(404, 'NOT_FOUND');
      case 'transfer-receive':
      case 'transfer-return':
        return this.arriveTransfer(segments[2], route, segments[4], now);
      case 'campaigns':
        return books ? this.createCampaign(books, body) : no(404, 'NOT_FOUND');
      case 'close':
        return books ? this.closeCampaign(books, segments[4], now) : no(404, 'NOT_FOUND');
      case 'period':
        return books ? this.closePeriod(books, segments[4], now) : no(404, 'NOT_FOUND');
      case 'policy':
        return books ? this.changePolicy(books, body, now) : no(404, 'NOT_FOUND');
      case 'donations':
        return this.recordDonation(books, body, now);
      case 'disbursements':
        return this.requestDisbursement(books, body, user, now);
      case 'pay':
        return this.futureDate(Date.parse(String(body.paidAt)), now) ?? (books ? this.actOnDisbursement(books, route, segments[4], body, user, now) : no(404, 'NOT_FOUND'));
      case 'approve':
      case 'reject':
        return books ? this.actOnDisbursement(books, route, segments[4], body, user, now) : no(404, 'NOT_FOUND');
      case 'emergency-releases':
        return this.release(books, body, user, now);
      case 'settle':
        return this.settle(books, segments[4], body, now);
      case 'reversals':
        return (body.reversedAt == null ? undefined : this.futureDate(Date.parse(String(body.reversedAt)), now)) ?? (books ? this.reverse(books, body, now) : no(404, 'NOT_FOUND'));
      default:
        throw new Error(`model: no rule for ${command.path}`);
    }
  }

  private openFund(body: Record<string, unknown>, now: number): Reply {
    const fundId = String(body.fundId);
    if (this.funds.has(fundId)) return no(409, 'ALREADY_EXISTS');
    if (repealedBasis(body.legalBasis, vietnamDay(now))) return no(422, 'INVALID_POLICY');
    const rules = withPolicy(DEFAULT_RULES, (body.policy ?? {}) as Record<string, unknown>, true);
    if (!rules) return no(422, 'INVALID_POLICY');
    const components = (body.components as string[] | undefined | null)?.length ? [...new Set(body.components as string[])] : ['general', 'emergency-relief', 'humanitarian'];
    this.funds.set(fundId, {
      fundId, components, versions: [{ from: null, decisionRef: null, rules }],
      campaigns: new Map(), donationsPerYear: new Map(), donations: new Map(), restrictions: new Map(), pools: new Map(), campaignFigures: new Map(),
      inKind: 0n, disbursements: new Map(), releases: new Map(), transfers: new Map(), inTransitIn: 0n, reversals: 0, closedPeriods: new Set(), datedChanges: new Map(),
    });
    return ok(201, { fundId });
  }

  /**
   * A new policy version from `effectiveFrom` (a Vietnam date, today or later, by the end of next
   * year, not before a version already scheduled); the fields it does not name stay as the newest
   * version has them. A policy that is wrong in itself is refused as such whatever its date.
   */
  private changePolicy(books: FundBooks, body: Record<string, unknown>, now: number): Reply {
    const effectiveFrom = String(body.effectiveFrom);
    if (Number.isNaN(Date.parse(`${effectiveFrom}T00:00:00Z`)) || new Date(`${effectiveFrom}T00:00:00Z`).toISOString().slice(0, 10) !== effectiveFrom) return invalid();
    const newest = books.versions[books.versions.length - 1];
    const rules = withPolicy(newest.rules, body.policy as Record<string, unknown>, false);
    if (!rules) return no(422, 'INVALID_POLICY');
    if (effectiveFrom > `${Number(vietnamDay(now).slice(0, 4)) + 1}-12-31`) return invalid();
    if (effectiveFrom < vietnamDay(now)) return no(422, 'EFFECTIVE_DATE_IN_PAST');
    if (newest.from !== null && effectiveFrom < newest.from) return no(422, 'EFFECTIVE_DATE_BEFORE_SCHEDULED');
    if (repealedBasis(body.legalBasis, effectiveFrom)) return no(422, 'INVALID_POLICY');
    books.versions.push({ from: effectiveFrom, decisionRef: String(body.decisionRef).trim(), rules });
    return ok(200, { version: books.versions.length });
  }

  /** The policy in force on the Vietnam day of `date`: the newest version effective on or before it. */
  policyAt(books: FundBooks, date: number): PolicyRules {
    const day = vietnamDay(date);
    let inForce = books.versions[0].rules;
    for (const version of books.versions) if (version.from === null || version.from <= day) inForce = version.rules;
    return inForce;
  }

  private createCampaign(books: FundBooks, body: Record<string, unknown>): Reply {
    const campaignId = String(body.campaignId);
    if (books.campaigns.has(campaignId)) return no(409, 'ALREADY_EXISTS');
    const from = Date.parse(String(body.receiveFrom));
    const until = Date.parse(String(body.receiveUntil));
    const distributeUntil = body.distributeUntil == null ? null : Date.parse(String(body.distributeUntil));
    if (until <= from || (distributeUntil !== null && distributeUntil < until)) return no(422, 'INVALID_CAMPAIGN_WINDOW');
    const disaster = body.kind === 'disaster';
    if (disaster && (until - from > 90 * DAY || (distributeUntil !== null && distributeUntil - until > 20 * DAY))) return no(422, 'CAMPAIGN_WINDOW_EXCEEDED');
    // R14: one account per campaign receiving at the same time (a closed campaign receives until its close).
    const account = typeof body.bankAccount === 'string' && body.bankAccount.trim() !== '' ? body.bankAccount.replace(/[\s.-]/g, '').toUpperCase() : null;
    const receivingEnd = (other: Campaign) => (other.closedAt !== null && other.closedAt < other.until ? other.closedAt : other.until);
    if (account !== null && [...books.campaigns.values()].some((other) => other.account === account && other.from <= until && from <= receivingEnd(other))) {
      return no(400, 'VALIDATION_FAILED');
    }
    books.campaigns.set(campaignId, {
      kind: String(body.kind), from, until, closedAt: null, distributeUntil: distributeUntil ?? (disaster ? until + 20 * DAY : null),
      restrictionId: disaster ? `campaign:${campaignId}` : null, account,
    });
    return ok(201, { fundId: books.fundId, campaignId });
  }

  private closeCampaign(books: FundBooks, campaignId: string, now: number): Reply {
    const campaign = books.campaigns.get(campaignId);
    if (!campaign) return no(404, 'NOT_FOUND');
    if (campaign.closedAt !== null) return no(422, 'INVALID_STATE');
    campaign.closedAt = now;
    return ok(200, { fundId: books.fundId, campaignId, status: 'closed' });
  }

  /** Closing a period that has ended; closing one already closed (itself or by its year) changes nothing and is refused. */
  private closePeriod(books: FundBooks, period: string, now: number): Reply {
    const [, end] = periodBounds(period);
    if (end > now) return no(422, 'PERIOD_NOT_ENDED');
    if (books.closedPeriods.has(period) || books.closedPeriods.has(period.slice(0, 4))) return no(422, 'INVALID_STATE');
    books.closedPeriods.add(period);
    return ok(200, { period });
  }

  /** A business date later than now + 24 h (api-v2 "Dates"). */
  private futureDate(date: number, now: number): Reply | undefined {
    return date > now + DAY ? no(422, 'FUTURE_DATE') : undefined;
  }

  /** A business date inside a period the board closed. */
  private closedPeriod(books: FundBooks, date: number): Reply | undefined {
    const closed = books.closedPeriods.has(String(vietnamYear(date))) || books.closedPeriods.has(`${vietnamYear(date)}-Q${vietnamQuarter(date)}`);
    return closed ? no(422, 'PERIOD_CLOSED') : undefined;
  }

  /** The value of a donation in dong, or undefined when the body breaks a rule of amounts and channels. */
  private donationValue(body: Record<string, unknown>): bigint | undefined {
    const currency = String(body.currency ?? 'VND');
    const scale = SCALE[currency];
    if (scale === undefined) throw new Error(`model: the generator used ${currency}, whose scale the model does not know`);
    const amount = scaled(String(body.amount), scale);
    if (amount === undefined) return undefined;
    const inKind = body.channel === 'in_kind';
    if (inKind !== (body.inKind != null)) return undefined;
    let vnd = amount;
    if (currency === 'VND') {
      if (body.fxRate != null) return undefined;
    } else {
      if (body.fxRate == null || !isDecimal(body.fxRate)) return undefined;
      vnd = toDong(String(body.amount), String(body.fxRate));
      if (vnd < 1n) return undefined;
    }
    return vnd > MAX_VND ? undefined : vnd;
  }

  private recordDonation(books: FundBooks | undefined, body: Record<string, unknown>, now: number): Reply {
    const vnd = this.donationValue(body);
    if (vnd === undefined) return invalid();
    const receivedAt = Date.parse(String(body.receivedAt));
    const future = this.futureDate(receivedAt, now);
    if (future) return future;
    if (!books) return no(404, 'NOT_FOUND');
    const component = String(body.component ?? 'general');
    if (!books.components.includes(component)) return no(422, 'UNKNOWN_COMPONENT');
    const closed = this.closedPeriod(books, receivedAt);
    if (closed) return closed;
    const campaignId = (body.campaignId as string | null | undefined) ?? null;
    let campaignPool: string | null = null;
    if (campaignId !== null) {
      const campaign = books.campaigns.get(campaignId);
      if (!campaign) return no(404, 'NOT_FOUND');
      if (receivedAt < campaign.from) return no(422, 'CAMPAIGN_NOT_OPEN');
      const end = campaign.closedAt !== null && campaign.closedAt < campaign.until ? campaign.closedAt : campaign.until;
      if (receivedAt > end) return no(422, 'CAMPAIGN_CLOSED');
      campaignPool = campaign.restrictionId;
    }
    const year = vietnamYear(receivedAt);
    const sequence = (books.donationsPerYear.get(year) ?? 0) + 1;
    books.donationsPerYear.set(year, sequence);
    const donationId = `DN-${year}-${pad(sequence)}`;
    const restriction = (body.restriction as { purpose: string; beneficiary?: string | null } | null | undefined) ?? null;
    const restrictionId = restriction ? donationId : campaignPool;
    const cash = body.channel !== 'in_kind';
    const inBase = cash && !restriction?.beneficiary;
    books.donations.set(donationId, { component, restrictionId, campaignId, amountVnd: vnd, cash, inBase, receivedAt, reversedAt: null });
    if (restrictionId !== null && !books.restrictions.has(restrictionId)) {
      books.restrictions.set(restrictionId, { component, campaignId, beneficiary: restriction?.beneficiary ?? null });
    }
    const pool = this.pool(books, component, restrictionId);
    pool.campaignId ??= campaignId;
    pool.purpose ??= restriction?.purpose ?? null;
    if (cash) this.move(books, pool, campaignId, 'received', vnd, receivedAt);
    else books.inKind += vnd;
    return ok(201, { donationId, receiptNo: `${year}-${pad(sequence)}`, amountVnd: String(vnd) });
  }

  private pool(books: FundBooks, component: string, restrictionId: string | null): Pool {
    const key = restrictionId === null ? component : `${component}#${restrictionId}`;
    let pool = books.pools.get(key);
    if (!pool) books.pools.set(key, (pool = { component, restrictionId, campaignId: null, purpose: null, ...zero() }));
    return pool;
  }

  /**
   * Moves money in a pool on the business date `at` and, when the movement names a campaign, in
   * that campaign's figures.
   */
  private move(books: FundBooks, pool: Pool, campaignId: string | null, field: keyof Figures, amount: bigint, at: number): void {
    pool[field] += amount;
    const key = pool.restrictionId === null ? pool.component : `${pool.component}#${pool.restrictionId}`;
    let changes = books.datedChanges.get(key);
    if (!changes) books.datedChanges.set(key, (changes = new Map()));
    const day = vietnamDayNumber(at);
    changes.set(day, (changes.get(day) ?? 0n) + AVAILABLE_SIGN[field] * amount);
    if (campaignId === null) return;
    let figures = books.campaignFigures.get(campaignId);
    if (!figures) books.campaignFigures.set(campaignId, (figures = zero()));
    figures[field] += amount;
    // What the campaign holds of its own, day by day, whichever pools its money is in.
    const own = campaignOwnKey(campaignId);
    let ownChanges = books.datedChanges.get(own);
    if (!ownChanges) books.datedChanges.set(own, (ownChanges = new Map()));
    ownChanges.set(day, (ownChanges.get(day) ?? 0n) + AVAILABLE_SIGN[field] * amount);
  }

  availableOf(books: FundBooks, key: string): bigint {
    const pool = books.pools.get(key);
    return pool ? availableFrom(pool) : 0n;
  }

  /**
   * What a movement dated `at` may take from a pool (api-v2 "Dates", the README's "Money dated
   * earlier"): the least the pool held at the close of the day of `at` or of any later day, each
   * closing the sum of every change dated by then.
   */
  availableAt(books: FundBooks, key: string, at: number): bigint {
    const changes = [...(books.datedChanges.get(key) ?? new Map<number, bigint>())];
    const from = vietnamDayNumber(at);
    const closingOf = (day: number) => changes.filter(([d]) => d <= day).reduce((sum, [, change]) => sum + change, 0n);
    const closings = [from, ...changes.map(([d]) => d).filter((d) => d > from)].map(closingOf);
    return closings.reduce((least, closing) => (closing < least ? closing : least));
  }

  /**
   * The pool a payment draws on and the campaign the movement belongs to, or the rejection; the
   * order api.md's README documents. Money drawn from a campaign's pool belongs to that campaign
   * however the request named the pool.
   */
  private choosePool(books: FundBooks, component: string, campaignId: string | null, restrictionId: string | null, managementCost: boolean, beneficiary: string | null):
    Reply | { key: string; campaignId: string | null } {
    if (!books.components.includes(component)) return no(422, 'UNKNOWN_COMPONENT');
    const campaign = campaignId === null ? undefined : books.campaigns.get(campaignId);
    if (campaignId !== null && !campaign) return no(404, 'NOT_FOUND');
    const chosen = restrictionId ?? campaign?.restrictionId ?? null;
    if (chosen === null) return { key: component, campaignId };
    // A disaster campaign's pool exists from the campaign's creation, in every component.
    const poolOfCampaign = [...books.campaigns.entries()].find(([, c]) => c.restrictionId === chosen)?.[0] ?? null;
    const known = books.restrictions.get(chosen) ?? (poolOfCampaign === null ? undefined : { component, campaignId: poolOfCampaign, beneficiary: null });
    if (!known) return no(404, 'NOT_FOUND');
    if (poolOfCampaign === null && known.component !== component) return no(422, 'RESTRICTION_MISMATCH');
    if (campaignId !== null && known.campaignId !== campaignId) return no(422, 'RESTRICTION_MISMATCH');
    if (known.beneficiary && beneficiary !== null && nameKey(known.beneficiary) !== nameKey(beneficiary)) return no(422, 'RESTRICTION_MISMATCH');
    if (managementCost) return no(422, 'RESTRICTION_MISMATCH');
    // The pool's campaign owns the movement, however the request named the pool.
    return { key: `${component}#${chosen}`, campaignId: known.campaignId ?? campaignId };
  }

  /**
   * The management-cost figures of a fiscal year (R6, api-v2 "Policy"): the base is the year's
   * eligible cash by business date, a donation's reversal counted in the reversal's year; the
   * budget is base × warnPercent and the hard limit base × capPercent, both rounded down; what an
   * earlier year left unused of its budget and its carry carries forward; `used` counts costs
   * requested in the year, less those a rejection or a reversal dated in the year took off.
   */
  managementCost(books: FundBooks, year: number, asOf: number, extra?: { year: number; amount: bigint }):
    { base: bigint; budget: bigint; carriedForward: bigint; used: bigint; limit: bigint; warnPercent: Percent; capPercent: Percent } {
    // A year whose reversals exceed its gifts has no base, not a negative one.
    const baseOf = (y: number) => {
      let base = 0n;
      for (const d of books.donations.values()) {
        if (!d.inBase) continue;
        if (vietnamYear(d.receivedAt) === y) base += d.amountVnd;
        if (d.reversedAt !== null && vietnamYear(d.reversedAt) === y) base -= d.amountVnd;
      }
      return base > 0n ? base : 0n;
    };
    // `extra`: a cost being decided, as if it were requested.
    const usedOf = (y: number) => [...books.disbursements.values()].filter((d) => d.kind === 'management_cost')
      .reduce((sum, d) => sum + (vietnamYear(d.requestedAt) === y ? d.amount : 0n) - (d.offAt !== null && vietnamYear(d.offAt) === y ? d.amount : 0n),
        extra?.year === y ? extra.amount : 0n);
    const share = (base: bigint, percent: Percent) => floorDiv(base * percent.units, 100n * 10n ** BigInt(percent.scale));
    const years = new Set<number>();
    for (const d of books.donations.values()) {
      years.add(vietnamYear(d.receivedAt));
      if (d.reversedAt !== null) years.add(vietnamYear(d.reversedAt));
    }
    for (const d of books.disbursements.values()) {
      years.add(vietnamYear(d.requestedAt));
      if (d.offAt !== null) years.add(vietnamYear(d.offAt));
    }
    if (extra) years.add(extra.year);
    // A year's percentages are the policy's on its last day, or on the day of the command when that comes first.
    const rulesOf = (y: number) => this.policyAt(books, Math.min(asOf, periodBounds(String(y))[1] - 1));
    // Carried money is spent once: each earlier year, oldest first, passes on what it left of its
    // budget and of what it was carried, when positive.
    let carriedForward = 0n;
    for (const earlier of [...years].filter((y) => y < year).sort((a, b) => a - b)) {
      const left = share(baseOf(earlier), rulesOf(earlier).warnPercent) + carriedForward - usedOf(earlier);
      carriedForward = left > 0n ? left : 0n;
    }
    const base = baseOf(year);
    const { warnPercent, capPercent } = rulesOf(year);
    const budget = share(base, warnPercent);
    return { base, budget, carriedForward, used: usedOf(year), limit: share(base, capPercent) + carriedForward, warnPercent, capPercent };
  }

  private approvalsRequired(rules: PolicyRules, amount: bigint): number {
    let required = 1;
    let highest = -1n;
    for (const tier of rules.tiers) {
      if (amount > tier.above && tier.above >= highest) {
        highest = tier.above;
        required = tier.approvers;
      }
    }
    return required;
  }

  private requestDisbursement(books: FundBooks | undefined, body: Record<string, unknown>, user: SimUser, now: number): Reply {
    const amount = dong(body.amount);
    if (amount === undefined) return invalid();
    const requestedAt = body.requestedAt == null ? now : Date.parse(String(body.requestedAt));
    const future = this.futureDate(requestedAt, now);
    if (future) return future;
    if (!books) return no(404, 'NOT_FOUND');
    const closed = this.closedPeriod(books, requestedAt);
    if (closed) return closed;
    const kind = String(body.kind);
    const campaignId = (body.campaignId as string | null | undefined) ?? null;
    const chosen = this.choosePool(books, String(body.component), campaignId, (body.restrictionId as string | null | undefined) ?? null, kind === 'management_cost', String(body.beneficiary));
    if (!('key' in chosen)) return chosen;
    // A campaign stops distributing at its distributeUntil (R15); forwarding to another chapter is not distributing.
    const ends = chosen.campaignId === null ? null : books.campaigns.get(chosen.campaignId)?.distributeUntil ?? null;
    if ((kind !== 'transfer' || body.distribution != null) && ends !== null && requestedAt > ends) return no(422, 'CAMPAIGN_CLOSED');
    let warning = false;
    if (kind === 'management_cost') {
      const year = vietnamYear(requestedAt);
      // A past year as it closed, the current one as today, a later one as it opens.
      const figures = this.managementCost(books, year, Math.max(now, requestedAt));
      if (figures.used + amount > figures.limit) return no(422, 'MANAGEMENT_COST_CAP_EXCEEDED');
      // Nor may a cost dated earlier take a later year past its cap, by carrying it less.
      const laterYears = new Set([...books.disbursements.values()].filter((d) => d.kind === 'management_cost')
        .flatMap((d) => (d.offAt === null ? [d.requestedAt] : [d.requestedAt, d.offAt])).map(vietnamYear)
        .filter((y) => y > year && this.managementCost(books, y, now).used > 0n));
      for (const later of laterYears) {
        const before = this.managementCost(books, later, now);
        const after = this.managementCost(books, later, now, { year, amount });
        if (after.used > after.limit && after.limit < before.limit) return no(422, 'MANAGEMENT_COST_CAP_EXCEEDED');
      }
      warning = figures.used + amount > figures.budget + figures.carriedForward;
    }
    if (this.availableAt(books, chosen.key, requestedAt) < amount) return no(422, 'INSUFFICIENT_FUNDS');
    const id = `DB-${pad(books.disbursements.size + 1)}`;
    books.disbursements.set(id, {
      amount, kind, pool: chosen.key, campaignId: chosen.campaignId, requestedBy: user.userId, requestedAt, requestedNow: body.requestedAt == null,
      approvers: [], required: this.approvalsRequired(this.policyAt(books, requestedAt), amount), certificationRef: (body.certificationRef as string | null | undefined) ?? null,
      status: 'requested', paidAt: null, offAt: null,
    });
    this.move(books, books.pools.get(chosen.key)!, chosen.campaignId, 'held', amount, requestedAt);
    // A management cost past the board's share goes through, flagged in its answer.
    const answer = { disbursementId: id, status: 'requested', approvalsRequired: books.disbursements.get(id)!.required };
    return ok(201, kind === 'management_cost' ? { ...answer, managementCostWarning: warning } : answer);
  }

  // -------------------------------------------------------------------------------------------
  // Transfers between two funds of the ledger (R16), from the sender's unrestricted money.
  // -------------------------------------------------------------------------------------------

  /** Held at once; in transit once the policy's approvers agree (at once when it needs none). */
  private requestTransfer(books: FundBooks, body: Record<string, unknown>, user: SimUser, now: number): Reply {
    const amount = dong(body.amount);
    if (amount === undefined) return invalid();
    const toFundId = String(body.toFundId);
    if (toFundId === books.fundId) return invalid();
    const receiver = this.funds.get(toFundId);
    if (!receiver) throw new Error('model: the simulation sends only to the partner fund it opened');
    const component = String(body.component);
    if (!receiver.components.includes(component)) return no(422, 'UNKNOWN_COMPONENT');
    if (body.campaignId != null || body.restrictionId != null || body.requestedAt != null) throw new Error('model: the simulation sends unrestricted money now');
    const chosen = this.choosePool(books, component, null, null, false, null);
    if (!('key' in chosen)) return chosen;
    if (this.availableAt(books, chosen.key, now) < amount) return no(422, 'INSUFFICIENT_FUNDS');
    const id = `TR-${books.fundId}-${pad(books.transfers.size + 1)}`;
    const transfer: Transfer = {
      toFundId, amount, pool: chosen.key, requestedBy: user.userId, approvers: [], required: this.approvalsRequired(this.policyAt(books, now), amount), status: 'requested',
    };
    books.transfers.set(id, transfer);
    this.move(books, books.pools.get(chosen.key)!, null, 'held', amount, now);
    if (transfer.required === 0) this.sendTransfer(books, transfer, now);
    return ok(201, { transferId: id, status: transfer.status, approvalsRequired: transfer.required });
  }

  private sendTransfer(books: FundBooks, transfer: Transfer, now: number): void {
    const pool = books.pools.get(transfer.pool)!;
    this.move(books, pool, null, 'held', -transfer.amount, now);
    this.move(books, pool, null, 'inTransitOut', transfer.amount, now);
    transfer.status = 'in_transit';
    this.funds.get(transfer.toFundId)!.inTransitIn += transfer.amount;
  }

  private actOnTransfer(books: FundBooks, action: 'transfer-approve' | 'transfer-reject', id: string, user: SimUser, now: number): Reply {
    const transfer = books.transfers.get(id);
    if (!transfer) return no(404, 'NOT_FOUND');
    if (transfer.status !== 'requested') return no(422, 'INVALID_STATE');
    if (action === 'transfer-reject') {
      transfer.status = 'rejected';
      this.move(books, books.pools.get(transfer.pool)!, null, 'held', -transfer.amount, now);
      return ok(200, { transferId: id, status: 'rejected' });
    }
    if (transfer.requestedBy === user.userId) return no(422, 'SELF_APPROVAL_FORBIDDEN');
    if (transfer.approvers.includes(user.userId)) return no(422, 'DUPLICATE_APPROVAL');
    transfer.approvers.push(user.userId);
    if (transfer.approvers.length >= transfer.required) this.sendTransfer(books, transfer, now);
    return ok(200, { transferId: id, status: transfer.status, approvalsCount: transfer.approvers.length, approvalsRequired: transfer.required });
  }

  /** The receiving fund takes the money in (into the same component) or sends it back; only while in transit. */
  private arriveTransfer(receiverId: string, action: 'transfer-receive' | 'transfer-return', id: string, now: number): Reply {
    const senderId = /^TR-(.+)-[0-9]{6,}$/.exec(id)?.[1] ?? '';
    const sender = this.funds.get(senderId);
    const transfer = sender?.transfers.get(id);
    const receiver = this.funds.get(receiverId);
    if (!sender || !transfer || transfer.toFundId !== receiverId || !receiver) return no(404, 'NOT_FOUND');
    if (transfer.status !== 'in_transit') return no(422, 'INVALID_STATE');
    const pool = sender.pools.get(transfer.pool)!;
    this.move(sender, pool, null, 'inTransitOut', -transfer.amount, now);
    receiver.inTransitIn -= transfer.amount;
    if (action === 'transfer-return') {
      transfer.status = 'returned';
      return ok(200, { transferId: id, status: 'returned' });
    }
    transfer.status = 'received';
    this.move(sender, pool, null, 'transferredOut', transfer.amount, now);
    const component = pool.component;
    let arrived = receiver.pools.get(component);
    if (!arrived) receiver.pools.set(component, (arrived = { component, restrictionId: null, campaignId: null, purpose: null, ...zero() }));
    this.move(receiver, arrived, null, 'transferredIn', transfer.amount, now);
    return ok(200, { transferId: id, status: 'received' });
  }

  private actOnDisbursement(books: FundBooks, action: 'approve' | 'reject' | 'pay', id: string, body: Record<string, unknown>, user: SimUser, now: number): Reply {
    const d = books.disbursements.get(id);
    if (!d) return no(404, 'NOT_FOUND');
    const pool = books.pools.get(d.pool)!;
    if (action === 'approve') {
      if (d.status !== 'requested') return no(422, 'INVALID_STATE');
      if (d.requestedBy === user.userId) return no(422, 'SELF_APPROVAL_FORBIDDEN');
      if (d.approvers.includes(user.userId)) return no(422, 'DUPLICATE_APPROVAL');
      d.approvers.push(user.userId);
      if (d.approvers.length >= d.required) d.status = 'approved';
      return ok(200, { disbursementId: id, status: d.status, approvalsCount: d.approvers.length, approvalsRequired: d.required });
    }
    if (action === 'reject') {
      if (d.status !== 'requested' && d.status !== 'approved') return no(422, 'INVALID_STATE');
      d.status = 'rejected';
      d.offAt = now;
      this.move(books, pool, d.campaignId, 'held', -d.amount, now);
      return ok(200, { disbursementId: id, status: 'rejected' });
    }
    if (d.status !== 'approved') return no(422, 'INVALID_STATE');
    const paidAt = Date.parse(String(body.paidAt));
    if (d.requestedBy === user.userId && !this.policyAt(books, paidAt).payerMayBeRequester) return no(422, 'SELF_PAYMENT_FORBIDDEN');
    if (wholeSecond(paidAt) < wholeSecond(d.requestedAt)) return no(422, 'DATE_BEFORE_REQUEST');
    const closed = this.closedPeriod(books, paidAt);
    if (closed) return closed;
    // R6's hard stop at payment: revenue reversed since the request can leave its year past the cap; the cost waits until it is back within.
    if (d.kind === 'management_cost') {
      const figures = this.managementCost(books, vietnamYear(d.requestedAt), Math.max(now, d.requestedAt));
      if (figures.used > figures.limit) return no(422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    }
    const certificationRef = (body.certificationRef as string | null | undefined) ?? d.certificationRef;
    if (d.kind === 'humanitarian' && !certificationRef) return no(422, 'CERTIFICATION_REQUIRED');
    d.status = 'paid';
    d.paidAt = paidAt;
    this.move(books, pool, d.campaignId, 'held', -d.amount, paidAt);
    this.move(books, pool, d.campaignId, 'disbursed', d.amount, paidAt);
    return ok(200, { disbursementId: id, status: 'paid' });
  }

  /** Money of a component out in releases not yet settled. */
  private openEmergency(books: FundBooks, component: string): bigint {
    return [...books.releases.values()].filter((r) => r.status === 'open' && r.component === component).reduce((sum, r) => sum + r.amount, 0n);
  }

  private release(books: FundBooks | undefined, body: Record<string, unknown>, user: SimUser, now: number): Reply {
    const amount = dong(body.amount);
    if (amount === undefined) return invalid();
    const releasedAt = body.releasedAt == null ? now : Date.parse(String(body.releasedAt));
    const future = this.futureDate(releasedAt, now);
    if (future) return future;
    if (!books) return no(404, 'NOT_FOUND');
    const closed = this.closedPeriod(books, releasedAt);
    if (closed) return closed;
    const component = String(body.component);
    const chosen = this.choosePool(books, component, (body.campaignId as string | null | undefined) ?? null, null, false, null);
    if (!('key' in chosen)) return chosen;
    // Cash handed out at once for a campaign is distribution: it stops at the campaign's distributeUntil (R15).
    const ends = chosen.campaignId === null ? null : books.campaigns.get(chosen.campaignId)?.distributeUntil ?? null;
    if (ends !== null && releasedAt > ends) return no(422, 'CAMPAIGN_CLOSED');
    const rules = this.policyAt(books, releasedAt);
    if (amount > rules.emergencyCap) return no(422, 'EMERGENCY_CAP_EXCEEDED');
    const overdue = [...books.releases.values()].some((r) => r.status === 'open' && r.releasedBy === user.userId && r.settleBy < releasedAt);
    if (rules.blockReleasesWhenOverdue && overdue) return no(422, 'SETTLEMENT_OVERDUE');
    if (this.openEmergency(books, component) + amount > rules.emergencyOpenLimit) return no(422, 'EMERGENCY_OPEN_LIMIT_EXCEEDED');
    if (this.availableAt(books, chosen.key, releasedAt) < amount) return no(422, 'INSUFFICIENT_FUNDS');
    const id = `ER-${pad(books.releases.size + 1)}`;
    books.releases.set(id, {
      amount, component, pool: chosen.key, campaignId: chosen.campaignId, releasedBy: user.userId, releasedAt, releasedNow: body.releasedAt == null,
      settleBy: releasedAt + rules.settlementDays * DAY, status: 'open', spent: 0n, returned: 0n, settledAt: null, reopenedAt: null,
    });
    this.move(books, books.pools.get(chosen.key)!, chosen.campaignId, 'outstanding', amount, releasedAt);
    return ok(201, { releaseId: id, status: 'open' });
  }

  private settle(books: FundBooks | undefined, id: string, body: Record<string, unknown>, now: number): Reply {
    // "0" or a positive whole-dong amount; unlike other amounts, no upper bound.
    const amountOrZero = (value: unknown) => (value === '0' ? 0n : isDecimal(value) && !String(value).includes('.') ? BigInt(String(value)) : undefined);
    const spent = amountOrZero(body.spent);
    const returned = amountOrZero(body.returned);
    if (spent === undefined || returned === undefined) return invalid();
    const settledAt = body.settledAt == null ? now : Date.parse(String(body.settledAt));
    const future = this.futureDate(settledAt, now);
    if (future) return future;
    if (!books) return no(404, 'NOT_FOUND');
    const closed = this.closedPeriod(books, settledAt);
    if (closed) return closed;
    const release = books.releases.get(id);
    if (!release) return no(404, 'NOT_FOUND');
    if (release.status !== 'open') return no(422, 'INVALID_STATE');
    if (wholeSecond(settledAt) < wholeSecond(release.reopenedAt ?? release.releasedAt)) return no(422, 'DATE_BEFORE_REQUEST');
    if (spent + returned !== release.amount) return no(422, 'SETTLEMENT_MISMATCH');
    if (spent > 0n && (body.evidence as string[]).length === 0) return no(422, 'EVIDENCE_REQUIRED');
    release.status = 'settled';
    release.spent = spent;
    release.returned = returned;
    release.settledAt = settledAt;
    const pool = books.pools.get(release.pool)!;
    this.move(books, pool, release.campaignId, 'outstanding', -release.amount, settledAt);
    this.move(books, pool, release.campaignId, 'disbursed', spent, settledAt);
    return ok(200, { releaseId: id, status: 'settled' });
  }

  /** Reverses a money entry (api-v2 "Corrections"), dated `reversedAt` (default now) in an open period. */
  private reverse(books: FundBooks, body: Record<string, unknown>, now: number): Reply {
    const entryId = String(body.entryId);
    const reversalId = `RV-${pad(books.reversals + 1)}`;
    const reversedAt = body.reversedAt == null ? now : Date.parse(String(body.reversedAt));
    // A correction is dated in an open period, whatever period the entry it corrects is in.
    const closed = this.closedPeriod(books, reversedAt);
    if (closed) return closed;
    const entry = entryId.startsWith('DN-') ? books.donations.get(entryId) : entryId.startsWith('DB-') ? books.disbursements.get(entryId) : entryId.startsWith('ER-') ? books.releases.get(entryId) : undefined;
    if (!entry) return no(404, 'NOT_FOUND');
    // Never dated before the entry it corrects, compared to the whole second.
    const before = (entryDate: number) => wholeSecond(reversedAt) < wholeSecond(entryDate);
    const done = (): Reply => {
      books.reversals += 1;
      return ok(201, { reversalId, entryId });
    };
    if (entryId.startsWith('DN-')) {
      const donation = entry as Donation;
      if (donation.reversedAt !== null) return no(422, 'ALREADY_REVERSED');
      if (before(donation.receivedAt)) return no(422, 'DATE_BEFORE_REQUEST');
      const key = donation.restrictionId === null ? donation.component : `${donation.component}#${donation.restrictionId}`;
      if (donation.cash && this.availableAt(books, key, reversedAt) < donation.amountVnd) return no(422, 'INSUFFICIENT_FUNDS');
      // A gift to a campaign without a pool of its own is given back only out of what the campaign
      // still holds of its own (it may have spent more than it received, out of another component).
      if (donation.cash && donation.restrictionId === null && donation.campaignId !== null
        && this.availableAt(books, campaignOwnKey(donation.campaignId), reversedAt) < donation.amountVnd) return no(422, 'INSUFFICIENT_FUNDS');
      donation.reversedAt = reversedAt;
      if (donation.cash) this.move(books, books.pools.get(key)!, donation.campaignId, 'received', -donation.amountVnd, reversedAt);
      else books.inKind -= donation.amountVnd;
      return done();
    }
    if (entryId.startsWith('DB-')) {
      const d = entry as Disbursement;
      if (d.status === 'reversed') return no(422, 'ALREADY_REVERSED');
      if (d.status !== 'paid') return no(422, 'INVALID_STATE');
      if (before(d.paidAt ?? d.requestedAt)) return no(422, 'DATE_BEFORE_REQUEST');
      d.status = 'reversed';
      d.offAt = reversedAt;
      this.move(books, books.pools.get(d.pool)!, d.campaignId, 'disbursed', -d.amount, reversedAt);
      return done();
    }
    // An emergency release: reversing its settlement re-opens it; reversing it unsettled cancels it.
    const release = entry as Release;
    if (release.status === 'cancelled') return no(422, 'ALREADY_REVERSED');
    if (before(release.status === 'open' ? release.reopenedAt ?? release.releasedAt : release.settledAt ?? release.releasedAt)) return no(422, 'DATE_BEFORE_REQUEST');
    const pool = books.pools.get(release.pool)!;
    if (release.status === 'open') {
      release.status = 'cancelled';
      this.move(books, pool, release.campaignId, 'outstanding', -release.amount, reversedAt);
      return done();
    }
    if (this.availableAt(books, release.pool, reversedAt) < release.returned) return no(422, 'INSUFFICIENT_FUNDS');
    this.move(books, pool, release.campaignId, 'disbursed', -release.spent, reversedAt);
    this.move(books, pool, release.campaignId, 'outstanding', release.amount, reversedAt);
    release.status = 'open';
    release.spent = 0n;
    release.returned = 0n;
    release.settledAt = null;
    release.reopenedAt = reversedAt;
    return done();
  }

  /**
   * What GET /v1/funds/:fundId/management-cost?year= must answer: a past year as it closed, the
   * current year as of now, a later one as it would open.
   */
  expectedManagementCost(fundId: string, year: number, now: number): Record<string, unknown> {
    const books = this.funds.get(fundId);
    if (!books) throw new Error(`model: no fund ${fundId}`);
    const [start, end] = periodBounds(String(year));
    const asOf = year < vietnamYear(now) ? end - 1000 : year === vietnamYear(now) ? now : start;
    const f = this.managementCost(books, year, asOf);
    const remaining = f.budget + f.carriedForward - f.used;
    return {
      year, base: String(f.base), warnPercent: percentText(f.warnPercent), capPercent: percentText(f.capPercent), budget: String(f.budget),
      carriedForward: String(f.carriedForward), used: String(f.used), remaining: String(remaining), warning: remaining < 0n,
    };
  }

  /**
   * The entries of each campaign, as its registers' `?campaignId=` must list them: money drawn
   * from a campaign's pool is the campaign's however the request named the pool.
   */
  campaignEntries(fundId: string): Map<string, { donations: string[]; disbursements: string[]; releases: string[] }> {
    const books = this.funds.get(fundId);
    const entries = new Map<string, { donations: string[]; disbursements: string[]; releases: string[] }>();
    for (const campaignId of books?.campaigns.keys() ?? []) entries.set(campaignId, { donations: [], disbursements: [], releases: [] });
    for (const [id, d] of books?.donations ?? []) if (d.campaignId !== null) entries.get(d.campaignId)?.donations.push(id);
    for (const [id, d] of books?.disbursements ?? []) if (d.campaignId !== null) entries.get(d.campaignId)?.disbursements.push(id);
    for (const [id, r] of books?.releases ?? []) if (r.campaignId !== null) entries.get(r.campaignId)?.releases.push(id);
    return entries;
  }

  /**
   * What GET /v1/funds/:fundId/policy/history must list: each version's number, the complete
   * policy it holds, and for every change its effectiveFrom and decision. Arrays are spread
   * first: books cloned by structuredClone hold arrays of another realm, which deep equality
   * tells apart from the answer's.
   */
  expectedPolicyHistory(fundId: string): Record<string, unknown>[] {
    const books = this.funds.get(fundId);
    return [...(books?.versions ?? [])].map((v, index) => ({
      version: index + 1,
      ...(index === 0 ? {} : { effectiveFrom: v.from, decisionRef: v.decisionRef }),
      policy: {
        approvals: [...v.rules.tiers].map((tier) => ({ above: String(tier.above), approvers: tier.approvers })),
        emergencyReleaseCap: String(v.rules.emergencyCap), emergencySettlementDays: v.rules.settlementDays,
        managementCostWarnPercent: percentText(v.rules.warnPercent), managementCostCapPercent: percentText(v.rules.capPercent),
        emergencyOpenLimit: String(v.rules.emergencyOpenLimit), blockReleasesWhenOverdue: v.rules.blockReleasesWhenOverdue,
        payerMayBeRequester: v.rules.payerMayBeRequester,
      },
    }));
  }

  /** Every fiscal year the fund's entries are dated in, and the current one. */
  yearsOf(fundId: string, now: number): number[] {
    const books = this.funds.get(fundId);
    const years = new Set([vietnamYear(now)]);
    for (const d of books?.donations.values() ?? []) {
      years.add(vietnamYear(d.receivedAt));
      if (d.reversedAt !== null) years.add(vietnamYear(d.reversedAt));
    }
    for (const d of books?.disbursements.values() ?? []) {
      years.add(vietnamYear(d.requestedAt));
      if (d.offAt !== null) years.add(vietnamYear(d.offAt));
    }
    return [...years].sort();
  }

  // -------------------------------------------------------------------------------------------
  // What GET /v1/funds/:fundId/balance must answer.
  // -------------------------------------------------------------------------------------------

  expectedBalance(fundId: string): Record<string, unknown> {
    const books = this.funds.get(fundId);
    if (!books) throw new Error(`model: no fund ${fundId}`);
    const show = (f: Figures) => ({
      received: String(f.received), disbursed: String(f.disbursed), held: String(f.held), outstandingEmergency: String(f.outstanding),
      transferredIn: String(f.transferredIn), inTransitOut: String(f.inTransitOut), transferredOut: String(f.transferredOut),
      available: String(availableFrom(f)),
    });
    const total = zero();
    for (const pool of books.pools.values()) for (const field of Object.keys(total) as (keyof Figures)[]) total[field] += pool[field];
    const byComponent: Record<string, unknown> = {};
    for (const component of books.components) byComponent[component] = show(books.pools.get(component) ?? zero());
    const restricted = [...books.pools.values()]
      .filter((pool) => pool.restrictionId !== null)
      .map((pool) => ({ restrictionId: pool.restrictionId, component: pool.component, purpose: pool.purpose, campaignId: pool.campaignId, ...show(pool) }))
      .sort(byRestriction);
    // A campaign without a pool of its own may be named by spending beyond what it received (the
    // rest is the component's general money): it never has less than nothing left.
    const showCampaign = (f: Figures) => {
      const shown = show(f);
      return shown.available.startsWith('-') ? { ...shown, available: '0' } : shown;
    };
    const byCampaign = Object.fromEntries([...books.campaignFigures.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, f]) => [id, showCampaign(f)]));
    return { fundId, currency: 'VND', ...show(total), inTransitIn: String(books.inTransitIn), inKindReceived: String(books.inKind), byComponent, restricted, byCampaign };
  }
}

export function byRestriction(a: { restrictionId: unknown; component: unknown }, b: { restrictionId: unknown; component: unknown }): number {
  const left = `${String(a.restrictionId)}|${String(a.component)}`;
  const right = `${String(b.restrictionId)}|${String(b.component)}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
