import type { SeededRandom } from '../soak/support/random';
import { type Command, DECREE_03_2026_FROM, type Disbursement, type FundBooks, type ReferenceModel, vietnamDay } from './reference-model';

/** One step of a simulation: one command, or several sent at once (racing). */
export interface Step {
  commands: Command[];
}

export const FUND_TOKEN = '@F@';
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** ISO 8601 in Vietnam time, to the second, as a caller would send it. */
export function vietnamTimestamp(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
}

const APPROVERS = ['appr1', 'appr2', 'appr3', 'dual'];
const REQUESTERS = ['acc', 'dual'];
const BENEFICIARY = 'Em Lò Văn Páo';
/** The same person written as callers write names: other case, no diacritics, extra spaces. */
const BENEFICIARY_SPELLINGS = [BENEFICIARY, 'em lo van pao', 'EM LÒ VĂN PÁO', '  Em Lò  Văn Páo '];

/** A quarter as a number (year × 4 + quarter − 1), in Vietnam time. */
const quarterIndex = (ms: number) => {
  const date = new Date(ms + 7 * HOUR);
  return date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
};
const quarterLabel = (index: number) => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
/** Start of a quarter, in Vietnam time, as ms. */
const quarterStart = (index: number) => Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1) - 7 * HOUR;

/**
 * Draws commands from a seed. It looks at the model's books only to aim well (at pools that
 * exist, amounts near what is available, disbursements in each state); every command it draws
 * is still judged by the model from the command alone. Roughly one step in eight races several
 * commands; about one in six is invalid, refused or aimed at something missing.
 */
export class CommandGenerator {
  private keyCounter = 0;
  private campaignCounter = 0;
  private readonly keyed: Command[] = [];

  /** `modelOf`: the model as it stands after the last step (the harness replaces it when a race settles). */
  constructor(private readonly random: SeededRandom, private readonly modelOf: () => ReferenceModel, private readonly fundId: string) {}

  private get model(): ReferenceModel {
    return this.modelOf();
  }

  private get books(): FundBooks | undefined {
    return this.model.funds.get(this.fundId);
  }

  private key(probability = 0.75): string | null {
    return this.random.chance(probability) ? `${FUND_TOKEN}:k${++this.keyCounter}` : null;
  }

  private command(label: string, user: string, path: string, body: Record<string, unknown>, key = this.key()): Command {
    return { label, user, method: 'POST', path: `/v1/funds/${FUND_TOKEN}${path}`, body, key };
  }

  /** Commands actually sent with a key: what a retry may repeat. */
  noteSent(step: Step): void {
    for (const command of step.commands) if (command.key !== null && !this.keyed.includes(command)) this.keyed.push(command);
  }

  openFund(): Step {
    const r = this.random;
    const policy: Record<string, unknown> = {};
    const tiers = r.pick([
      undefined,
      [{ above: '0', approvers: 1 }],
      [{ above: '0', approvers: 1 }, { above: '20000000', approvers: 2 }],
      [{ above: '0', approvers: 1 }, { above: '10000000', approvers: 2 }, { above: '40000000', approvers: 3 }],
    ]);
    if (tiers) policy.approvals = tiers;
    const cap = r.pick([undefined, '20000000', '5000000']);
    if (cap) policy.emergencyReleaseCap = cap;
    // The cap never exceeds 10 %; the warning level (default 5 %) is never above the cap.
    const percent = r.pick([undefined, '5', '2.5', '10', '0.75', '7.5']);
    if (percent) policy.managementCostCapPercent = percent;
    const warnChoices = percent === undefined ? ['5', '2', '10', '0.5'] : [percent, '0.5'].concat(Number(percent) >= 5 ? ['5', '2.25'] : []);
    if ((percent !== undefined && Number(percent) < 5) || r.chance(0.4)) policy.managementCostWarnPercent = r.pick(warnChoices);
    if (r.chance(0.3)) policy.emergencySettlementDays = r.int(1, 365);
    if (r.chance(0.3)) policy.emergencyOpenLimit = r.pick(['3000000', '10000000', '60000000']);
    if (r.chance(0.2)) policy.blockReleasesWhenOverdue = false;
    if (r.chance(0.25)) policy.payerMayBeRequester = true;
    const body: Record<string, unknown> = { fundId: FUND_TOKEN, name: `Quỹ mô phỏng ${FUND_TOKEN}`, policy };
    // Decree 93/2019 is a basis only for a fund opened before Decree 03/2026 replaced it.
    const bases = vietnamDay(Date.now()) < DECREE_03_2026_FROM ? ['decree-93-2019', 'decree-03-2026'] : ['decree-03-2026'];
    if (r.chance(0.3)) body.legalBasis = r.pick(bases);
    const components = r.pick([undefined, ['general', 'cuu-tro'], ['general', 'emergency-relief', 'humanitarian', 'hoc-bong']]);
    if (components) body.components = components;
    const command: Command = { label: 'open fund', user: 'admin', method: 'POST', path: '/v1/funds', body, key: this.key(0.5) };
    return { commands: [command] };
  }

  next(now: number): Step {
    if (this.random.chance(0.12)) return { commands: this.race(now) };
    return { commands: [this.single(now)] };
  }

  private single(now: number): Command {
    const books = this.books;
    const statuses = new Set([...(books?.disbursements.values() ?? [])].map((d) => d.status));
    const openReleases = [...(books?.releases.values() ?? [])].some((release) => release.status === 'open');
    const transfers = new Set([...(books?.transfers.values() ?? [])].map((t) => t.status));
    // Commands aimed at something that does not exist yet are drawn rarely: they only say 404. The
    // states that lead to rare answers draw their command more often: a version scheduled ahead
    // (EFFECTIVE_DATE_BEFORE_SCHEDULED), a request with some of its approvals (DUPLICATE_APPROVAL),
    // an approved humanitarian request without certification (CERTIFICATION_REQUIRED), an overdue
    // release (SETTLEMENT_OVERDUE).
    const kind = this.random.weighted({
      donation: 28, campaign: 7, close: (books?.campaigns.size ?? 0) > 0 ? 2 : 0.2, closePeriod: 2, policy: this.scheduledAhead(now) ? 8 : 2.5, request: 18,
      approve: statuses.has('requested') ? (this.partlyApproved().length > 0 ? 24 : 12) : 0.3, reject: statuses.size > 0 ? 3 : 0.2,
      pay: statuses.has('approved') ? (this.uncertified().length > 0 ? 22 : 10) : 0.3, release: this.overdueRelease(now) ? 30 : 5,
      settle: openReleases ? 12 : 0.3, reversal: (books?.donations.size ?? 0) > 0 ? 5 : 0.3,
      retry: 4, reuseKey: 1.5, ghost: 1, forbidden: 1.5, openAgain: 0.7, invalid: 4,
      transfer: 6, approveTransfer: transfers.has('requested') ? 12 : 0.2, rejectTransfer: transfers.has('requested') ? 1 : 0.1,
      receiveTransfer: transfers.has('in_transit') ? 12 : 0.2, returnTransfer: transfers.has('in_transit') ? 3 : 0.1,
    });
    switch (kind) {
      case 'donation': return this.donation(now);
      case 'campaign': return this.campaign(now);
      case 'close': return this.close();
      case 'closePeriod': return this.closePeriod(now);
      case 'policy': return this.changePolicy(now);
      case 'request': return this.request(now);
      case 'approve': return this.approve();
      case 'reject': return this.reject();
      case 'pay': return this.pay(now);
      case 'release': return this.release(now);
      case 'settle': return this.settle(now);
      case 'reversal': return this.reversal(now);
      case 'retry': return this.retry(now);
      case 'reuseKey': return this.reuseKey(now);
      case 'ghost': return this.ghost(now);
      case 'forbidden': return this.forbidden(now);
      case 'openAgain': return this.openAgain();
      case 'invalid': return this.invalid(now);
      case 'transfer': return this.transfer();
      case 'approveTransfer': return this.actOnTransfer('approve');
      case 'rejectTransfer': return this.actOnTransfer('reject');
      case 'receiveTransfer': return this.arriveTransfer('receive');
      case 'returnTransfer': return this.arriveTransfer('return');
    }
  }

  // --- transfers to the partner fund (R16) --------------------------------------------------

  private get partnerId(): string {
    return `${this.fundId}-tinh`;
  }

  /** Money sent up to the partner fund, opened first (by the admin) when it is not yet. */
  private transfer(): Command {
    if (!this.model.funds.has(this.partnerId)) {
      const body = { fundId: `${FUND_TOKEN}-tinh`, name: `Quỹ tỉnh ${FUND_TOKEN}` };
      return { label: 'open partner fund', user: 'admin', method: 'POST', path: '/v1/funds', body, key: null };
    }
    // Mostly a component both funds have, with money in it; sometimes one the partner lacks (UNKNOWN_COMPONENT).
    const books = this.books;
    const shared = this.components().filter((c) => this.model.funds.get(this.partnerId)?.components.includes(c) && books && this.model.availableOf(books, c) > 0n);
    const component = shared.length > 0 && this.random.chance(0.85) ? this.random.pick(shared) : this.componentWithMoney();
    const available = books ? this.model.availableOf(books, component) : 0n;
    const body = { toFundId: `${FUND_TOKEN}-tinh`, amount: this.near(available), component, purpose: 'Chuyển tiền ủng hộ lên tỉnh' };
    return this.command('transfer', this.random.pick(REQUESTERS), '/transfers', body);
  }

  /** A transfer id as the generator writes it: the fund's id as its token, so a replay on a fresh fund names that fund's transfer. */
  private transferTarget(preferred: string[]): string {
    const r = this.random;
    const all = [...(this.books?.transfers.entries() ?? [])];
    const good = all.filter(([, t]) => preferred.includes(t.status)).map(([id]) => id);
    const id = good.length > 0 && r.chance(0.85) ? r.pick(good) : all.length > 0 && r.chance(0.9) ? r.pick(all)[0] : `TR-${this.fundId}-999999`;
    return id.replace(this.fundId, FUND_TOKEN);
  }

  private actOnTransfer(action: 'approve' | 'reject'): Command {
    const r = this.random;
    // Sometimes an approver who has already approved a transfer still waiting for more: DUPLICATE_APPROVAL.
    const partly = [...(this.books?.transfers.entries() ?? [])].filter(([, t]) => t.status === 'requested' && t.approvers.length > 0);
    if (action === 'approve' && partly.length > 0 && r.chance(0.5)) {
      const [id, t] = r.pick(partly);
      const again = this.nameOf(r.pick(t.approvers));
      if (again) return this.command('approve transfer again', again, `/transfers/${id.replace(this.fundId, FUND_TOKEN)}/approve`, {});
    }
    const body = action === 'approve' ? {} : { reason: 'Chưa đúng địa bàn' };
    return this.command(`${action} transfer`, r.pick(APPROVERS), `/transfers/${this.transferTarget(['requested'])}/${action}`, body);
  }

  /** The partner's accountant receives or returns what is in transit to it. */
  private arriveTransfer(action: 'receive' | 'return'): Command {
    const body = action === 'receive' ? {} : { reason: 'Không thuộc địa bàn' };
    const path = `/v1/funds/${FUND_TOKEN}-tinh/transfers/${this.transferTarget(['in_transit'])}/${action}`;
    return { label: `${action} transfer`, user: this.random.pick(REQUESTERS), method: 'POST', path, body, key: this.key() };
  }

  // --- racing ------------------------------------------------------------------------------

  private race(now: number): Command[] {
    const r = this.random;
    const recipe = r.weighted({ requests: 3, approvals: 2, approveReject: 1, payReject: 1, settles: 1, donationsAndSpending: 2, copies: 2, keyClash: 1, releaseAndRequest: 1, mixed: 2 });
    const n = r.int(2, 4);
    const ids = (status?: string) => [...(this.books?.disbursements.entries() ?? [])].filter(([, d]) => status === undefined || d.status === status).map(([id]) => id);
    switch (recipe) {
      case 'requests': {
        const first = this.request(now);
        return [first, ...Array.from({ length: n - 1 }, () => ({ ...first, key: this.key(), body: { ...first.body, purpose: `Đua ${r.int(1, 9999)}` } }))];
      }
      case 'approvals': {
        const target = r.pick([...ids('requested'), undefined]);
        if (!target) break;
        const approvers = [...APPROVERS].sort(() => r.next() - 0.5).slice(0, n);
        return approvers.map((user) => this.command('approve (race)', user, `/disbursements/${target}/approve`, {}));
      }
      case 'approveReject': {
        const target = r.pick([...ids('requested'), undefined]);
        if (!target) break;
        return [this.command('approve (race)', r.pick(APPROVERS), `/disbursements/${target}/approve`, {}), this.command('reject (race)', 'appr3', `/disbursements/${target}/reject`, { reason: 'Thiếu hồ sơ' })];
      }
      case 'payReject': {
        const target = r.pick([...ids('approved'), undefined]);
        if (!target) break;
        return [
          this.command('pay (race)', 'appr1', `/disbursements/${target}/pay`, { paidAt: vietnamTimestamp(now + HOUR), reference: 'UNC-DUA', certificationRef: 'QĐ-01' }),
          this.command('reject (race)', 'appr2', `/disbursements/${target}/reject`, { reason: 'Hủy' }),
        ];
      }
      case 'settles': {
        const open = [...(this.books?.releases.entries() ?? [])].filter(([, release]) => release.status === 'open');
        const target = r.pick([...open, undefined]);
        if (!target) break;
        const [id, release] = target;
        return Array.from({ length: n }, () => {
          const spent = BigInt(r.int(0, 10)) * release.amount / 10n;
          return this.command('settle (race)', 'coord', `/emergency-releases/${id}/settle`, { spent: String(spent), returned: String(release.amount - spent), evidence: ['BB-01'] });
        });
      }
      case 'donationsAndSpending':
        return [this.donation(now), this.request(now), this.reversal(now), this.release(now)].sort(() => r.next() - 0.5).slice(0, n);
      case 'copies': {
        const original = this.single(now);
        const copy = { ...original, key: original.key ?? `${FUND_TOKEN}:k${++this.keyCounter}` };
        return Array.from({ length: n }, () => copy);
      }
      case 'keyClash': {
        const key = `${FUND_TOKEN}:k${++this.keyCounter}`;
        return [{ ...this.donation(now), key }, { ...this.donation(now), key }];
      }
      case 'releaseAndRequest':
        return [this.release(now), this.request(now), this.release(now)].slice(0, n);
      case 'mixed':
        break;
    }
    return Array.from({ length: n }, () => this.single(now));
  }

  // --- amounts and times -------------------------------------------------------------------

  private vnd(): string {
    const r = this.random;
    const pick = r.weighted({ usual: 8, large: 2, tiny: 1 });
    if (pick === 'usual') return String(r.int(1, 80) * 100_000);
    if (pick === 'large') return String(r.int(1, 30) * 10_000_000);
    return String(r.int(1, 999));
  }

  /** A fraction of `available` (boundary cases on purpose), at least 1. */
  private near(available: bigint): string {
    const r = this.random;
    const choice = r.weighted({ part: 6, exact: 2, over: 2, double: 1, fixed: 1 });
    if (choice === 'fixed' || available <= 0n) return this.vnd();
    if (choice === 'exact') return String(available);
    if (choice === 'over') return String(available + 1n);
    if (choice === 'double') return String(available * 2n);
    const part = (available * BigInt(r.int(1, 9))) / 10n;
    return String(part > 0n ? part : 1n);
  }

  private receivedAt(now: number, campaignId: string | null): number {
    const r = this.random;
    const campaign = campaignId === null ? undefined : this.books?.campaigns.get(campaignId);
    if (!campaign) {
      const when = r.weighted({ recent: 80, earlier: 14, future: 6 });
      if (when === 'earlier') return this.pastPeriodDate(now);
      if (when === 'future') return now + r.int(25, 30 * 24) * HOUR + r.int(0, 59) * 60_000;
      return now + r.int(-20 * 24, 23) * HOUR + r.int(0, 59) * 60_000;
    }
    // Inside the window and, when the window has begun, not later than now: the gift is booked.
    const inside = Math.min(Math.max(now - r.int(1, 48) * HOUR, campaign.from), campaign.until, Math.max(now, campaign.from));
    const choices = [campaign.from - HOUR, campaign.from, inside, inside, inside, inside, inside, Math.floor((campaign.from + campaign.until) / 2), campaign.until, campaign.until + HOUR];
    // A closed campaign mostly meets gifts that came after its close: CAMPAIGN_CLOSED.
    if (campaign.closedAt !== null) choices.push(campaign.closedAt - 3 * HOUR, campaign.closedAt + 3 * HOUR, campaign.closedAt + 3 * HOUR, campaign.closedAt + 3 * HOUR);
    // After the window but not in the future: CAMPAIGN_CLOSED rather than FUTURE_DATE.
    if (campaign.until + HOUR < now) choices.push(campaign.until + HOUR, Math.floor((campaign.until + now) / 2));
    return Math.floor(r.pick(choices) / 1000) * 1000;
  }

  /**
   * A moment in a period that has ended (the last quarter, the one before, or last year), which
   * the admin may close: whole hours and a half, so it never falls on a period's boundary.
   */
  private pastPeriodDate(now: number): number {
    const r = this.random;
    const quarter = quarterIndex(now) - r.pick([1, 1, 2, 4]);
    return quarterStart(quarter) + r.int(0, 88) * DAY + r.int(0, 23) * HOUR + 30 * 60_000;
  }

  /**
   * An optional business date (requestedAt, releasedAt, settledAt, reversedAt): mostly absent (now),
   * sometimes hours or days back, in a past period, a few hours ahead, or too far ahead.
   */
  private optionalDate(now: number, notBefore?: number): number | undefined {
    const r = this.random;
    const when = r.weighted({ absent: 70, recent: 10, earlier: 8, soon: 4, future: 4, beforeEntry: notBefore === undefined ? 0 : 2 });
    if (when === 'recent') return Math.max(now - r.int(1, 72) * HOUR - 30 * 60_000, notBefore ?? -Infinity);
    if (when === 'earlier') return this.pastPeriodDate(now);
    if (when === 'soon') return now + r.int(1, 20) * HOUR + 30 * 60_000;
    if (when === 'future') return now + r.int(25, 10 * 24) * HOUR + 30 * 60_000;
    if (when === 'beforeEntry' && notBefore !== undefined) return notBefore - r.int(1, 48) * HOUR;
    return undefined;
  }

  // --- one command of each kind ----------------------------------------------------------------

  private components(): string[] {
    return this.books?.components ?? ['general'];
  }

  /** Mostly a component whose unrestricted money is not spent yet. */
  private componentWithMoney(): string {
    const books = this.books;
    const funded = books ? this.components().filter((c) => this.model.availableOf(books, c) > 0n) : [];
    return funded.length > 0 && this.random.chance(0.75) ? this.random.pick(funded) : this.random.pick(this.components());
  }

  private campaignIds(filter: (kind: string) => boolean = () => true): string[] {
    return [...(this.books?.campaigns.entries() ?? [])].filter(([, c]) => filter(c.kind)).map(([id]) => id);
  }

  donation(now: number): Command {
    const r = this.random;
    // Disaster campaigns get a good share: their money is a pool of its own that spending names either way.
    const disasters = this.campaignIds((kind) => kind === 'disaster');
    // Sometimes a campaign whose window has ended (closed, or past its receiveUntil): mostly CAMPAIGN_CLOSED.
    const ended = [...(this.books?.campaigns.entries() ?? [])].filter(([, c]) => c.closedAt !== null || c.until + HOUR < now).map(([id]) => id);
    const campaignId = ended.length > 0 && r.chance(0.15) ? r.pick(ended)
      : r.chance(0.5) ? r.pick([...this.campaignIds(), ...disasters, null]) : r.chance(0.02) ? 'chua-co-chien-dich' : null;
    const body: Record<string, unknown> = {
      amount: this.vnd(), channel: r.pick(['cash', 'bank_transfer', 'online']), receivedAt: vietnamTimestamp(this.receivedAt(now, campaignId)),
      donor: { name: r.pick(['Nguyễn Văn An', 'Trần Thị Bình', 'Công ty TNHH Hòa Bình', 'Ẩn danh']), kind: r.pick(['individual', 'organization', 'anonymous']) },
      component: r.chance(0.95) ? r.pick(this.components()) : 'khong-co-thanh-phan',
    };
    if (campaignId !== null) body.campaignId = campaignId;
    const variant = r.weighted({ vnd: 60, fx: 15, inKind: 15, inKindWrong: 4, vndWrong: 4, nullCurrency: 2 });
    if (variant === 'fx') {
      const currency = r.pick(['USD', 'EUR', 'JPY', 'KWD']);
      const scale = { USD: 2, EUR: 2, JPY: 0, KWD: 3 }[currency] as number;
      const decimals = r.chance(0.1) ? scale + 1 : r.int(0, scale);
      const whole = r.pick(['0', String(r.int(1, 5000))]);
      let fraction = decimals > 0 ? String(r.int(0, 10 ** decimals - 1)).padStart(decimals, '0') : '';
      if (fraction.endsWith('0')) fraction = `${fraction.slice(0, -1)}${r.int(1, 9)}`;
      body.amount = decimals > 0 ? `${whole}.${fraction}` : whole === '0' ? '1' : whole;
      body.currency = currency;
      body.fxRate = r.chance(0.05) ? null : r.pick(['25432.5', '27000', '168.25', '82000', '50', '0.4', '3']);
    } else if (variant === 'inKind' || variant === 'inKindWrong') {
      body.channel = 'in_kind';
      body.inKind = { description: 'Gạo ST25', quantity: String(r.int(1, 500)), unit: 'kg', valuationMethod: 'giá thị trường' };
      if (variant === 'inKindWrong') {
        if (r.chance(0.5)) delete body.inKind;
        else body.channel = 'cash';
      }
    } else if (variant === 'vndWrong') {
      if (r.chance(0.5)) body.fxRate = '1';
      else body.amount = `${r.int(1, 9999)}.5`;
    } else if (variant === 'nullCurrency') {
      body.currency = 'VND';
      body.fxRate = null;
    }
    if (r.chance(0.2)) body.restriction = { purpose: r.pick(['Học bổng cho học sinh nghèo', 'Xây nhà tình thương']), beneficiary: r.chance(0.4) ? BENEFICIARY : null };
    return this.command(`donation ${variant}${campaignId ? ' to campaign' : ''}${body.restriction ? ' restricted' : ''}`, r.pick(REQUESTERS), '/donations', body);
  }

  private campaign(now: number): Command {
    const r = this.random;
    const existing = this.campaignIds();
    const campaignId = existing.length > 0 && r.chance(0.08) ? r.pick(existing) : `cd-${++this.campaignCounter}`;
    const kind = r.weighted({ disaster: 6, humanitarian_month: 2, tet: 1, other: 2 });
    const from = now + r.int(-30, 2) * DAY + r.int(0, 23) * HOUR;
    const lengthDays = r.weighted({ short: 5, ninety: 1, longer: 1, backwards: 1 });
    const until =
      lengthDays === 'short' ? from + r.int(1, 60) * DAY
        : lengthDays === 'ninety' ? from + 90 * DAY
          : lengthDays === 'longer' ? from + 90 * DAY + 60_000
            : from - r.int(0, 2) * DAY;
    const body: Record<string, unknown> = { campaignId, name: `Chiến dịch ${campaignId}`, kind, receiveFrom: vietnamTimestamp(from), receiveUntil: vietnamTimestamp(until) };
    if (r.chance(0.4)) body.distributeUntil = vietnamTimestamp(until + r.pick([-DAY, 0, 20 * DAY, 20 * DAY + 1000, 40 * DAY]));
    if (r.chance(0.3)) body.bankAccount = '0011001932418';
    return this.command(`campaign ${kind} ${lengthDays}`, r.pick(['admin', 'acc']), '/campaigns', body);
  }

  private close(): Command {
    const r = this.random;
    const target = r.pick([...this.campaignIds(), 'khong-co']);
    return this.command('close campaign', r.pick(['admin', 'dual']), `/campaigns/${target}/close`, {});
  }

  /**
   * The board changes some of the policy from today, tomorrow or later (sometimes, wrongly, from
   * yesterday): rules read the version in force at each command's business date.
   */
  private changePolicy(now: number): Command {
    const r = this.random;
    const changes: Record<string, unknown>[] = [
      { approvals: [{ above: '0', approvers: 1 }, { above: '5000000', approvers: 2 }] }, { approvals: [{ above: '0', approvers: 1 }] },
      { emergencyReleaseCap: r.pick(['10000000', '30000000']) }, { emergencyOpenLimit: r.pick(['4000000', '40000000']) }, { emergencySettlementDays: r.pick([1, 7, 60]) },
      { managementCostCapPercent: r.pick(['8', '3', '10']) }, { managementCostWarnPercent: r.pick(['1', '6', '0.5']) },
      { managementCostCapPercent: '4', managementCostWarnPercent: '2' }, { payerMayBeRequester: r.chance(0.5) }, { blockReleasesWhenOverdue: r.chance(0.5) },
    ];
    const policy = Object.assign({}, ...Array.from({ length: r.int(1, 3) }, () => r.pick(changes))) as Record<string, unknown>;
    const day = (offset: number) => new Date(now + 7 * HOUR + offset * DAY).toISOString().slice(0, 10);
    // With a version already scheduled ahead, mostly a change from a day before it: EFFECTIVE_DATE_BEFORE_SCHEDULED.
    const scheduled = this.scheduledAhead(now);
    const when = r.weighted({ today: 8, tomorrow: 3, later: 3, yesterday: 3, beforeScheduled: scheduled ? 18 : 0 });
    const daysAhead = scheduled ? Math.round((Date.parse(`${scheduled}T00:00:00Z`) - Date.parse(`${day(0)}T00:00:00Z`)) / DAY) : 1;
    const effectiveFrom = when === 'today' ? day(0) : when === 'tomorrow' ? day(1) : when === 'later' ? day(10) : when === 'yesterday' ? day(-1) : day(r.int(0, daysAhead - 1));
    // Now and then the version names its legal basis: Decree 93/2019 for a day from 2026-03-01 is refused.
    const basis = r.chance(0.1) ? { legalBasis: r.pick(['decree-93-2019', 'decree-03-2026']) } : {};
    const body = { policy, effectiveFrom, decisionRef: `NQ-${r.int(1, 99)}/HĐQ`, ...basis };
    return { label: `change policy (${when})`, user: r.chance(0.95) ? 'admin' : 'acc', method: 'PUT', path: `/v1/funds/${FUND_TOKEN}/policy`, body, key: this.key(0.5) };
  }

  /** The board closes a period that has ended (sometimes one already closed, or the current one). */
  private closePeriod(now: number): Command {
    const r = this.random;
    const current = quarterIndex(now);
    const variant = r.weighted({ lastQuarter: 5, quarterBefore: 2, lastYear: 2, current: 3.5, blank: 0.5 });
    const period = variant === 'lastQuarter' ? quarterLabel(current - 1) : variant === 'quarterBefore' ? quarterLabel(current - 2)
      : variant === 'lastYear' ? String(Math.floor(current / 4) - 1) : quarterLabel(current);
    const body = { decisionRef: variant === 'blank' ? '  ' : `QĐ-${r.int(1, 99)}/HĐQ` };
    return this.command(`close period (${variant})`, r.pick(['admin', 'admin', 'admin', 'acc']), `/periods/${period}/close`, body);
  }

  request(now: number): Command {
    const r = this.random;
    const books = this.books;
    const kind = r.weighted({ humanitarian: 3, relief: 4, management_cost: 2, transfer: 1 });
    let component = this.componentWithMoney();
    const body: Record<string, unknown> = { kind, purpose: `Hỗ trợ ${r.int(1, 999)} hộ`, beneficiary: 'UBND xã An Phú' };
    const target = r.weighted({ component: 10, campaign: 4, campaignPool: 4, restriction: 4, unknownRestriction: 1, unknownCampaign: 1 });
    let pool = component;
    if (target === 'campaign') {
      const id = r.pick([...this.campaignIds(), undefined]);
      if (id) {
        body.campaignId = id;
        const campaign = books?.campaigns.get(id);
        if (campaign?.restrictionId) {
          component = r.pick([...(books?.pools.values() ?? [])].filter((p) => p.restrictionId === campaign.restrictionId).map((p) => p.component).concat(component));
          pool = `${component}#${campaign.restrictionId}`;
          // The same pool named the other way: by its restriction id alone.
          if (r.chance(0.4)) {
            delete body.campaignId;
            body.restrictionId = campaign.restrictionId;
          }
        }
      }
    } else if (target === 'campaignPool') {
      // A disaster campaign's pool named only by its restriction id: still the campaign's money.
      // Mostly a pool that holds money; else a disaster campaign's pool that has received nothing yet.
      const pools = [...(books?.pools.values() ?? [])].filter((p) => p.restrictionId?.startsWith('campaign:') && p.received > 0n);
      const empty = [...(books?.campaigns.values() ?? [])].filter((c) => c.restrictionId !== null).map((c) => ({ restrictionId: c.restrictionId, component }));
      const chosen = pools.length > 0 && r.chance(0.9) ? r.pick(pools) : r.pick([...empty, undefined]);
      if (chosen) {
        body.restrictionId = chosen.restrictionId;
        component = chosen.component;
        pool = `${component}#${chosen.restrictionId}`;
      }
    } else if (target === 'restriction') {
      const known = [...(books?.restrictions.entries() ?? [])];
      const chosen = r.pick([...known, undefined]);
      if (chosen) {
        body.restrictionId = chosen[0];
        if (r.chance(0.85)) component = chosen[1].component;
        if (r.chance(0.2)) body.campaignId = r.pick([...this.campaignIds(), chosen[1].campaignId ?? 'khong-co']);
        if (chosen[1].beneficiary && r.chance(0.7)) body.beneficiary = r.pick(BENEFICIARY_SPELLINGS);
        pool = `${component}#${chosen[0]}`;
      }
    } else if (target === 'unknownRestriction') {
      body.restrictionId = 'DN-2099-000777';
    } else if (target === 'unknownCampaign') {
      body.campaignId = 'khong-ton-tai';
    }
    body.component = r.chance(0.97) ? component : 'khong-co-thanh-phan';
    // Sometimes an amount above a tier that needs two or three approvers: the requests DUPLICATE_APPROVAL needs.
    const available = books ? this.model.availableOf(books, pool) : 0n;
    const tier = r.pick([...(books ? this.model.policyAt(books, now).tiers : []).filter((t) => t.approvers > 1 && t.above + 1n < available), undefined]);
    body.amount = tier && r.chance(0.5) ? String(tier.above + 1n + ((available - tier.above - 1n) * BigInt(r.int(0, 9))) / 10n) : this.near(available);
    if (kind === 'humanitarian' && r.chance(0.5)) body.certificationRef = 'QĐ-UBND-123';
    if (r.chance(0.1)) body.note = 'Ghi chú';
    const requestedAt = this.optionalDate(now);
    if (requestedAt !== undefined) body.requestedAt = vietnamTimestamp(requestedAt);
    return this.command(`request ${kind} (${target})`, r.pick(REQUESTERS), '/disbursements', body);
  }

  private disbursementTarget(preferred: string[]): string {
    const r = this.random;
    const all = [...(this.books?.disbursements.entries() ?? [])];
    const good = all.filter(([, d]) => preferred.includes(d.status)).map(([id]) => id);
    if (good.length > 0 && r.chance(0.85)) return r.pick(good);
    if (all.length > 0 && r.chance(0.9)) return r.pick(all)[0];
    return 'DB-999999';
  }

  /** The name of the simulated user with this id. */
  private nameOf(userId: string): string | undefined {
    return [...this.model.users.values()].find((user) => user.userId === userId)?.name;
  }

  /** The first day of the newest policy version when it is still ahead (a Vietnam date), else undefined. */
  private scheduledAhead(now: number): string | undefined {
    const versions = this.books?.versions ?? [];
    const from = versions[versions.length - 1]?.from ?? null;
    return from !== null && from > vietnamDay(now) ? from : undefined;
  }

  /** Requests with some but not all of their approvals. */
  private partlyApproved(): [string, Disbursement][] {
    return [...(this.books?.disbursements.entries() ?? [])].filter(([, d]) => d.status === 'requested' && d.approvers.length > 0);
  }

  /** Approved humanitarian requests that named no certification. */
  private uncertified(): [string, Disbursement][] {
    return [...(this.books?.disbursements.entries() ?? [])].filter(([, d]) => d.status === 'approved' && d.kind === 'humanitarian' && !d.certificationRef);
  }

  /** Whether the coordinator has a release still open after its settle-by date. */
  private overdueRelease(now: number): boolean {
    const coordinator = this.model.users.get('coord')?.userId;
    return [...(this.books?.releases.values() ?? [])].some((release) => release.status === 'open' && release.releasedBy === coordinator && release.settleBy < now);
  }

  private approve(): Command {
    const r = this.random;
    const body = r.chance(0.3) ? { note: 'Đồng ý' } : {};
    // Sometimes an approver who has already approved a request still waiting for more: DUPLICATE_APPROVAL.
    const partly = this.partlyApproved();
    if (partly.length > 0 && r.chance(0.8)) {
      const [id, d] = r.pick(partly);
      const again = this.nameOf(r.pick(d.approvers));
      if (again) return this.command('approve again', again, `/disbursements/${id}/approve`, body);
    }
    return this.command('approve', r.pick(APPROVERS), `/disbursements/${this.disbursementTarget(['requested'])}/approve`, body);
  }

  private reject(): Command {
    return this.command('reject', this.random.pick(APPROVERS), `/disbursements/${this.disbursementTarget(['requested', 'approved'])}/reject`, { reason: 'Thiếu hồ sơ' });
  }

  private pay(now: number): Command {
    const r = this.random;
    // Often a humanitarian request that named no certification, paid without one by another approver: CERTIFICATION_REQUIRED.
    const uncertified = this.uncertified();
    const noCertification = uncertified.length > 0 && r.chance(0.7);
    const id = noCertification ? r.pick(uncertified)[0] : this.disbursementTarget(['approved']);
    const d = this.books?.disbursements.get(id);
    // A request dated by the server's clock is known only to within the step: pay it an hour or more later.
    const from = d === undefined ? now : d.requestedNow ? now + HOUR : d.requestedAt;
    const when = r.weighted({ after: 12, sameMoment: d?.requestedNow === false ? 2 : 0, beforeRequest: 1, future: 1, earlier: 1 });
    const paidAt =
      when === 'after' ? from + Math.floor(r.next() * Math.max(0, Math.min(now + 20 * HOUR, from + 90 * DAY) - from))
        : when === 'sameMoment' ? from
          : when === 'beforeRequest' ? (d?.requestedAt ?? now) - r.int(1, 48) * HOUR - HOUR
            : when === 'future' ? now + r.int(25, 240) * HOUR
              : this.pastPeriodDate(now);
    const body: Record<string, unknown> = { paidAt: vietnamTimestamp(paidAt), reference: `UNC-${r.int(1, 99999)}` };
    if (!noCertification && r.chance(0.3)) body.certificationRef = 'QĐ-UBND-456';
    // Sometimes the approver who requested it pays it: SELF_PAYMENT_FORBIDDEN unless the policy allows it.
    const requester = d === undefined ? undefined : this.nameOf(d.requestedBy);
    const others = APPROVERS.filter((name) => name !== requester);
    const payer = noCertification ? r.pick(others) : requester !== undefined && APPROVERS.includes(requester) && r.chance(0.75) ? requester : r.pick(APPROVERS);
    return this.command(`pay ${when}${noCertification ? ' uncertified' : ''}`, payer, `/disbursements/${id}/pay`, body);
  }

  release(now: number): Command {
    const r = this.random;
    const books = this.books;
    let component = this.componentWithMoney();
    const body: Record<string, unknown> = { incident: 'Lũ quét xã Làng Nủ', recipient: 'Hội CTĐ huyện Bảo Yên' };
    let pool = component;
    const target = r.weighted({ component: 6, campaign: 3, unknownCampaign: 1 });
    if (target === 'campaign') {
      const id = r.pick([...this.campaignIds(), undefined]);
      if (id) {
        body.campaignId = id;
        const restrictionId = books?.campaigns.get(id)?.restrictionId;
        if (restrictionId) {
          component = r.pick([...(books?.pools.values() ?? [])].filter((p) => p.restrictionId === restrictionId).map((p) => p.component).concat(component));
          pool = `${component}#${restrictionId}`;
        }
      }
    } else if (target === 'unknownCampaign') {
      body.campaignId = 'khong-ton-tai';
    }
    body.component = component;
    const cap = books ? this.model.policyAt(books, now).emergencyCap : 50_000_000n;
    // Releases dated weeks back are overdue at once: the coordinator's next release meets SETTLEMENT_OVERDUE,
    // which one with an overdue release open mostly is (dated now, within the cap, as a coordinator in a hurry sends it).
    const again = this.overdueRelease(now) && r.chance(0.8);
    let releasedAt = again ? undefined : r.chance(0.3) ? this.pastPeriodDate(now) : this.optionalDate(now);
    // Money dated later never pays a release dated earlier: a release dated back is mostly dated
    // on a day the pool already held money, so it is made and later meets SETTLEMENT_OVERDUE.
    if (books && releasedAt !== undefined && releasedAt < now - DAY && r.chance(0.8)) {
      // From a component whose general money came in long ago, when the release names none other.
      const oldComponents = [...new Set([...books.donations.values()].filter((d) => d.cash && d.restrictionId === null && d.receivedAt < now - 40 * DAY).map((d) => d.component))];
      if (target === 'component' && oldComponents.length > 0 && !oldComponents.includes(component)) {
        component = r.pick(oldComponents);
        pool = component;
        body.component = component;
      }
      // Hours after an old gift to this pool, or other days of past periods.
      const oldGifts = [...books.donations.values()]
        .filter((d) => d.cash && (d.restrictionId === null ? d.component : `${d.component}#${d.restrictionId}`) === pool && d.receivedAt < now - 40 * DAY)
        .map((d) => d.receivedAt + r.int(1, 72) * HOUR + 30 * 60_000);
      const candidates = [releasedAt, ...oldGifts.slice(0, 4), ...Array.from({ length: 6 }, () => this.pastPeriodDate(now))];
      releasedAt = candidates.find((at) => this.model.availableAt(books, pool, at) > 0n) ?? releasedAt;
    }
    const available = books ? (releasedAt === undefined ? this.model.availableOf(books, pool) : this.model.availableAt(books, pool, releasedAt)) : 0n;
    body.amount = !again && r.chance(0.15) ? String(cap + BigInt(r.int(0, 1))) : this.near(available < cap ? available : cap);
    if (r.chance(0.1)) body.note = 'Khẩn cấp';
    if (releasedAt !== undefined) body.releasedAt = vietnamTimestamp(releasedAt);
    return this.command(`release (${target})`, 'coord', '/emergency-releases', body);
  }

  private settle(now: number): Command {
    const r = this.random;
    const releases = [...(this.books?.releases.entries() ?? [])];
    const open = releases.filter(([, release]) => release.status === 'open');
    const chosen = open.length > 0 && r.chance(0.85) ? r.pick(open) : releases.length > 0 && r.chance(0.8) ? r.pick(releases) : undefined;
    const id = chosen?.[0] ?? 'ER-999999';
    const amount = chosen?.[1].amount ?? 1_000_000n;
    const variant = r.weighted({ split: 6, allSpent: 2, allReturned: 2, mismatch: 6, noEvidence: 6, blankEvidence: 1 });
    const spent = variant === 'allSpent' || variant === 'noEvidence' || variant === 'blankEvidence' ? amount : variant === 'allReturned' ? 0n : (amount * BigInt(r.int(1, 9))) / 10n;
    const returned = variant === 'mismatch' ? amount - spent + 1n : amount - spent;
    const evidence = variant === 'noEvidence' ? [] : variant === 'blankEvidence' ? ['  '] : variant === 'allReturned' && r.chance(0.5) ? [] : ['Biên bản bàn giao 12/BB'];
    const body: Record<string, unknown> = { spent: String(spent), returned: String(returned), evidence };
    const release = chosen?.[1];
    // A release dated by the server's clock is known only to within the step: never date its settlement near it.
    const settledAt = this.optionalDate(now, release && !release.releasedNow ? release.releasedAt : undefined);
    if (settledAt !== undefined && !(release?.releasedNow && Math.abs(settledAt - release.releasedAt) < HOUR)) body.settledAt = vietnamTimestamp(settledAt);
    return this.command(`settle ${variant}`, 'coord', `/emergency-releases/${id}/settle`, body);
  }

  private reversal(now: number): Command {
    const r = this.random;
    const donations = [...(this.books?.donations.keys() ?? [])];
    const disbursements = [...(this.books?.disbursements.entries() ?? [])];
    const releases = [...(this.books?.releases.keys() ?? [])];
    const paid = disbursements.filter(([, d]) => d.status === 'paid' || d.status === 'reversed').map(([id]) => id);
    // An entry already reversed (a release already cancelled), reversed again: ALREADY_REVERSED.
    const reversed = [
      ...[...(this.books?.donations.entries() ?? [])].filter(([, d]) => d.reversedAt !== null).map(([id]) => id),
      ...disbursements.filter(([, d]) => d.status === 'reversed').map(([id]) => id),
      ...[...(this.books?.releases.entries() ?? [])].filter(([, release]) => release.status === 'cancelled').map(([id]) => id),
    ];
    const target = r.weighted({ donation: 6, paid: 2, unpaid: 1, release: 2, again: reversed.length > 0 ? 5 : 0, other: 1 });
    const entryId =
      target === 'again' ? r.pick(reversed)
        : target === 'donation' && donations.length > 0 ? r.pick(donations)
          : target === 'paid' && paid.length > 0 ? r.pick(paid)
            : target === 'unpaid' && disbursements.length > 0 ? r.pick(disbursements)[0]
              : target === 'release' && releases.length > 0 ? r.pick(releases)
                : r.pick(['ER-999999', 'DN-2099-000001', 'DB-999999', 'XYZ']);
    const body: Record<string, unknown> = { entryId, reason: 'Ngân hàng hoàn trả' };
    const reversedAt = this.optionalDate(now);
    if (reversedAt !== undefined) body.reversedAt = vietnamTimestamp(reversedAt);
    return this.command(`reversal (${target})`, r.pick(REQUESTERS), '/reversals', body);
  }

  /** The same request again, same key and body: the stored answer, nothing appended. */
  private retry(now: number): Command {
    return this.keyed.length > 0 ? this.random.pick(this.keyed) : this.donation(now);
  }

  /** A new request with a key already used by the same user: 409 IDEMPOTENCY_KEY_REUSED once the first succeeded. */
  private reuseKey(now: number): Command {
    const r = this.random;
    const fresh = r.pick([() => this.donation(now), () => this.request(now)])();
    const sameUser = this.keyed.filter((c) => c.user === fresh.user);
    if (sameUser.length === 0) return fresh;
    // Sometimes another user's key: keys are per user, so that one is a new request.
    const source = r.chance(0.2) ? r.pick(this.keyed) : r.pick(sameUser);
    return { ...fresh, label: `${fresh.label} (key of ${source.label})`, key: source.key };
  }

  private ghost(now: number): Command {
    const command = this.random.pick([() => this.donation(now), () => this.request(now), () => this.approve(), () => this.reversal(now), () => this.release(now)])();
    return { ...command, label: `${command.label} on a fund that does not exist`, path: command.path.replace(FUND_TOKEN, `${FUND_TOKEN}-ghost`) };
  }

  private forbidden(now: number): Command {
    const r = this.random;
    const choice = r.int(0, 4);
    if (choice === 0) return { ...this.donation(now), user: 'aud', label: 'donation by an auditor' };
    if (choice === 1) return { ...this.approve(), user: 'coord', label: 'approve by a coordinator' };
    if (choice === 2) return { ...this.release(now), user: 'acc', label: 'release by an accountant' };
    if (choice === 3) return { ...this.reversal(now), user: 'appr1', label: 'reversal by an approver' };
    return { ...this.campaign(now), user: 'coord', label: 'campaign by a coordinator' };
  }

  private openAgain(): Command {
    const r = this.random;
    if (r.chance(0.5)) return { label: 'open the same fund again', user: 'admin', method: 'POST', path: '/v1/funds', body: { fundId: FUND_TOKEN, name: 'Lần nữa' }, key: null };
    const policy = r.pick([{ managementCostCapPercent: '12' }, { managementCostCapPercent: '10.01' }, { managementCostCapPercent: '2.555' },
      { managementCostCapPercent: '4', managementCostWarnPercent: '4.5' }, { managementCostCapPercent: '2.5' }]);
    // A legal basis other than the two decrees is a bad field (400), whatever the policy; Decree
    // 93/2019 for a fund opened from 2026-03-01 is a refused policy (422), a bad one or not.
    const legalBasis = r.chance(0.3) ? { legalBasis: r.pick(['decree-99-2030', 'Nghị định 93', 'decree-93-2019']) } : {};
    return {
      label: `open a fund with policy ${JSON.stringify(policy)}`, user: 'admin', method: 'POST', path: '/v1/funds',
      body: { fundId: `${FUND_TOKEN}-x`, name: 'Sai chính sách', policy, ...legalBasis }, key: null,
    };
  }

  private invalid(now: number): Command {
    const r = this.random;
    const choice = r.int(0, 9);
    const badAmount = r.pick(['1e6', '-5', '1,5', ' 5', '１０', '0', '', '0x10', '1000000000000001']);
    const withAmount = (command: Command, label: string) => ({ ...command, label: `${label} amount ${JSON.stringify(badAmount)}`, body: { ...command.body, amount: badAmount } });
    if (choice === 0) return withAmount(this.donation(now), 'donation');
    if (choice === 1) return withAmount(this.request(now), 'request');
    if (choice === 2) return withAmount(this.release(now), 'release');
    if (choice === 3) {
      const { purpose: _purpose, ...body } = this.request(now).body;
      return this.command('request without purpose', 'acc', '/disbursements', body);
    }
    if (choice === 4) return this.command('donation with an unknown field', 'acc', '/donations', { ...this.donation(now).body, approvedBy: 'me' });
    if (choice === 5) return this.command('donation component in capitals', 'acc', '/donations', { ...this.donation(now).body, component: 'General' });
    if (choice === 6) return this.command('settle with spent "1.5"', 'coord', '/emergency-releases/ER-000001/settle', { spent: '1.5', returned: '0', evidence: ['x'] });
    if (choice === 8) {
      // Required strings are more than spaces (api-v2 "Dates"): a reference of spaces is missing.
      const blank = r.pick(['   ', '\t', ' \n ']);
      const commands = [
        () => this.command('request with a blank certificationRef', 'acc', '/disbursements', { ...this.request(now).body, kind: 'humanitarian', certificationRef: blank }),
        () => this.command('pay with a blank reference', 'appr1', `/disbursements/${this.disbursementTarget(['approved'])}/pay`, { paidAt: vietnamTimestamp(now + HOUR), reference: blank }),
        () => this.command('request with a blank purpose', 'acc', '/disbursements', { ...this.request(now).body, purpose: blank }),
        () => this.command('reversal with a blank reason', 'acc', '/reversals', { entryId: 'DB-000001', reason: blank }),
        () => this.command('donation with a blank donor name', 'acc', '/donations', { ...this.donation(now).body, donor: { name: blank, kind: 'individual' } }),
      ];
      return r.pick(commands)();
    }
    if (choice === 9) return this.command('donation dated 2999', 'acc', '/donations', { ...this.donation(now).body, receivedAt: '2999-01-01T00:00:00+07:00' });
    return this.command('approve a malformed id', 'appr1', '/disbursements/db-1/approve', {});
  }
}
