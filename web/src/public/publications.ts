import type { components } from '../api/schema';
import { formatDate, formatDateTime } from '../format';
import { facts, failureText, getJson, h } from './dom';

/**
 * "Những gì đã công khai": every publication the fund recorded, with its date, channel, the
 * SHA-256 of the published file and whether it met its legal deadline; a file a donor holds can
 * be hashed here and matched. The fund's public reports can be downloaded as they stand now.
 */

type Publication = components['schemas']['PublicPublicationResponse'];
type PublicationList = components['schemas']['PublicPublicationListResponse'];

const KINDS: Record<string, string> = {
  'campaign-call': 'Văn bản kêu gọi vận động',
  'campaign-receipts': 'Kết quả tiếp nhận',
  'campaign-distribution': 'Kết quả phân phối, sử dụng',
  beneficiaries: 'Danh sách đối tượng được hỗ trợ',
  'annual-contributions': 'Các khoản đóng góp trong năm',
  'quarterly-disclosure': 'Công khai quý',
  'annual-report': 'Báo cáo năm',
  settlement: 'Quyết toán',
};

const CHANNELS: Record<string, string> = {
  website: 'Trang thông tin điện tử',
  posting: 'Niêm yết tại trụ sở, điểm tiếp nhận',
  'mass-media': 'Phương tiện thông tin đại chúng',
  'written-notice': 'Văn bản thông báo',
  'on-request': 'Cung cấp khi được yêu cầu',
};

function deadlineText(publication: Publication): { text: string; className: string } {
  if (!publication.deadline) return { text: 'Luật không đặt hạn cho loại này', className: 'badge neutral' };
  // A campaign's call is due before receiving starts: its deadline is that moment, not the whole day.
  const due = publication.deadline.dueAt ? formatDateTime(publication.deadline.dueAt) : formatDate(publication.deadline.dueBy);
  return publication.deadline.onTime
    ? { text: `Đúng hạn (hạn ${due})`, className: 'badge good' }
    : { text: `Trễ hạn (hạn ${due})`, className: 'badge bad' };
}

function publicationItem(publication: Publication, campaignNames: Map<string, string>): HTMLElement {
  const deadline = deadlineText(publication);
  const about = publication.campaignId ? campaignNames.get(publication.campaignId) ?? publication.campaignId : publication.period;
  return h('li', { class: 'publication', 'data-sha256': publication.contentSha256 },
    h('p', { class: 'result-head' }, h('strong', {}, KINDS[publication.kind] ?? publication.kind), h('span', { class: deadline.className }, deadline.text)),
    facts('result-facts', [
      ['Về', about],
      ['Ngày công khai', formatDate(publication.publishedAt)],
      // The day above is the fund's word; when the ledger recorded it is the ledger's.
      ['Ghi vào sổ lúc', formatDateTime(publication.recordedAt)],
      ['Hình thức', CHANNELS[publication.channel] ?? publication.channel],
      // Only a web address becomes a link; anything else is shown as text.
      ['Địa chỉ', publication.url && /^https?:\/\//i.test(publication.url) ? h('a', { href: publication.url, rel: 'noopener' }, publication.url) : publication.url],
      ['SHA-256 của tệp', h('code', { class: 'hash' }, publication.contentSha256)],
    ]));
}

/** Hashes a file in the browser and says which publication, if any, it is. */
function fileCheck(list: () => Publication[]): HTMLElement {
  const input = h('input', { id: 'kiem-tra-tep', type: 'file', 'aria-describedby': 'kiem-tra-tep-ket-qua' });
  const outcome = h('p', { id: 'kiem-tra-tep-ket-qua', role: 'status' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    outcome.textContent = 'Đang tính mã băm…';
    void file.arrayBuffer().then((bytes) => crypto.subtle.digest('SHA-256', bytes)).then((digest) => {
      const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      const match = list().find((publication) => publication.contentSha256 === hex);
      outcome.className = match ? 'verified' : 'failed';
      outcome.textContent = match
        ? `Khớp: đây đúng là tệp "${KINDS[match.kind] ?? match.kind}" quỹ công khai ngày ${formatDate(match.publishedAt)}. SHA-256: ${hex}`
        : `Không khớp với tệp nào quỹ đã công khai. SHA-256 của tệp bạn chọn: ${hex}`;
    }, () => {
      outcome.className = 'failed';
      outcome.textContent = 'Không đọc được tệp này.';
    });
  });
  return h('div', { class: 'field' }, h('label', { for: 'kiem-tra-tep' }, 'Kiểm tra một tệp bạn có (tính SHA-256 ngay trên máy bạn)'), input, outcome);
}

/** `months`: the months (YYYY-MM) donations were received in, whose disclosure can be downloaded. */
export function publicationsSection(fundId: string, campaignNames: Map<string, string>, months: string[]): HTMLElement {
  let publications: Publication[] = [];
  const list = h('ol', { class: 'results', 'aria-label': 'Các lần công khai' });
  const status = h('p', { role: 'status' }, 'Đang tải…');
  void getJson<PublicationList>(`/v1/public/funds/${fundId}/publications`).then((answer) => {
    publications = [...answer.publications].reverse();
    list.replaceChildren(...publications.map((publication) => publicationItem(publication, campaignNames)));
    status.textContent = publications.length === 0 ? 'Quỹ chưa ghi nhận lần công khai nào.' : `${publications.length} lần công khai, mới nhất trước.`;
  }, (error: unknown) => {
    status.textContent = failureText(error);
  });
  const download = (report: string, format: string, label: string, period = '') =>
    h('a', { href: `/v1/public/funds/${fundId}/reports/${report}?format=${format}${period}`, download: true }, label);
  // The disclosure month by month: a month is what a donor looks for, and one download stays small.
  const monthly = months.map((month) => {
    const [year, number] = month.split('-').map(Number);
    const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
    const period = `&from=${month}-01&to=${month}-${String(last).padStart(2, '0')}`;
    const shown = `${String(number).padStart(2, '0')}/${year}`;
    return h('li', {}, `Tháng ${shown}: `, download('disclosure', 'xlsx', `Excel, tháng ${shown}`, period), ' · ', download('disclosure', 'csv', `CSV, tháng ${shown}`, period));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'da-cong-khai' },
    h('h2', { id: 'da-cong-khai' }, 'Những gì quỹ đã công khai'),
    h('p', {}, 'Mỗi lần công khai ghi mã băm SHA-256 của tệp đã đăng: tệp bạn nhận được có cùng mã băm thì đúng là tệp quỹ đã công khai.'),
    status, list, fileCheck(() => publications),
    h('h3', {}, 'Tải báo cáo (số liệu hiện tại)'),
    h('ul', { class: 'downloads' },
      h('li', {}, 'Báo cáo các đợt vận động: ', download('campaigns', 'xlsx', 'Excel'), ' · ', download('campaigns', 'csv', 'CSV'))),
    months.length === 0 ? null : h('h3', {}, 'Danh sách các khoản ủng hộ theo tháng'),
    months.length === 0 ? null : h('ul', { class: 'downloads' }, ...monthly));
}
