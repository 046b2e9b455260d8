import type { Language } from './language';

/**
 * The reasons a field is refused, in Vietnamese. Reasons come from class-validator's constraints
 * (isString, maxLength, isIn, …), through the checks compiled from them, and from the domain's
 * own checks; each has a fixed English predicate, sometimes after the field's name
 * ("amount must be a string"). The name is kept as it is (it is what the client sent) and the
 * predicate translated; a reason no pattern knows stays in English rather than being guessed at.
 */
type Translation = (...groups: string[]) => string;

/** A YYYY-MM-DD day as Vietnamese writes it, DD/MM/YYYY; other text as it is. */
const dayMonthYear = (day: string): string => day.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');

/** A whole VND amount with Vietnamese thousands dots: 100000000 → 100.000.000. */
const groupedVnd = (amount: string): string => amount.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const PREDICATES: [RegExp, Translation][] = [
  // class-validator's constraint messages, by constraint name.
  [/must be a string/, () => 'phải là chuỗi ký tự'],
  [/should not be empty/, () => 'không được để trống'],
  [/must be one of the following values: (.+)/, (values) => `phải là một trong các giá trị: ${values}`],
  [/must be shorter than or equal to (\d+) characters/, (n) => `chỉ được dài tối đa ${n} ký tự`],
  [/must be longer than or equal to (\d+) characters/, (n) => `phải dài ít nhất ${n} ký tự`],
  [/must be an array/, () => 'phải là một danh sách'],
  [/must be a boolean value/, () => 'phải là true hoặc false'],
  [/must be an integer number/, () => 'phải là số nguyên'],
  [/must be a number conforming to the specified constraints/, () => 'phải là một số'],
  [/must not be greater than (\S+)/, (n) => `không được lớn hơn ${n}`],
  [/must not be less than (\S+)/, (n) => `không được nhỏ hơn ${n}`],
  [/must contain at least (\d+) elements/, (n) => `phải có ít nhất ${n} phần tử`],
  [/must contain no more than (\d+) elements/, (n) => `chỉ được có tối đa ${n} phần tử`],
  [/must be an object/, () => 'phải là một đối tượng JSON'],
  [/must match (.+) regular expression/, (pattern) => `phải khớp mẫu ${pattern}`],
  [/nested property (\S+) must be either object or array/, (name) => `thuộc tính lồng ${name} phải là đối tượng hoặc danh sách`],
  [/an unknown value was passed to the validate function/, () => 'giá trị không nhận dạng được'],
  // The ledger's own decorators and checks.
  [/must be a decimal string such as "(\d+)" \(no exponent, sign or spaces\)/,
    (example) => `phải là số thập phân viết dạng chuỗi, ví dụ "${example}" (không số mũ, không dấu, không khoảng trắng)`],
  [/must be a decimal string such as "(\d+)" or "([\d.]+)"/, (a, b) => `phải là số thập phân viết dạng chuỗi, ví dụ "${a}" hoặc "${b}"`],
  [/must be an ISO 8601 timestamp with an offset, e\.g\. (\S+)/, (example) => `phải là thời điểm ISO 8601 có múi giờ, ví dụ ${example}`],
  [/must be an ISO 8601 timestamp with an offset/, () => 'phải là thời điểm ISO 8601 có múi giờ'],
  [/must be an ISO 8601 timestamp/, () => 'phải là thời điểm ISO 8601'],
  [/must be a business date: YYYY-MM-DD \(the end of that day, Vietnam time\) or an ISO 8601 timestamp with an offset/,
    () => 'phải là ngày nghiệp vụ YYYY-MM-DD (cuối ngày đó, giờ Việt Nam) hoặc thời điểm ISO 8601 có múi giờ'],
  [/must be a date \(YYYY-MM-DD, Vietnam time\) or an ISO 8601 timestamp with an offset/,
    () => 'phải là ngày YYYY-MM-DD (giờ Việt Nam) hoặc thời điểm ISO 8601 có múi giờ'],
  [/must be a date YYYY-MM-DD \(Vietnam time\)/, () => 'phải là ngày dạng YYYY-MM-DD (giờ Việt Nam)'],
  [/must be a date YYYY-MM-DD/, () => 'phải là ngày dạng YYYY-MM-DD'],
  [/must not be blank/, () => 'không được để trống'],
  [/is published: a name without phone, ID card or account numbers \(9 digits or more\)/,
    () => 'được công khai: chỉ ghi tên, không ghi số điện thoại, số giấy tờ hay số tài khoản (từ 9 chữ số trở lên)'],
  [/must be a non-blank string/, () => 'phải là chuỗi ký tự không để trống'],
  [/must be a string or null/, () => 'phải là chuỗi ký tự hoặc null'],
  [/must be another fund than the sender/, () => 'phải là một quỹ khác quỹ chuyển'],
  [/must not be larger than (\S+)/, (other) => `không được lớn hơn ${other}`],
  [/must name exactly one of (\S+) and (\S+)/, (a, b) => `phải nêu đúng một trong hai: ${a} hoặc ${b}`],
  [/must name the component whose campaign money is moved/, () => 'phải nêu quỹ thành phần lấy tiền của đợt vận động (tiền của đợt không nằm trong một quỹ thành phần duy nhất)'],
  [/must be an account number \(letters, digits, dots, dashes; at most (\d+)\)/,
    (n) => `phải là số tài khoản (chữ, chữ số, dấu chấm, gạch ngang; tối đa ${n} ký tự)`],
  [/must be an account number \(letters, digits, spaces, dots, dashes; at most (\d+)\)/,
    (n) => `phải là số tài khoản (chữ, chữ số, khoảng trắng, dấu chấm, gạch ngang; tối đa ${n} ký tự)`],
  [/at most (\d+) days after (\S+)/, (n, other) => `tối đa ${n} ngày sau ${other}`],
  [/must be within (\d+) fiscal years of (\S+)/, (n, other) => `phải trong phạm vi ${n} năm tài chính kể từ ${other}`],
  [/the list file is required/, () => 'cần gửi kèm tệp danh sách'],
  [/the list file is empty/, () => 'tệp danh sách rỗng'],
  [/the list's title names (.+); it is imported for (.+)/, (named, commune) => `tiêu đề danh sách ghi ${named}; danh sách được nhập cho ${commune}`],
  [/^the same household as line (\d+); listed once$/, (first) => `cùng một hộ với dòng ${first}; chỉ ghi vào danh sách một lần, hãy hỏi lại xã nếu dòng này có ý khác`],
  [/^the same household as line (\d+) \(named "(.*)" there, "(.*)" here\); listed once$/s,
    (first, there, here) => `cùng một hộ với dòng ${first} (cùng số giấy tờ nhưng dòng đó ghi tên "${there}", dòng này "${here}"); chỉ ghi vào danh sách một lần, hãy hỏi lại xã xem đây là ai`],
  [/is required/, () => 'là bắt buộc'],
  [/is required: a list such as (\S+)/, (example) => `là bắt buộc: một danh sách như ${example}`],
  [/unknown field/, () => 'trường không có trong mẫu yêu cầu'],
  [/forbidden key/, () => 'tên khóa bị cấm'],
  [/must be a JSON object/, () => 'phải là một đối tượng JSON'],
  [/is not valid UTF-8/, () => 'không phải văn bản UTF-8 hợp lệ'],
  [/is not valid JSON/, () => 'không phải JSON hợp lệ'],
  [/is nested deeper than (\d+) levels/, (n) => `lồng sâu quá ${n} cấp`],
  [/contains a number out of range/, () => 'chứa một số vượt quá giới hạn'],
  [/is given more than once in the same object/, () => 'xuất hiện hơn một lần trong cùng một đối tượng'],
  [/must be a lowercase slug: letters a-z, digits and "-", at most (\d+) characters/,
    (n) => `phải là mã viết thường: chữ a-z, chữ số và "-", tối đa ${n} ký tự`],
  [/must be a lowercase slug/, () => 'phải là mã viết thường (chữ a-z, chữ số và "-")'],
  [/must be a component slug/, () => 'phải là mã hợp phần viết thường'],
  [/must be a campaign slug/, () => 'phải là mã đợt vận động viết thường'],
  [/is not an id of this ledger/, () => 'không phải mã của sổ quỹ này'],
  [/is not a user id/, () => 'không phải mã người dùng'],
  [/must be a positive integer/, () => 'phải là số nguyên dương'],
  [/must be a non-negative integer position/, () => 'phải là một vị trí trong nhật ký (số nguyên không âm)'],
  [/must not be beyond the head of the log \((\d+)\)/, (head) => `không được vượt quá vị trí cuối của nhật ký (${head})`],
  [/must be an integer from (\d+) to (\d+)/, (from, to) => `phải là số nguyên từ ${from} đến ${to}`],
  [/must be a non-empty text of at most (\d+) characters/, (n) => `phải là văn bản không rỗng, tối đa ${n} ký tự`],
  [/is not a cursor this (?:list|search) gave out/, () => 'không phải con trỏ trang do chính danh sách này cấp'],
  [/must not be before (\S+)/, (other) => `không được trước ${other}`],
  [/must be a fiscal year such as (\d+)/, (year) => `phải là năm tài chính, ví dụ ${year}`],
  [/must be a fiscal year no later than (\d+)/, (year) => `phải là năm tài chính không muộn hơn ${year}`],
  [/must be a fiscal year no earlier than (\d+)/, (year) => `phải là năm tài chính không sớm hơn ${year}`],
  [/must be a year \((\d+)\) or a quarter \((\S+)\)/, (year, quarter) => `phải là một năm (${year}) hoặc một quý (${quarter})`],
  [/must contain a letter or digit/, () => 'phải có ít nhất một chữ cái hoặc chữ số'],
  [/must be 9 \(CMND\) or 12 \(CCCD\) digits/, () => 'phải gồm 9 (CMND) hoặc 12 (CCCD) chữ số'],
  // A beneficiary's category (a commune list's "Loại hộ"), named as the staff app names them.
  [/is not one of poor, near_poor, policy, disaster_affected, other/, () => 'không phải là một trong: Hộ nghèo, Hộ cận nghèo, Gia đình chính sách, Bị ảnh hưởng thiên tai, Khác'],
  [/is not one of (.+)/, (values) => `không phải là một trong: ${values}`],
  [/must be one of (.+)/, (values) => `phải là một trong: ${values}`],
  [/must be given once/, () => 'chỉ được cho một lần'],
  [/must be (\d+)–(\d+) printable ASCII characters/, (min, max) => `phải gồm ${min}–${max} ký tự ASCII in được`],
  [/must be at least (\d+) characters/, (n) => `phải dài ít nhất ${n} ký tự`],
  [/must be at least (\d+)/, (n) => `phải ít nhất là ${n}`],
  [/must be at most (\d+) characters/, (n) => `chỉ được dài tối đa ${n} ký tự`],
  [/is required to change your own password/, () => 'là bắt buộc khi tự đổi mật khẩu của mình'],
  [/is not your current password/, () => 'không phải mật khẩu hiện tại của bạn'],
  [/the statement file is required/, () => 'cần gửi kèm tệp sao kê'],
  [/the statement file is empty/, () => 'tệp sao kê rỗng'],
  [/must be a whole VND amount as a decimal string, e\.g\. "(\d+)"/, (example) => `phải là số tiền VND nguyên viết dạng chuỗi, ví dụ "${example}"`],
  [/must be a whole VND amount, "0" allowed/, () => 'phải là số tiền VND nguyên, được phép "0"'],
  [/must be a whole VND amount/, () => 'phải là số tiền VND nguyên'],
  [/must be greater than 0/, () => 'phải lớn hơn 0'],
  [/exceeds 10\^15 VND/, () => 'vượt quá 10^15 đồng'],
  [/has no minor unit: whole amounts only/, () => 'không có đơn vị lẻ: chỉ nhận số nguyên'],
  [/allows at most (\d+) decimals/, (n) => `chỉ cho phép tối đa ${n} chữ số thập phân`],
  [/currency (\S+) is not supported/, (currency) => `không hỗ trợ loại tiền ${currency}`],
  [/is less than one dong at this rate/, () => 'nhỏ hơn một đồng theo tỷ giá này'],
  [/required for in_kind donations/, () => 'bắt buộc với khoản tiếp nhận bằng hiện vật (in_kind)'],
  [/only for in_kind donations/, () => 'chỉ dùng cho khoản tiếp nhận bằng hiện vật (in_kind)'],
  [/only for foreign currencies/, () => 'chỉ dùng cho ngoại tệ'],
  [/a positive decimal string is required for a foreign currency/, () => 'là bắt buộc với ngoại tệ: một số thập phân dương viết dạng chuỗi'],
  [/names no change: give the fields that change or a legalBasis/, () => 'không nêu thay đổi nào: hãy gửi các trường thay đổi hoặc legalBasis'],
  // A fund policy's problems (INVALID_POLICY), worded the same way.
  [/may not govern a policy in effect from (\S+): Decree 93\/2019 was replaced by Decree 03\/2026 on (\S+)/,
    (from, on) => `không được áp dụng cho chính sách có hiệu lực từ ngày ${dayMonthYear(from)}: Nghị định 93/2019 đã được thay thế bởi Nghị định 03/2026 từ ngày ${dayMonthYear(on)}`],
  [/must have at least one tier/, () => 'phải có ít nhất một bậc'],
  [/approval tier "above" (\d+) needs (\d+) approvers, fewer than the (\d+) of the tier above (\d+): a larger amount may not need fewer approvers/,
    (above, approvers, lower, lowerAbove) => `mức duyệt trên ${groupedVnd(above)} đồng cần ${approvers} người duyệt, ít hơn ${lower} người của mức trên ${groupedVnd(lowerAbove)} đồng: số tiền lớn hơn không được cần ít người duyệt hơn`],
  [/approval tiers name "above" (\d+) twice: each threshold has one number of approvers/,
    (above) => `các mức duyệt nêu hai lần mức trên ${groupedVnd(above)} đồng: mỗi mức chỉ có một số người duyệt`],
  [/is not a VND amount/, () => 'không phải số tiền VND'],
  [/must be a whole number from (\d+) to (\d+)/, (from, to) => `phải là số nguyên từ ${from} đến ${to}`],
  [/must be a positive VND amount/, () => 'phải là số tiền VND dương'],
  [/must be (\d+) to (\d+)/, (from, to) => `phải từ ${from} đến ${to}`],
  [/must be a positive decimal string/, () => 'phải là số thập phân dương viết dạng chuỗi'],
  [/may not exceed (\S+) \(Decree 93\/2019 Art\. 37\)/, (limit) => `không được vượt quá ${limit} (Nghị định 93/2019, Điều 37)`],
  [/may not exceed (\S+)/, (limit) => `không được vượt quá ${limit}`],
  [/must be true or false/, () => 'phải là true hoặc false'],
  // Publications (R26), transfers, distributions and the other checks of the deciders.
  [/must be a fund slug/, () => 'phải là mã quỹ viết thường'],
  [/must be a date YYYY-MM-DD \(Vietnam time\) or an ISO 8601 timestamp with offset/, () => 'phải là ngày YYYY-MM-DD (giờ Việt Nam) hoặc thời điểm ISO 8601 có múi giờ'],
  [/must be a date YYYY-MM-DD or an ISO 8601 timestamp with offset, on a day the calendar has/,
    () => 'phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ, vào một ngày có trên lịch'],
  [/must be a date YYYY-MM-DD or an ISO 8601 timestamp with offset/, () => 'phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ'],
  [/must be the SHA-256 of the published file: (\d+) lowercase hex digits/, (n) => `phải là mã SHA-256 của tệp đã công khai: ${n} chữ số hex viết thường`],
  [/must be (\d+) lowercase hex digits, as \/v1\/public\/keys names the key/, (n) => `phải gồm ${n} chữ số hex viết thường, như /v1/public/keys ghi mã khóa`],
  [/must be (\d+) lowercase hex digits/, (n) => `phải gồm ${n} chữ số hex viết thường`],
  [/must be the base64 of a 64-byte Ed25519 signature/, () => 'phải là chữ ký Ed25519 64 byte viết dạng base64'],
  [/is required when the channel is (\S+)/, (channel) => `là bắt buộc khi kênh công khai là ${channel}`],
  [/must be an http or https address/, () => 'phải là địa chỉ http hoặc https'],
  [/must be absent for (\S+): the campaign names what is published/, (kind) => `không được nêu với ${kind}: đợt vận động đã nói rõ nội dung công khai`],
  [/must be absent for (\S+), which publishes a period/, (kind) => `không được nêu với ${kind}, loại công khai theo kỳ`],
  [/is required for (\S+)/, (kind) => `là bắt buộc với ${kind}`],
  [/settlement names either a campaign or a year \(period\), not both/, () => 'công khai quyết toán nêu một đợt vận động hoặc một năm (period), không nêu cả hai'],
  [/must be a fiscal year such as (\d+) for (\S+)/, (year, kind) => `phải là năm tài chính, ví dụ ${year}, với ${kind}`],
  [/must be a quarter such as (\S+) for quarterly-disclosure/, (quarter) => `phải là một quý, ví dụ ${quarter}, với công khai hằng quý`],
  [/must be a fiscal year \((\d+)\) or a quarter \((\S+)\)/, (year, quarter) => `phải là một năm tài chính (${year}) hoặc một quý (${quarter})`],
  [/must be no later than (\S+), the end of next year \(Vietnam time\)/, (day) => `không được muộn hơn ${dayMonthYear(day)}, ngày cuối của năm sau (giờ Việt Nam)`],
  [/must be non-blank text of at most (\d+) characters/, (n) => `phải là văn bản không để trống, tối đa ${n} ký tự`],
  [/must be 1 to 64 letters, digits, dots, dashes or underscores/, () => 'phải gồm 1 đến 64 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới'],
  [/is on the list twice/, () => 'có hai lần trong danh sách'],
  [/is required: the commune People's Committee certification of the list \(R11\)/, () => 'là bắt buộc: số văn bản UBND xã xác nhận danh sách (R11)'],
  [/must give either an amount or items/, () => 'phải nêu số tiền hoặc hàng hiện vật, một trong hai, không cả hai'],
  [/(\S+) is (\d+) VND and lines of (\d+) VND are linked to it: a line of (\d+) VND would make (\d+) VND/,
    (entryId, amount, linked, line, after) => `${entryId} là ${groupedVnd(amount)} đồng và đã gắn các dòng sao kê ${groupedVnd(linked)} đồng: thêm dòng ${groupedVnd(line)} đồng sẽ thành ${groupedVnd(after)} đồng`],
  [/is only for a request with a distribution/, () => 'chỉ dùng cho đề nghị chi có danh sách phân phối'],
  [/is required with a distribution/, () => 'là bắt buộc khi đề nghị chi có danh sách phân phối'],
  [/must name at least one beneficiary/, () => 'phải nêu ít nhất một đối tượng'],
  [/must have at most (\d+) lines/, (n) => `chỉ được có tối đa ${n} dòng`],
  [/its amounts add up to (\d+) VND, more than the (\d+) VND requested/, (sum, requested) => `các khoản cộng lại ${sum} đồng, nhiều hơn ${requested} đồng đề nghị chi`],
  [/closes only an absent or refused share/, () => 'chỉ khóa phần của hộ vắng mặt hoặc từ chối nhận'],
  [/must be another campaign/, () => 'phải là một đợt vận động khác'],
  [/is not a restricted pool of this ledger/, () => 'không phải nguồn tiền hạn chế mục đích của sổ quỹ này'],
  [/is not a session id/, () => 'không phải mã phiên làm việc'],
  [/must be a whole VND amount such as "(\d+)"/, (example) => `phải là số tiền VND nguyên, ví dụ "${example}"`],
  [/is required \(at most (\d+) characters\)/, (n) => `là bắt buộc (tối đa ${n} ký tự)`],
  [/must be (\S+) or (\S+)/, (a, b) => `phải là ${a} hoặc ${b}`],
];

const COMPILED = PREDICATES.map(([predicate, translate]) => [new RegExp(`^(?:(.*?) )?${predicate.source}$`), translate] as const);

/** The Vietnamese of one field reason; the English reason itself when no pattern knows it. */
export function fieldReasonInVietnamese(reason: string): string {
  // class-validator's `each: true` checks: "each value in evidence must be …".
  const each = /^each value in (\S+) (.+)$/.exec(reason);
  if (each) return `mỗi giá trị trong ${each[1]} ${fieldReasonInVietnamese(each[2])}`;
  for (const [pattern, translate] of COMPILED) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const [, subject, ...groups] = match;
    const predicate = translate(...groups);
    return subject === undefined || subject === '' ? predicate : `${subject} ${predicate}`;
  }
  return reason;
}

/** A commune list's fields as its columns are headed in Vietnamese, for the person who reads the answer. */
const LIST_FIELDS_VI: Readonly<Record<string, string>> = {
  name: 'Họ và tên', idNumber: 'Số CMND/CCCD', category: 'Loại hộ', kind: 'Loại đối tượng', commune: 'Xã, phường',
};

/**
 * A rejected line's reason (`field: reason`, as a commune list's lines record it) in a language:
 * in Vietnamese the field named as the list's column is headed and the reason translated; English
 * as recorded.
 */
export function lineReasonIn(language: Language, message: string): string {
  if (language === 'en') return message;
  const colon = message.indexOf(': ');
  if (colon < 0) return fieldReasonInVietnamese(message);
  const field = message.slice(0, colon);
  return `${LIST_FIELDS_VI[field] ?? field}: ${fieldReasonInVietnamese(message.slice(colon + 2))}`;
}

/** Why an uploaded file (a statement, a commune's list) cannot be read, in Vietnamese. */
const FILE_PROBLEMS: [RegExp, Translation][] = [
  [/^The file is empty$/, () => 'Tệp rỗng'],
  [/^This is an old Excel \.xls file: save it as \.xlsx or as CSV \(UTF-8\)$/, () => 'Đây là tệp Excel .xls cũ: hãy lưu lại thành .xlsx hoặc CSV (UTF-8)'],
  [/^The file is UTF-16 text: save it as CSV UTF-8$/, () => 'Tệp là văn bản UTF-16: hãy lưu lại thành CSV UTF-8'],
  [/^The file is not UTF-8 text: save it as CSV UTF-8 \(or XLSX\)$/, () => 'Tệp không phải văn bản UTF-8: hãy lưu lại thành CSV UTF-8 (hoặc XLSX)'],
  [/^Line (\d+): the CSV cannot be read further \((.*)\)$/s, (line, cause) => `Dòng ${line}: không đọc tiếp được tệp CSV (${cause})`],
  [/^The XLSX file cannot be read: (.*)$/s, (cause) => `Không đọc được tệp XLSX: ${cause}`],
  [/^The statement has no header row \(a date column and a credit column\)$/, () => 'Sao kê không có dòng tiêu đề (một cột ngày và một cột ghi có)'],
  [/^No heading row: the list needs a column (.*)$/s, (columns) => `Không có dòng tiêu đề: danh sách cần một cột ${columns.replace(' (or ', ' (hoặc ')}`],
];

/** The Vietnamese of a file problem; the English itself when none is known. */
export function fileProblemInVietnamese(problem: string): string {
  for (const [pattern, translate] of FILE_PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) return translate(...match.slice(1));
  }
  return problem;
}
