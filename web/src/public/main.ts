import type { components } from '../api/schema';
import { daysUntil, formatDate, formatMoney } from '../format';
import { dailyChart, type Day } from './chart';
import { fundRemaining, sentToOtherFunds } from './fund-figures';
import { beneficiariesSection } from './beneficiaries';
import { facts, failureText, getJson, h, LedgerError } from './dom';
import { publicationsSection } from './publications';
import { receiptEntrySection } from './receipt-entry';
import { searchSection } from './search';
import './public.css';

/**
 * The public transparency site, /cong-khai/:fundId: no sign-in, plain DOM, Vietnamese. The
 * fund's totals and chart, each campaign (figures, official account, distribution deadline and
 * chart), the gift a receipt's QR code names (?khoan=), the donation search with "Xác minh",
 * and what the fund published.
 */

type Totals = components['schemas']['PublicTotalsResponse'];
type CampaignList = components['schemas']['PublicCampaignListResponse'];
type Campaign = components['schemas']['PublicCampaignResponse'];
type Daily = components['schemas']['PublicDailyResponse'];

const KIND_NAMES: Record<string, string> = { disaster: 'Thiên tai, thảm họa', tet: 'Tết', other: 'Khác' };

/** One of the fund's headline figures: a label and whole VND. */
function figure(label: string, value: string, className = ''): HTMLElement {
  return h('div', { class: `figure ${className}` }, h('p', { class: 'figure-label' }, label), h('p', { class: 'figure-value' }, formatMoney(value)));
}

function deadlineBadge(campaign: Campaign): HTMLElement {
  const { status, undistributedAtDeadline } = campaign.distribution;
  if (status === 'met') return h('span', { class: 'badge good' }, 'Đã phân phối hết, đúng hạn');
  if (status === 'missed') return h('span', { class: 'badge bad' }, `Quá hạn: còn ${formatMoney(undistributedAtDeadline)} chưa phân phối khi hết hạn`);
  if (status === 'nothing') return h('span', { class: 'badge neutral' }, 'Đến hạn chưa nhận được tiền để phân phối');
  if (status === 'pending' && campaign.distributeUntil) return h('span', { class: 'badge neutral' }, `Chưa đến hạn (còn ${daysUntil(campaign.distributeUntil)} ngày)`);
  return h('span', { class: 'badge neutral' }, 'Không đặt hạn phân phối');
}

/** The campaign's money from and to other funds and pools, each line only when there was some. */
function campaignMovementFacts(campaign: Campaign): [string, string | null][] {
  const shown = (amount: string) => (amount !== '0' ? formatMoney(amount) : null);
  return [
    ['Nhận từ quỹ khác', shown(campaign.transferredIn)],
    ['Chuyển cho quỹ khác (kể cả đang chuyển)', shown(sentToOtherFunds(campaign))],
    ['Chuyển vào từ nguồn khác của quỹ', shown(campaign.movedIn)],
    ['Chuyển sang nguồn khác của quỹ', shown(campaign.movedOut)],
    ['Chênh lệch tỷ giá', shown(campaign.fxDifference)],
  ];
}

function campaignCard(fundId: string, campaign: Campaign): HTMLElement {
  const chartSlot = h('div', { class: 'chart-slot' }, h('p', { class: 'muted' }, 'Đang tải biểu đồ…'));
  void getJson<Daily>(`/v1/public/funds/${fundId}/daily?campaignId=${encodeURIComponent(campaign.campaignId)}`).then(
    (daily) => chartSlot.replaceChildren(dailyChart(`Thu, chi theo ngày: ${campaign.name}`, daily.days as Day[])),
    (error: unknown) => chartSlot.replaceChildren(h('p', { class: 'muted' }, failureText(error))),
  );
  const headingId = `dot-${campaign.campaignId}`;
  return h('article', { class: 'campaign', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, campaign.name),
    h('div', { class: 'account' },
      h('p', { class: 'account-label' }, 'Tài khoản chính thức nhận ủng hộ'),
      campaign.bankAccount
        ? h('p', { class: 'account-number' }, campaign.bankAccount)
        : h('p', { class: 'account-number none' }, 'Đợt này không công bố tài khoản riêng'),
      h('p', { class: 'account-warning' }, 'Chỉ chuyển vào tài khoản được công bố ở đây. Tài khoản khác, dù mang tên quỹ, không phải của quỹ.')),
    h('div', { class: 'figures' },
      figure('Đã nhận', campaign.received), figure('Đã phân phối', campaign.distributed), figure('Còn lại', campaign.remaining, 'remaining')),
    h('p', { class: 'deadline' },
      h('span', {}, `Hạn phân phối: ${campaign.distributeUntil ? formatDate(campaign.distributeUntil) : 'không đặt'}`), deadlineBadge(campaign)),
    facts('campaign-facts', [
      // Money between funds and pools, so that the three figures above add up (as the fund's card does).
      ...campaignMovementFacts(campaign),
      ['Trong số còn lại: tạm ứng khẩn cấp chưa quyết toán', campaign.outstandingEmergency !== '0' ? formatMoney(campaign.outstandingEmergency) : null],
      ['Loại', KIND_NAMES[campaign.kind] ?? campaign.kind],
      ['Tiếp nhận', `${formatDate(campaign.receiveFrom)} – ${formatDate(campaign.receiveUntil)}`],
      ['Hiện vật đã nhận (giá trị)', campaign.inKindReceived !== '0' ? formatMoney(campaign.inKindReceived) : null],
      ['Hiện vật đã phân phối (giá trị)', campaign.inKindDistributed !== '0' ? formatMoney(campaign.inKindDistributed) : null],
      ['Hiện vật còn lại (giá trị)', campaign.inKindReceived !== '0' || campaign.inKindDistributed !== '0' ? formatMoney(campaign.inKindOnHand) : null],
      // Counted as the campaigns report counts them: the lists paid, less shares closed as not delivered, and each settled emergency release's recipient.
      ['Số đối tượng được hỗ trợ', h('span', {}, String(campaign.beneficiariesReached),
        h('span', { class: 'hint block' }, 'theo danh sách đã chi và khoản giải ngân khẩn cấp đã quyết toán'))],
      ['Đã kết thúc', campaign.closedAt ? formatDate(campaign.closedAt) : null],
    ]),
    chartSlot);
}

async function start(): Promise<void> {
  const main = document.getElementById('noi-dung') as HTMLElement;
  const status = document.getElementById('trang-thai') as HTMLElement;
  const match = /^\/cong-khai\/([a-z0-9-]+)\/?$/.exec(location.pathname);
  if (!match) {
    status.textContent = 'Địa chỉ trang chưa đúng: cần có mã quỹ, ví dụ /cong-khai/ctd-quan-1.';
    return;
  }
  const fundId = match[1];
  // A receipt's QR code names its gift and the key that signed the log when it was printed: /cong-khai/:fundId?khoan=<donationId>&khoa=<public key, base64url>.
  const query = new URLSearchParams(location.search);
  const receiptDonation = query.get('khoan')?.trim() || null;
  const receiptKey = query.get('khoa')?.trim() || null;
  let totals: Totals;
  let campaigns: Campaign[];
  let daily: Daily;
  try {
    [totals, { campaigns }, daily] = await Promise.all([
      getJson<Totals>(`/v1/public/funds/${fundId}`),
      getJson<CampaignList>(`/v1/public/funds/${fundId}/campaigns`),
      getJson<Daily>(`/v1/public/funds/${fundId}/daily`),
    ]);
  } catch (error) {
    status.textContent = error instanceof LedgerError && error.status === 404 ? `Không tìm thấy quỹ "${fundId}".` : failureText(error);
    return;
  }
  const name = totals.name ?? fundId;
  document.title = `Công khai tài chính: ${name}`;
  (document.getElementById('ten-quy') as HTMLElement).textContent = name;
  (document.getElementById('chi-hoi') as HTMLElement).textContent = totals.chapter ?? '';
  const campaignNames = new Map(campaigns.map((campaign) => [campaign.campaignId, campaign.name]));
  status.remove();
  main.append(
    h('section', { class: 'card', 'aria-labelledby': 'tong-quan' },
      h('h2', { id: 'tong-quan' }, 'Tổng quan quỹ'),
      h('div', { class: 'figures' },
        figure('Đã nhận (tiền)', totals.received), figure('Đã chi (kể cả phí ngân hàng)', totals.disbursed), figure('Còn lại', fundRemaining(totals), 'remaining')),
      facts('campaign-facts', [
        // Money between chapters and FX differences, so that the three figures above add up.
        ['Nhận từ quỹ khác', totals.transferredIn !== '0' ? formatMoney(totals.transferredIn) : null],
        ['Chuyển cho quỹ khác (kể cả đang chuyển)', sentToOtherFunds(totals) !== '0' ? formatMoney(sentToOtherFunds(totals)) : null],
        ['Chênh lệch tỷ giá', totals.fxDifference !== '0' ? formatMoney(totals.fxDifference) : null],
        ['Quỹ khác đang chuyển đến (chưa nhận)', totals.inTransitIn !== '0' ? formatMoney(totals.inTransitIn) : null],
        ['Hiện vật đã nhận (giá trị)', totals.inKindReceived !== '0' ? formatMoney(totals.inKindReceived) : null],
        ['Đang chờ chi (đã đề nghị hoặc đã duyệt, chưa trả)', totals.held !== '0' ? formatMoney(totals.held) : null],
        // Money a coordinator took out at once is still the fund's until its settlement says what was spent (R18).
        ['Trong số còn lại: tạm ứng khẩn cấp chưa quyết toán', totals.outstandingEmergency !== '0' ? formatMoney(totals.outstandingEmergency) : null],
        ['Số liệu tính đến vị trí sổ', String(totals.asOfPosition)],
      ]),
      dailyChart('Thu, chi của quỹ theo ngày', daily.days as Day[])),
    searchSection(fundId, campaignNames),
    h('section', { class: 'card', 'aria-labelledby': 'dot-van-dong' },
      h('h2', { id: 'dot-van-dong' }, 'Các đợt vận động'),
      campaigns.length === 0 ? h('p', {}, 'Quỹ chưa mở đợt vận động nào.') : h('div', { class: 'campaigns' }, ...campaigns.map((campaign) => campaignCard(fundId, campaign)))),
    beneficiariesSection(fundId, campaignNames),
    publicationsSection(fundId, campaignNames, [...new Set(daily.days.filter((d) => d.received !== '0').map((d) => d.day.slice(0, 7)))].reverse()),
  );
  // What the donor who scanned the receipt came for comes first.
  if (receiptDonation) main.prepend(receiptEntrySection(fundId, receiptDonation, campaignNames, receiptKey));
}

void start();
