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
      h('thead', {}, h('tr', {}, ...['Họ tên', 'Xã, phường', 'Nhu cầu', 'Mức hỗ trợ', 'Đợt'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {},
        h('td', {}, row.name), h('td', {}, row.commune), h('td', {}, NEEDS[row.need] ?? row.need), h('td', {}, support(row)),
        h('td', {}, row.campaignId ? campaignNames.get(row.campaignId) ?? row.campaignId : 'Quỹ chung'))))));
}

export function beneficiariesSection(fundId: string, campaignNames: Map<string, string>): HTMLElement {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Đang tải danh sách…'));
  void getJson<BeneficiaryList>(`/v1/public/funds/${fundId}/beneficiaries`).then(
    ({ beneficiaries, position }) => {
      if (beneficiaries.length === 0) return body.replaceChildren(h('p', {}, 'Quỹ chưa công bố đợt phân phối nào.'));
      const communes = [...new Set(beneficiaries.map((b) => b.commune))].sort((a, b) => a.localeCompare(b, 'vi'));
      const select = h('select', { id: 'loc-xa' }, h('option', { value: '' }, 'Tất cả'), ...communes.map((c) => h('option', { value: c }, c)));
      const count = h('p', { role: 'status', class: 'muted' });
      const slot = h('div', {});
      const show = (): void => {
        const rows = select.value ? beneficiaries.filter((b) => b.commune === select.value) : beneficiaries;
        count.textContent = `${rows.length} người nhận`;
        slot.replaceChildren(table(rows, campaignNames));
      };
      select.addEventListener('change', show);
      show();
      body.replaceChildren(
        h('p', { class: 'field' }, h('label', { for: 'loc-xa' }, 'Lọc theo xã, phường '), select), count, slot,
        h('p', { class: 'muted' }, `Danh sách tính đến vị trí sổ ${position}.`),
      );
    },
    (error: unknown) => body.replaceChildren(h('p', { class: 'muted' }, failureText(error))),
  );
  return h('section', { class: 'card', 'aria-labelledby': 'nguoi-nhan' },
    h('h2', { id: 'nguoi-nhan' }, 'Người nhận hỗ trợ'),
    h('p', {}, 'Chỉ công bố họ tên, xã, phường và mức hỗ trợ; không công bố số giấy tờ, địa chỉ hay số điện thoại.'),
    body);
}
