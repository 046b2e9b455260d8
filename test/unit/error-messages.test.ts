import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { DONATION_REJECTIONS } from '../../src/domain/donation/donation.rejections';
import { FUND_REJECTIONS } from '../../src/domain/fund/fund.rejections';
import { SPENDING_REJECTIONS } from '../../src/domain/spending/spending.rejections';
import { RejectionCode } from '../../src/domain/shared/rejection-codes';
import { toErrorResponse } from '../../src/http/error-mapping';
import * as errors from '../../src/http/errors';
import { ERROR_MESSAGES, errorMessage, messageEntry, type LocalizedMessage } from '../../src/i18n/error-messages';
import { fieldReasonInVietnamese } from '../../src/i18n/field-reasons';
import { NEED_LABELS } from '../../src/i18n/need-labels';
import { NEED_CATEGORIES } from '../../src/domain/spending/spending.events';
import { languageOfLocale } from '../../src/config/locale';
import { languageOfAcceptLanguage } from '../../src/i18n/language';

const root = join(__dirname, '..', '..');

/** Values for every parameter any message names: a message must render whole with them. */
const SAMPLE_PARAMS = {
  entity: 'fund', id: 'quy-a', fields: [{ field: 'amount', reason: 'must be a string' }], detail: 'Unexpected token', userId: 'u-1',
  fundId: 'quy-a', campaignId: 'lu-2025', component: 'general', known: ['general'], problem: 'approvals must have at least one tier',
  maxDays: 90, receiveFrom: '2025-01-01T00:00:00+07:00', receivingEnded: '2025-03-01T00:00:00+07:00', restrictionId: 'r-1', beneficiary: 'Trường A',
  pool: 'general', available: '10', requested: '20', cap: '50000000', status: 'requested', disbursementId: 'd-1', approvalsRequired: 2,
  approvalsCount: 1, period: '2024', closedAs: '2024', decisionRef: 'QĐ-1', closedAt: '2025-01-01T00:00:00Z', releaseId: 'e-1',
  fiscalYear: 2025, usedAfter: '30', base: '100', capPercent: '10', carriedForward: '0', donationId: 'dn-1', reversalId: 'rv-1',
  released: '100', day: '2024-06-01', to: '2024-12-31', today: '2025-01-02', effectiveFrom: '2024-12-01', scheduledVersion: 2,
  scheduledFrom: '2025-02-01', field: 'paidAt', value: '2025-01-01T00:00:00Z', earlierField: 'requestedAt', requestedAt: '2024-12-01T00:00:00Z',
  open: '1', limit: '2', releaseIds: ['e-1'], settleBy: '2025-01-31', retryAfterSeconds: 30, required: ['admin'], held: ['auditor'],
  origin: 'https://la.example', expectedOrigin: 'https://ledger.example', xlsxContentType: 'application/vnd.ms-excel', limitBytes: 1000,
  projection: 'balances', minPosition: 7, streamId: 'fund-quy-a', attempts: 5, contentType: 'text/csv',
  publishedOn: '2024-11-01', earliest: '2024-11-07', kind: 'campaign-receipts', entryId: 'SR-000001',
  transferId: 'TR-quy-a-000001', releaseRequestId: 'RR-000001', settlementId: 'FX-000001',
  beneficiaryId: 'BF-000001', returnedAt: '2025-01-03T15:00:00+07:00', matchedBy: 'idNumber', need: 'tet-gift', earlierFundId: 'quy-a', earlierDisbursementId: 'DB-000003',
  earlierRequestedAt: '2026-01-20T09:00:00+07:00', windowDays: 30, item: 'Gạo tẻ', unit: 'kg', rejectedCount: 3,
  headingsSeen: ['STT', 'Ngày chứng từ'], line: 12, expected: '1000200000', printed: '1000700000',
  signedTreeSize: 4096, maxAppendBytes: 1048576, asOf: '2024-09-07', requestYear: 2024, used: '40',
  keyId: 'a1b2c3d4', chapter: 'Hội Chữ thập đỏ xã An Phú', toFundId: 'quy-b', importedAt: '2026-01-20T09:00:00+07:00', importedBy: 'u-2',
  fromLedger: 'quy.example.vn/ledger', receivedAt: '2026-01-21T08:00:00+07:00',
  actual: '100020000', recordedAt: '2026-01-22T09:00:00+07:00', recordedBy: 'u-3',
  assignmentId: 'SA-000001', rowId: 'ab12', decidedBy: 'CL-000001', feeId: 'BF-000001', interestId: 'IN-000001',
  atPosition: 3, amount: '500000', distributionEnded: '2025-04-10T23:59:59+07:00', currency: 'USD',
};

function expectWholeInBothLanguages(key: string, entry: LocalizedMessage | undefined): void {
  expect({ key, vi: typeof entry?.vi, en: typeof entry?.en }).toEqual({ key, vi: 'function', en: 'function' });
  const vi = (entry as LocalizedMessage).vi(SAMPLE_PARAMS);
  const en = (entry as LocalizedMessage).en(SAMPLE_PARAMS);
  for (const text of [vi, en]) {
    expect({ key, text }).toEqual({ key, text: expect.stringMatching(/\S/) });
    expect({ key, text }).not.toEqual({ key, text: expect.stringMatching(/undefined|\[object Object\]/) });
  }
}

/** The catalogue keys a code has: its own entry and its `CODE/reason` entries. */
const keysOf = (code: string) => Object.keys(ERROR_MESSAGES).filter((key) => key === code || key.startsWith(`${code}/`));

describe('the message catalogue covers every code of every rejections file, in Vietnamese and English', () => {
  const codes = [...new Set<string>([...DONATION_REJECTIONS, ...FUND_REJECTIONS, ...SPENDING_REJECTIONS, ...Object.values(RejectionCode)])];

  it.each(codes)('%s has a Vietnamese and an English message', (code) => {
    expect(keysOf(code).length).toBeGreaterThan(0);
    for (const key of keysOf(code)) expectWholeInBothLanguages(key, ERROR_MESSAGES[key]);
  });

  it('every entry of the catalogue renders in both languages, and the two differ', () => {
    for (const [key, entry] of Object.entries(ERROR_MESSAGES)) {
      expectWholeInBothLanguages(key, entry);
      if (!/framework|route|BAD_REQUEST|UNAVAILABLE/.test(key)) expect({ key, same: entry.vi(SAMPLE_PARAMS) === entry.en(SAMPLE_PARAMS) }).toEqual({ key, same: false });
    }
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `reject(RejectionCode.X, message, details, { reason: 'y' })` of the domain, as [X, y]. */
function domainReasons(): [string, string, string][] {
  const found: [string, string, string][] = [];
  for (const path of sourceFiles(join(root, 'src/domain'))) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['reject', 'mismatch'].includes(node.expression.text)) {
        const code = node.expression.text === 'mismatch' ? 'RESTRICTION_MISMATCH' : node.arguments[0]?.getText(file).replace('RejectionCode.', '');
        const wording = node.arguments[node.expression.text === 'mismatch' ? 1 : 3];
        const reason = wording && ts.isObjectLiteralExpression(wording)
          ? wording.properties.find((property) => property.name?.getText(file) === 'reason')
          : undefined;
        if (code && reason && ts.isPropertyAssignment(reason) && ts.isStringLiteral(reason.initializer)) {
          found.push([relative(root, path), code, reason.initializer.text]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

describe('needs are named in words, never by their code', () => {
  it('every need category of the domain has its Vietnamese name, and no name is given to a need the domain lacks', () => {
    expect(Object.keys(NEED_LABELS).sort()).toEqual([...NEED_CATEGORIES].sort());
    expect(Object.values(NEED_LABELS).every((label) => label.trim() !== '' && !/^[a-z-]+$/.test(label))).toBe(true);
  });

  it('DUPLICATE_AID says the need as the staff app names it', () => {
    const message = errorMessage('vi', 'DUPLICATE_AID', undefined, {
      beneficiaryId: 'BF-000001', need: 'food-water-medicine', earlierDisbursementId: 'DB-000001', earlierFundId: 'quy-a',
      earlierRequestedAt: '2026-11-02T09:00:00+07:00', windowDays: 30,
    });
    expect(message).toContain('cùng nhu cầu "Lương thực, nước uống, thuốc"');
    expect(message).not.toContain('food-water-medicine');
  });
});

describe('every reason a decider gives has its own message', () => {
  const reasons = domainReasons();

  it('finds the reasons the deciders give', () => {
    expect(reasons.length).toBeGreaterThan(15);
  });

  it.each(reasons)('%s: %s/%s', (_file, code, reason) => {
    expect(Object.keys(ERROR_MESSAGES)).toContain(`${code}/${reason}`);
  });
});

/** One instance of every error class of the edge. */
const SAMPLE_ERRORS: errors.ApiError[] = [
  new errors.ValidationFailed([{ field: 'amount', reason: 'must be a string' }]),
  new errors.ValidationFailed([{ field: '(body)', reason: 'is not valid JSON' }], { reason: 'malformed-json', detail: 'Unexpected token' }),
  new errors.ValidationFailed([{ field: '(body)', reason: 'bad line' }], { reason: 'statement', detail: 'bad line', line: 3 }),
  new errors.ValidationFailed([{ field: 'Idempotency-Key', reason: 'must be 1–200 printable ASCII characters' }], { reason: 'idempotency-key' }),
  ...(['wrong-credentials', 'setup-code', 'metrics-token', 'session-ended', 'device-signed-out', 'user-deactivated', 'token-invalid', 'token-required'] as const).map((reason) => new errors.Unauthenticated(reason)),
  new errors.RoleRequired(['admin'], ['auditor']),
  new errors.OthersPasswordForbidden(['auditor']),
  new errors.OriginCheckFailed('https://la.example', 'https://ledger.example'),
  new errors.OriginCheckFailed(undefined, 'https://ledger.example'),
  new errors.NotFound('user', 'u-1'),
  new errors.FundNotFound('quy-a'),
  new errors.FundNotFound('quy-a', 3),
  new errors.StatementTooLarge(1000),
  new errors.UnknownLayout(['STT', 'Ngày chứng từ'], { date: ['ngay giao dich'] }, 3),
  new errors.StatementUnbalanced({ ok: false, checkedLines: 3, firstBreakLine: 12, expected: '1000200000', printed: '1000700000' }),
  new errors.StatementMediaTypeUnsupported('application/vnd.ms-excel'),
  new errors.ForeignCurrencyStatement('USD', 4),
  new errors.DonationWasReversed('DN-2024-000123', 'RV-000004'),
  new errors.ContentTypeUnsupported('text/csv'),
  ...(['sign-in', 'password-check', 'address'] as const).map((reason) => new errors.RateLimited(reason, 30)),
  new errors.ReadModelLagging({ projection: 'balances', reached: 3, minPosition: 7 }),
  new errors.ReadModelLagging({ projection: 'balances', reached: 3, minPosition: 7 }, { building: true }),
  ...(['tree-size', 'position'] as const).map((reason) => new errors.TreeSizeUnknown(reason, { requested: 5000, signedTreeSize: 4096 })),
  new errors.CheckpointPending(10),
];

describe('every error class of the edge answers in Vietnamese or English, with the same status, code and details', () => {
  it('the samples include every error class errors.ts declares', () => {
    const classes = Object.values(errors).filter((value) => typeof value === 'function' && value.prototype instanceof errors.ApiError);
    const sampled = new Set(SAMPLE_ERRORS.map((error) => error.constructor));
    expect(classes.filter((value) => !sampled.has(value as never)).map((value) => (value as { name: string }).name)).toEqual([]);
  });

  it.each(SAMPLE_ERRORS.map((error) => [`${error.constructor.name} ${error.reason ?? ''}`, error]))('%s', (_name, error) => {
    const [viStatus, vi] = toErrorResponse(error, 'vi');
    const [enStatus, en] = toErrorResponse(error, 'en');
    expect(viStatus).toBe(enStatus);
    expect({ code: vi.error.code, details: vi.error.details }).toEqual({ code: en.error.code, details: en.error.details });
    expect(messageEntry(error.code, error.reason)).toBeDefined();
    expect(en.error.message).toBe(error.message);
    expect(vi.error.message).not.toBe(en.error.message);
    expect(vi.error.message).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
  });

  it('the English messages are the ones the API has always given', () => {
    expect(new errors.FundNotFound('quy-a').message).toBe('No fund quy-a');
    expect(new errors.DonationWasReversed('DN-2024-000123', 'RV-000004').message).toBe('Donation DN-2024-000123 was reversed by RV-000004');
    expect(new errors.RoleRequired(['admin', 'accountant'], []).message).toBe('This needs one of the roles: admin, accountant');
    expect(new errors.RateLimited('address', 12).message).toBe('Too many requests from this address; try again in 12 s');
    expect(new errors.ValidationFailed([{ field: 'a', reason: 'must be a string' }, { field: 'b', reason: 'unknown field' }]).message)
      .toBe('Invalid request: a: must be a string; b: unknown field');
  });
});

describe('field reasons: class-validator constraint messages and the ledger\'s own, in Vietnamese; field names kept', () => {
  it.each([
    ['amount must be a string', 'amount phải là chuỗi ký tự'],
    ['name should not be empty', 'name không được để trống'],
    ['channel must be one of the following values: cash, bank_transfer', 'channel phải là một trong các giá trị: cash, bank_transfer'],
    ['donor.name must be shorter than or equal to 300 characters', 'donor.name chỉ được dài tối đa 300 ký tự'],
    ['approvers must not be greater than 10', 'approvers không được lớn hơn 10'],
    ['unknown field', 'trường không có trong mẫu yêu cầu'],
    ['must be a positive integer', 'phải là số nguyên dương'],
    ['VND has no minor unit: whole amounts only', 'VND không có đơn vị lẻ: chỉ nhận số nguyên'],
    ['emergencyReleaseCap must be a positive VND amount', 'emergencyReleaseCap phải là số tiền VND dương'],
    ['approval tier "above" 100000000 needs 1 approvers, fewer than the 2 of the tier above 0: a larger amount may not need fewer approvers',
      'mức duyệt trên 100.000.000 đồng cần 1 người duyệt, ít hơn 2 người của mức trên 0 đồng: số tiền lớn hơn không được cần ít người duyệt hơn'],
    ['approval tiers name "above" 5000000 twice: each threshold has one number of approvers', 'các mức duyệt nêu hai lần mức trên 5.000.000 đồng: mỗi mức chỉ có một số người duyệt'],
    // The period bounds of every register and report, and the other reasons a person meets often.
    ['must be a date (YYYY-MM-DD, Vietnam time) or an ISO 8601 timestamp with an offset',
      'phải là ngày YYYY-MM-DD (giờ Việt Nam) hoặc thời điểm ISO 8601 có múi giờ'],
    ['must be another fund than the sender', 'phải là một quỹ khác quỹ chuyển'],
    ['must not be larger than to', 'không được lớn hơn to'],
    ['must be a non-blank string', 'phải là chuỗi ký tự không để trống'],
    ['must be a string or null', 'phải là chuỗi ký tự hoặc null'],
    ['must name exactly one of component and campaignId', 'phải nêu đúng một trong hai: component hoặc campaignId'],
    ['must name the component whose campaign money is moved', 'phải nêu quỹ thành phần lấy tiền của đợt vận động (tiền của đợt không nằm trong một quỹ thành phần duy nhất)'],
    ['must be an account number (letters, digits, dots, dashes; at most 64)', 'phải là số tài khoản (chữ, chữ số, dấu chấm, gạch ngang; tối đa 64 ký tự)'],
    ['must be an account number (letters, digits, spaces, dots, dashes; at most 64)',
      'phải là số tài khoản (chữ, chữ số, khoảng trắng, dấu chấm, gạch ngang; tối đa 64 ký tự)'],
    ['at most 400 days after from', 'tối đa 400 ngày sau from'],
    ['must be within 2 fiscal years of from', 'phải trong phạm vi 2 năm tài chính kể từ from'],
    ['the list file is required', 'cần gửi kèm tệp danh sách'],
    ['the list file is empty', 'tệp danh sách rỗng'],
    ["the list's title names XÃ TRÀ LENG; it is imported for Xã Tân Phú", 'tiêu đề danh sách ghi XÃ TRÀ LENG; danh sách được nhập cho Xã Tân Phú'],
    ['is required', 'là bắt buộc'],
    ['listId is required: a list such as DS-0001', 'listId là bắt buộc: một danh sách như DS-0001'],
    ['position must be at least 1', 'position phải ít nhất là 1'],
    // Publications, transfers and distributions, as their deciders and requests word them.
    ['toFundId must be a fund slug', 'toFundId phải là mã quỹ viết thường'],
    ['period must be a fiscal year (2025) or a quarter (2025-Q3)', 'period phải là một năm tài chính (2025) hoặc một quý (2025-Q3)'],
    ['is required when the channel is website', 'là bắt buộc khi kênh công khai là website'],
    ['contentSha256 must be 64 lowercase hex digits', 'contentSha256 phải gồm 64 chữ số hex viết thường'],
    ['must be the SHA-256 of the published file: 64 lowercase hex digits', 'phải là mã SHA-256 của tệp đã công khai: 64 chữ số hex viết thường'],
    ['url must be an http or https address', 'url phải là địa chỉ http hoặc https'],
    ['publishedAt must be a date YYYY-MM-DD or an ISO 8601 timestamp with offset', 'publishedAt phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ'],
    ['must be absent for campaign-receipts: the campaign names what is published', 'không được nêu với campaign-receipts: đợt vận động đã nói rõ nội dung công khai'],
    ['must be a quarter such as 2025-Q3 for quarterly-disclosure', 'phải là một quý, ví dụ 2025-Q3, với công khai hằng quý'],
    ['BF-000003 is on the list twice', 'BF-000003 có hai lần trong danh sách'],
    ["is required: the commune People's Committee certification of the list (R11)", 'là bắt buộc: số văn bản UBND xã xác nhận danh sách (R11)'],
    ['distribution.0: must give either an amount or items', 'distribution.0: phải nêu số tiền hoặc hàng hiện vật, một trong hai, không cả hai'],
    ['reference: DB-000001 is 400000 VND and lines of 0 VND are linked to it: a line of 5000000 VND would make 5000000 VND',
      'reference: DB-000001 là 400.000 đồng và đã gắn các dòng sao kê 0 đồng: thêm dòng 5.000.000 đồng sẽ thành 5.000.000 đồng'],
    ['is required with a distribution', 'là bắt buộc khi đề nghị chi có danh sách phân phối'],
    ['its amounts add up to 3000000 VND, more than the 2000000 VND requested', 'các khoản cộng lại 3000000 đồng, nhiều hơn 2000000 đồng đề nghị chi'],
    ['effectiveFrom must be no later than 2027-12-31, the end of next year (Vietnam time)', 'effectiveFrom không được muộn hơn 31/12/2027, ngày cuối của năm sau (giờ Việt Nam)'],
    // class-validator's checks of each value of a list.
    ['each value in evidence must be shorter than or equal to 500 characters', 'mỗi giá trị trong evidence chỉ được dài tối đa 500 ký tự'],
  ])('%s', (english, vietnamese) => {
    expect(fieldReasonInVietnamese(english)).toBe(vietnamese);
  });

  it.each([
    ['The file is UTF-16 text: save it as CSV UTF-8', 'Tệp là văn bản UTF-16: hãy lưu lại thành CSV UTF-8'],
    ['This is an old Excel .xls file: save it as .xlsx or as CSV (UTF-8)', 'Đây là tệp Excel .xls cũ: hãy lưu lại thành .xlsx hoặc CSV (UTF-8)'],
    ['Line 3: the CSV cannot be read further (Quote Not Closed)', 'Dòng 3: không đọc tiếp được tệp CSV (Quote Not Closed)'],
    ['No heading row: the list needs a column "Họ và tên" (or "Họ tên", "name")', 'Không có dòng tiêu đề: danh sách cần một cột "Họ và tên" (hoặc "Họ tên", "name")'],
  ])('a file that cannot be read: %s', (english, vietnamese) => {
    expect(errorMessage('vi', 'VALIDATION_FAILED', 'beneficiary-list', { detail: english })).toBe(`Danh sách đối tượng không hợp lệ: ${vietnamese}`);
    expect(errorMessage('en', 'VALIDATION_FAILED', 'statement', { detail: english })).toBe(`Invalid statement: ${english}`);
  });

  it('keeps a reason no pattern knows as it is rather than guessing', () => {
    expect(fieldReasonInVietnamese('the moon is made of cheese')).toBe('the moon is made of cheese');
  });
});

describe('choosing the language', () => {
  it.each([
    [undefined, 'vi'], ['', 'vi'], ['vi', 'vi'], ['en', 'en'], ['EN-us', 'en'], ['fr', 'vi'], ['fr, en;q=0.1', 'en'],
    ['vi;q=0.2, en;q=0.7', 'en'], ['en;q=0.7, vi', 'vi'], ['en, vi', 'en'], ['en;q=0, *', 'vi'], ['vi;q=0, *', 'en'],
    ['en;q=abc', 'vi'], [['en', 'vi'], 'en'],
  ])('Accept-Language %j → %s', (header, language) => {
    expect(languageOfAcceptLanguage(header as string | string[] | undefined)).toBe(language);
  });

  it.each([
    [{}, 'vi'], [{ LANG: 'C' }, 'vi'], [{ LANG: 'POSIX' }, 'vi'], [{ LANG: 'C.UTF-8' }, 'vi'], [{ LANG: 'vi_VN.UTF-8' }, 'vi'],
    [{ LANG: 'en_US.UTF-8' }, 'en'], [{ LANG: 'fr_FR.UTF-8' }, 'en'], [{ LANG: 'vi_VN.UTF-8', LC_ALL: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'vi_VN' }, 'vi'], [{ LANG: '' }, 'vi'],
  ])('locale %j → %s', (env, language) => {
    expect(languageOfLocale(env)).toBe(language);
  });
});

describe('amounts in Vietnamese messages', () => {
  it('are grouped by "." as Vietnamese documents write them (R31): the balance check an accountant reads', () => {
    const message = messageEntry('STATEMENT_UNBALANCED')!.vi({ line: 8, expected: '50405000', printed: '50450000' });
    expect(message).toContain('các dòng trước dẫn đến 50.405.000 đồng, sao kê in 50.450.000 đồng');
    expect(messageEntry('MANAGEMENT_COST_CAP_EXCEEDED')!.vi({ ...SAMPLE_PARAMS, usedAfter: '-1500000', cap: '999' })).toContain('-1.500.000 đồng; mức trần là 999 đồng');
  });
});

describe('a pool as a person names it, in the Vietnamese messages', () => {
  it.each([
    ['general', 'Nguồn Quỹ chung chỉ còn 0 đồng khả dụng, số đề nghị là 5.000.000 đồng'],
    ['emergency-relief', 'Nguồn Quỹ cứu trợ khẩn cấp chỉ còn 0 đồng khả dụng, số đề nghị là 5.000.000 đồng'],
    ['general#campaign:lu-2026', 'Nguồn tiền của đợt vận động lu-2026 trong Quỹ chung chỉ còn 0 đồng khả dụng, số đề nghị là 5.000.000 đồng'],
    ['general#suspense:lu-2026', 'Nguồn tiền nhận muộn của đợt vận động lu-2026 (chờ quyết định) trong Quỹ chung chỉ còn 0 đồng khả dụng, số đề nghị là 5.000.000 đồng'],
    ['humanitarian#DN-2026-000004', 'Nguồn tiền hạn chế mục đích DN-2026-000004 trong Quỹ nhân đạo chỉ còn 0 đồng khả dụng, số đề nghị là 5.000.000 đồng'],
    // A component the fund named itself: by its id.
    ['truong-hoc', 'Nguồn quỹ thành phần truong-hoc chỉ còn 0 đồng khả dụng, số đề nghị là 5.000.000 đồng'],
  ])('%s', (pool, vietnamese) => {
    expect(errorMessage('vi', 'INSUFFICIENT_FUNDS', undefined, { pool, available: '0', requested: '5000000' })).toBe(vietnamese);
    expect(errorMessage('en', 'INSUFFICIENT_FUNDS', undefined, { pool, available: '0', requested: '5000000' })).toBe(`Pool ${pool} has 0 VND available, 5000000 requested`);
  });
});
