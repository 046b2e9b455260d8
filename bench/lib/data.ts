import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordDonation } from '../../src/domain/donation/donation.commands';
import { Prng } from './prng';

/**
 * The bench's generated data: donors with Vietnamese names, donations of an appeal (many of
 * 2,000–10,000 VND), bank statements as Vietcombank exports them. Everything comes
 * from a seeded Prng, so a seed names the whole data set.
 */

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Thu', 'Hoài', 'Gia', 'Bảo'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh',
  'Long', 'Mai', 'Nam', 'Nga', 'Ngân', 'Phong', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const ORGANIZATIONS = ['Công ty TNHH Hòa Bình', 'Công ty CP Sữa Việt', 'Trường THPT Lê Quý Đôn', 'Hội Doanh nhân trẻ', 'Ngân hàng TMCP Á Châu',
  'Chi đoàn phường Bến Nghé', 'Công ty CP Thép Nam Kim', 'Hội Phụ nữ quận 3'];
const NOTES = ['Ủng hộ đồng bào bị bão Yagi', 'Ủng hộ đồng bào lũ lụt miền Bắc', 'Chung tay vì người nghèo', null, null];

export const BENCH_FUND_ID = 'ctd-bench';
export const BENCH_FISCAL_YEAR = 2024;

export function personName(prng: Prng): string {
  return `${prng.pick(FAMILY)} ${prng.pick(MIDDLE)} ${prng.pick(GIVEN)}`;
}

/** "Nguyễn Văn Đức" → "NGUYEN VAN DUC", as banks print names in memos. */
export function bankName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase();
}

/** Mostly 2,000–10,000 VND, as in the appeal of issue 6; some larger gifts. */
export function appealAmountVnd(prng: Prng): number {
  const roll = prng.below(100);
  if (roll < 70) return prng.between(2, 10) * 1_000;
  if (roll < 95) return prng.between(1, 50) * 10_000;
  return prng.between(1, 100) * 500_000;
}

/** Vietnam-time timestamp with offset, `second` seconds after 2024-01-01 00:00 +07:00. */
function vietnamTimestamp(second: number): string {
  const utc = new Date(Date.UTC(2024, 0, 1) + second * 1000 - 7 * 3_600_000);
  const local = new Date(utc.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

/** The reference of donation `sequence`: unique, shaped like a bank's transaction number. */
export function referenceOf(sequence: number): string {
  return `FT24${sequence.toString(36).toUpperCase().padStart(7, '0')}`;
}

/**
 * The `sequence`-th donation of the generated year, as the write side receives it. receivedAt
 * runs forward through 2024, so the log looks like a year of bookings.
 */
export function donationCommand(prng: Prng, sequence: number, total: number, fundId = BENCH_FUND_ID): RecordDonation {
  const yearSeconds = 365 * 86_400 - 1;
  const second = Math.floor((sequence / Math.max(1, total)) * yearSeconds);
  const kindRoll = prng.below(100);
  const kind = kindRoll < 85 ? 'individual' : kindRoll < 95 ? 'organization' : 'anonymous';
  const name = kind === 'organization' ? prng.pick(ORGANIZATIONS) : personName(prng);
  const channelRoll = prng.below(100);
  return {
    type: 'RecordDonation',
    fundId,
    amount: String(appealAmountVnd(prng)),
    currency: 'VND',
    fxRate: null,
    channel: channelRoll < 90 ? 'bank_transfer' : channelRoll < 98 ? 'cash' : 'online',
    receivedAt: vietnamTimestamp(second),
    donor: {
      name,
      kind,
      publicName: kind === 'individual' && prng.chance(0.1) ? `${name.split(' ')[0]} ${name.split(' ').slice(-1)[0]}` : null,
      taxCode: kind === 'organization' ? String(prng.between(100_000_000, 999_999_999)) : null,
      address: null,
      contact: prng.chance(0.2) ? `09${prng.between(10_000_000, 99_999_999)}` : null,
    },
    component: 'general',
    campaignId: null,
    restriction: null,
    reference: referenceOf(sequence),
    inKind: null,
    note: prng.pick(NOTES),
    source: null,
    // Entered as it arrived: the recording time is the business date.
    now: vietnamTimestamp(second),
  };
}

/** The body of POST /v1/funds/:fundId/donations used by W2 and the W3 flood (~290 bytes). */
export const DONATION_BODY = {
  amount: '500000',
  currency: 'VND',
  channel: 'bank_transfer',
  receivedAt: '2024-09-12T09:30:00+07:00',
  donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: 'Nguyễn V. A.' },
  component: 'general',
  reference: 'FT24256XYZ01',
  note: 'Ủng hộ đồng bào bị bão Yagi',
};

/** The body of POST /v1/funds/:fundId/disbursements of W3: 1,000 VND, so the pool never runs dry. */
export const DISBURSEMENT_BODY = {
  amount: '1000',
  kind: 'relief',
  component: 'general',
  purpose: 'Hỗ trợ hộ bị ảnh hưởng bởi bão Yagi',
  beneficiary: 'UBND xã An Phú',
};

function formatDots(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** One statement memo, in the shapes issue 6 names (MBVCB.<n>.<NAME> …, <NAME> chuyen khoan …, app prefixes, none). */
function memo(prng: Prng, name: string): string {
  const upper = bankName(name);
  switch (prng.below(5)) {
    case 0:
      return `MBVCB.${prng.between(1_000_000_000, 9_999_999_999)}.${upper} chuyen tien ung ho dong bao bi bao lu`;
    case 1:
      return `${upper} chuyen khoan ung ho bao Yagi`;
    case 2:
      return `IBFT ${upper} ung ho mien Bac`;
    case 3:
      return `${upper} ung ho dong bao vung lu`;
    default:
      return 'ung ho dong bao bi thiet hai do bao so 3';
  }
}

export interface StatementFile {
  path: string;
  /** Transaction lines: credits (donations), interest, fees and other debits. */
  rows: number;
  /** Lines that become donations. */
  credits: number;
  fees: number;
  interest: number;
  /** Debits that are no fee (payouts): listed for the accountant, booked as nothing. */
  unclassified: number;
  bytes: number;
}

/** A Vietcombank account number, as its statements print it above the header. */
export const BENCH_STATEMENT_ACCOUNT = '0011001932418';

/**
 * A bank statement of `rows` transaction lines as Vietcombank exports it (the layout of
 * test/import/fixtures/banks/vietcombank.csv): the bank's title lines, the account number, the
 * period and the opening balance above the bilingual header `STT, Ngày giao dịch/ TNX Date, Số CT/
 * Doc No, Số tiền ghi nợ/ Debit, Số tiền ghi có/ Credit, Số dư/ Balance, Nội dung chi tiết/
 * Transactions in detail`, then ten days of an appeal: dates without a time, figures with dots
 * (`1.000.000`), the running balance printed every 20 lines and at the end of each day (so the
 * import checks it, line by line, before booking anything), memos in the shapes banks print
 * (some quoted over two lines), and each day one SMS fee and one payout, and one interest credit;
 * the total and closing balance lines at the end. Written in chunks: memory stays flat.
 */
export function writeStatementCsv(path: string, rows: number, prng: Prng): StatementFile {
  const fd = openSync(path, 'w');
  let bytes = 0;
  const flush = (text: string) => {
    bytes += writeSync(fd, text);
  };
  const days = 10;
  const start = Date.UTC(2024, 8, 8);
  const dayText = (day: number) => {
    const at = new Date(start + day * 86_400_000);
    return `${pad2(at.getUTCDate())}/${pad2(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
  };
  const opening = 1_000_000_000;
  let balance = opening;
  let totalDebit = 0;
  let totalCredit = 0;
  const counts = { credits: 0, fees: 0, interest: 0, unclassified: 0 };
  try {
    let chunk = [
      'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM,,,,,,',
      'Vietcombank,,,,,,',
      'SAO KÊ TÀI KHOẢN/ ACCOUNT STATEMENT,,,,,,',
      `Số tài khoản/ Account number: ${BENCH_STATEMENT_ACCOUNT},,,,,,`,
      'Tên tài khoản/ Account name: UY BAN MTTQ VIET NAM - BAN CUU TRO,,,,,,',
      'Loại tiền/ Currency: VND,,,,,,',
      `Từ ngày/ From: ${dayText(0)} Đến ngày/ To: ${dayText(days - 1)},,,,,,`,
      `Số dư đầu kỳ/ Opening balance: ${formatDots(opening)},,,,,,`,
      'STT,Ngày giao dịch/ TNX Date,Số CT/ Doc No,Số tiền ghi nợ/ Debit,Số tiền ghi có/ Credit,Số dư/ Balance,Nội dung chi tiết/ Transactions in detail',
      '',
    ].join('\n');
    let lineInDay = 0;
    for (let line = 0; line < rows; line++) {
      const day = Math.floor((line / rows) * days);
      const lastOfDay = line + 1 === rows || Math.floor(((line + 1) / rows) * days) !== day;
      lineInDay = line === 0 || Math.floor(((line - 1) / rows) * days) !== day ? 0 : lineInDay + 1;
      let debit = 0;
      let credit = 0;
      let detail: string;
      // Each day opens with the SMS fee and a payout; the month's interest is the last line.
      if (rows >= 100 && lineInDay === 0) {
        debit = 11_000;
        detail = 'Phi SMS Banking thang 08/2024';
        counts.fees += 1;
      } else if (rows >= 100 && lineInDay === 1) {
        debit = prng.between(1, 20) * 5_000_000;
        detail = `Chuyen tien ho tro ho dan xa ${bankName(prng.pick(COMMUNES))} theo QD ${prng.between(1, 99)}/QD-MTTQ`;
        counts.unclassified += 1;
      } else if (rows >= 100 && line + 1 === rows) {
        credit = prng.between(100_000, 900_000);
        detail = 'Tra lai tien gui thang 08/2024';
        counts.interest += 1;
      } else {
        credit = appealAmountVnd(prng);
        detail = vcbMemo(prng, personName(prng));
        counts.credits += 1;
      }
      balance += credit - debit;
      totalDebit += debit;
      totalCredit += credit;
      const printed = lastOfDay || line % 20 === 19 ? formatDots(balance) : '';
      const doc = `${prng.between(1000, 9999)}.${String(10_000 + (line % 90_000)).padStart(5, '0')}`;
      chunk += `${line + 1},${dayText(day)},${doc},${debit === 0 ? '' : formatDots(debit)},${credit === 0 ? '' : formatDots(credit)},${printed},${quoted(detail)}\n`;
      if (chunk.length > 1 << 20) {
        flush(chunk);
        chunk = '';
      }
    }
    chunk += `Tổng cộng/ Total,,,${formatDots(totalDebit)},${formatDots(totalCredit)},,\n`;
    chunk += `Số dư cuối kỳ/ Closing balance,,,,,${formatDots(balance)},\n`;
    flush(chunk);
  } finally {
    closeSync(fd);
  }
  return { path, rows, ...counts, bytes };
}

const COMMUNES = ['An Phú', 'Tân Sơn', 'Yên Bái', 'Bảo Yên', 'Lục Yên', 'Sơn Động'];

function quoted(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A Vietcombank credit memo: the transfer's own memo, and for transfers from other accounts the ".CT tu … toi …" trail, sometimes over two lines. */
function vcbMemo(prng: Prng, name: string): string {
  const own = memo(prng, name);
  if (!prng.chance(0.3)) return own;
  const trail = `CT tu ${prng.between(1_000_000_000, 9_999_999_999)}${prng.between(100, 999)} ${bankName(name)} toi ${BENCH_STATEMENT_ACCOUNT} UY BAN MTTQ VIET NAM`;
  return prng.chance(0.01) ? `${own}\n ${trail}` : `${own}.${trail}`;
}
