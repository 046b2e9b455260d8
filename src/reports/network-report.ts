/**
 * The network report (R16): at the higher level of the Red Cross network, per fund that sent
 * money to this one (a lower chapter) and per fund this one sent to, what was sent, what
 * arrived, what the receiver returned, what the sender took back in transit by a reversal (a
 * column of its own once any transfer was), and what is still in transit at the report's date
 * and for how long; then each transfer still in transit on its own line. Pure, like the other builders.
 */
import { amountString, MoneyDecimal, vnd } from '../domain/money';
import { inTransit, movementsAsOf } from './movement-figures';
import type { MovementFacts, TransferFact } from './report-facts';
import type { ReportParts, ReportPeriod, ReportRow } from './report-model';

const DAY_MS = 24 * 60 * 60 * 1000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const ZERO = new MoneyDecimal(0);
const money = (value: MoneyDecimal): string => amountString(vnd(value));
const within = (ms: number | null, { fromMs, toMs }: ReportPeriod): boolean => ms !== null && (fromMs === null || ms >= fromMs) && (toMs === null || ms <= toMs);
const total = (list: readonly TransferFact[]): MoneyDecimal => list.reduce((sum, t) => sum.plus(t.amount), ZERO);

/**
 * Days from the Vietnam day a transfer was sent to the Vietnam day of the report's end (a `to`
 * given as a date or as a timestamp alike), as the transfers list counts them. Without an end the
 * report has no date to count to: null (the staff screen always gives one).
 */
export function daysInTransit(sentAtMs: number, asOfMs: number | null): number | null {
  const vietnamDay = (ms: number) => Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
  return asOfMs === null ? null : Math.max(0, vietnamDay(asOfMs) - vietnamDay(sentAtMs));
}

export interface NetworkFacts {
  movements: MovementFacts;
}

/** Who the other side of a transfer is, seen from the report's fund. */
type Direction = 'incoming' | 'outgoing';

export function networkReport(facts: NetworkFacts, period: ReportPeriod): ReportParts {
  const movements = movementsAsOf(facts.movements, period.toMs);
  const asOfMs = period.toMs;
  const sides: { direction: Direction; transfers: TransferFact[]; counterpart: (t: TransferFact) => string }[] = [
    { direction: 'incoming', transfers: movements.transfersIn, counterpart: (t) => t.fromFundId },
    { direction: 'outgoing', transfers: movements.transfersOut, counterpart: (t) => t.toFundId },
  ];
  const fundRows: ReportRow[] = [];
  const transitRows: ReportRow[] = [];
  const totals = new Map<string, MoneyDecimal>();
  const add = (key: string, value: MoneyDecimal) => totals.set(key, (totals.get(key) ?? ZERO).plus(value));
  let longest: number | null = null;
  // Only a report of a fund with a reversed transfer has the column: the others keep their shape and hashes.
  const takenBack = (t: TransferFact) => t.closedStatus === 'returned' && t.reversed === true;
  const withReversals = [...facts.movements.transfersIn, ...facts.movements.transfersOut].some(takenBack);
  const reversedCell = (value: string | null): Record<string, string | null> => (withReversals ? { reversed: value } : {});
  for (const side of sides) {
    const byFund = new Map<string, TransferFact[]>();
    for (const t of side.transfers) byFund.set(side.counterpart(t), [...(byFund.get(side.counterpart(t)) ?? []), t]);
    for (const counterpart of [...byFund.keys()].sort()) {
      const transfers = byFund.get(counterpart) ?? [];
      const sent = transfers.filter((t) => within(t.sentAtMs, period));
      const arrived = transfers.filter((t) => t.closedStatus === 'received' && within(t.closedAtMs, period));
      const returned = transfers.filter((t) => t.closedStatus === 'returned' && !takenBack(t) && within(t.closedAtMs, period));
      const reversed = transfers.filter((t) => takenBack(t) && within(t.closedAtMs, period));
      const travelling = transfers.filter(inTransit).sort((a, b) => (a.sentAtMs as number) - (b.sentAtMs as number) || a.transferId.localeCompare(b.transferId));
      if (sent.length + arrived.length + returned.length + reversed.length + travelling.length === 0) continue;
      const oldest = travelling[0];
      const days = oldest === undefined ? null : daysInTransit(oldest.sentAtMs as number, asOfMs);
      if (days !== null) longest = Math.max(longest ?? 0, days);
      fundRows.push({
        section: side.direction, counterpartFundId: counterpart, counterpartName: transfers[0].counterpartName, transferId: null,
        transfers: sent.length, sent: money(total(sent)), arrived: money(total(arrived)), returned: money(total(returned)),
        ...reversedCell(money(total(reversed))), inTransit: money(total(travelling)), sentAt: oldest?.sentAt ?? null, daysInTransit: days,
      });
      add(`${side.direction}Sent`, total(sent));
      add(`${side.direction}Arrived`, total(arrived));
      add(`${side.direction}Returned`, total(returned));
      add(`${side.direction}Reversed`, total(reversed));
      add(`${side.direction}InTransit`, total(travelling));
      for (const t of travelling) {
        transitRows.push({
          section: `in-transit-${side.direction}`, counterpartFundId: counterpart, counterpartName: t.counterpartName, transferId: t.transferId,
          transfers: null, sent: null, arrived: null, returned: null, ...reversedCell(null), inTransit: money(new MoneyDecimal(t.amount)), sentAt: t.sentAt,
          daysInTransit: daysInTransit(t.sentAtMs as number, asOfMs),
        });
      }
    }
  }
  const figure = (key: string) => money(totals.get(key) ?? ZERO);
  return {
    columns: [
      { key: 'section', heading: 'Phần' }, { key: 'counterpartFundId', heading: 'Mã quỹ' }, { key: 'counterpartName', heading: 'Tên quỹ' },
      { key: 'transferId', heading: 'Mã chuyển tiền' }, { key: 'transfers', heading: 'Số lần chuyển trong kỳ' },
      { key: 'sent', heading: 'Đã gửi', money: true }, { key: 'arrived', heading: 'Đã đến nơi', money: true },
      { key: 'returned', heading: 'Bị trả lại', money: true },
      ...(withReversals ? [{ key: 'reversed', heading: 'Bên gửi tự hủy khi đang trên đường', money: true }] : []),
      { key: 'inTransit', heading: 'Đang trên đường (cuối kỳ)', money: true },
      { key: 'sentAt', heading: 'Ngày gửi (khoản lâu nhất)' }, { key: 'daysInTransit', heading: 'Số ngày trên đường' },
    ],
    rows: [...fundRows, ...transitRows],
    summary: {
      incomingSent: figure('incomingSent'), incomingArrived: figure('incomingArrived'), incomingReturned: figure('incomingReturned'),
      incomingInTransit: figure('incomingInTransit'),
      outgoingSent: figure('outgoingSent'), outgoingArrived: figure('outgoingArrived'), outgoingReturned: figure('outgoingReturned'),
      outgoingInTransit: figure('outgoingInTransit'),
      ...(withReversals ? { incomingReversed: figure('incomingReversed'), outgoingReversed: figure('outgoingReversed') } : {}),
      transfersInTransit: transitRows.length, longestInTransitDays: longest,
    },
  };
}
