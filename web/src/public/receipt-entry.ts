import type { components } from '../api/schema';
import { failureText, getJson, h, LedgerError } from './dom';
import { resultItem } from './search';

/**
 * "Khoản ủng hộ trên biên nhận": what the QR code of a receipt opens (/cong-khai/:fundId?khoan=<id>).
 * The gift's public entry, as the search shows it, checked against the signed log in this browser
 * at once, with the key printed on the receipt (`&khoa=`): a key the server publishes is not taken
 * on trust when the donor holds one on paper. The download of its proof stays beside it for a
 * check offline (`ledger verify-proof --key`).
 */

type DonationProof = components['schemas']['DonationProofResponse'];

export function receiptEntrySection(fundId: string, donationId: string, campaignNames: Map<string, string>, printedKey: string | null): HTMLElement {
  const status = h('p', { role: 'status', class: 'search-status' }, 'Đang tải khoản ủng hộ…');
  const entry = h('ol', { class: 'results', 'aria-label': 'Khoản ủng hộ trên biên nhận' });
  void getJson<DonationProof>(`/v1/public/funds/${fundId}/donations/${encodeURIComponent(donationId)}/proof`).then(
    (answer) => {
      status.textContent = '';
      const item = resultItem(fundId, answer.donation, campaignNames, printedKey);
      entry.append(item);
      item.querySelector<HTMLButtonElement>('button.verify')?.click();
    },
    (error: unknown) => {
      status.textContent = error instanceof LedgerError && error.status === 404
        ? 'Không tìm thấy khoản ủng hộ ghi trên biên nhận này trong sổ quỹ. Hãy kiểm tra lại địa chỉ, hoặc tra cứu theo tên, số tiền và ngày ở mục dưới.'
        : `Chưa tải được khoản ủng hộ: ${failureText(error)}`;
    },
  );
  return h('section', { class: 'card', 'aria-labelledby': 'khoan-bien-nhan' },
    h('h2', { id: 'khoan-bien-nhan' }, 'Khoản ủng hộ trên biên nhận'),
    h('p', {}, 'Trang này tự kiểm tra khoản ủng hộ với chữ ký của sổ quỹ, ngay trên máy của bạn.'),
    status, entry);
}
