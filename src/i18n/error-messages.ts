import { NEED_LABELS } from './need-labels';
import { fieldReasonInVietnamese, fileProblemInVietnamese } from './field-reasons';
import type { Language } from './language';

/**
 * The one catalogue of error messages, keyed by error code, or by `CODE/reason` where one code
 * has several meanings (NOT_FOUND of a fund or of a route, INVALID_STATE of a user or of a
 * disbursement). Each entry says the same thing in Vietnamese, written as the chapter's
 * accountants write, and in English; the parameters are the error's details plus the few values
 * a message names that the details do not carry (the id of what was not found). The English text
 * is the API's message as it has always been, so clients that read it see no change.
 */
export type MessageParams = Readonly<Record<string, unknown>>;
type Text = (p: MessageParams) => string;

export interface LocalizedMessage {
  vi: Text;
  en: Text;
}

const ENTITY_VI: Record<string, string> = {
  fund: 'quỹ',
  campaign: 'đợt vận động',
  user: 'người dùng',
  disbursement: 'khoản chi',
  restriction: 'nguồn tiền chỉ định',
  entry: 'bút toán',
  'emergency release': 'khoản tạm ứng khẩn cấp',
  donation: 'khoản ủng hộ',
  transfer: 'khoản chuyển tiền giữa các quỹ',
  'restriction release': 'đề nghị giải tỏa chỉ định',
  beneficiary: 'đối tượng hưởng trợ giúp',
  'beneficiary-list': 'danh sách đối tượng',
  'distribution-line': 'dòng danh sách phân phối của đối tượng',
  handover: 'lần ghi nhận trao (nhận, vắng, từ chối) của đối tượng',
  'suspense donation': 'khoản tiền chờ xử lý (ủng hộ đến sau khi đợt vận động kết thúc)',
  'statement line': 'dòng sao kê cần phân loại',
  checkpoint: 'bản chốt sổ đã ký ở cỡ sổ',
};

/** The kinds of publication, as the chapter's staff name them. */
const PUBLICATION_KIND_VI: Record<string, string> = {
  'campaign-receipts': 'tổng số tiếp nhận của đợt vận động',
  'campaign-distribution': 'tổng số phân phối của đợt vận động',
  'annual-contributions': 'các khoản đóng góp của năm',
  'quarterly-disclosure': 'công khai tài chính quý',
  'annual-report': 'báo cáo năm',
  settlement: 'quyết toán',
  session: 'phiên đăng nhập',
};

/** What must have ended before a publication of each kind may be dated (PUBLISHED_BEFORE_END). */
const ENDED_VI: Record<string, string> = {
  'campaign-receipts': 'khi đợt vận động đã hết thời gian tiếp nhận',
  'campaign-distribution': 'khi đợt vận động đã hết hạn phân phối',
  'annual-contributions': 'khi năm đã kết thúc',
  'quarterly-disclosure': 'khi quý đã kết thúc',
  'annual-report': 'khi năm báo cáo đã kết thúc',
};
const endedVi = (kind: unknown) => ENDED_VI[String(kind)] ?? 'khi nội dung công khai đã kết thúc';

const STATUS_VI: Record<string, string> = {
  requested: 'đang chờ duyệt',
  approved: 'đã duyệt',
  rejected: 'đã bị từ chối',
  paid: 'đã chi',
  reversed: 'đã đảo bút toán',
  open: 'đang mở',
  settled: 'đã quyết toán',
  cancelled: 'đã hủy',
  in_transit: 'đang trên đường chuyển',
  received: 'đã được nhận',
  returned: 'đã bị trả lại',
  released: 'đã được giải tỏa',
  distributing: 'đang phân phối',
  assigned: 'đã được phân bổ',
};

const entityVi = (entity: unknown) => ENTITY_VI[String(entity)] ?? String(entity);
const statusVi = (status: unknown) => STATUS_VI[String(status)] ?? String(status);
const needVi = (need: unknown) => (Object.prototype.hasOwnProperty.call(NEED_LABELS, String(need)) ? NEED_LABELS[String(need) as keyof typeof NEED_LABELS] : String(need));
const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));
const first = (value: unknown) => (Array.isArray(value) ? String(value[0]) : String(value));
/**
 * A pool as a person names it: `general`, `emergency-relief#campaign:lu-2026` (a campaign's money
 * in a component), `general#suspense:lu-2026` (its late money), `general#DN-2026-000004` (money
 * restricted by a gift or a transfer).
 */
/** The default components by the names staff know them by (reports and the staff app name them so); a fund's own, by its id. */
const COMPONENT_NAMES_VI: Readonly<Record<string, string>> = { general: 'Quỹ chung', 'emergency-relief': 'Quỹ cứu trợ khẩn cấp', humanitarian: 'Quỹ nhân đạo' };
const componentVi = (component: string) => COMPONENT_NAMES_VI[component] ?? `quỹ thành phần ${component}`;
const poolVi = (pool: unknown) => {
  const [component, restriction] = String(pool).split('#', 2);
  if (restriction === undefined) return componentVi(component);
  if (restriction.startsWith('campaign:')) return `tiền của đợt vận động ${restriction.slice('campaign:'.length)} trong ${componentVi(component)}`;
  if (restriction.startsWith('suspense:')) return `tiền nhận muộn của đợt vận động ${restriction.slice('suspense:'.length)} (chờ quyết định) trong ${componentVi(component)}`;
  return `tiền hạn chế mục đích ${restriction} trong ${componentVi(component)}`;
};
/** A timestamp in Vietnam time, as the business dates beside it are written; anything else as given. */
const when = (value: unknown) => {
  const text = String(value);
  const instant = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(instant) || text.endsWith('+07:00')) return text;
  const local = new Date(instant + VIETNAM_OFFSET_MS).toISOString();
  return `${local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23)}+07:00`;
};
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day as Vietnamese writes it, DD/MM/YYYY; anything else as given. */
const dayVi = (value: unknown) => String(value).replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
/** An amount of đồng as Vietnamese documents write it (R31): "50.405.000 đồng"; anything but whole digits as given. */
const vnd = (value: unknown) => {
  const match = /^(-?)(\d+)$/.exec(String(value));
  return match === null ? `${String(value)} đồng` : `${match[1]}${match[2].replace(/\B(?=(\d{3})+$)/g, '.')} đồng`;
};

/** The log position of `details.recorded` ({position}). */
const recordedPosition = (recorded: unknown) => String((recorded as { position?: unknown } | null)?.position);

/** Field problems as the message lists them: `field: reason; field: reason`. */
function fieldSummary(p: MessageParams, language: Language): string {
  const fields = Array.isArray(p.fields) ? (p.fields as { field: string; reason: string }[]) : [];
  return fields.map(({ field, reason }) => `${field}: ${language === 'vi' ? fieldReasonInVietnamese(reason) : reason}`).join('; ');
}

/** Errors of the HTTP edge: authentication, limits, the request's form, read models. */
const EDGE_MESSAGES = {
  'VALIDATION_FAILED/request': {
    vi: (p) => `Yêu cầu không hợp lệ: ${fieldSummary(p, 'vi')}`,
    en: (p) => `Invalid request: ${fieldSummary(p, 'en')}`,
  },
  'VALIDATION_FAILED/malformed-json': {
    vi: (p) => `Yêu cầu sai định dạng: nội dung gửi lên không phải JSON hợp lệ (${String(p.detail)})`,
    en: (p) => `Malformed request: the body is not valid JSON (${String(p.detail)})`,
  },
  'VALIDATION_FAILED/malformed': {
    vi: (p) => `Yêu cầu sai định dạng: ${String(p.detail)}`,
    en: (p) => `Malformed request: ${String(p.detail)}`,
  },
  'VALIDATION_FAILED/statement': {
    vi: (p) => `Sao kê không hợp lệ: ${fileProblemInVietnamese(String(p.detail))}`,
    en: (p) => `Invalid statement: ${String(p.detail)}`,
  },
  'VALIDATION_FAILED/beneficiary-list': {
    vi: (p) => `Danh sách đối tượng không hợp lệ: ${fileProblemInVietnamese(String(p.detail))}`,
    en: (p) => `Invalid beneficiary list: ${String(p.detail)}`,
  },
  'VALIDATION_FAILED/idempotency-key': {
    vi: () => 'Idempotency-Key phải gồm 1–200 ký tự in được',
    en: () => 'Idempotency-Key must be 1–200 printable characters',
  },
  'UNAUTHENTICATED/wrong-credentials': { vi: () => 'Tên hoặc mật khẩu không đúng', en: () => 'The name or the password is wrong' },
  'UNAUTHENTICATED/setup-code': {
    vi: () => 'Mã thiết lập không hợp lệ, đã được dùng hoặc đã hết hạn',
    en: () => 'The setup code is not valid, was already used or has expired',
  },
  'UNAUTHENTICATED/metrics-token': {
    vi: () => 'GET /metrics cần mã LEDGER_METRICS_TOKEN làm bearer token',
    en: () => 'GET /metrics needs the LEDGER_METRICS_TOKEN as a bearer token',
  },
  'UNAUTHENTICATED/session-ended': { vi: () => 'Phiên làm việc đã kết thúc; vui lòng đăng nhập lại', en: () => 'The session has ended; sign in again' },
  // With details.recorded, the request sent again was recorded before the sign-out (its answer lost): say so, not that it is not recorded.
  'UNAUTHENTICATED/device-signed-out': {
    vi: (p) => (p.recorded === undefined
      ? 'Thiết bị này đã được quản trị viên đăng xuất; các việc còn chờ gửi từ thiết bị này không được ghi nhận'
      : `Thiết bị này đã được quản trị viên đăng xuất; việc này đã được ghi nhận trước đó (vị trí sổ ${recordedPosition(p.recorded)}), không cần gửi lại`),
    en: (p) => (p.recorded === undefined
      ? 'An admin signed this device out; what it still had waiting to send is not recorded'
      : `An admin signed this device out; this request was recorded before (log position ${recordedPosition(p.recorded)}): do not send it again`),
  },
  'UNAUTHENTICATED/user-deactivated': {
    vi: (p) => (p.recorded === undefined
      ? 'Tài khoản này đã bị quản trị viên ngừng hoạt động; các việc còn chờ gửi từ thiết bị này không được ghi nhận'
      : `Tài khoản này đã bị quản trị viên ngừng hoạt động; việc này đã được ghi nhận trước đó (vị trí sổ ${recordedPosition(p.recorded)}), không cần gửi lại`),
    en: (p) => (p.recorded === undefined
      ? 'An admin deactivated this account; what this device still had waiting to send is not recorded'
      : `An admin deactivated this account; this request was recorded before (log position ${recordedPosition(p.recorded)}): do not send it again`),
  },
  'UNAUTHENTICATED/token-invalid': { vi: () => 'Mã truy cập (token) không hợp lệ', en: () => 'The token is not valid' },
  'UNAUTHENTICATED/token-required': {
    vi: () => 'Cần có mã truy cập: Authorization: Bearer <token>',
    en: () => 'A bearer token is required: Authorization: Bearer <token>',
  },
  'FORBIDDEN/roles': {
    vi: (p) => `Thao tác này cần một trong các vai trò: ${list(p.required)}`,
    en: (p) => `This needs one of the roles: ${list(p.required)}`,
  },
  'FORBIDDEN/others-password': {
    vi: () => 'Chỉ quản trị viên (admin) mới đặt được mật khẩu cho người dùng khác',
    en: () => 'Only an admin sets the password of another user',
  },
  'FORBIDDEN/origin-mismatch': {
    vi: (p) => `Kiểm tra nguồn gốc (Origin) không đạt: ${String(p.origin)} không phải sổ quỹ này (${String(p.expectedOrigin)}); `
      + 'phiên đăng nhập chỉ được thay đổi dữ liệu từ chính các trang của sổ quỹ',
    en: (p) => `The Origin check failed: ${String(p.origin)} is not this ledger (${String(p.expectedOrigin)}); `
      + 'a session may only change things from the ledger\'s own pages',
  },
  'FORBIDDEN/origin-missing': {
    vi: (p) => `Kiểm tra nguồn gốc (Origin) không đạt: yêu cầu thay đổi dữ liệu kèm cookie phiên phải có header Origin ${String(p.expectedOrigin)}`,
    en: (p) => `The Origin check failed: a request with a session cookie that changes something must carry the Origin header ${String(p.expectedOrigin)}`,
  },
  'RATE_LIMITED/sign-in': {
    vi: (p) => `Đăng nhập sai quá nhiều lần với tên này; thử lại sau ${String(p.retryAfterSeconds)} giây`,
    en: (p) => `Too many failed sign-ins for this name; try again in ${String(p.retryAfterSeconds)} s`,
  },
  'RATE_LIMITED/password-check': {
    vi: (p) => `Nhập sai mật khẩu quá nhiều lần với tên này; thử lại sau ${String(p.retryAfterSeconds)} giây`,
    en: (p) => `Too many failed password checks for this name; try again in ${String(p.retryAfterSeconds)} s`,
  },
  'RATE_LIMITED/address': {
    vi: (p) => `Địa chỉ này gửi quá nhiều yêu cầu; thử lại sau ${String(p.retryAfterSeconds)} giây`,
    en: (p) => `Too many requests from this address; try again in ${String(p.retryAfterSeconds)} s`,
  },
  'RATE_LIMITED/framework': {
    vi: (p) => `Quá nhiều yêu cầu (${String(p.detail)})`,
    en: (p) => String(p.detail),
  },
  UNKNOWN_LAYOUT: {
    vi: (p) => `Không tìm thấy dòng tiêu đề của sao kê trong 50 dòng đầu: cần một cột ngày ("Ngày giao dịch", "TNX Date") và một cột ghi có ("Số tiền ghi có", "Credit") hoặc số tiền ("Số tiền"); các tiêu đề thấy được: ${list(p.headingsSeen ?? [])}`,
    en: (p) => `No header row in the statement's first 50 lines: it needs a date column ("Ngày giao dịch", "TNX Date") and a credit column ("Số tiền ghi có", "Credit") or an amount column ("Số tiền", "Amount"); headings seen: ${list(p.headingsSeen ?? [])}`,
  },
  STATEMENT_UNBALANCED: {
    vi: (p) => `Sao kê không khớp số dư tại dòng ${String(p.line)}: các dòng trước dẫn đến ${vnd(p.expected)}, sao kê in ${vnd(p.printed)}; có dòng bị thiếu hoặc bị sửa. Chưa ghi sổ dòng nào`,
    en: (p) => `The statement does not add up at line ${String(p.line)}: the lines before it lead to ${String(p.expected)}, the statement prints ${String(p.printed)}; a line is missing or altered. Nothing was booked`,
  },
  FOREIGN_CURRENCY_STATEMENT: {
    vi: (p) => `Sao kê là của tài khoản ${String(p.currency)} (dòng ${String(p.line)}): sổ chỉ nhập sao kê bằng VND. Hãy ghi từng khoản chuyển đến thành khoản ủng hộ bằng ${String(p.currency)} kèm tỷ giá (fxRate), hoặc nhập sao kê của tài khoản VND mà ngân hàng ghi có khi bán ${String(p.currency)}. Chưa ghi sổ dòng nào`,
    en: (p) => `The statement is of a ${String(p.currency)} account (line ${String(p.line)}): the ledger imports VND statements only. Record each transfer as a donation in ${String(p.currency)} with its fxRate (POST /v1/funds/:fundId/donations), or import the statement of the VND account the bank credited when it sold the ${String(p.currency)}. Nothing was booked`,
  },
  'UNSUPPORTED_MEDIA_TYPE/statement': {
    vi: (p) => `Hãy gửi chính tệp sao kê, dạng text/csv hoặc ${String(p.xlsxContentType)}`,
    en: (p) => `Send the statement itself as text/csv or ${String(p.xlsxContentType)}`,
  },
  'UNSUPPORTED_MEDIA_TYPE/beneficiary-list': {
    vi: (p) => `Hãy gửi chính tệp danh sách đối tượng, dạng text/csv hoặc ${String(p.xlsxContentType)}`,
    en: (p) => `Send the beneficiary list itself as text/csv or ${String(p.xlsxContentType)}`,
  },
  'UNSUPPORTED_MEDIA_TYPE/content-type': {
    vi: (p) => `Kiểu nội dung không được hỗ trợ: ${String(p.contentType)}`,
    en: (p) => `Unsupported Media Type: ${String(p.contentType)}`,
  },
  'UNSUPPORTED_MEDIA_TYPE/framework': {
    vi: (p) => `Kiểu nội dung không được hỗ trợ (${String(p.detail)})`,
    en: (p) => String(p.detail),
  },
  'PAYLOAD_TOO_LARGE/statement': {
    vi: (p) => `Tệp sao kê vượt quá giới hạn ${String(p.limitBytes)} byte`,
    en: (p) => `The statement is larger than the limit of ${String(p.limitBytes)} bytes`,
  },
  'PAYLOAD_TOO_LARGE/beneficiary-list': {
    vi: (p) => `Tệp danh sách đối tượng vượt quá giới hạn ${String(p.limitBytes)} byte`,
    en: (p) => `The beneficiary list is larger than the limit of ${String(p.limitBytes)} bytes`,
  },
  'PAYLOAD_TOO_LARGE/entry': {
    vi: (p) => `Bút toán lớn hơn mức kho sự kiện nhận trong một lần ghi (${String(p.maxAppendBytes)} byte): hãy chia nhỏ, ví dụ tách danh sách phân phối thành nhiều khoản chi`,
    en: (p) => `The entry is larger than the event store takes in one append (${String(p.maxAppendBytes)} bytes): split it, for example a distribution list into several disbursements`,
  },
  'PAYLOAD_TOO_LARGE/framework': {
    vi: (p) => `Nội dung gửi lên quá lớn (${String(p.detail)})`,
    en: (p) => String(p.detail),
  },
  'PROJECTION_LAGGING/position': {
    vi: (p) => `Dữ liệu tổng hợp ${String(p.projection)} chưa cập nhật đến vị trí ${String(p.minPosition)} của nhật ký; vui lòng thử lại`,
    en: (p) => `The ${String(p.projection)} read model has not reached position ${String(p.minPosition)} yet; try again`,
  },
  'PROJECTION_LAGGING/indexes': {
    vi: (p) => `Dữ liệu tổng hợp ${String(p.projection)} đang được cập nhật và lập chỉ mục; vui lòng thử lại`,
    en: (p) => `The ${String(p.projection)} read model is still catching up and building its indexes; try again`,
  },
  'NOT_FOUND/route': { vi: (p) => `Không có đường dẫn này (${String(p.detail)})`, en: (p) => String(p.detail) },
  BAD_REQUEST: { vi: (p) => `Yêu cầu không hợp lệ (${String(p.detail)})`, en: (p) => String(p.detail) },
  'TREE_SIZE_UNKNOWN/tree-size': {
    vi: (p) => `Cỡ sổ ${String(p.requested)} lớn hơn bản chốt sổ đã ký gần nhất (${String(p.signedTreeSize)} giao dịch): chỉ có bằng chứng cho sổ đã ký`,
    en: (p) => `Tree size ${String(p.requested)} is past the latest signed checkpoint (${String(p.signedTreeSize)})`,
  },
  'TREE_SIZE_UNKNOWN/position': {
    // The tree asked for: the latest signed one, or the one of ?treeSize=.
    vi: (p) => `Vị trí ${String(p.requested)} không phải một giao dịch trong sổ đã ký gồm ${String(p.signedTreeSize)} giao dịch`,
    en: (p) => `Position ${String(p.requested)} is not an event of the signed tree of ${String(p.signedTreeSize)} events`,
  },
  CHECKPOINT_PENDING: {
    vi: (p) => `Khoản ủng hộ đã được ghi sổ nhưng chưa có bản chốt sổ đã ký nào bao gồm nó; thử lại sau ${String(p.retryAfterSeconds)} giây`,
    en: (p) => `No signed checkpoint covers this donation yet; retry in ${String(p.retryAfterSeconds)} s`,
  },
  UNAVAILABLE: { vi: (p) => `Dịch vụ tạm thời chưa sẵn sàng; vui lòng thử lại sau (${String(p.detail)})`, en: (p) => String(p.detail) },
  IDEMPOTENCY_KEY_REUSED: {
    vi: () => 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
    en: () => 'This Idempotency-Key was already used with a different request',
  },
  CONCURRENCY_CONFLICT: {
    vi: (p) => `Dữ liệu ${String(p.streamId)} bị thay đổi đồng thời ${String(p.attempts)} lần; vui lòng thử lại`,
    en: (p) => `Stream ${String(p.streamId)} changed concurrently ${String(p.attempts)} times; try again`,
  },
  INTERNAL: { vi: () => 'Lỗi hệ thống; lỗi đã được ghi lại', en: () => 'Internal error; it has been logged' },
} satisfies Record<string, LocalizedMessage>;

/** The domain's rejections (src/domain/**\/*.rejections.ts), with the reasons the deciders give. */
const RULE_MESSAGES = {
  VALIDATION_FAILED: EDGE_MESSAGES['VALIDATION_FAILED/request'],
  NOT_FOUND: {
    vi: (p) => `Không tìm thấy ${entityVi(p.entity)}${p.id === undefined ? '' : ` ${String(p.id)}`}`,
    en: (p) => (p.id === undefined ? `No such ${String(p.entity)}` : `No ${String(p.entity)} ${String(p.id)}`),
  },
  'NOT_FOUND/fund-at-position': {
    vi: (p) => `Quỹ ${String(p.id)} chưa được mở tại vị trí ${String(p.atPosition)} của nhật ký`,
    en: (p) => `No fund ${String(p.id)} at log position ${String(p.atPosition)}: it was opened later`,
  },
  'ALREADY_EXISTS/user': { vi: (p) => `Người dùng ${String(p.userId)} đã tồn tại`, en: (p) => `User ${String(p.userId)} exists` },
  'ALREADY_EXISTS/fund': { vi: (p) => `Quỹ ${String(p.fundId)} đã tồn tại`, en: (p) => `Fund ${String(p.fundId)} already exists` },
  'ALREADY_EXISTS/campaign': { vi: (p) => `Đợt vận động ${String(p.campaignId)} đã tồn tại`, en: (p) => `Campaign ${String(p.campaignId)} already exists` },
  'ALREADY_EXISTS/trusted-key': {
    vi: (p) => `Khóa ${String(p.keyId)} đã được tin cậy từ trước (${String(p.chapter)})`,
    en: (p) => `Key ${String(p.keyId)} is already trusted (${String(p.chapter)})`,
  },
  'ALREADY_EXISTS/transfer-note': {
    vi: (p) => `Giấy chuyển tiền ${String(p.transferId)} đã được ghi nhận vào quỹ lúc ${when(p.importedAt)} (người ghi: ${String(p.importedBy)}); không ghi lần nữa`,
    en: (p) => `Transfer ${String(p.transferId)} of ${String(p.fromLedger)} was booked at ${when(p.importedAt)}`,
  },
  INVALID_SIGNATURE: {
    vi: () => 'Chữ ký của giấy chuyển tiền không hợp lệ',
    en: () => 'The transfer note\'s signature is not valid',
  },
  'INVALID_SIGNATURE/untrusted-key': {
    vi: (p) => `Giấy chuyển tiền được ký bằng khóa ${String(p.keyId)}, khóa này chưa được quỹ tin cậy: quản trị viên cần đăng ký khóa của đơn vị gửi trước`,
    en: (p) => `The note is signed by key ${String(p.keyId)}, which this fund does not trust`,
  },
  'INVALID_SIGNATURE/bad-signature': {
    vi: (p) => `Chữ ký của giấy chuyển tiền không khớp với khóa ${String(p.keyId)} (${String(p.chapter)}): giấy đã bị sửa hoặc giả mạo`,
    en: (p) => `The note's signature does not verify with key ${String(p.keyId)} (${String(p.chapter)})`,
  },
  'ALREADY_EXISTS/transfer-delivery': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} đã được ghi nhận là đã đến nơi lúc ${when(p.recordedAt)} (người ghi: ${String(p.recordedBy)}); không ghi lần nữa`,
    en: (p) => `Transfer ${String(p.transferId)} was recorded as delivered at ${when(p.recordedAt)}`,
  },
  'INVALID_SIGNATURE/untrusted-receipt-key': {
    vi: (p) => `Biên nhận được ký bằng khóa ${String(p.keyId)}, khóa này chưa được quỹ tin cậy: quản trị viên cần đăng ký khóa của đơn vị nhận trước`,
    en: (p) => `The receipt is signed by key ${String(p.keyId)}, which this fund does not trust`,
  },
  'INVALID_SIGNATURE/bad-receipt-signature': {
    vi: (p) => `Chữ ký của biên nhận không khớp với khóa ${String(p.keyId)} (${String(p.chapter)}): biên nhận đã bị sửa hoặc giả mạo`,
    en: (p) => `The receipt's signature does not verify with key ${String(p.keyId)} (${String(p.chapter)})`,
  },
  RECEIPT_MISMATCH: {
    vi: (p) => `Biên nhận ghi ${String(p.field)} là ${String(p.actual)}, còn khoản chuyển tiền ${String(p.transferId)} có ${String(p.expected)}: đây không phải biên nhận của khoản này`,
    en: (p) => `The receipt names ${String(p.field)} ${String(p.actual)}; transfer ${String(p.transferId)} has ${String(p.expected)}`,
  },
  NOTE_MISADDRESSED: {
    vi: (p) => `Giấy chuyển tiền ${String(p.transferId)} gửi cho quỹ ${String(p.toFundId)}, không phải quỹ ${String(p.fundId)}`,
    en: (p) => `The note sends ${String(p.transferId)} to fund ${String(p.toFundId)}, not to ${String(p.fundId)}`,
  },
  UNKNOWN_COMPONENT: {
    vi: (p) => `Quỹ không có hợp phần "${String(p.component)}" (các hợp phần: ${list(p.known)})`,
    en: (p) => `Fund has no component "${String(p.component)}"`,
  },
  'UNKNOWN_COMPONENT/receiver': {
    vi: (p) => `Quỹ nhận ${String(p.fundId)} không có hợp phần "${String(p.component)}" (các hợp phần: ${list(p.known)})`,
    en: (p) => `Fund ${String(p.fundId)} has no component "${String(p.component)}"`,
  },
  INVALID_POLICY: {
    vi: (p) => `Chính sách quỹ không hợp lệ: ${fieldReasonInVietnamese(String(p.problem))}`,
    en: (p) => String(p.problem),
  },
  'INVALID_CAMPAIGN_WINDOW/receive-order': {
    vi: () => 'receiveUntil (hạn cuối tiếp nhận) phải sau receiveFrom (ngày bắt đầu tiếp nhận)',
    en: () => 'receiveUntil must be after receiveFrom',
  },
  'INVALID_CAMPAIGN_WINDOW/distribute-order': {
    vi: () => 'distributeUntil (hạn cuối phân phối) không được trước receiveUntil (hạn cuối tiếp nhận)',
    en: () => 'distributeUntil may not be before receiveUntil',
  },
  'CAMPAIGN_WINDOW_EXCEEDED/receiving': {
    vi: (p) => `Đợt vận động cứu trợ thiên tai chỉ được tiếp nhận tối đa ${String(p.maxDays)} ngày (Nghị định 93/2021, Điều 8)`,
    en: (p) => `A disaster campaign receives for at most ${String(p.maxDays)} days (Decree 93/2021 Art. 8)`,
  },
  'CAMPAIGN_WINDOW_EXCEEDED/distribution': {
    vi: (p) => `Việc phân phối phải kết thúc chậm nhất ${String(p.maxDays)} ngày sau khi hết hạn tiếp nhận (Nghị định 93/2021, Điều 8)`,
    en: (p) => `Distribution ends at most ${String(p.maxDays)} days after receiving ends (Decree 93/2021 Art. 8)`,
  },
  CAMPAIGN_NOT_OPEN: {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} chỉ tiếp nhận từ ${String(p.receiveFrom)}`,
    en: (p) => `Campaign ${String(p.campaignId)} receives from ${String(p.receiveFrom)}`,
  },
  CAMPAIGN_CLOSED: {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} đã dừng tiếp nhận lúc ${String(p.receivingEnded)}`,
    en: (p) => `Campaign ${String(p.campaignId)} stopped receiving at ${String(p.receivingEnded)}`,
  },
  'CAMPAIGN_CLOSED/distribution': {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} đã hết hạn phân phối lúc ${String(p.distributionEnded)}: số còn lại chỉ được chuyển bằng quyết định điều chuyển (surplus)`,
    en: (p) => `Campaign ${String(p.campaignId)} stopped distributing at ${String(p.distributionEnded)}: what is left moves on only by a surplus decision`,
  },
  'RESTRICTION_MISMATCH/component': {
    vi: (p) => `Nguồn tiền ${String(p.restrictionId)} thuộc hợp phần ${String(p.component)}`,
    en: (p) => `Pool ${String(p.restrictionId)} belongs to component ${String(p.component)}`,
  },
  'RESTRICTION_MISMATCH/campaign': {
    vi: (p) => `Nguồn tiền ${String(p.restrictionId)} không thuộc đợt vận động ${String(p.campaignId)}`,
    en: (p) => `Pool ${String(p.restrictionId)} is not campaign ${String(p.campaignId)}'s`,
  },
  'RESTRICTION_MISMATCH/management-cost': {
    vi: () => 'Tiền ủng hộ có chỉ định không được dùng để chi phí quản lý',
    en: () => 'Designated money may not pay management costs',
  },
  'RESTRICTION_MISMATCH/beneficiary': {
    vi: (p) => `Nguồn tiền ${String(p.restrictionId)} chỉ được chi cho ${String(p.beneficiary)}`,
    en: (p) => `Pool ${String(p.restrictionId)} may be paid only to ${String(p.beneficiary)}`,
  },
  INSUFFICIENT_FUNDS: {
    vi: (p) => `Nguồn ${poolVi(p.pool)} chỉ còn ${vnd(p.available)} khả dụng, số đề nghị là ${vnd(p.requested)}`,
    en: (p) => `Pool ${String(p.pool)} has ${String(p.available)} VND available, ${String(p.requested)} requested`,
  },
  'INSUFFICIENT_FUNDS/dated': {
    vi: (p) => `Nguồn ${poolVi(p.pool)} chỉ còn ${vnd(p.available)} khả dụng vào cuối ngày ${String(p.asOf)}, số đề nghị là ${vnd(p.requested)}: tiền nhận sau không chi được cho khoản ghi ngày trước đó`,
    en: (p) => `Pool ${String(p.pool)} has ${String(p.available)} VND available at the close of ${String(p.asOf)}, ${String(p.requested)} requested: money received later does not pay for what is dated earlier`,
  },
  'INSUFFICIENT_FUNDS/campaign': {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} chỉ còn ${vnd(p.available)} của chính đợt${p.asOf === undefined ? '' : ` vào cuối ngày ${String(p.asOf)}`}, số đề nghị chuyển là ${vnd(p.requested)}`,
    en: (p) => `Campaign ${String(p.campaignId)} holds ${String(p.available)} VND of its own${p.asOf === undefined ? '' : ` at the close of ${String(p.asOf)}`}, ${String(p.requested)} requested`,
  },
  EMERGENCY_CAP_EXCEEDED: {
    vi: (p) => `Mỗi lần tạm ứng khẩn cấp không được vượt quá ${vnd(p.cap)}`,
    en: (p) => `An emergency release may not exceed ${String(p.cap)} VND`,
  },
  SELF_APPROVAL_FORBIDDEN: { vi: () => 'Không ai được tự duyệt đề nghị chi của chính mình', en: () => 'Nobody may approve their own request' },
  NOT_REQUESTER: {
    vi: (p) => `Chỉ người duyệt chi, hoặc người đã lập đề nghị ${String(p.disbursementId)}, được từ chối hoặc rút đề nghị này`,
    en: (p) => `Only the approvers, or the person who requested ${String(p.disbursementId)}, may reject or withdraw it`,
  },
  DUPLICATE_APPROVAL: {
    vi: () => 'Người duyệt này đã duyệt khoản chi này rồi',
    en: () => 'This approver has already approved this disbursement',
  },
  CERTIFICATION_REQUIRED: {
    vi: () => 'Khoản chi nhân đạo chỉ được chi khi có xác nhận danh sách người nhận của Ủy ban nhân dân cấp xã',
    en: () => "A humanitarian disbursement is paid only against the commune People's Committee certification of its beneficiaries",
  },
  'CERTIFICATION_REQUIRED/handover': {
    vi: (p) => `Khoản chi nhân đạo ${String(p.disbursementId)} chỉ được trao khi có xác nhận danh sách người nhận của Ủy ban nhân dân cấp xã`,
    en: (p) => `Humanitarian disbursement ${String(p.disbursementId)} is handed out only against the commune People's Committee certification of its beneficiaries`,
  },
  'INVALID_STATE/user-deactivated': {
    vi: (p) => `Người dùng ${String(p.userId)} đã bị vô hiệu hóa`,
    en: (p) => `User ${String(p.userId)} is deactivated`,
  },
  'INVALID_STATE/user-no-token': {
    vi: (p) => `Người dùng ${String(p.userId)} không có mã truy cập nào để thu hồi`,
    en: (p) => `User ${String(p.userId)} has no token to revoke`,
  },
  'INVALID_STATE/last-admin': {
    vi: (p) => `Không thể ngừng hoạt động ${String(p.userId)}: đây là quản trị viên cuối cùng còn hoạt động; hãy tạo một quản trị viên khác trước`,
    en: (p) => `User ${String(p.userId)} is the last active admin`,
  },
  'INVALID_STATE/user-already-deactivated': {
    vi: (p) => `Người dùng ${String(p.userId)} đã bị vô hiệu hóa từ trước`,
    en: (p) => `User ${String(p.userId)} is already deactivated`,
  },
  'INVALID_STATE/period-closed': {
    vi: (p) => `Kỳ ${String(p.period)} đã khóa sổ (${String(p.closedAs)}, quyết định ${String(p.decisionRef)})`,
    en: (p) => `Period ${String(p.period)} is already closed (${String(p.closedAs)}, decision ${String(p.decisionRef)})`,
  },
  'INVALID_STATE/campaign-closed': {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} đã kết thúc lúc ${when(p.closedAt)}`,
    en: (p) => `Campaign ${String(p.campaignId)} was closed at ${when(p.closedAt)}`,
  },
  'INVALID_STATE/disbursement': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} ${statusVi(p.status)}`,
    en: (p) => `Disbursement ${String(p.disbursementId)} is ${String(p.status)}`,
  },
  'INVALID_STATE/not-enough-approvals': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} chưa được duyệt đủ: cần ${String(p.approvalsRequired)} người duyệt, mới có ${String(p.approvalsCount)}`,
    en: (p) => `Disbursement ${String(p.disbursementId)} is not approved yet: needs ${String(p.approvalsRequired)} `
      + `approval${p.approvalsRequired === 1 ? '' : 's'}, has ${String(p.approvalsCount)}`,
  },
  'INVALID_STATE/not-approved': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} ${statusVi(p.status)}: chỉ khoản chi đã duyệt, chưa chi mới chi được`,
    en: (p) => `Disbursement ${String(p.disbursementId)} is ${String(p.status)}: only an approved disbursement not yet paid can be paid`,
  },
  'INVALID_STATE/nothing-to-pay': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} không còn gì để chi: mọi phần trong danh sách phân phối đã được khóa là không trao. `
      + 'Hãy từ chối đề nghị để trả số tiền đang giữ về quỹ',
    en: (p) => `Disbursement ${String(p.disbursementId)} has nothing to pay: every share of its distribution was closed as not delivered; reject the request to free its money`,
  },
  'INVALID_STATE/reverse-unpaid': {
    vi: (p) => `Chỉ đảo bút toán được khoản chi đã chi; khoản chi ${String(p.disbursementId)} ${statusVi(p.status)}`,
    en: (p) => `Only a paid disbursement can be reversed; ${String(p.disbursementId)} is ${String(p.status)}`,
  },
  'INVALID_STATE/transfer-internal-receipt': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} gửi cho quỹ ${String(p.toFundId)} trong cùng sổ: quỹ nhận ghi nhận trực tiếp, không có biên nhận`,
    en: (p) => `Transfer ${String(p.transferId)} goes to ${String(p.toFundId)}, a fund of this ledger: it is received here, with no receipt`,
  },
  'INVALID_STATE/transfer-internal': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} gửi cho quỹ ${String(p.toFundId)} trong cùng sổ: quỹ nhận ghi nhận trực tiếp, không cần giấy chuyển tiền`,
    en: (p) => `Transfer ${String(p.transferId)} goes to ${String(p.toFundId)}, a fund of this ledger: it is received here, with no note`,
  },
  'INVALID_STATE/transfer': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} ${statusVi(p.status)}`,
    en: (p) => `Transfer ${String(p.transferId)} is ${String(p.status)}`,
  },
  'DUPLICATE_APPROVAL/restriction-release': {
    vi: () => 'Người duyệt này đã duyệt đề nghị giải tỏa chỉ định này rồi',
    en: () => 'This approver has already approved this restriction release',
  },
  'INVALID_STATE/restriction-release': {
    vi: (p) => `Đề nghị giải tỏa chỉ định ${String(p.releaseRequestId)} ${statusVi(p.status)}`,
    en: (p) => `Restriction release ${String(p.releaseRequestId)} is ${String(p.status)}`,
  },
  'INVALID_STATE/fx-not-foreign': {
    vi: (p) => `Khoản ủng hộ ${String(p.donationId)} không phải ngoại tệ`,
    en: (p) => `Donation ${String(p.donationId)} is not foreign currency`,
  },
  'INVALID_STATE/fx-settled': {
    vi: (p) => `Ngoại tệ của khoản ủng hộ ${String(p.donationId)} đã được bán (${String(p.settlementId)})`,
    en: (p) => `Donation ${String(p.donationId)} was settled by ${String(p.settlementId)}`,
  },
  'INVALID_STATE/fx-reversed': {
    vi: (p) => `Khoản ủng hộ ${String(p.donationId)} đã được đảo bút toán`,
    en: (p) => `Donation ${String(p.donationId)} is reversed`,
  },
  'INVALID_STATE/surplus-too-early': {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} chưa hết hạn phân phối: chưa được điều chuyển số tiền còn lại`,
    en: (p) => `Campaign ${String(p.campaignId)} is still distributing`,
  },
  'DUPLICATE_APPROVAL/transfer': {
    vi: () => 'Người duyệt này đã duyệt khoản chuyển tiền này rồi',
    en: () => 'This approver has already approved this transfer',
  },
  'INVALID_STATE/release': {
    vi: (p) => `Khoản tạm ứng khẩn cấp ${String(p.releaseId)} ${statusVi(p.status)}`,
    en: (p) => `Emergency release ${String(p.releaseId)} is ${String(p.status)}`,
  },
  'MANAGEMENT_COST_CAP_EXCEEDED/later-year': {
    vi: (p) => `Chi phí quản lý ghi vào năm ${String(p.requestYear)} làm năm ${String(p.fiscalYear)} vượt mức trần: đã dùng ${vnd(p.used)}, mức trần chỉ còn ${vnd(p.cap)} `
      + `(năm ${String(p.requestYear)} chuyển sang ít hơn)`,
    en: (p) => `A management cost dated ${String(p.requestYear)} would leave ${String(p.fiscalYear)} with ${String(p.used)} VND used against a cap of ${String(p.cap)} VND: `
      + `${String(p.requestYear)} would carry forward less`,
  },
  'MANAGEMENT_COST_CAP_EXCEEDED/over-cap-at-payment': {
    vi: (p) => `Chi phí quản lý năm ${String(p.fiscalYear)} đã dùng ${vnd(p.used)}, vượt mức trần ${vnd(p.cap)} do có khoản thu bị đảo bút toán hoặc phí ngân hàng ghi sau: `
      + `khoản ${String(p.disbursementId)} chỉ được chi khi chi phí quản lý của năm trở lại trong mức trần (từ chối một đề nghị chi phí quản lý, hoặc chờ thêm nguồn thu)`,
    en: (p) => `Management cost for ${String(p.fiscalYear)} is ${String(p.used)} VND, past its cap of ${String(p.cap)} VND since revenue was reversed or fees were booked: `
      + `${String(p.disbursementId)} is paid once the year is back within its cap (reject a request, or wait for revenue)`,
  },
  MANAGEMENT_COST_CAP_EXCEEDED: {
    vi: (p) => `Chi phí quản lý năm ${String(p.fiscalYear)} sẽ lên tới ${vnd(p.usedAfter)}; mức trần là ${vnd(p.cap)} `
      + `(${String(p.capPercent)} % của ${vnd(p.base)} làm căn cứ, cộng ${vnd(p.carriedForward)} chuyển sang)`,
    en: (p) => `Management cost for ${String(p.fiscalYear)} would reach ${String(p.usedAfter)} VND; the cap is ${String(p.cap)} VND `
      + `(${String(p.capPercent)} % of the ${String(p.base)} VND base, plus ${String(p.carriedForward)} VND carried forward)`,
  },
  'ALREADY_REVERSED/donation': {
    vi: (p) => `Khoản ủng hộ ${String(p.donationId)} đã được đảo bút toán bởi ${String(p.reversalId)}`,
    en: (p) => `Donation ${String(p.donationId)} was reversed by ${String(p.reversalId)}`,
  },
  'ALREADY_REVERSED/payment': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} đã được đảo bút toán`,
    en: (p) => `Payment ${String(p.disbursementId)} was already reversed`,
  },
  'RESTRICTION_MISMATCH/suspense': {
    vi: (p) => `Nguồn tiền ${String(p.restrictionId)} là tiền đến sau khi đợt vận động kết thúc: chỉ được dùng sau khi có quyết định phân bổ`,
    en: (p) => `Pool ${String(p.restrictionId)} holds late money: it is spent only once assigned (POST …/suspense/:donationId/assign)`,
  },
  'INVALID_STATE/suspense-returned': {
    vi: (p) => `Khoản ủng hộ ${String(p.donationId)} đã được trả lại người ủng hộ (${String(p.reversalId)})`,
    en: (p) => `Donation ${String(p.donationId)} was returned to the donor by ${String(p.reversalId)}`,
  },
  'INVALID_STATE/transfer-campaign-named': {
    vi: (p) => `Khoản chuyển ${String(p.transferId)} đã được nhận cho đợt vận động ${String(p.campaignId)}`,
    en: (p) => `Transfer ${String(p.transferId)} was received for campaign ${String(p.campaignId)}`,
  },
  'INVALID_STATE/transfer-assigned': {
    vi: (p) => `Khoản chuyển ${String(p.transferId)} đã được ghi cho đợt vận động (${String(p.assignmentId)})`,
    en: (p) => `Transfer ${String(p.transferId)} was assigned by ${String(p.assignmentId)}`,
  },
  'DATE_BEFORE_REQUEST/transfer-not-arrived': {
    vi: (p) => `Khoản chuyển ${String(p.transferId)} được nhận vào ${when(p.receivedAt)}: chỉ ghi cho đợt vận động từ lúc đó`,
    en: (p) => `Transfer ${String(p.transferId)} was received at ${when(p.receivedAt)}: it is assigned to a campaign from then on`,
  },
  'RESTRICTION_MISMATCH/transfer-restricted': {
    vi: (p) => `Nguồn tiền ${String(p.restrictionId)} giữ nguyên mục đích hạn chế khi chuyển đến: chỉ tiền chung, hoặc tiền của một đợt vận động cho đợt có nguồn riêng, mới được ghi cho đợt vận động ${String(p.campaignId)}`,
    en: (p) => `Pool ${String(p.restrictionId)} keeps the restriction it arrived with: only general money, or a campaign's money for a campaign with a pool, is assigned to campaign ${String(p.campaignId)}`,
  },
  'INVALID_STATE/suspense-assigned': {
    vi: (p) => `Khoản ủng hộ ${String(p.donationId)} đã được phân bổ (${String(p.assignmentId)})`,
    en: (p) => `Donation ${String(p.donationId)} was assigned by ${String(p.assignmentId)}`,
  },
  'INVALID_STATE/line-classified': {
    vi: (p) => `Dòng sao kê ${String(p.rowId)} đã được xử lý (${String(p.decidedBy)})`,
    en: (p) => `Statement line ${String(p.rowId)} was decided by ${String(p.decidedBy)}`,
  },
  'INVALID_STATE/not-paid': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} ${statusVi(p.status)}, chưa chi`,
    en: (p) => `Disbursement ${String(p.disbursementId)} is ${String(p.status)}, not paid`,
  },
  'INVALID_STATE/reverse-received-transfer': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} đã được quỹ ${String(p.toFundId)} nhận: quỹ đó chuyển trả lại bằng một khoản chuyển tiền của mình`,
    en: (p) => `Transfer ${String(p.transferId)} was received by ${String(p.toFundId)}: that fund sends the money back by a transfer of its own`,
  },
  'INVALID_STATE/reverse-external-transfer': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} sang sổ khác đang trên đường chuyển: phiếu chuyển có thể đã được nhập ở đó, chỉ ${String(p.toFundId)} trả lại được`,
    en: (p) => `Transfer ${String(p.transferId)} to a ledger elsewhere is in transit: its note may be imported there, so only ${String(p.toFundId)} can send it back`,
  },
  'ALREADY_REVERSED/transfer': {
    vi: (p) => `Khoản chuyển tiền ${String(p.transferId)} đã được đảo bút toán`,
    en: (p) => `Transfer ${String(p.transferId)} was already reversed`,
  },
  'ALREADY_REVERSED/fee': {
    vi: (p) => `Phí ngân hàng ${String(p.feeId)} đã được đảo bút toán`,
    en: (p) => `Bank fee ${String(p.feeId)} was already reversed`,
  },
  'ALREADY_REVERSED/interest': {
    vi: (p) => `Tiền lãi ${String(p.interestId)} đã được đảo bút toán`,
    en: (p) => `Interest ${String(p.interestId)} was already reversed`,
  },
  'ALREADY_REVERSED/assignment': {
    vi: (p) => `Việc ghi khoản chuyển ${String(p.transferId)} cho đợt vận động (${String(p.assignmentId)}) đã được hủy bởi ${String(p.reversalId)}`,
    en: (p) => `Assignment ${String(p.assignmentId)} of transfer ${String(p.transferId)} was reversed by ${String(p.reversalId)}`,
  },
  'INVALID_STATE/not-reversible': {
    vi: (p) => `Bút toán ${String(p.entryId)} (${p.kind === 'surplus' ? 'chuyển phần còn lại của đợt vận động' : 'bán ngoại tệ'}) chưa có bút toán đảo`,
    en: (p) => `Entry ${String(p.entryId)} (${p.kind === 'surplus' ? 'a campaign\'s leftovers moved' : 'a foreign-currency sale'}) has no reversing entry`,
  },
  'ALREADY_REVERSED/release': {
    vi: (p) => `Khoản tạm ứng khẩn cấp ${String(p.releaseId)} đã được hủy`,
    en: (p) => `Emergency release ${String(p.releaseId)} was already cancelled`,
  },
  SETTLEMENT_MISMATCH: {
    vi: (p) => `Số đã chi cộng số hoàn lại phải bằng ${vnd(p.released)} đã tạm ứng`,
    en: (p) => `spent + returned must equal the ${String(p.released)} VND released`,
  },
  EVIDENCE_REQUIRED: {
    vi: () => 'Khoản tiền đã chi từ tạm ứng khẩn cấp phải có chứng từ',
    en: () => 'Money spent from an emergency release needs evidence',
  },
  PERIOD_CLOSED: {
    vi: (p) => `Kỳ ${String(p.period)} đã khóa sổ (quyết định ${String(p.decisionRef)}): không được ghi nghiệp vụ ngày ${String(p.day)}; `
      + 'hãy ghi bút toán điều chỉnh vào một kỳ còn mở',
    en: (p) => `Period ${String(p.period)} is closed (decision ${String(p.decisionRef)}): nothing may be dated ${String(p.day)}; `
      + 'date a correction in an open period',
  },
  PERIOD_NOT_ENDED: {
    vi: (p) => `Kỳ ${String(p.period)} kéo dài đến hết ${String(p.to)}: chỉ khóa sổ được từ ngày hôm sau`,
    en: (p) => `Period ${String(p.period)} runs until ${String(p.to)}: it can be closed from the day after`,
  },
  EFFECTIVE_DATE_IN_PAST: {
    vi: (p) => `effectiveFrom ${String(p.effectiveFrom)} là ngày trước hôm nay (${String(p.today)}, giờ Việt Nam): thay đổi chính sách không được hồi tố`,
    en: (p) => `effectiveFrom ${String(p.effectiveFrom)} is before today (${String(p.today)}, Vietnam time): a policy change never rewrites the past`,
  },
  EFFECTIVE_DATE_BEFORE_SCHEDULED: {
    vi: (p) => `effectiveFrom ${String(p.effectiveFrom)} trước phiên bản ${String(p.scheduledVersion)}, có hiệu lực từ ${when(p.scheduledFrom)}`,
    en: (p) => `effectiveFrom ${String(p.effectiveFrom)} is before version ${String(p.scheduledVersion)}, which takes effect ${when(p.scheduledFrom)}`,
  },
  FUTURE_DATE: {
    vi: (p) => (DATE_ONLY.test(String(p.value))
      ? `${String(p.field)} ${String(p.value)} muộn hơn ngày mai (giờ Việt Nam)`
      : `${String(p.field)} ${when(p.value)} muộn hơn 24 giờ kể từ lúc này`),
    en: (p) => (DATE_ONLY.test(String(p.value))
      ? `${String(p.field)} ${String(p.value)} is later than tomorrow (Vietnam time)`
      : `${String(p.field)} ${when(p.value)} is more than 24 hours after now`),
  },
  DATE_BEFORE_REQUEST: {
    vi: (p) => `${String(p.field)} ${when(p.value)} trước ${String(p.earlierField)} ${when(p[String(p.earlierField)])}`,
    en: (p) => `${String(p.field)} ${when(p.value)} is before ${String(p.earlierField)} ${when(p[String(p.earlierField)])}`,
  },
  EMERGENCY_OPEN_LIMIT_EXCEEDED: {
    vi: (p) => `Hợp phần ${String(p.component)} đang có ${vnd(p.open)} tạm ứng khẩn cấp chưa quyết toán; hạn mức là ${vnd(p.limit)}`,
    en: (p) => `Component ${String(p.component)} has ${String(p.open)} VND of emergency money unsettled; the limit is ${String(p.limit)} VND`,
  },
  SETTLEMENT_OVERDUE: {
    vi: (p) => `Khoản tạm ứng ${first(p.releaseIds)} phải quyết toán trước ${when(p.settleBy)}; hãy quyết toán trước khi tạm ứng thêm`,
    en: (p) => `Release ${first(p.releaseIds)} was due for settlement by ${when(p.settleBy)}; settle it before releasing more`,
  },
  PUBLISHED_BEFORE_END: {
    // With endsAt: timed on the last day, before the moment what it publishes ended.
    vi: (p) => (p.endsAt === undefined
      ? `Ngày công khai ${dayVi(p.publishedOn)} quá sớm: ${PUBLICATION_KIND_VI[String(p.kind)] ?? String(p.kind)} chỉ được công khai từ ngày ${dayVi(p.earliest)}, ${endedVi(p.kind)}`
      : `Thời điểm công khai ${when(p.publishedAt)} quá sớm: ${PUBLICATION_KIND_VI[String(p.kind)] ?? String(p.kind)} chỉ được công khai từ lúc ${when(p.endsAt)}, ${endedVi(p.kind)}`),
    en: (p) => `publishedAt ${p.endsAt === undefined ? String(p.publishedOn) : when(p.publishedAt)} is before what a ${String(p.kind)} publishes has ended: it may be dated from ${p.endsAt === undefined ? String(p.earliest) : when(p.endsAt)}`,
  },
  'ALREADY_EXISTS/beneficiary': {
    vi: (p) => `Đối tượng ${String(p.beneficiaryId)} đã có trong danh sách`,
    en: (p) => `Beneficiary ${String(p.beneficiaryId)} already exists`,
  },
  'ALREADY_EXISTS/same-beneficiary': {
    vi: (p) => `Đối tượng này đã được đăng ký với mã ${String(p.beneficiaryId)}${p.matchedBy === 'idNumber' ? ' (trùng số CCCD)' : ' (trùng họ tên, xã và địa chỉ)'}`,
    en: (p) => `This beneficiary is already registered as ${String(p.beneficiaryId)}`,
  },
  'VALIDATION_FAILED/empty-list': {
    vi: (p) => `Danh sách không có dòng nào nhận được ((body): tệp chỉ có dòng tiêu đề hoặc mọi dòng đều bị từ chối, ${String(p.rejectedCount)} dòng bị từ chối); `
      + 'không ghi nhận danh sách nào',
    en: (p) => `(body): the list has no line that could be taken (${String(p.rejectedCount)} rejected)`,
  },
  DUPLICATE_AID: {
    vi: (p) => `Trùng trợ giúp: ${String(p.beneficiaryId)} đã được hỗ trợ cùng nhu cầu "${needVi(p.need)}" trong khoản chi ${String(p.earlierDisbursementId)} `
      + `của quỹ ${String(p.earlierFundId)} (${when(p.earlierRequestedAt)}), trong vòng ${String(p.windowDays)} ngày; `
      + 'muốn vẫn hỗ trợ thì gửi lại kèm lý do để người duyệt xem xét',
    en: (p) => `${String(p.beneficiaryId)} already had aid for ${String(p.need)} in ${String(p.earlierDisbursementId)} of fund ${String(p.earlierFundId)} `
      + `(${when(p.earlierRequestedAt)}), inside the ${String(p.windowDays)}-day window`,
  },
  INSUFFICIENT_STOCK: {
    vi: (p) => `Kho hiện vật${p.pool === undefined ? '' : ` của nguồn ${poolVi(p.pool)}`} chỉ còn ${String(p.available)} ${String(p.unit)} ${String(p.item)} chưa phân bổ${p.asOf === undefined ? '' : ` vào cuối ngày ${String(p.asOf)}`}, đề nghị ${String(p.requested)}`,
    en: (p) => `In-kind stock${p.pool === undefined ? '' : ` of pool ${String(p.pool)}`} holds ${String(p.available)} ${String(p.unit)} of ${String(p.item)}${p.asOf === undefined ? '' : ` at the close of ${String(p.asOf)}`}, asked ${String(p.requested)}`,
  },
  'INSUFFICIENT_STOCK/campaign': {
    vi: (p) => `Đợt vận động ${String(p.campaignId)} chỉ còn ${String(p.available)} ${String(p.unit)} ${String(p.item)} của chính đợt${p.asOf === undefined ? '' : ` vào cuối ngày ${String(p.asOf)}`}, đề nghị chuyển ${String(p.requested)}`,
    en: (p) => `Campaign ${String(p.campaignId)} holds ${String(p.available)} ${String(p.unit)} of ${String(p.item)} of its own${p.asOf === undefined ? '' : ` at the close of ${String(p.asOf)}`}, asked ${String(p.requested)}`,
  },
  'INVALID_STATE/handed-over': {
    vi: (p) => `${String(p.beneficiaryId)} đã nhận phần hỗ trợ của khoản chi ${String(p.disbursementId)}`,
    en: (p) => `${String(p.beneficiaryId)} already received their share of ${String(p.disbursementId)}`,
  },
  'INVALID_STATE/share-closed': {
    vi: (p) => `Phần hỗ trợ của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} đã được khóa là không trao`,
    en: (p) => `The share of ${String(p.beneficiaryId)} on ${String(p.disbursementId)} was closed as not delivered`,
  },
  'INVALID_STATE/handover-corrected': {
    vi: (p) => `Lần ghi nhận trao cuối của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} đã được điều chỉnh; hãy ghi nhận lần trao mới trước khi điều chỉnh tiếp`,
    en: (p) => `The last hand-over of ${String(p.beneficiaryId)} on ${String(p.disbursementId)} was already corrected; record a new hand-over before correcting again`,
  },
  'INVALID_STATE/share-money-returned': {
    vi: (p) => `Tiền phần hỗ trợ không phát được của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} đã được nộp lại quỹ ngày ${when(p.returnedAt)}: không điều chỉnh việc khóa phần này`,
    en: (p) => `The money of ${String(p.beneficiaryId)}'s closed share on ${String(p.disbursementId)} was returned to the fund on ${when(p.returnedAt)}: the closing stands`,
  },
  'ALREADY_EXISTS/share-money-returned': {
    vi: (p) => `Tiền phần hỗ trợ của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} đã được ghi nhận nộp lại quỹ ngày ${when(p.returnedAt)}; không ghi lần nữa`,
    en: (p) => `The money of ${String(p.beneficiaryId)}'s share on ${String(p.disbursementId)} was returned on ${when(p.returnedAt)}`,
  },
  'INVALID_STATE/share-money-not-paid': {
    vi: (p) => `Khoản chi ${String(p.disbursementId)} chưa được chi trả (trạng thái ${String(p.status)}): chưa có tiền xuất quỹ thì không có tiền nộp lại`,
    en: (p) => `Disbursement ${String(p.disbursementId)} is ${String(p.status)}: only the money of a paid request went out, and only it comes back`,
  },
  'INVALID_STATE/share-no-cash': {
    vi: (p) => `Phần hỗ trợ của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} không có tiền mặt để nộp lại`,
    en: (p) => `The share of ${String(p.beneficiaryId)} on ${String(p.disbursementId)} carries no money`,
  },
  'INVALID_STATE/share-not-closed': {
    vi: (p) => `Phần hỗ trợ của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} chưa được khóa là không trao: tiền vẫn có thể được trao cho hộ`,
    en: (p) => `The share of ${String(p.beneficiaryId)} on ${String(p.disbursementId)} is not closed as not delivered: its money may still be handed over`,
  },
  'INVALID_STATE/share-not-paid': {
    vi: (p) => `Phần hỗ trợ của ${String(p.beneficiaryId)} trong khoản chi ${String(p.disbursementId)} đã được khóa trước khi chi nên không được chi trả: không có tiền để nộp lại, và việc khóa được giữ nguyên`,
    en: (p) => `The share of ${String(p.beneficiaryId)} on ${String(p.disbursementId)} was closed before the payment, which left it out: no money of it went out, and the closing stands`,
  },
  'INVALID_STATE/reverse-handed-over': {
    vi: (p) => `Không thể đảo bút toán khoản chi ${String(p.disbursementId)}: ${String(p.beneficiaryId)} đã nhận ${String(p.amount)} đồng tiền mặt`,
    en: (p) => `Payment ${String(p.disbursementId)} cannot be reversed: ${String(p.beneficiaryId)} already received ${String(p.amount)} VND of it in cash`,
  },
  'INVALID_STATE/reject-handed-over': {
    vi: (p) => `Không thể từ chối khoản chi ${String(p.disbursementId)}: ${String(p.beneficiaryId)} đã nhận phần hỗ trợ`,
    en: (p) => `Disbursement ${String(p.disbursementId)} cannot be rejected: ${String(p.beneficiaryId)} already received their share`,
  },
  SELF_PAYMENT_FORBIDDEN: {
    vi: () => 'Người đề nghị chi không được đồng thời ghi nhận việc chi trả khoản đó',
    en: () => 'Whoever requested a disbursement may not also record its payment',
  },
} satisfies Record<string, LocalizedMessage>;

export const ERROR_MESSAGES: Readonly<Record<string, LocalizedMessage>> = { ...EDGE_MESSAGES, ...RULE_MESSAGES };

/** The catalogue entry of a code and reason: `CODE/reason` first, then the code's own. */
export function messageEntry(code: string, reason?: string): LocalizedMessage | undefined {
  return (reason === undefined ? undefined : ERROR_MESSAGES[`${code}/${reason}`]) ?? ERROR_MESSAGES[code];
}

/** The message of an error in a language; undefined when the catalogue has no entry (a test forbids that). */
export function errorMessage(language: Language, code: string, reason: string | undefined, params: MessageParams): string | undefined {
  return messageEntry(code, reason)?.[language](params);
}
