import type { Test } from 'supertest';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../../support/ledger-app';

/** The real application on a real SQLite file, with an accountant, for the statement imports' HTTP tests. */
export interface StatementLedger {
  readonly ledger: TestLedger;
  readonly accountant: string;
  /** `POST /v1/funds/:fundId/imports` of a statement file by the accountant. */
  importInto(fundId: string, body: Buffer, query?: string, contentType?: string): Test;
  /** A call by the holder of `token`, with its JSON body. */
  as(token: string, method: 'get' | 'post', path: string, body?: object): Test;
  /** Opens a fund as the admin. */
  openFund(fundId: string, name?: string): Promise<void>;
  /** The events of one type in the log, those of one fund when it is named. */
  eventsOf(type: string, fundId?: string): Promise<{ type: string; data: Record<string, unknown> }[]>;
  /** One field of every donation booked from the statement file of this sha256, in log order. */
  donationsFromFile(sha256: string, field?: 'amountVnd' | 'receivedAt'): Promise<string[]>;
}

/**
 * Starts the ledger before the file's tests and closes it after them; the returned object is
 * ready inside the tests. The accountant is named as a test's story names them.
 */
export function useStatementLedger(options: { accountant: string; bankAccount: string; funds?: { fundId: string; name: string }[] }): StatementLedger {
  let ledger: TestLedger;
  let accountant: string;

  const call = (token: string, method: 'get' | 'post', path: string) => ledger.http()[method](path).set('Authorization', `Bearer ${token}`);
  const helpers: StatementLedger = {
    get ledger() {
      return ledger;
    },
    get accountant() {
      return accountant;
    },
    importInto(fundId, body, query = `?bankAccount=${options.bankAccount}`, contentType = 'text/csv') {
      return call(accountant, 'post', `/v1/funds/${fundId}/imports${query}`).set('content-type', contentType).send(body);
    },
    as(token, method, path, body) {
      const request = call(token, method, path);
      return body === undefined ? request : request.send(body);
    },
    async openFund(fundId, name = `Quỹ ${fundId}`) {
      expect((await helpers.as(ADMIN_TOKEN, 'post', '/v1/funds', { fundId, name })).status).toBe(201);
    },
    async eventsOf(type, fundId) {
      const events = [];
      for await (const event of ledger.store.readAll()) {
        if (event.type === type && (fundId === undefined || event.data.fundId === fundId)) events.push(event);
      }
      return events;
    },
    async donationsFromFile(sha256, field = 'amountVnd') {
      const values: string[] = [];
      for await (const event of ledger.store.readAll()) {
        const data = event.data as { amountVnd?: string; receivedAt?: string; source?: { fileSha256?: string } };
        if (event.type === 'DonationRecorded' && data.source?.fileSha256 === sha256) values.push(data[field] as string);
      }
      return values;
    },
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = (await ledger.user(options.accountant, ['accountant'])).token;
    for (const fund of options.funds ?? []) await helpers.openFund(fund.fundId, fund.name);
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
  });

  return helpers;
}

/** A statement in the common bilingual layout's Vietnamese headings, from its lines. */
export const VIETNAMESE_HEADINGS = 'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung';
export const statementOf = (...lines: string[]): Buffer => Buffer.from([VIETNAMESE_HEADINGS, ...lines].join('\n'));
