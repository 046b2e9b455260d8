import type { Rejection } from '../domain/shared/decision';
import { errorMessage, type LocalizedMessage, type MessageParams } from '../i18n/error-messages';
import { fieldReasonInVietnamese } from '../i18n/field-reasons';
import type { Language } from '../i18n/language';

/**
 * What the command line says when it refuses or fails, in Vietnamese or English by the locale
 * (LC_ALL, LC_MESSAGES, LANG; src/i18n/language.ts). Help texts and progress lines stay English:
 * they are reference material, and scripts match them. Messages that quote another component
 * (Node's argument parser, a backup refused, a statement that cannot be read) keep that part as
 * it came.
 */
const s = (value: unknown) => String(value);
const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

export const CLI_MESSAGES = {
  'unknown-verb': { vi: (p) => `không có lệnh "${s(p.verb)}"`, en: (p) => `unknown verb "${s(p.verb)}"` },
  'see-help': {
    vi: (p) => `Chạy \`ledger ${s(p.verb)} --help\` để xem cách dùng.`,
    en: (p) => `Run \`ledger ${s(p.verb)} --help\` for usage.`,
  },
  'cannot-write-stdout': { vi: (p) => `không ghi được ra stdout: ${s(p.detail)}`, en: (p) => `cannot write to stdout: ${s(p.detail)}` },
  'bad-arguments': { vi: (p) => `tham số không hợp lệ: ${s(p.detail)}`, en: (p) => s(p.detail) },
  'integer-option': {
    vi: (p) => `--${s(p.name)} phải là số nguyên ≥ ${s(p.minimum)}, không phải "${s(p.raw)}"`,
    en: (p) => `--${s(p.name)} must be an integer ≥ ${s(p.minimum)}, not "${s(p.raw)}"`,
  },
  'no-event-log': {
    vi: (p) => `không có nhật ký sự kiện tại ${s(p.path)} (hãy kiểm tra LEDGER_DATA_DIR); không làm gì cả`,
    en: (p) => `there is no event log at ${s(p.path)} (check LEDGER_DATA_DIR); nothing was done`,
  },
  'foreign-data-folder': {
    vi: (p) => `${s(p.dir)} đã có tệp (${s(p.entries)}) nhưng không có nhật ký sự kiện ledger.db: LEDGER_DATA_DIR gõ nhầm? `
      + 'Hãy trỏ LEDGER_DATA_DIR tới thư mục của sổ quỹ, hoặc tới một thư mục trống hay chưa có để mở sổ quỹ mới. Không làm gì cả.',
    en: (p) => `${s(p.dir)} holds files (${s(p.entries)}) but no event log ledger.db: a mistyped LEDGER_DATA_DIR? `
      + 'Point LEDGER_DATA_DIR at the ledger\'s folder, or at an empty or new folder to start a new ledger. Nothing was done.',
  },
  'eventstoredb-not-backed-up': {
    vi: (p) => `LEDGER_STORE=eventstoredb giữ nhật ký sự kiện trong EventStoreDB, không phải trong LEDGER_DATA_DIR; \`ledger ${s(p.verb)}\` sẽ chỉ `
      + `${p.verb === 'backup' ? 'sao chép' : 'khôi phục'} các mô hình đọc cục bộ, đó không phải là một bản sao lưu. Không làm gì cả: hãy sao lưu EventStoreDB `
      + 'bằng quy trình riêng của nó (tài liệu của EventStoreDB, "Backup and restore": một ảnh chụp hệ thống tệp, hoặc các tệp chunk và index được sao chép theo thứ tự đã hướng dẫn).',
    en: (p) => `LEDGER_STORE=eventstoredb keeps the event log in EventStoreDB, not in LEDGER_DATA_DIR; \`ledger ${s(p.verb)}\` would `
      + `${p.verb === 'backup' ? 'copy' : 'restore'} only the local read models, which is not a backup. Nothing was done: back up EventStoreDB with its own procedure `
      + 'instead (its documentation, "Backup and restore": a file-system snapshot, or its chunk and index files copied in the documented order).',
  },
  'backup-damaged': {
    vi: (p) => `bản sao lưu trong ${s(p.dir)} bị hỏng: ${s(p.detail)}. Không khôi phục gì cả.`,
    en: (p) => `the backup in ${s(p.dir)} is damaged: ${s(p.detail)}. Nothing was restored.`,
  },
  'damaged-log': {
    vi: (p) => `${s(p.file)} trong ${s(p.dir)} không phải cơ sở dữ liệu SQLite: nhật ký sự kiện bị hỏng; hãy khôi phục nó từ một bản sao lưu (ledger restore) vào một thư mục trống`,
    en: (p) => `${s(p.file)} in ${s(p.dir)} is not an SQLite database: the event log is damaged; restore it from a backup (ledger restore) into an empty folder`,
  },
  'damaged-read-models': {
    vi: (p) => `${s(p.file)} trong ${s(p.dir)} không phải cơ sở dữ liệu SQLite: các mô hình đọc được dựng lại từ nhật ký, nên hãy xóa nó (cùng các tệp -wal và -shm của nó) rồi chạy lại lệnh`,
    en: (p) => `${s(p.file)} in ${s(p.dir)} is not an SQLite database: the read models are rebuilt from the log, so remove it (and its -wal and -shm files) and run the command again`,
  },
  'damaged-tree': {
    vi: (p) => `${s(p.file)} trong ${s(p.dir)} không phải cơ sở dữ liệu SQLite: cây Merkle được dựng lại từ nhật ký, nhưng các bản chốt sổ đã ký trong đó thì không; hãy khôi phục nó từ một bản sao lưu`,
    en: (p) => `${s(p.file)} in ${s(p.dir)} is not an SQLite database: the Merkle tree is rebuilt from the log, but the signed checkpoints it kept are not; restore it from a backup`,
  },
  'backup-refused': { vi: (p) => `${s(p.detail)}; không ghi gì cả`, en: (p) => `${s(p.detail)}; nothing was written` },
  'one-directory': { vi: (p) => `${s(p.verb)} cần đúng một thư mục`, en: (p) => `${s(p.verb)} takes exactly one directory` },
  'role-required': {
    vi: (p) => `cần --role: một hoặc nhiều vai trò trong ${list(p.roles)}, cách nhau bằng dấu phẩy`,
    en: (p) => `--role is required: one or more of ${list(p.roles)}, comma-separated`,
  },
  'unknown-role': {
    vi: (p) => `không có vai trò ${list(p.unknown)}; các vai trò là ${list(p.roles)}`,
    en: (p) => `unknown role ${list(p.unknown)}; roles are ${list(p.roles)}`,
  },
  'subcommand-required': {
    vi: (p) => `cần lệnh con: users ${s(p.subcommands)}`, en: (p) => `a subcommand is required: users ${s(p.subcommands)}`,
  },
  'unknown-subcommand': {
    vi: (p) => `không có lệnh con users ${s(p.subcommand)}; các lệnh con là ${list(p.known)}`,
    en: (p) => `unknown subcommand users ${s(p.subcommand)}; subcommands are ${list(p.known)}`,
  },
  'users-one-id': {
    vi: (p) => `users ${s(p.subcommand)} cần đúng một mã người dùng (xem \`ledger users list\`)`,
    en: (p) => `users ${s(p.subcommand)} takes exactly one user id (see \`ledger users list\`)`,
  },
  'not-a-user-id': {
    vi: (p) => `"${s(p.raw)}" không phải mã người dùng (xem \`ledger users list\`)`,
    en: (p) => `"${s(p.raw)}" is not a user id (see \`ledger users list\`)`,
  },
  'users-refused': {
    vi: (p) => `${s(p.code)}: ${s(p.message)}; không có gì thay đổi`, en: (p) => `${s(p.code)}: ${s(p.message)}; nothing was done`,
  },
  'role-only-for-add': {
    vi: (p) => `--role chỉ dùng với users add, không dùng với users ${s(p.subcommand)}`,
    en: (p) => `--role belongs to users add, not users ${s(p.subcommand)}`,
  },
  'users-list-no-arguments': { vi: () => 'users list không nhận đối số', en: () => 'users list takes no arguments' },
  'users-add-one-name': {
    vi: () => 'users add cần đúng một tên (đặt trong dấu nháy nếu tên có khoảng trắng)',
    en: () => 'users add takes exactly one name (quote it if it has spaces)',
  },
  'name-length': { vi: () => 'tên phải dài từ 1 đến 200 ký tự', en: () => 'the name must be 1 to 200 characters' },
  'one-report': { vi: (p) => `hãy cho đúng một tên báo cáo: ${list(p.reports)}`, en: (p) => `give exactly one report name: ${list(p.reports)}` },
  'unknown-report': {
    vi: (p) => `không có báo cáo "${s(p.report)}"; các báo cáo là ${list(p.reports)}`,
    en: (p) => `unknown report "${s(p.report)}"; reports are ${list(p.reports)}`,
  },
  'fund-required': { vi: () => 'cần --fund F', en: () => '--fund F is required' },
  'fund-option-required': { vi: () => 'cần --fund', en: () => '--fund is required' },
  'fund-slug': {
    vi: (p) => `--fund phải là mã quỹ (mã viết thường), không phải "${s(p.raw)}"`,
    en: (p) => `--fund must be a fund id (a lowercase slug), not "${s(p.raw)}"`,
  },
  'format-one-of': {
    vi: (p) => `--format phải là ${s(p.formats)}, không phải "${s(p.raw)}"`,
    en: (p) => `--format must be ${s(p.formats)}, not "${s(p.raw)}"`,
  },
  'out-needs-file': { vi: () => '--out cần một tên tệp', en: () => '--out needs a file name' },
  'period-bound': {
    vi: (p) => `--${s(p.field)} ${s(p.reason)}, không phải "${s(p.raw)}"`,
    en: (p) => `--${s(p.field)} ${s(p.reason)}, not "${s(p.raw)}"`,
  },
  'xlsx-needs-out': {
    vi: () => 'tệp XLSX là dữ liệu nhị phân: hãy dùng --out TỆP hoặc chuyển hướng stdout vào một tệp',
    en: () => 'an XLSX workbook is binary: give --out FILE or redirect stdout to a file',
  },
  'at-position-beyond-head': {
    vi: (p) => `--at-position ${s(p.atPosition)} vượt quá vị trí cuối của nhật ký (${s(p.head)})`,
    en: (p) => `--at-position ${s(p.atPosition)} is beyond the head of the log (${s(p.head)})`,
  },
  'no-fund': {
    vi: (p) => `sổ này không có quỹ "${s(p.fundId)}" (vị trí nhật ký ${s(p.position)})`,
    en: (p) => `no fund "${s(p.fundId)}" in this ledger (log position ${s(p.position)})`,
  },
  'slug-option': {
    vi: (p) => `--${s(p.name)} phải là mã viết thường, không phải "${s(p.raw)}"`,
    en: (p) => `--${s(p.name)} must be a lowercase slug, not "${s(p.raw)}"`,
  },
  'profile-one-of': {
    vi: (p) => `--profile phải là auto hoặc một trong ${list(p.profiles)}, không phải "${s(p.raw)}"`,
    en: (p) => `--profile must be auto or one of ${list(p.profiles)}, not "${s(p.raw)}"`,
  },
  'bank-account': { vi: () => '--bank-account phải là một số tài khoản', en: () => '--bank-account must be an account number' },
  'import-one-file': { vi: () => 'import cần đúng một tệp', en: () => 'import takes exactly one file' },
  'batch-size-max': { vi: () => '--batch-size tối đa là 10000', en: () => '--batch-size must be at most 10000' },
  'not-a-file': { vi: (p) => `${s(p.path)} không phải là tệp`, en: (p) => `${s(p.path)} is not a file` },
  'statement-unreadable': { vi: (p) => `không đọc được sao kê: ${s(p.detail)}`, en: (p) => `cannot read the statement: ${s(p.detail)}` },
  'statement-unknown-layout': {
    vi: (p) => `không đọc được sao kê: ${s(errorMessage('vi', 'UNKNOWN_LAYOUT', undefined, p))}\nTiêu đề cột sổ nhận (không phân biệt chữ hoa, có dấu hay không dấu):\n${s(p.accepted)}`,
    en: (p) => `cannot read the statement: ${s(errorMessage('en', 'UNKNOWN_LAYOUT', undefined, p))}\nColumn headings the ledger accepts (any case, with or without diacritics):\n${s(p.accepted)}`,
  },
  'statement-foreign-currency': {
    vi: (p) => `sao kê là của tài khoản ${s(p.currency)} (dòng ${s(p.line)}): sổ chỉ nhập sao kê bằng VND; hãy ghi từng khoản bằng ${s(p.currency)} kèm tỷ giá (fxRate) qua POST /v1/funds/:fundId/donations, hoặc nhập sao kê của tài khoản VND nhận tiền bán ngoại tệ. Chưa ghi sổ dòng nào`,
    en: (p) => `the statement is of a ${s(p.currency)} account (line ${s(p.line)}): the ledger imports VND statements only; record each transfer as a donation in ${s(p.currency)} with its fxRate (POST /v1/funds/:fundId/donations), or import the statement of the VND account that received the proceeds. Nothing was booked`,
  },
  'command-rejected': {
    vi: (p) => `${s(p.code)}: ${rejectionMessage('vi', p.rejection as Rejection)}`,
    en: (p) => `${s(p.code)}: ${rejectionMessage('en', p.rejection as Rejection)}`,
  },
  'at-position-once': {
    vi: () => 'chỉ cho --at-position một lần (--to-position là tên cũ của nó)',
    en: () => 'give --at-position once (--to-position is its older name)',
  },
  'as-of-format': {
    vi: (p) => `--as-of phải là ngày nghiệp vụ YYYY-MM-DD (cuối ngày đó, giờ Việt Nam) hoặc thời điểm ISO 8601 có múi giờ, không phải "${s(p.raw)}"`,
    en: (p) => `--as-of must be a business date, YYYY-MM-DD (the end of that day, Vietnam time) or an ISO 8601 timestamp with an offset, not "${s(p.raw)}"`,
  },
  'recorded-before-format': {
    vi: (p) => `--recorded-before phải là thời điểm ISO 8601 có múi giờ, ví dụ 2024-12-31T23:59:59+07:00, không phải "${s(p.raw)}"`,
    en: (p) => `--recorded-before must be an ISO 8601 timestamp with an offset, e.g. 2024-12-31T23:59:59+07:00, not "${s(p.raw)}"`,
  },
  'one-position': { vi: () => 'prove cần đúng một vị trí trong sổ', en: () => 'prove takes exactly one log position' },
  'proof-files-required': { vi: () => 'verify-proof cần ít nhất một tệp bằng chứng', en: () => 'verify-proof takes one proof file or more' },
  'proof-file-unreadable': { vi: (p) => `không đọc được tệp bằng chứng: ${s(p.detail)}`, en: (p) => `cannot read the proof file: ${s(p.detail)}` },
  'public-key-required': {
    vi: () => 'cần --key: khóa công khai Ed25519 của sổ quỹ (base64, lấy ở /v1/public/keys); thư mục dữ liệu không có khóa để dùng thay',
    en: () => '--key is required: the ledger\'s Ed25519 public key (base64, from /v1/public/keys); the data directory holds no key to use instead',
  },
  'public-key-format': {
    vi: (p) => `--key phải là khóa công khai Ed25519 32 byte viết base64, không phải "${s(p.raw)}"`,
    en: (p) => `--key must be a 32-byte Ed25519 public key in base64, not "${s(p.raw)}"`,
  },
  'no-checkpoint-of-size': {
    vi: (p) => `chưa có bản chốt sổ đã ký nào cỡ ${s(p.treeSize)}; chạy \`ledger checkpoint\` hoặc chọn cỡ của một bản chốt đã ký`,
    en: (p) => `no signed checkpoint has tree size ${s(p.treeSize)}; run \`ledger checkpoint\` or give the size of a signed one`,
  },
  'position-not-signed': {
    vi: (p) => `vị trí ${s(p.position)} không phải một giao dịch trong sổ đã ký (${s(p.treeSize)} giao dịch); chạy \`ledger checkpoint\` trước`,
    en: (p) => `position ${s(p.position)} is not an event of the signed tree (${s(p.treeSize)} events); run \`ledger checkpoint\` first`,
  },
} satisfies Record<string, LocalizedMessage>;

export type CliMessageKey = keyof typeof CLI_MESSAGES;

/** A domain rejection in a language: the API's catalogue, the decider's own English text if it has no entry. */
function rejectionMessage(language: Language, rejection: Rejection): string {
  const field = rejection.details?.field;
  if (rejection.code === 'VALIDATION_FAILED' && typeof field === 'string' && rejection.message.startsWith(`${field}: `)) {
    return language === 'en' ? rejection.message : `${field}: ${fieldReasonInVietnamese(rejection.message.slice(field.length + 2))}`;
  }
  return errorMessage(language, rejection.code, rejection.reason, { ...rejection.details, ...rejection.params }) ?? rejection.message;
}

export function cliMessage(language: Language, key: CliMessageKey, params: MessageParams = {}): string {
  return CLI_MESSAGES[key][language](params);
}
