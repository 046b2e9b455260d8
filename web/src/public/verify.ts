import { getJson, LedgerError } from './dom';
import { formatDateTime } from '../format';
import { PROOF_FAILURE_MESSAGES_VI, reversalNote, verifyDonationProof, type PublicKeyInfo } from './verify-proof';

/**
 * "Xác minh": asks the ledger for the donation's proof and the key that signs its checkpoints,
 * then checks every byte in this browser (verify-proof.ts): the answer of the server is not
 * taken on trust. Says the outcome in plain Vietnamese, whichever way it goes.
 */

let keys: Promise<PublicKeyInfo[]> | undefined;

/**
 * `printedKey`: the public key a receipt printed (its QR code's `khoa`, base64url), when the check
 * starts from one. The proof is then checked with that key, never with the key the server
 * publishes: a server that swapped its key would otherwise pass the check it serves.
 */
export async function verifyDonation(fundId: string, donationId: string, printedKey: string | null = null): Promise<{ ok: boolean; message: string }> {
  let answer: unknown;
  let published: PublicKeyInfo[];
  try {
    // With the receipt's key in hand, the server's list of keys is not needed, nor asked.
    const publishedKeys = printedKey !== null ? Promise.resolve([]) : (keys ??= getJson<PublicKeyInfo[]>('/v1/public/keys'));
    [answer, published] = await Promise.all([getJson<unknown>(`/v1/public/funds/${fundId}/donations/${encodeURIComponent(donationId)}/proof`), publishedKeys]);
  } catch (error) {
    keys = undefined;
    if (error instanceof LedgerError && error.status === 404) {
      return { ok: false, message: 'Chưa xác minh được: máy chủ không tìm thấy khoản ủng hộ này để lập bằng chứng.' };
    }
    // Recorded but not yet in a signed checkpoint (CHECKPOINT_PENDING): the ledger says when to retry.
    if (error instanceof LedgerError) return { ok: false, message: `Chưa xác minh được: ${error.message}.` };
    return { ok: false, message: 'Chưa xác minh được: không tải được bằng chứng từ máy chủ. Vui lòng kiểm tra mạng rồi thử lại.' };
  }
  const checkpointKey = (answer as { checkpoint?: { keyId?: unknown } } | null)?.checkpoint?.keyId;
  const key = printedKey !== null ? { publicKey: standardBase64(printedKey) } : published.find((candidate) => candidate.keyId === checkpointKey) ?? published[0];
  if (key === undefined) return { ok: false, message: PROOF_FAILURE_MESSAGES_VI.INVALID_PUBLIC_KEY };
  const verification = await verifyDonationProof(answer, key);
  if (!verification.ok && printedKey !== null && (verification.reason === 'NOT_SIGNED_BY_KEY' || verification.reason === 'INVALID_PUBLIC_KEY')) {
    return {
      ok: false,
      message: 'Xác minh KHÔNG thành công. Bản chốt sổ không được ký bằng khóa in trên biên nhận của bạn. '
        + 'Nếu quỹ đã đổi khóa ký, quỹ phải công bố việc đổi khóa: hãy hỏi quỹ trước khi tin vào sổ này.',
    };
  }
  if (!verification.ok) return { ok: false, message: `Xác minh KHÔNG thành công. ${PROOF_FAILURE_MESSAGES_VI[verification.reason]}` };
  const printed = printedKey === null ? '' : ' Khóa ký khớp với khóa in trên biên nhận của bạn.';
  return {
    ok: true,
    message: `Đã xác minh: giao dịch ở vị trí ${verification.position} có trong sổ quỹ gồm ${verification.treeSize} giao dịch, `
      + `được quỹ ký lúc ${formatDateTime(verification.timestamp)} (giờ Việt Nam) bằng khóa ${verification.keyId}.${printed}${reversalNote(answer)}`
      + ' Bằng chứng xác nhận giao dịch có trong sổ đã ký; số tiền, ngày và tên ở trên là những gì quỹ công bố cho giao dịch đó: '
      + 'hãy đối chiếu với biên lai chuyển khoản của bạn.',
  };
}

/** A key as a URL carries it (base64url, no padding), in the base64 the check reads. */
function standardBase64(key: string): string {
  const plain = key.replace(/-/g, '+').replace(/_/g, '/');
  return plain + '='.repeat((4 - (plain.length % 4)) % 4);
}
