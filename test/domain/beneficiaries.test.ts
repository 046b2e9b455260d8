import type { BeneficiaryListRow, ImportBeneficiaryList, RegisterBeneficiary } from '../../src/domain/beneficiaries/beneficiaries.commands';
import type { BeneficiaryRegistered } from '../../src/domain/beneficiaries/beneficiaries.events';
import { ACCOUNTANT, FUND_ID, fundOpened, NOW } from './builders';
import { decideBeneficiaries } from '../../src/domain/beneficiaries/beneficiaries.decide';
import { initialBeneficiaryIndex } from '../../src/domain/beneficiaries/beneficiaries.index';
import { communeMatchPart, hamletMatchPart, matchKeyOf, sameHamlet } from '../../src/domain/beneficiaries/beneficiaries.state';
import { BeneficiaryDecider, beneficiaryStateOf, fundStateOf } from './given-when-then';

const fund = fundOpened();
/** Stand-ins for keyed hashes: the decider only compares them. */
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function register(overrides: Partial<Omit<RegisterBeneficiary, 'type'>> = {}): RegisterBeneficiary {
  return {
    type: 'RegisterBeneficiary', beneficiaryId: null, kind: 'household', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', address: 'Ấp 3',
    village: null, idHash: null, idLast4: null, categories: ['poor'], actor: { userId: ACCOUNTANT }, now: NOW, ...overrides,
  };
}

function registered(overrides: Partial<BeneficiaryRegistered['data']> = {}): BeneficiaryRegistered {
  return {
    type: 'BeneficiaryRegistered',
    data: {
      fundId: FUND_ID, beneficiaryId: 'BF-000001', kind: 'household', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', address: 'Ấp 3', village: null,
      idHash: null, idLast4: null, categories: ['poor'], listId: null, registeredBy: ACCOUNTANT, registeredAt: NOW, ...overrides,
    },
  };
}

function row(line: number, overrides: Partial<BeneficiaryListRow> = {}): BeneficiaryListRow {
  return { line, kind: 'household', name: `Hộ ${line}`, address: `Ấp ${line}`, village: null, idHash: null, idLast4: null, categories: [], ...overrides };
}

function importList(rows: BeneficiaryListRow[], overrides: Partial<Omit<ImportBeneficiaryList, 'type' | 'rows'>> = {}): ImportBeneficiaryList {
  return {
    type: 'ImportBeneficiaryList', commune: 'Xã Tân Phú', listKind: 'poor', certificationRef: '12/QĐ-UBND', rows, unreadable: [],
    actor: { userId: ACCOUNTANT }, now: NOW, ...overrides,
  };
}

describe('The beneficiary registry (issue 17: registering one by one)', () => {
  it('registers a household with the next id, trimmed, and keeps only the hash and last four digits of its id number', () => {
    BeneficiaryDecider.given().withFund(fund)
      .when(register({ name: '  Nguyễn Văn An ', idHash: HASH_A, idLast4: '6789' }))
      .then(registered({ idHash: HASH_A, idLast4: '6789' }));
  });

  it('takes the id a person chose, and numbers past an id so taken', () => {
    BeneficiaryDecider.given().withFund(fund).when(register({ beneficiaryId: 'ho-7' })).thenMatches({ data: { beneficiaryId: 'ho-7' } });
    BeneficiaryDecider.given(registered({ beneficiaryId: 'BF-000002', name: 'Lê Thị Hoa' })).withFund(fund)
      .when(register())
      .thenMatches({ data: { beneficiaryId: 'BF-000003' } });
    BeneficiaryDecider.given(registered({ beneficiaryId: 'BF-000001', name: 'Lê Thị Hoa' })).withFund(fund)
      .when(register())
      .thenMatches({ data: { beneficiaryId: 'BF-000002' } });
  });

  it('refuses a fund that is not open, a blank name, an unknown kind or category (NOT_FOUND, VALIDATION_FAILED)', () => {
    BeneficiaryDecider.given().when(register()).thenRejects('NOT_FOUND', { entity: 'fund' });
    BeneficiaryDecider.given().withFund(fund).when(register({ name: '   ' })).thenRejects('VALIDATION_FAILED', { field: 'name' });
    BeneficiaryDecider.given().withFund(fund).when(register({ kind: 'family' })).thenRejects('VALIDATION_FAILED', { field: 'kind' });
    BeneficiaryDecider.given().withFund(fund).when(register({ categories: ['rich'] })).thenRejects('VALIDATION_FAILED', { field: 'categories' });
    BeneficiaryDecider.given().withFund(fund).when(register({ idHash: HASH_A, idLast4: null })).thenRejects('VALIDATION_FAILED', { field: 'idNumber' });
  });

  it('refuses the same id number again, whatever the name (ALREADY_EXISTS naming the beneficiary)', () => {
    BeneficiaryDecider.given(registered({ idHash: HASH_A, idLast4: '6789' })).withFund(fund)
      .when(register({ name: 'Nguyen Van Anh', address: 'Ấp 9', idHash: HASH_A, idLast4: '6789' }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'idNumber' });
  });

  it('refuses the same name, commune and address without diacritics or case (ALREADY_EXISTS)', () => {
    BeneficiaryDecider.given(registered()).withFund(fund)
      .when(register({ name: 'nguyen van an', commune: 'xa tan phu', address: 'ap 3' }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'name' });
  });

  it('refuses the same household written with or without its commune\'s unit word: Xã Tân Phú is Tân Phú (ALREADY_EXISTS)', () => {
    BeneficiaryDecider.given(registered()).withFund(fund)
      .when(register({ name: 'Nguyễn Văn  An', commune: 'Tân Phú', address: 'ấp 3' }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'name' });
    BeneficiaryDecider.given(registered({ commune: 'Phường 3', address: null })).withFund(fund)
      .when(register({ commune: 'phuong 3', address: null }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'name' });
    BeneficiaryDecider.given(registered({ commune: 'Thị trấn Tân Phú' })).withFund(fund)
      .when(register({ commune: 'Tân Phú Đông' }))
      .thenMatches({ data: { beneficiaryId: 'BF-000002' } });
    // Written wholly without diacritics, the unit word goes as folded.
    BeneficiaryDecider.given(registered()).withFund(fund)
      .when(register({ name: 'Nguyen Van An', commune: 'XA TAN PHU', address: 'ap 3' }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'name' });
  });

  it('takes the unit word off as written: a commune whose name begins with a syllable folded alike stays whole', () => {
    expect(communeMatchPart('Phường Phương Mai')).toBe('phuong mai');
    expect(communeMatchPart('Phương Mai')).toBe('phuong mai');
    expect(communeMatchPart('Xã Xà Bang')).toBe('xa bang');
    expect(communeMatchPart('Xà Bang')).toBe('xa bang');
    expect(communeMatchPart('XÃ TÂN PHÚ')).toBe('tan phu');
    expect(communeMatchPart('Đặc khu Phú Quốc')).toBe('phu quoc');
    expect(communeMatchPart('Phường 3')).toBe('3');
    expect(communeMatchPart('Xã')).toBe('xa');
    BeneficiaryDecider.given(registered({ commune: 'Phường Phương Mai', address: null })).withFund(fund)
      .when(register({ commune: 'Mai', address: null }))
      .thenMatches({ data: { beneficiaryId: 'BF-000002' } });
  });

  it('tells apart two people of one name and address by their different id numbers', () => {
    BeneficiaryDecider.given(registered({ idHash: HASH_A, idLast4: '1111' })).withFund(fund)
      .when(register({ idHash: HASH_B, idLast4: '2222' }))
      .thenMatches({ data: { beneficiaryId: 'BF-000002', idHash: HASH_B } });
  });

  it('refuses an id already taken (ALREADY_EXISTS)', () => {
    BeneficiaryDecider.given(registered({ beneficiaryId: 'ho-1' })).withFund(fund)
      .when(register({ beneficiaryId: 'ho-1', name: 'Khác' }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'ho-1' });
  });
});

describe("A commune's list (issue 17: import with line errors and matching, R11)", () => {
  it('adds each new household with the list kind as its category and the list, and records the certification', () => {
    const outcome = BeneficiaryDecider.given().withFund(fund).when(importList([row(2), row(3)]));
    outcome.thenMatches(
      { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000001', name: 'Hộ 2', commune: 'Xã Tân Phú', categories: ['poor'], listId: 'DS-0001' } },
      { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', name: 'Hộ 3' } },
      {
        type: 'BeneficiaryListImported',
        data: { listId: 'DS-0001', certificationRef: '12/QĐ-UBND', members: ['BF-000001', 'BF-000002'], added: 2, matched: 0, rejected: [] },
      },
    );
    expect(beneficiaryStateOf(...outcome.events).beneficiaries.get('BF-000001')?.lists).toEqual(['DS-0001']);
    const index = outcome.stateAfter();
    expect(index.listCount).toBe(1);
    expect(index.byNameKey.get(matchKeyOf('Hộ 2', 'Xã Tân Phú', 'Ấp 2'))).toBe('BF-000001');
  });

  it('matches a household already registered by id number, else by name, commune and address, instead of adding it twice', () => {
    BeneficiaryDecider.given(registered({ idHash: HASH_A, idLast4: '6789' }), registered({ beneficiaryId: 'BF-000002', name: 'Lê Thị Hoa', address: 'Ấp 5' }))
      .withFund(fund)
      .when(importList([
        row(2, { name: 'Nguyen Van An (chủ hộ)', address: 'khác', idHash: HASH_A, idLast4: '6789' }),
        row(3, { name: 'LE THI HOA', address: 'ap 5' }),
        row(4),
      ]))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000003', name: 'Hộ 4' } },
        { type: 'BeneficiaryListImported', data: { members: ['BF-000001', 'BF-000002', 'BF-000003'], added: 1, matched: 2 } },
      );
  });

  it('matches a household registered under "Xã Tân Phú" on the list of "Tân Phú"', () => {
    BeneficiaryDecider.given(registered()).withFund(fund)
      .when(importList([row(2, { name: 'NGUYỄN VĂN AN', address: 'Ấp 3' })], { commune: 'Tân Phú' }))
      .thenMatches({ type: 'BeneficiaryListImported', data: { members: ['BF-000001'], added: 0, matched: 1 } });
  });

  it('matches the same household on two lines of one file, and lists it once', () => {
    BeneficiaryDecider.given().withFund(fund)
      .when(importList([row(2, { idHash: HASH_A, idLast4: '1234' }), row(3, { name: 'Hộ 2 ', address: 'Ấp  2' }), row(4, { name: 'x', idHash: HASH_A, idLast4: '1234' })]))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000001' } },
        { type: 'BeneficiaryListImported', data: { members: ['BF-000001'], added: 1, matched: 2 } },
      );
  });

  it('rejects a line alone, with its number and reason, in line order with the unreadable lines', () => {
    BeneficiaryDecider.given().withFund(fund)
      .when(importList([row(2), row(3, { name: ' ' }), row(5, { categories: ['rich'] })], {
        unreadable: [{ line: 4, code: 'VALIDATION_FAILED', message: 'idNumber: must be 9 or 12 digits' }],
      }))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000001' } },
        {
          type: 'BeneficiaryListImported',
          data: {
            added: 1,
            rejected: [
              { line: 3, code: 'VALIDATION_FAILED', message: 'name: must not be blank' },
              { line: 4, code: 'VALIDATION_FAILED', message: 'idNumber: must be 9 or 12 digits' },
              { line: 5, code: 'VALIDATION_FAILED', message: expect.stringContaining('category') as unknown as string },
            ],
          },
        },
      );
  });

  it('refuses a list that puts nobody on it: headings alone, or every line rejected (VALIDATION_FAILED naming the file, its rejected lines in the details)', () => {
    BeneficiaryDecider.given().withFund(fund).when(importList([])).thenRejects('VALIDATION_FAILED', { rejected: [], rejectedCount: 0 });
    BeneficiaryDecider.given().withFund(fund)
      .when(importList([row(3, { name: ' ' })], { unreadable: [{ line: 2, code: 'VALIDATION_FAILED', message: 'idNumber: must be 9 or 12 digits' }] }))
      .thenRejects('VALIDATION_FAILED', {
        rejectedCount: 2, rejected: ['line 2: idNumber: must be 9 or 12 digits', 'line 3: name: must not be blank'],
      });
  });

  it('refuses a list without certification, commune or a known kind (VALIDATION_FAILED)', () => {
    BeneficiaryDecider.given().withFund(fund).when(importList([row(2)], { certificationRef: '  ' })).thenRejects('VALIDATION_FAILED', { field: 'certificationRef' });
    BeneficiaryDecider.given().withFund(fund).when(importList([row(2)], { commune: '' })).thenRejects('VALIDATION_FAILED', { field: 'commune' });
    BeneficiaryDecider.given().withFund(fund).when(importList([row(2)], { listKind: 'rich' })).thenRejects('VALIDATION_FAILED', { field: 'listKind' });
  });

  it('numbers lists one after another', () => {
    const first = BeneficiaryDecider.given().withFund(fund).when(importList([row(2)])).events;
    BeneficiaryDecider.given(...first).withFund(fund)
      .when(importList([row(2), row(3)]))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', name: 'Hộ 3' } },
        { type: 'BeneficiaryListImported', data: { listId: 'DS-0002', members: ['BF-000001', 'BF-000002'], added: 1, matched: 1 } },
      );
  });
});

describe('A large list', () => {
  it('decides a list of 150,000 households in one decision (no argument spread over its events)', () => {
    const rows = Array.from({ length: 150_000 }, (_, index) => row(index + 2));
    const decision = decideBeneficiaries(importList(rows), initialBeneficiaryIndex(), fundStateOf(fund));
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.events.length).toBe(150_001);
    expect(decision.events[150_000]).toMatchObject({ type: 'BeneficiaryListImported', data: { added: 150_000, matched: 0 } });
  });
});

describe('Two households of one name in two hamlets (thôn) of a commune are two households', () => {
  it("adds both Nguyễn Văn An of Thôn 1 and of Thôn 2 from a list without addresses or id numbers; the same hamlet twice is one", () => {
    BeneficiaryDecider.given().withFund(fund)
      .when(importList([
        row(2, { name: 'Nguyễn Văn An', address: null, village: 'Thôn 1' }),
        row(3, { name: 'Nguyễn Văn An', address: null, village: 'Thôn 2' }),
        row(4, { name: 'NGUYEN VAN AN', address: null, village: 'thon 1' }),
      ]))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000001', village: 'Thôn 1' } },
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', village: 'Thôn 2' } },
        { type: 'BeneficiaryListImported', data: { members: ['BF-000001', 'BF-000002'], added: 2, matched: 1 } },
      );
  });

  it('registers the one of Thôn 2 beside the one of Thôn 1 already registered; matches a line that names no hamlet', () => {
    const ofThon1 = registered({ address: null, village: 'Thôn 1' });
    BeneficiaryDecider.given(ofThon1).withFund(fund)
      .when(register({ address: null, village: 'Thôn 2' }))
      .thenMatches({ type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', village: 'Thôn 2' } });
    BeneficiaryDecider.given(ofThon1).withFund(fund)
      .when(register({ address: null, village: 'Thôn 1' }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001' });
    BeneficiaryDecider.given(ofThon1).withFund(fund)
      .when(register({ address: null, village: null }))
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001' });
  });
});

describe('A hamlet written with or without the word for its unit is one hamlet (thôn, xóm, ấp, tổ dân phố, …)', () => {
  it('registers no second household for "3" beside "Thôn 3", nor for "Thôn 03", "thon 3" or "Thôn3"', () => {
    const ofThon3 = registered({ address: null, village: 'Thôn 3' });
    for (const village of ['3', 'Thôn 03', 'thon 3', 'THÔN 3', 'Thôn3', '  Thôn   3 ']) {
      BeneficiaryDecider.given(ofThon3).withFund(fund)
        .when(register({ address: null, village }))
        .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'name' });
    }
  });

  it('keeps two households where the hamlets differ: another number, another name, or another unit of the same number', () => {
    const ofThon3 = registered({ address: null, village: 'Thôn 3' });
    for (const village of ['Thôn 4', '4', 'Thôn 30', 'Tổ 3', 'Tổ dân phố 3', 'Xóm 3', 'Thôn Đông']) {
      BeneficiaryDecider.given(ofThon3).withFund(fund)
        .when(register({ address: null, village }))
        .thenMatches({ type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', village } });
    }
  });

  it('folds a hamlet before taking its unit word off, as hamlets were compared before: written with or without marks, it is one hamlet', () => {
    for (const [one, other] of [['Bàn Thạch', 'Ban Thach'], ['Bản Thạch', 'Ban Thach'], ['Ấp Tân Hòa', 'Ap Tân Hòa'], ['Thôn 3', 'Thon\u00a03'], ['Lạng Sơn', 'Lang Son']]) {
      expect(hamletMatchPart(one)).toBe(hamletMatchPart(other));
    }
    expect(hamletMatchPart('Ban Thach')).toBe('ban|thach');
    expect(hamletMatchPart('Tổ dân phố 05')).toBe('to dan pho|5');
    expect(hamletMatchPart('Khu phố 10')).toBe('khu pho|10');
    expect(hamletMatchPart('Thôn')).toBe('|thon');
    expect(sameHamlet(hamletMatchPart('Thạch'), hamletMatchPart('Bản Thạch'))).toBe(true);
    expect(sameHamlet(hamletMatchPart('Tổ 3'), hamletMatchPart('Thôn 3'))).toBe(false);
  });

  it('reads a hamlet numbered in capital Roman numerals as its number, and a town\'s "Tổ", "TDP" and "Tổ dân phố" as one unit', () => {
    for (const [one, other] of [['Xóm II', 'Xóm 2'], ['Thôn XIV', 'thon 14'], ['Tổ 3', 'Tổ dân phố 3'], ['TDP 03', 'Tổ dân phố 3'], ['KP 2', 'Khu phố 2'], ['IX', 'Thôn 9']]) {
      expect(sameHamlet(hamletMatchPart(one), hamletMatchPart(other))).toBe(true);
    }
    // A name is no number: "Bản Vi" is not "Bản 6", and "Xóm II" not "Xóm 11".
    expect(hamletMatchPart('Bản Vi')).toBe('ban|vi');
    expect(sameHamlet(hamletMatchPart('Xóm II'), hamletMatchPart('Xóm 11'))).toBe(false);
    expect(sameHamlet(hamletMatchPart('Khu 3'), hamletMatchPart('Khu phố 3'))).toBe(false);
  });

  it('registers the same household written without marks once', () => {
    for (const [first, second] of [['Bàn Thạch', 'Ban Thach'], ['Ấp Tân Hòa', 'Ap Tân Hòa'], ['Thôn 3', 'Thon\u00a03']]) {
      BeneficiaryDecider.given(registered({ address: null, village: first })).withFund(fund)
        .when(register({ address: null, village: second }))
        .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', matchedBy: 'name' });
    }
  });

  it('takes the household registered as "5" for the list\'s "Thôn 5", and the list\'s "Tổ 5" for another household', () => {
    BeneficiaryDecider.given(registered({ address: null, village: '5' })).withFund(fund)
      .when(importList([
        row(2, { name: 'Nguyễn Văn An', address: null, village: 'Thôn 5' }),
        row(3, { name: 'Nguyễn Văn An', address: null, village: 'Tổ 5' }),
        row(4, { name: 'Nguyễn Văn An', address: null, village: 'thon 05' }),
      ]))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', village: 'Tổ 5' } },
        { type: 'BeneficiaryListImported', data: { members: ['BF-000001', 'BF-000002'], added: 1, matched: 2 } },
      );
  });

  it('lists a commune\'s "Nguyễn Văn An, Thôn 3" and "Nguyễn Văn An, 3" once', () => {
    BeneficiaryDecider.given().withFund(fund)
      .when(importList([
        row(2, { name: 'Nguyễn Văn An', address: null, village: 'Thôn 3' }),
        row(3, { name: 'Nguyễn Văn An', address: null, village: '3' }),
        row(4, { name: 'Nguyễn Văn An', address: null, village: 'Tổ 3' }),
      ]))
      .thenMatches(
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000001', village: 'Thôn 3' } },
        { type: 'BeneficiaryRegistered', data: { beneficiaryId: 'BF-000002', village: 'Tổ 3' } },
        { type: 'BeneficiaryListImported', data: { members: ['BF-000001', 'BF-000002'], added: 2, matched: 1 } },
      );
  });
});
