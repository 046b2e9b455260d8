import type { components } from '../api/schema';
import { formatDate, formatMoney, receivedShown } from '../format';
import { facts, failureText, getJson, h } from './dom';
import { searchQuery, type SearchFields } from './search-input';
import { verifyDonation } from './verify';

/**
 * "Tra cứu khoản ủng hộ": a donor finds their gift by words of the published name (diacritics
 * optional), the amount, the day and the bank reference (the number on their own transfer receipt
 * or the statement's document number), through the public lookup; each result
 * shows its receipt number and log position, and "Xác minh" checks it against the signed log.
 */

type PublicDonation = components['schemas']['PublicDonationResponse'];
type DonationPage = components['schemas']['PublicDonationPageResponse'];

const FIELDS: { key: keyof SearchFields; label: string; hint: string; mode?: string }[] = [
  { key: 'name', label: 'Tên người ủng hộ', hint: 'Có dấu hoặc không dấu, ví dụ: nguyen van a' },
  { key: 'amount', label: 'Số tiền', hint: 'Ví dụ: 3.000.000, 3000000 hoặc 3tr', mode: 'text' },
  { key: 'date', label: 'Ngày chuyển', hint: 'Ngày/tháng/năm, ví dụ: 15/05/2024', mode: 'numeric' },
  { key: 'reference', label: 'Mã giao dịch ngân hàng', hint: 'Mã trên biên lai chuyển khoản của bạn (ví dụ: MBVCB.6987707712 hoặc chỉ số sau MBVCB., FT24136…) hoặc số chứng từ trên sao kê' },
];

const CHANNELS: Record<string, string> = { cash: 'Tiền mặt', bank_transfer: 'Chuyển khoản', in_kind: 'Hiện vật', online: 'Trực tuyến' };

export function searchSection(fundId: string, campaignNames: Map<string, string>): HTMLElement {
  const inputs = {} as Record<keyof SearchFields, HTMLInputElement>;
  const errors = {} as Record<keyof SearchFields, HTMLElement>;
  const form = h('form', { class: 'search-form', novalidate: true, 'aria-describedby': 'tra-cuu-huong-dan' });
  for (const field of FIELDS) {
    const id = `tim-${field.key}`;
    const input = h('input', { id, name: field.key, type: 'text', inputmode: field.mode, autocomplete: 'off', 'aria-describedby': `${id}-goi-y ${id}-loi` });
    inputs[field.key] = input;
    errors[field.key] = h('p', { id: `${id}-loi`, class: 'field-error' });
    form.append(h('div', { class: 'field' }, h('label', { for: id }, field.label), h('p', { id: `${id}-goi-y`, class: 'hint' }, field.hint), input, errors[field.key]));
  }
  const formError = h('p', { class: 'field-error', role: 'alert' });
  form.append(formError, h('button', { type: 'submit', class: 'primary' }, 'Tra cứu'));
  const status = h('p', { role: 'status', class: 'search-status' });
  const results = h('ol', { class: 'results', 'aria-label': 'Kết quả tra cứu' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Xem thêm kết quả');
  let nextQuery: URLSearchParams | null = null;
  let shown = 0;
  /**
   * The last search asked for: an answer to an earlier one (a slow network, a second search typed
   * meanwhile) is dropped, never shown under the newer search's words.
   */
  let latest = 0;
  /** What an earlier search showed goes: its results under the new question would mislead. */
  const forgetShown = () => {
    latest += 1;
    results.replaceChildren();
    status.textContent = '';
    shown = 0;
    nextQuery = null;
    more.hidden = true;
  };

  const load = async (params: URLSearchParams, append: boolean) => {
    const ticket = ++latest;
    status.textContent = 'Đang tra cứu…';
    more.hidden = true;
    try {
      const page = await getJson<DonationPage>(`/v1/public/funds/${fundId}/donations?${params.toString()}`);
      if (ticket !== latest) return;
      if (!append) {
        results.replaceChildren();
        shown = 0;
      }
      for (const donation of page.items) results.append(resultItem(fundId, donation, campaignNames));
      shown += page.items.length;
      status.textContent = shown === 0
        ? 'Không tìm thấy khoản ủng hộ nào khớp. Hãy thử bớt một điều kiện, hoặc tên không dấu.'
        : `Tìm thấy ${shown}${page.nextCursor ? '+' : ''} khoản ủng hộ.`;
      nextQuery = page.nextCursor ? new URLSearchParams([...params.entries()].filter(([key]) => key !== 'cursor')) : null;
      if (nextQuery && page.nextCursor) nextQuery.set('cursor', page.nextCursor);
      more.hidden = nextQuery === null;
    } catch (error) {
      if (ticket === latest) status.textContent = failureText(error);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = Object.fromEntries(FIELDS.map((f) => [f.key, inputs[f.key].value])) as unknown as SearchFields;
    const query = searchQuery(typed);
    formError.textContent = '';
    for (const field of FIELDS) {
      errors[field.key].textContent = '';
      inputs[field.key].removeAttribute('aria-invalid');
    }
    if (!query.ok) {
      forgetShown();
      for (const field of FIELDS) {
        const problem = query.problems[field.key];
        if (!problem) continue;
        errors[field.key].textContent = problem;
        inputs[field.key].setAttribute('aria-invalid', 'true');
      }
      if (query.problems.form) formError.textContent = query.problems.form;
      const firstWrong = FIELDS.find((f) => query.problems[f.key]);
      if (firstWrong) inputs[firstWrong.key].focus();
      return;
    }
    query.params.set('limit', '20');
    void load(query.params, false);
  });
  more.addEventListener('click', () => {
    if (nextQuery) void load(nextQuery, true);
  });

  return h('section', { class: 'card', 'aria-labelledby': 'tra-cuu' },
    h('h2', { id: 'tra-cuu' }, 'Tra cứu khoản ủng hộ'),
    h('p', { id: 'tra-cuu-huong-dan' }, 'Nhập một hoặc vài điều kiện. Chỉ hiện những gì người ủng hộ đồng ý công khai; khoản ủng hộ ẩn danh không tìm được theo tên.'),
    form, status, results, more);
}

/** One gift as the search lists it, with its "Xác minh" button and the download of its proof. */
export function resultItem(fundId: string, donation: PublicDonation, campaignNames: Map<string, string>, printedKey: string | null = null): HTMLElement {
  const outcome = h('p', { class: 'verify-outcome', role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary verify', 'aria-describedby': `bl-${donation.receiptNo}` }, 'Xác minh');
  button.addEventListener('click', () => {
    button.disabled = true;
    outcome.className = 'verify-outcome';
    outcome.textContent = 'Đang xác minh bằng chữ ký của sổ quỹ…';
    void verifyDonation(fundId, donation.donationId, printedKey).then((result) => {
      outcome.className = `verify-outcome ${result.ok ? 'verified' : 'failed'}`;
      outcome.textContent = result.message;
      button.disabled = false;
    });
  });
  const amount = donation.inKind
    ? `${donation.inKind.quantity} ${donation.inKind.unit} ${donation.inKind.description} (${formatMoney(donation.amountVnd)})`
    : donation.currency === 'VND' ? formatMoney(donation.amountVnd) : `${formatMoney(donation.amount, donation.currency)} = ${formatMoney(donation.amountVnd)}`;
  return h('li', { class: donation.reversedAt ? 'result reversed' : 'result' },
    h('p', { class: 'result-head' }, h('strong', {}, donation.donorName), h('span', { class: 'amount' }, amount)),
    // A gift the fund took back stays listed, said plainly: the correction is shown, never erased.
    donation.reversedAt
      ? h('p', { class: 'badge bad' }, `Đã hủy ngày ${formatDate(donation.reversedAt)}: khoản này không còn tính vào số liệu của quỹ`)
      : null,
    facts('result-facts', [
      ['Số biên nhận', h('span', { id: `bl-${donation.receiptNo}` }, donation.receiptNo)],
      ['Ngày nhận', receivedShown(donation.receivedAt)],
      ['Hình thức', CHANNELS[donation.channel] ?? donation.channel],
      ['Mã giao dịch', donation.reference],
      ['Đợt vận động', donation.campaignId ? campaignNames.get(donation.campaignId) ?? donation.campaignId : null],
      ['Mục đích', donation.purpose],
      ['Vị trí trong sổ', String(donation.position)],
    ]),
    h('p', { class: 'verify-actions' }, button,
      h('a', { href: `/v1/public/funds/${fundId}/donations/${encodeURIComponent(donation.donationId)}/proof`, download: `bang-chung-${donation.receiptNo}.json` },
        'Tải bằng chứng (tự kiểm tra ngoại tuyến)')),
    outcome);
}
