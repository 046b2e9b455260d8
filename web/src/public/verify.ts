import { getJson, LedgerError } from './dom';
import { formatDateTime } from '../format';
import { PROOF_FAILURE_MESSAGES_VI, reversalNote, verifyDonationProof, type PublicKeyInfo } from './verify-proof';

/**
 * "Xác minh": asks the ledger for the donation's proof and the key that signs its checkpoints,
 * then checks every byte in this browser (verify-proof.ts): the answer of the server is not
 * taken on trust. Says the outcome in plain Vietnamese, whichever way it goes.
 */

let keys: Promise<PublicKeyInfo[]> | undefined;

export async function verifyDonation(fundId: string, donationId: string): Promise<{ ok: boolean; message: string }> {
  let answer: unknown;
  let published: PublicKeyInfo[];
  try {
    keys ??= getJson<PublicKeyInfo[]>('/v1/public/keys');
    [answer, published] = await Promise.all([getJson<unknown>(`/v1/public/funds/${fundId}/donations/${encodeURIComponent(donationId)}/proof`), keys]);
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
  const key = published.find((candidate) => candidate.keyId === checkpointKey) ?? published[0];
  if (key === undefined) return { ok: false, message: PROOF_FAILURE_MESSAGES_VI.INVALID_PUBLIC_KEY };
  const verification = await verifyDonationProof(answer, key);
  return verification.ok
    ? {
      ok: true,
      message: `Đã xác minh: giao dịch ở vị trí ${verification.position} có trong sổ quỹ gồm ${verification.treeSize} giao dịch, `
        + `được quỹ ký lúc ${formatDateTime(verification.timestamp)} (giờ Việt Nam) bằng khóa ${verification.keyId}.${reversalNote(answer)}`,
    }
    : { ok: false, message: `Xác minh KHÔNG thành công. ${PROOF_FAILURE_MESSAGES_VI[verification.reason]}` };
}

