import type { components } from '../api/schema';
import { formatDate, formatMoney } from '../format';
import { h, s } from './dom';

/**
 * The money received and distributed per day, drawn as a light SVG bar chart: received above the
 * axis, distributed below it, one column per day from the first day money moved to the last. Its
 * figures are also in a table under "Xem số liệu theo ngày", for screen readers and for anyone
 * who wants the numbers. Heights are computed on BigInt: money is never a float here either.
 */

/** One day's figures as the public daily route answers them. */
export type Day = components['schemas']['PublicDayResponse'];

const WIDTH = 640;
const HALF = 70;
const DAY_MS = 86_400_000;

/** A share of `max` as a number of pixels out of `pixels`, on integers. */
function scaled(value: string, max: bigint, pixels: number): number {
  const amount = BigInt(value);
  if (max <= 0n || amount <= 0n) return 0;
  return Number((amount * BigInt(pixels * 100)) / max) / 100;
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const largest = (values: string[]) => values.reduce((max, value) => (BigInt(value) > max ? BigInt(value) : max), 0n);
const total = (values: string[]) => values.reduce((sum, value) => sum + BigInt(value), 0n).toString();

/** The chart of `days` (oldest first), titled; a short sentence when no money has moved yet. */
export function dailyChart(title: string, days: Day[]): HTMLElement {
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, title));
  if (days.length === 0) {
    figure.append(h('p', { class: 'muted' }, 'Chưa có khoản thu, chi nào.'));
    return figure;
  }
  const first = dayNumber(days[0].day);
  const span = dayNumber(days[days.length - 1].day) - first + 1;
  const column = WIDTH / span;
  const maxReceived = largest(days.map((d) => d.received));
  const maxDistributed = largest(days.map((d) => d.distributed));
  const max = maxReceived > maxDistributed ? maxReceived : maxDistributed;
  const receivedTotal = total(days.map((d) => d.received));
  const distributedTotal = total(days.map((d) => d.distributed));
  const summary = `Từ ${formatDate(days[0].day)} đến ${formatDate(days[days.length - 1].day)}: nhận ${formatMoney(receivedTotal)}, `
    + `phân phối ${formatMoney(distributedTotal)}; ngày nhận nhiều nhất ${formatMoney(maxReceived.toString())}.`;
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HALF * 2 + 2}`, role: 'img', 'aria-label': summary, preserveAspectRatio: 'none', class: 'chart-svg' });
  svg.append(s('line', { x1: '0', x2: String(WIDTH), y1: String(HALF + 1), y2: String(HALF + 1), class: 'chart-axis' }));
  const bar = Math.max(column * 0.8, 1.5);
  for (const d of days) {
    const x = ((dayNumber(d.day) - first) * column + (column - bar) / 2).toFixed(2);
    const up = scaled(d.received, max, HALF);
    const down = scaled(d.distributed, max, HALF);
    if (up > 0) svg.append(s('rect', { x, y: (HALF + 1 - up).toFixed(2), width: bar.toFixed(2), height: up.toFixed(2), class: 'bar-received' }));
    if (down > 0) svg.append(s('rect', { x, y: String(HALF + 1), width: bar.toFixed(2), height: down.toFixed(2), class: 'bar-distributed' }));
  }
  figure.append(
    h('div', { class: 'chart-legend', 'aria-hidden': 'true' },
      h('span', { class: 'key key-received' }, 'Tiền nhận (phía trên)'), h('span', { class: 'key key-distributed' }, 'Tiền phân phối (phía dưới)')),
    svg,
    h('p', { class: 'chart-range', 'aria-hidden': 'true' }, h('span', {}, formatDate(days[0].day)), h('span', {}, formatDate(days[days.length - 1].day))),
    h('p', { class: 'muted' }, summary),
    dayTable(days),
  );
  return figure;
}

function dayTable(days: Day[]): HTMLElement {
  const rows = days.map((d) => h('tr', {}, h('th', { scope: 'row' }, formatDate(d.day)),
    ...[d.received, d.distributed, d.transferredIn, d.transferredOut, d.adjustments, d.closing].map((amount) => h('td', {}, formatMoney(amount)))));
  const headings = ['Ngày', 'Nhận', 'Phân phối', 'Nhận từ quỹ khác', 'Chuyển cho quỹ khác', 'Điều chỉnh khác', 'Số dư cuối ngày'];
  const note = 'Số dư cuối ngày = số dư ngày trước + nhận − phân phối + nhận từ quỹ khác − chuyển cho quỹ khác + điều chỉnh khác. '
    + 'Điều chỉnh khác: khoản ủng hộ đã hủy sau đó (tính đến ngày hủy, trừ ra vào ngày hủy), lãi tiền gửi, phí ngân hàng, chênh lệch tỷ giá, chuyển giữa các nguồn của quỹ; '
    + 'với đợt vận động không có nguồn riêng, phần quỹ chung đã bù khi đợt chi nhiều hơn số đã nhận (số dư không xuống dưới 0).';
  return h('details', { class: 'chart-table' },
    h('summary', {}, 'Xem số liệu theo ngày'),
    // A table wider than the screen scrolls in its own box, which the keyboard can reach and scroll.
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Bảng số liệu theo ngày' },
      h('table', {},
        h('thead', {}, h('tr', {}, ...headings.map((heading) => h('th', { scope: 'col' }, heading)))),
        h('tbody', {}, ...rows))),
    h('p', { class: 'muted' }, note));
}
