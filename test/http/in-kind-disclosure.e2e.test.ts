/**
 * Issue 17, R12 and R18: gifts received in kind and handed out through a distribution show as
 * used in the disclosure (the staff's report in JSON, CSV and XLSX, and the public download): the
 * item, the quantity handed over and its value at receipt. A share whose beneficiary was absent
 * hands nothing out, and a hand-over after the period's end is not in the period.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import '../read-side/esm-interop';
import { loadWorkbook, rowLabelled, sheetTexts } from '../read-side/xlsx-reading';
import { call, client, disbursementBody, donationBody, expectStatus, openFund, type Client } from './support/http-helpers';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { BeneficiaryQueries } from '../../src/read-side/beneficiary-queries';

const FUND = 'quy-hien-vat';

const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('in-kind gifts used, in the disclosure (issue 17)', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let auditorToken: string;
  let position = 0;
  let coordinator: Client;
  let hoa = '';
  let distribution = '';
  const at = (day: string) => `2026-01-${day}T09:00:00+07:00`;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    coordinator = client(ledger, (await ledger.user('Điều phối', ['coordinator'])).token);
    const approver = client(ledger, (await ledger.user('Duyệt', ['approver'])).token);
    auditorToken = (await ledger.user('Kiểm toán', ['auditor'])).token;
    await openFund(ledger, FUND);
    // 150 kg of rice received in kind, worth 4.000.000 đ at receipt: 26.666,67 đ a kilogram on average.
    for (const [quantity, amount, day] of [['100', '2500000', '05'], ['50', '1500000', '06']]) {
      expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
        channel: 'in_kind', amount, receivedAt: at(day), inKind: { description: 'Gạo tẻ', quantity, unit: 'kg', valuationMethod: 'giá thị trường' },
      })), 201);
    }
    const household = async (name: string) => {
      const response = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name, commune: 'Xã Tân Phú', categories: ['poor'] });
      expectStatus(response, 201);
      return response.body.beneficiaryId as string;
    };
    const an = await household('Nguyễn Văn An');
    hoa = await household('Lê Thị Hoa');
    const cuc = await household('Phạm Thị Cúc');
    const rice = (beneficiaryId: string, kg: string) => ({ beneficiaryId, items: [{ description: 'gạo tẻ', quantity: kg, unit: 'KG' }] });
    const requested = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '0', needCategory: 'tet-gift', purpose: 'Quà Tết: gạo', beneficiary: 'Hộ nghèo xã Tân Phú', requestedAt: at('10'),
      distribution: [rice(an, '20'), rice(hoa, '10'), rice(cuc, '15')],
    }));
    expectStatus(requested, 201);
    const id = requested.body.disbursementId as string;
    distribution = id;
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    const handover = async (beneficiaryId: string, status: string, day: string) => {
      const response = await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
        beneficiaryId, status, handedOverAt: at(day), evidenceRef: 'Biên bản nhận gạo',
      });
      expectStatus(response, 201);
      position = Math.max(position, response.body.position as number);
    };
    await handover(an, 'received', '12');
    await handover(hoa, 'absent', '12');
    await handover(cuc, 'received', '13');
    // Lê Thị Hoa comes for her rice after the period the reports ask for.
    await handover(hoa, 'received', '25');
  }, 60_000);
  afterAll(async () => ledger?.close());

  const query = `from=2026-01-01&to=2026-01-20`;
  const staff = (format: string) => {
    const request = ledger.http().get(`/v1/funds/${FUND}/reports/disclosure?${query}&format=${format}&minPosition=${position}`).set('Authorization', `Bearer ${auditorToken}`);
    return format === 'xlsx' ? request.buffer(true).parse(binary) : request;
  };

  it('lists the rice handed over as used, 35 kg worth 933.333 đ at receipt, with its total', async () => {
    const response = await staff('json');
    expectStatus(response, 200);
    const used = (response.body.rows as Record<string, unknown>[]).filter((row) => row.section === 'in-kind-used');
    // 20 kg on the 12th and 15 kg on the 13th of one distribution: one line, dated its last hand-over.
    expect(used).toEqual([{
      section: 'in-kind-used', date: at('13'), reference: expect.stringMatching(/^DB-/), name: 'Hộ nghèo xã Tân Phú',
      description: 'Gạo tẻ (35 kg)', cash: '0', inKindValue: '933333', used: null, remaining: null,
    }]);
    expect(response.body.summary).toMatchObject({ inKindReceived: '4000000', inKindUsed: '933333', paidToRecipients: '0' });
  });

  it('counts the late hand-over in the period it falls in', async () => {
    const response = await ledger.http().get(`/v1/funds/${FUND}/reports/disclosure?from=2026-01-21&to=2026-01-31&minPosition=${position}`)
      .set('Authorization', `Bearer ${auditorToken}`);
    expectStatus(response, 200);
    expect((response.body.rows as Record<string, unknown>[]).filter((row) => row.section === 'in-kind-used'))
      .toEqual([expect.objectContaining({ date: at('25'), description: 'Gạo tẻ (10 kg)', inKindValue: '266667' })]);
  });

  it('gives the same line in CSV and in the XLSX part "distribution, use", whose total counts it', async () => {
    const csv = await staff('csv');
    expectStatus(csv, 200);
    const table = parseCsv(csv.text.split('\r\n').filter((line: string) => !line.startsWith('#')).join('\r\n'), { bom: true }) as string[][];
    expect(table.find((cells) => cells[0] === 'in-kind-used')).toEqual(['in-kind-used', at('13'), expect.stringMatching(/^DB-/), 'Hộ nghèo xã Tân Phú', 'Gạo tẻ (35 kg)', '0', '933333', '', '']);
    const xlsx = await staff('xlsx');
    expectStatus(xlsx, 200);
    const workbook = await loadWorkbook(xlsx.body as Buffer);
    const sheet = workbook.worksheets[0];
    const texts = sheetTexts(sheet);
    expect(texts.indexOf('Gạo tẻ (35 kg)')).toBeGreaterThan(texts.indexOf('II. PHÂN PHỐI, SỬ DỤNG'));
    expect(texts).toContain('Hiện vật đã phân phối, sử dụng');
    const total = rowLabelled(sheet, 'Cộng phân phối, sử dụng');
    expect(total).toBeDefined();
    expect((total?.values as unknown[]).map((value) => (typeof value === 'object' && value !== null && 'result' in value ? (value as { result: unknown }).result : value)))
      .toContain(933333);
  });

  it('publishes the same line in the public disclosure', async () => {
    const response = await call(ledger, 'get', `/v1/public/funds/${FUND}/reports/disclosure?${query}&minPosition=${position}`, undefined, { token: null });
    expectStatus(response, 200);
    expect((response.body.rows as Record<string, unknown>[]).filter((row) => row.section === 'in-kind-used'))
      .toEqual([expect.objectContaining({ description: 'Gạo tẻ (35 kg)', inKindValue: '933333' })]);
  });

  it('drops the late hand-over once it is corrected as recorded in error: Hoa is absent again and her 10 kg are not used', async () => {
    const corrected = await coordinator.post(`/v1/funds/${FUND}/disbursements/${distribution}/handovers/${hoa}/correct`, { reason: 'Ghi nhầm: bà Hoa chưa đến nhận' });
    expectStatus(corrected, 201);
    expect(corrected.body).toMatchObject({ corrected: 'received', restored: 'absent' });
    const late = await ledger.http().get(`/v1/funds/${FUND}/reports/disclosure?from=2026-01-21&to=2026-01-31&minPosition=${corrected.body.position}`)
      .set('Authorization', `Bearer ${auditorToken}`);
    expectStatus(late, 200);
    expect((late.body.rows as Record<string, unknown>[]).filter((row) => row.section === 'in-kind-used')).toEqual([]);
    const stock = await accountant.get(`/v1/funds/${FUND}/stock?minPosition=${corrected.body.position}`);
    expect(stock.body.items).toEqual([expect.objectContaining({ received: '150', allocated: '45', handedOut: '35', onHand: '115', free: '105' })]);
  });

  it('states the position its stock is of, when a gift and a distribution are recorded while it is read', async () => {
    const before = await accountant.get(`/v1/funds/${FUND}/stock`);
    expectStatus(before, 200);
    const household = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'Trần Văn Bình', commune: 'Xã Tân Phú', categories: ['poor'] });
    expectStatus(household, 201);
    // The writes land after the fund's spending was read and before the donation register is:
    // the answer must be the stock as it stood at the position it states, wherever that falls.
    const queries = ledger.app.get(BeneficiaryQueries, { strict: false });
    const read = queries.spending.bind(queries);
    let gift = 0;
    let promise = 0;
    const spy = jest.spyOn(queries, 'spending').mockImplementationOnce(async (fundId: string) => {
      const spending = await read(fundId);
      const given = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
        channel: 'in_kind', amount: '300000', receivedAt: at('26'), inKind: { description: 'Gạo tẻ', quantity: '10', unit: 'kg', valuationMethod: 'giá thị trường' },
      }));
      expectStatus(given, 201);
      gift = given.body.position as number;
      const promised = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
        amount: '0', needCategory: 'tet-gift', purpose: 'Quà Tết: gạo', beneficiary: 'Hộ Trần Văn Bình', requestedAt: at('27'),
        distribution: [{ beneficiaryId: household.body.beneficiaryId as string, items: [{ description: 'Gạo tẻ', quantity: '5', unit: 'kg' }] }],
      }));
      expectStatus(promised, 201);
      promise = promised.body.position as number;
      return spending;
    });
    try {
      const stock = await accountant.get(`/v1/funds/${FUND}/stock`);
      expectStatus(stock, 200);
      expect(spy).toHaveBeenCalled();
      const at = stock.body.position as number;
      const received = at >= gift ? '160' : '150';
      const allocated = at >= promise ? '50' : '45';
      expect(stock.body.items).toEqual([expect.objectContaining({ received, allocated, handedOut: '35' })]);
    } finally {
      spy.mockRestore();
    }
    const after = await accountant.get(`/v1/funds/${FUND}/stock?minPosition=${promise}`);
    expect(after.body.items).toEqual([expect.objectContaining({ received: '160', allocated: '50', handedOut: '35', onHand: '125', free: '110' })]);
  });
});

describe('in-kind gifts received, distributed and on hand, per campaign in the campaigns report (issue 17)', () => {
  const CAMPAIGN_FUND = 'quy-hien-vat-dot';
  let ledger: TestLedger;
  let auditorToken: string;
  let position = 0;
  const at = (day: string) => `2026-01-${day}T09:00:00+07:00`;

  beforeAll(async () => {
    ledger = await startTestLedger();
    const accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    const coordinator = client(ledger, (await ledger.user('Điều phối', ['coordinator'])).token);
    const approver = client(ledger, (await ledger.user('Duyệt', ['approver'])).token);
    auditorToken = (await ledger.user('Kiểm toán', ['auditor'])).token;
    await openFund(ledger, CAMPAIGN_FUND);
    expectStatus(await call(ledger, 'post', `/v1/funds/${CAMPAIGN_FUND}/campaigns`, {
      campaignId: 'tet-2026', name: 'Tết nhân ái 2026', kind: 'tet', receiveFrom: '2026-01-01T00:00:00+07:00', receiveUntil: '2026-01-31T23:59:59+07:00',
    }), 201);
    // 100 kg for the campaign (2.500.000 đ) and 50 kg for the fund (1.500.000 đ): 26.666,67 đ a kilogram on average.
    for (const [quantity, amount, day, campaignId] of [['100', '2500000', '05', 'tet-2026'], ['50', '1500000', '06', undefined]]) {
      expectStatus(await accountant.post(`/v1/funds/${CAMPAIGN_FUND}/donations`, donationBody({
        channel: 'in_kind', amount, receivedAt: at(day as string), campaignId, inKind: { description: 'Gạo tẻ', quantity, unit: 'kg', valuationMethod: 'giá thị trường' },
      })), 201);
    }
    const household = async (name: string) => {
      const response = await accountant.post(`/v1/funds/${CAMPAIGN_FUND}/beneficiaries`, { kind: 'household', name, commune: 'Xã Tân Phú', categories: ['poor'] });
      expectStatus(response, 201);
      return response.body.beneficiaryId as string;
    };
    const an = await household('Nguyễn Văn An');
    const cuc = await household('Phạm Thị Cúc');
    const rice = (beneficiaryId: string, kg: string) => ({ beneficiaryId, items: [{ description: 'gạo tẻ', quantity: kg, unit: 'KG' }] });
    const requested = await accountant.post(`/v1/funds/${CAMPAIGN_FUND}/disbursements`, disbursementBody({
      amount: '0', needCategory: 'tet-gift', purpose: 'Quà Tết: gạo', beneficiary: 'Hộ nghèo xã Tân Phú', requestedAt: at('10'), campaignId: 'tet-2026',
      distribution: [rice(an, '20'), rice(cuc, '15')],
    }));
    expectStatus(requested, 201);
    const id = requested.body.disbursementId as string;
    expectStatus(await approver.post(`/v1/funds/${CAMPAIGN_FUND}/disbursements/${id}/approve`, {}), 200);
    for (const [beneficiaryId, day] of [[an, '12'], [cuc, '25']]) {
      const response = await coordinator.post(`/v1/funds/${CAMPAIGN_FUND}/disbursements/${id}/handovers`, {
        beneficiaryId, status: 'received', handedOverAt: at(day), evidenceRef: 'Biên bản nhận gạo',
      });
      expectStatus(response, 201);
      position = Math.max(position, response.body.position as number);
    }
  }, 60_000);
  afterAll(async () => ledger?.close());

  const campaigns = (query: string, format = 'json') => {
    const request = ledger.http().get(`/v1/funds/${CAMPAIGN_FUND}/reports/campaigns?${query}&format=${format}&minPosition=${position}`).set('Authorization', `Bearer ${auditorToken}`);
    return format === 'xlsx' ? request.buffer(true).parse(binary) : request;
  };

  it('gives the campaign what it received in kind, what its distribution handed out (valued at receipt) and what it still holds', async () => {
    const january = await campaigns('from=2026-01-01&to=2026-01-20');
    expectStatus(january, 200);
    // 20 kg handed over by the 20th: 533.333 đ at receipt; 1.966.667 đ of the campaign's rice still held.
    expect(january.body.rows).toEqual([expect.objectContaining({ campaignId: 'tet-2026', inKindReceived: '2500000', inKindDistributed: '533333', inKindOnHand: '1966667' })]);
    const late = await campaigns('from=2026-01-21&to=2026-01-31');
    // 15 kg more on the 25th; nothing received in that period, 1.566.667 đ held at its end.
    expect(late.body.rows).toEqual([expect.objectContaining({ inKindReceived: '0', inKindDistributed: '400000', inKindOnHand: '1566667' })]);
    expect(january.body.columns.map((column: { key: string }) => column.key)).toEqual(expect.arrayContaining(['inKindReceived', 'inKindDistributed', 'inKindOnHand']));
  });

  it('shows the same figures under Vietnamese headings in the CSV and the XLSX', async () => {
    const csv = await campaigns('from=2026-01-01&to=2026-01-20', 'csv');
    expectStatus(csv, 200);
    const table = parseCsv(csv.text.split('\r\n').filter((line: string) => !line.startsWith('#')).join('\r\n'), { bom: true }) as string[][];
    const [headings, row] = table;
    expect(row[headings.indexOf('Hiện vật đã phân phối (giá trị)')]).toBe('533333');
    expect(row[headings.indexOf('Hiện vật còn lại (giá trị)')]).toBe('1966667');
    const xlsx = await campaigns('from=2026-01-01&to=2026-01-20', 'xlsx');
    expectStatus(xlsx, 200);
    const texts = sheetTexts((await loadWorkbook(xlsx.body as Buffer)).worksheets[0]);
    expect(texts).toEqual(expect.arrayContaining(['Hiện vật đã phân phối (giá trị)', 'Hiện vật còn lại (giá trị)']));
    expect(texts).not.toContain('inKindDistributed');
  });

  it('publishes the campaign\'s in-kind figures on the public site, up to now', async () => {
    const response = await call(ledger, 'get', `/v1/public/funds/${CAMPAIGN_FUND}/campaigns?minPosition=${position}`, undefined, { token: null });
    expectStatus(response, 200);
    expect(response.body.campaigns).toEqual([expect.objectContaining({ campaignId: 'tet-2026', inKindReceived: '2500000', inKindDistributed: '933333', inKindOnHand: '1566667' })]);
  });
});
