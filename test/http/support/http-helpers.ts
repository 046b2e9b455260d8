import type { Response } from 'supertest';
import { ADMIN_TOKEN, countEvents, type TestLedger } from '../../support/ledger-app';

export { ADMIN_TOKEN };

type Method = 'get' | 'post' | 'put' | 'delete';

export interface CallOptions {
  token?: string | null;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

/** One HTTP call on the real app, JSON body, bearer token unless `token` is null. */
export function call(ledger: TestLedger, method: Method, path: string, body?: unknown, options: CallOptions = {}) {
  let req = ledger.http()[method](path);
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
  if (options.idempotencyKey !== undefined) req = req.set('Idempotency-Key', options.idempotencyKey);
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  if (body !== undefined) return req.send(body as object);
  return req;
}

/** A client bound to one user's token. */
export function client(ledger: TestLedger, token: string | null) {
  return {
    get: (path: string, options: Omit<CallOptions, 'token'> = {}) => call(ledger, 'get', path, undefined, { ...options, token }),
    post: (path: string, body: unknown = {}, options: Omit<CallOptions, 'token'> = {}) => call(ledger, 'post', path, body, { ...options, token }),
    put: (path: string, body: unknown = {}, options: Omit<CallOptions, 'token'> = {}) => call(ledger, 'put', path, body, { ...options, token }),
    delete: (path: string, options: Omit<CallOptions, 'token'> = {}) => call(ledger, 'delete', path, undefined, { ...options, token }),
  };
}

export type Client = ReturnType<typeof client>;

/** Asserts the status, with the body in the failure message. */
export function expectStatus(response: Response, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body).slice(0, 2000)}`);
  }
}

/** Asserts the API's error body `{"error": {"code", "message"}}` with this status and code. */
export function expectError(response: Response, status: number, code: string): void {
  expectStatus(response, status);
  expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(response.body.error.message.length).toBeGreaterThan(0);
}

/**
 * Runs `act` and asserts the log has exactly as many events after as before: a rejected or
 * invalid command appends nothing.
 */
export async function expectNothingAppended<T>(ledger: TestLedger, act: () => Promise<T>): Promise<T> {
  const before = await countEvents(ledger.store);
  const result = await act();
  const after = await countEvents(ledger.store);
  if (after !== before) throw new Error(`expected nothing appended, but the log grew from ${before} to ${after} events`);
  return result;
}

/** Runs `act` (a rejected command) and asserts status, code and that nothing was appended. */
export async function expectRejected(ledger: TestLedger, act: () => PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const response = await expectNothingAppended(ledger, async () => act());
  expectError(response, status, code);
  return response;
}

/**
 * The fields a 400 VALIDATION_FAILED names, read from the one documented shape:
 * `details.fields: [{field, reason}]`, each with a non-empty reason.
 */
export function validationFields(response: Response): string[] {
  expectError(response, 400, 'VALIDATION_FAILED');
  const fields = response.body.error.details?.fields;
  if (!Array.isArray(fields)) {
    throw new Error(`400 VALIDATION_FAILED without details.fields: ${JSON.stringify(response.body)}`);
  }
  for (const problem of fields) {
    expect(problem).toEqual({ field: expect.any(String), reason: expect.any(String) });
    expect(problem.reason.length).toBeGreaterThan(0);
  }
  return fields.map((p: { field: string }) => p.field);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A timestamp `days` from now, ISO 8601 with the Vietnam offset. */
export function vnTimestamp(days = 0, from: number = Date.now()): string {
  const shifted = new Date(from + days * 86_400_000 + 7 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

/** The fiscal year (calendar year in UTC+7) of a timestamp. */
export function fiscalYearOf(iso: string): number {
  return vietnamYearOf(Date.parse(iso));
}

/** The calendar year in Vietnam (UTC+7) at an instant in epoch milliseconds, now by default. */
export function vietnamYearOf(ms: number = Date.now()): number {
  return new Date(ms + 7 * 3_600_000).getUTCFullYear();
}

export interface DonationOverrides {
  [key: string]: unknown;
}

/** A valid VND cash donation body received now; `overrides` replace fields (undefined removes). */
export function donationBody(overrides: DonationOverrides = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    amount: '1500000',
    currency: 'VND',
    fxRate: null,
    channel: 'bank_transfer',
    receivedAt: vnTimestamp(0),
    donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: 'Nguyễn V. A.', taxCode: null, address: null, contact: null },
    component: 'general',
    reference: 'FT24133XYZ',
    note: null,
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

export function disbursementBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    amount: '20000000',
    kind: 'relief',
    component: 'general',
    purpose: 'Hỗ trợ 20 hộ nghèo xã An Phú',
    beneficiary: 'UBND xã An Phú',
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

export function releaseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    amount: '30000000',
    component: 'emergency-relief',
    incident: 'Sạt lở đất xã Làng Nủ',
    recipient: 'Hội CTĐ huyện Bảo Yên',
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

export function campaignBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    campaignId: 'bao-yagi',
    name: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi',
    kind: 'disaster',
    receiveFrom: vnTimestamp(-10),
    receiveUntil: vnTimestamp(60),
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/** Opens a fund as admin and returns the command's answer. */
export async function openFund(ledger: TestLedger, fundId: string, extra: Record<string, unknown> = {}) {
  const response = await call(ledger, 'post', '/v1/funds', { fundId, name: `Quỹ hoạt động Chữ thập đỏ ${fundId}`, ...extra });
  expectStatus(response, 201);
  return response.body as { fundId: string; position: number };
}

/** The balance once the read model has reached `minPosition`. */
export async function balanceAt(ledger: TestLedger, fundId: string, minPosition: number, token: string = ADMIN_TOKEN) {
  const response = await call(ledger, 'get', `/v1/funds/${fundId}/balance?minPosition=${minPosition}`, undefined, { token });
  expectStatus(response, 200);
  expect(response.body.asOfPosition).toBeGreaterThanOrEqual(minPosition);
  return response.body as Balance;
}

export interface Figures {
  received: string;
  disbursed: string;
  held: string;
  outstandingEmergency: string;
  available: string;
}

export interface Balance extends Figures {
  fundId: string;
  asOfPosition: number;
  currency: string;
  inKindReceived?: string;
  byComponent: Record<string, Partial<Figures>>;
  restricted: (Partial<Figures> & { restrictionId: string; campaignId?: string | null; purpose?: string | null; component?: string })[];
}

export { countEvents };

/** The answers by status, and by code for a refusal: `{ '201': 18, '422 INSUFFICIENT_FUNDS': 2 }`. */
export function tallyAnswers(responses: readonly Response[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
