import type { components } from '../api/schema';
import { formatMoney } from '../format';
import { failureText, getJson, h } from './dom';

/**
 * "Người nhận hỗ trợ": who received aid from the fund's approved or paid distributions, with
 * their commune, need and support level, filterable by commune. The route itself never answers
 * an id number, an address or a contact, and nothing else is shown here.
 */

type Beneficiary = components['schemas']['PublicBeneficiaryResponse'];
type BeneficiaryList = components['schemas']['PublicBeneficiariesResponse'];

const NEEDS: Record<string, string> = {
  'tet-gift': 'Quà Tết',
  'food-water-medicine': 'Lương thực, nước uống, thuốc',
  'housing-repair': 'Sửa chữa nhà',
  'temporary-shelter': 'Chỗ ở tạm',
  evacuation: 'Sơ tán',
  'casualties-burial': 'Thương vong, mai táng',
  'sanitation-disease-control': 'Vệ sinh, phòng dịch',
  'medical-equipment': 'Trang thiết bị y tế',
  'seeds-livestock-tools': 'Giống, vật nuôi, công cụ',
  infrastructure: 'Hạ tầng',
  'living-quarantine': 'Sinh hoạt, cách ly',
  other: 'Khác',
};

function support(beneficiary: Beneficiary): string {
  if (beneficiary.amount !== null) return formatMoney(beneficiary.amount);
  return (beneficiary.items ?? []).map((item) => `${item.quantity} ${item.unit} ${item.description}`).join('; ') || beneficiary.level;
}

function table(rows: Beneficiary[], campaignNames: Map<string, string>): HTMLElement {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Bảng người nhận hỗ trợ' },
    h('table', { class: 'aid-table' },
      h('thead', {}, h('tr', {}, ...['Họ tên', 'Xã, phường', 'Nhu cầu', 'Mức hỗ trợ', 'Đợt vận động'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {},
        h('td', {}, row.name), h('td', {}, row.commune), h('td', {}, NEEDS[row.need] ?? row.need), h('td', {}, support(row)),
        // Aid of no campaign: the list does not say which component paid it, so no component is named.
        h('td', {}, row.campaignId ? campaignNames.get(row.campaignId) ?? row.campaignId : h('span', { title: 'Không thuộc đợt vận động nào' }, '—')))))));
}

/** Rows per page: a campaign may have reached tens of thousands of households. */
const PAGE = 100;

export function beneficiariesSection(fundId: string, campaignNames: Map<string, string>): HTMLElement {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Đang tải danh sách…'));
  const pageOf = (commune: string, cursor: string | null) => {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (commune) query.set('commune', commune);
    if (cursor) query.set('cursor', cursor);
    return getJson<BeneficiaryList>(`/v1/public/funds/${fundId}/beneficiaries?${query.toString()}`);
  };
  void pageOf('', null).then(
    (first) => {
      if (first.total === 0) return body.replaceChildren(h('p', {}, 'Quỹ chưa công bố đợt phân phối nào.'));
      const select = h('select', { id: 'loc-xa' }, h('option', { value: '' }, 'Tất cả'), ...first.communes.map((c) => h('option', { value: c }, c)));
      const count = h('p', { role: 'status', class: 'muted' });
      const slot = h('div', {});
      const more = h('p', {});
      const readAt = h('p', { class: 'muted' });
      // The commune chosen last: a page that arrives for another one is dropped.
      let chosen = '';
      // Pages of one commune (or of all) as they are read: the rows so far, and the next page's cursor.
      const show = (page: BeneficiaryList, rows: Beneficiary[]): void => {
        if ((page.commune ?? '') !== chosen) return;
        count.textContent = `${page.total} người nhận${rows.length < page.total ? `, đang xem ${rows.length}` : ''}`;
        slot.replaceChildren(table(rows, campaignNames));
        readAt.textContent = `Danh sách tính đến vị trí sổ ${page.position}.`;
        const next = page.nextCursor;
        if (next === null) {
          more.replaceChildren();
          return;
        }
        const button = h('button', { type: 'button', class: 'secondary' }, 'Xem thêm');
        button.addEventListener('click', () => {
          button.setAttribute('disabled', '');
          void pageOf(select.value, next).then(
            (following) => show(following, [...rows, ...following.beneficiaries]),
            (error: unknown) => more.replaceChildren(h('p', { class: 'muted' }, failureText(error))),
          );
        });
        more.replaceChildren(button);
      };
      select.addEventListener('change', () => {
        chosen = select.value;
        void pageOf(select.value, null).then(
          (page) => show(page, page.beneficiaries),
          (error: unknown) => slot.replaceChildren(h('p', { class: 'muted' }, failureText(error))),
        );
      });
      show(first, first.beneficiaries);
      body.replaceChildren(h('p', { class: 'field' }, h('label', { for: 'loc-xa' }, 'Lọc theo xã, phường '), select), count, slot, more, readAt);
    },
    (error: unknown) => body.replaceChildren(h('p', { class: 'muted' }, failureText(error))),
  );
  return h('section', { class: 'card', 'aria-labelledby': 'nguoi-nhan' },
    h('h2', { id: 'nguoi-nhan' }, 'Người nhận hỗ trợ'),
    h('p', {}, 'Chỉ công bố họ tên, xã, phường và mức hỗ trợ; không công bố số giấy tờ, địa chỉ hay số điện thoại.'),
    body);
}
