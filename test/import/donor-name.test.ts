/**
 * Donor names from bank-statement memos. The memos are shaped after the 2024 Yagi statements of
 * Vietcombank, VietinBank, BIDV and Agribank (domain.md R32, the volunteers' parsed CSVs): app
 * prefixes, interbank envelopes, masked accounts, references, and donors' own words.
 */
import { donorKindOf, donorNameOf, nameFromMemo, UNKNOWN_DONOR_NAME } from '../../src/import/donor-name';

const UNKNOWN = UNKNOWN_DONOR_NAME;

const MEMOS: readonly [string, string][] = [
    // Vietcombank app: the account holder after "CT tu <account>" wins over the memo's words.
    ['MBVCB.6916176124.CAO VIET TUAN chuyen tien.CT tu 0101001222009 CAO VIET TUAN toi 0011001932418 MAT TRAN TO QUOC VN - BAN CUU TRO TW', 'CAO VIET TUAN'],
    ['MBVCB.6924605040.gia dinh Dung Thuy Giang chuc to quoc khoe manh.CT tu 1018144916 HOANG THANH THUY toi 0011001932418 MAT TRAN TO QUOC VN - BAN CUU TRO TW', 'HOANG THANH THUY'],
    ['MBVCB.6925071164.mung ngay quoc khanh.CT tu 1028808193 toi 0011001932418 Uy Ban Trung uong Mat tran To quoc Viet Nam', UNKNOWN],
    ['MBVCB.6987776183.900729.Ung ho cac tinh bi bao lu.CT tu 0011002243133 NGUYEN THI THU HUONG toi 1500201113838 uy Ban Mat Tran To Quoc Viet Nam TP Ha Noi tai AGRIBANK', 'NGUYEN THI THU HUONG'],
    // Vietcombank internet banking puts IBVCB where the app puts MBVCB.
    ['IBVCB.1609240123.LE THI MAI ung ho dong bao bao lu', 'LE THI MAI'],
    ['IBVCB.2.TRAN THI HOA ung ho', 'TRAN THI HOA'],
    // Vietcombank interbank: <trace>.<ddmmyy>.<hhmmss>.<memo>
    ['272986.010924.101858.DO DUC LOI chuyen tien', 'DO DUC LOI'],
    ['120167.030924.100642.NGUYEN HOAI NAM ung ho', 'NGUYEN HOAI NAM'],
    ['160707.030924.112000.NGUYEN HOAI PHUONG CK BCT TW', 'NGUYEN HOAI PHUONG'],
    ['938529.040924.081441.NGUYEN VAN HUNG FT24248050867737', 'NGUYEN VAN HUNG'],
    ['268515.040924.081538.Ha Duy Phuong', 'Ha Duy Phuong'],
    ['216303.040924.122804.IBFT TRAN THI MY PHUONG chuyen tien', 'TRAN THI MY PHUONG'],
    ['045897.050924.140420.NGUYEN XUAN 0000 Chuyen tien', 'NGUYEN XUAN'],
    ['292976.010924.013647.xin cam on', UNKNOWN],
    ['055464.020924.064157.Ung Ho Nha Nuoc Viet Nam Va Giup do Nguoi dan (by TPBank ChatPay)', UNKNOWN],
    ['069690.030924.111352.Ung ho dong bao Viet Nam FT24248787369079', UNKNOWN],
    // Vietcombank via NAPAS: …Vietcombank:<account>:<memo>
    ['020097040509011046122024JDC5013867.96713.104607.Vietcombank:0011001932418:DANG THI THANH MHS533583', 'DANG THI THANH'],
    // Wallets and apps
    ['PARTNER.DIRECT_DEBITS_VCB.ZLP.ZP6R34H953F5.20240901.Nguyet chuyen tien qua Zalopay', 'Nguyet'],
    ['PARTNER.DIRECT_DEBITS_VCB.MSE.66194752977.20240906.66194752977-0888160108_PHAM PHUONG THINH chuyen tien qua MoMo', 'PHAM PHUONG THINH'],
    ['659643.050924.095409.CKSOTAIKHOAN 240905796669677 NGUYEN ANH TUAN chuyen tien tu Viettel Money 84354187547 0011001932418', 'NGUYEN ANH TUAN'],
    ['66457769891 BUI THI TRUC QUYNH chuyen tien qua MoMo CHUYEN TIEN OQCH10139014', 'BUI THI TRUC QUYNH'],
    ['Dao Hong Nhung gop phan nho ung ho cac tinh mien bac (by TPBank ChatPay)', 'Dao Hong Nhung'],
    // VietinBank: "CT nhanh 247", NAPAS, its own account tag, masked accounts
    ['CT nhanh 247 den: TRAN TIEN ANH chuyen tien ung ho nguoi dan vung bao lu', 'TRAN TIEN ANH'],
    ['CT nhanh 247 den: MBVCB.6993160493.196699.BUI QUOC HUNG chuyen tien.', 'BUI QUOC HUNG'],
    ['CT nhanh 247 den: Vietinbank;111602391111;LE PHUONG QUYNH chuyen tien', 'LE PHUONG QUYNH'],
    ['Chuyen tien den tu NAPAS Noi dung: NGUYEN THU BINH chuyen ung ho FT24254607609791 (CT1111)', 'NGUYEN THU BINH'],
    ['Chuyen tien den tu NAPAS Noi dung: LE MINH SAM CHUYEN KHOAN UNG HO BAO LUT MIEN BAC-100924-19:47:11 807070 (CT1111)', 'LE MINH SAM'],
    ['Chuyen tien den tu NAPAS Noi dung: ung ho dong bao bi thien tai (ct1111)', UNKNOWN],
    ['999B2490FP698UY4/NGUYEN HUU TUAN Chuyen tien ung ho (ct1111)', 'NGUYEN HUU TUAN'],
    ['109882673*** PHAM VAN TOAN ung ho dong bao bi thiet hai (CT1111)', 'PHAM VAN TOAN'],
    ['NGUYEN THI HAI YEN ct ung ho dong bao lu lut', 'NGUYEN THI HAI YEN'],
    ['chau TO THUY DUONG ung ho dong bao khac phuc hau qua bao Yagi', 'TO THUY DUONG'],
    // BIDV: sender's account first, the transaction time after
    ['1261122666 NGUYEN THI HUYEN TRANG Chuyen tien; thoi gian GD:09092024 23:55:31', 'NGUYEN THI HUYEN TRANG'],
    ['con mong moi nguoi binh an (CT1111); thoi gian GD:15/09/2024 23:09:00', UNKNOWN],
    // Agribank: MB(<ref>)(<memo>)
    ['MB(438027)(BUI THI HAO ung ho cac tinh bi bao lu)', 'BUI THI HAO'],
    ['MB(437046)(Ung ho cac tinh bi bao lu)', UNKNOWN],
    ['HO THI THU NGA ck ung ho dong bao bao lu FT24254040454839', 'HO THI THU NGA'],
    ['PHAM CU UNG HO KHAC PHUC BAO YAGI. MONG BA CON BINH AN. FT24254735829695', 'PHAM CU'],
    ['Be Nguyen Minh Phong 2017 ung ho cac tinh bi bao lu FT24253843864100', 'Nguyen Minh Phong'],
    ['Tran Thi Hong Phuc chuyen tien', 'Tran Thi Hong Phuc'],
    ['NGUYEN THI QUYEN chuyen tien ung ho', 'NGUYEN THI QUYEN'],
    ['Gia dinh em be Wabi ung ho dong bao bi bao lu FT24253828574207', UNKNOWN],
    ['UNG HO CAC TINH BI BAO LU-090924-22:08:15 571874', UNKNOWN],
    // A unit's number is part of an organisation's name; a birth year after a person's name is not.
    ['HOI PHU NU PHUONG 4 ung ho dong bao', 'HOI PHU NU PHUONG 4'],
    ['CHI DOAN KHU PHO 3 ung ho', 'CHI DOAN KHU PHO 3'],
    ['MBVCB.7012345678.TO DAN PHO 12 PHUONG 9A chuyen tien ung ho', 'TO DAN PHO 12 PHUONG 9A'],
    ['Chi Nguyen Thi Mai ung ho', 'Nguyen Thi Mai'],
    // A person named Tô, Phương, Khôi or Quân keeps the name alone: the number or amount after it is not theirs.
    ['NGUYEN VAN TO 5 ung ho', 'NGUYEN VAN TO'],
    ['NGUYEN THI PHUONG 500K ung ho dong bao', 'NGUYEN THI PHUONG'],
    ['Nguyen Minh Khoi 200k ung ho dong bao mien Trung', 'Nguyen Minh Khoi'],
    ['ung ho dong bao NGUYEN VAN QUAN 300K', 'NGUYEN VAN QUAN'],
    ['DOAN THANH NIEN PHUONG 7 chuyen tien ung ho', 'DOAN THANH NIEN PHUONG 7'],
    // The label of a phone, id or tax number ends the name: it would say the memo held one.
    ['NGUYEN VAN B SDT 0912345678 ung ho', 'NGUYEN VAN B'],
    ['TRAN THI C DT 0987654321', 'TRAN THI C'],
    ['NGUYEN VAN E CCCD 001088012345 ung ho lu lut', 'NGUYEN VAN E'],
    ['Le Van Dien SĐT: 0903111222 ung ho', 'Le Van Dien'],
    ['Ung ho', UNKNOWN],
    ['W.O t9', UNKNOWN],
    ['', UNKNOWN],
];

describe('the donor name from the memo', () => {
  it.each(MEMOS)('%s → %s', (memo, expected) => {
    expect(donorNameOf('', memo)).toBe(expected);
  });

  it('is a table of at least 25 memos, named and unnamed', () => {
    expect(MEMOS.length).toBeGreaterThanOrEqual(25);
    expect(MEMOS.filter(([, name]) => name !== UNKNOWN).length).toBeGreaterThanOrEqual(25);
    expect(nameFromMemo('   ')).toBeUndefined();
  });
});

describe('the counterparty column comes first', () => {
  it.each([
    ['TRAN TIEN ANH – A/C', 'CT nhanh 247 den: chuyen tien', 'TRAN TIEN ANH'],
    ['VND-TGTT-NGUYEN THU BINH – A/C', 'Chuyen tien den tu NAPAS Noi dung: ung ho', 'NGUYEN THU BINH'],
    ['Nguyễn Văn An', 'ung ho', 'Nguyễn Văn An'],
    // Bank or channel labels are no donor: the memo decides.
    ['MBBANK IBFT – A/C', 'Chuyen tien den tu NAPAS Noi dung: DANG MINH HANG chuyen tien (CT1111)', 'DANG MINH HANG'],
    ['ACC – A/C', 'Chuyen tien den tu NAPAS Noi dung: ung ho dong bao', UNKNOWN],
    ['TIEN MAT, VANG TIEN TE TAI DON VI – A/C', 'UNG HO', UNKNOWN],
    ['SACOMBANK – A/C', 'IBFT TUONG THI THUY chuyen tien ung ho (ct1111)', 'TUONG THI THUY'],
    ['109882673***', 'MAI THI ANH NGOC ung ho', 'MAI THI ANH NGOC'],
    ['HOI CUU CHIEN BINH PHUONG 4', 'ung ho', 'HOI CUU CHIEN BINH PHUONG 4'],
    ['NGUYEN VAN A 0912345678', 'TRAN THI B ung ho', 'TRAN THI B'],
    ['NGUYEN THI PHUONG 2', 'LE VAN C ung ho', 'LE VAN C'],
  ])('counterparty %s, memo %s → %s', (counterparty, memo, expected) => {
    expect(donorNameOf(counterparty, memo)).toBe(expected);
  });
});

describe('the donor kind', () => {
  it.each([
    [UNKNOWN, 'anonymous'],
    ['NGUYEN VAN HUNG', 'individual'],
    ['CONG TY TNHH XAY DUNG AN PHAT', 'organization'],
    ['Công ty Cổ phần Sữa Việt Nam', 'organization'],
    ['HOI PHU NU PHUONG 4', 'organization'],
    ['CHI DOAN KHU PHO 3', 'organization'],
    ['Tổ dân phố 12', 'organization'],
  ])('%s is %s', (name, kind) => {
    expect(donorKindOf(name)).toBe(kind);
  });
});
