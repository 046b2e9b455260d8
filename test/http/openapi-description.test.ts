import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { PUBLIC_KEY } from '../../src/http/auth/roles.decorator';
import { statusOfErrorCode } from '../../src/http/error-mapping';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, call, campaignBody, client, disbursementBody, donationBody, expectStatus, openFund, releaseBody, vnTimestamp,
} from './support/http-helpers';

/**
 * The OpenAPI document the server serves at /docs-json is the API's own description (issue 19):
 * every route has a summary, a success answer with its schema and the error shape with each code it
 * can return under the status the error mapping gives that code; every parameter and every field
 * of a body or an answer has a description and an example; bearer tokens are opaque. Each test
 * lists every gap it finds, so a new route or field without its description fails here by name.
 */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  required?: string[];
  description?: string;
  example?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: string;
  description?: string;
  example?: unknown;
  examples?: Record<string, unknown>;
  schema?: Schema;
}

interface Response {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, Record<string, unknown>> };
}

let ledger: TestLedger;
let document: OpenApiDocument;

beforeAll(async () => {
  ledger = await startTestLedger();
  const answer = await request(ledger.app.getHttpServer()).get('/docs-json');
  expect(answer.status).toBe(200);
  document = answer.body as OpenApiDocument;
});

afterAll(async () => {
  await ledger?.close();
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(): { route: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).filter(([method]) => METHODS.includes(method)).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name];
  if (!target) throw new Error(`dangling reference ${schema.$ref}`);
  return resolve(target);
}

/** The properties a schema gives its instances, allOf parts merged (later parts refine earlier ones). */
function propertiesOf(schema: Schema): Record<string, Schema> {
  const resolved = resolve(schema);
  const merged: Record<string, Schema> = { ...(resolved.properties ?? {}) };
  for (const part of resolved.allOf ?? []) {
    for (const [name, property] of Object.entries(propertiesOf(part))) {
      merged[name] = merged[name] ? { ...merged[name], ...property, properties: { ...propertiesOf(merged[name]), ...propertiesOf(property) } } : property;
    }
  }
  return merged;
}

/** A property whose value is an object described by its own schema: its example is its fields' examples. */
function isNestedObject(property: Schema): boolean {
  if (property.$ref || property.allOf || property.oneOf || property.anyOf) return true;
  if (property.type === 'object') return true;
  return property.type === 'array' && property.items !== undefined && isNestedObject(property.items);
}

/** Every field a schema reaches (nested objects, array items, map values, allOf/oneOf parts), each checked once. */
function fieldGaps(schema: Schema, where: string, seen: Set<Schema>, gaps: string[]): void {
  const resolved = resolve(schema);
  if (seen.has(resolved)) return;
  seen.add(resolved);
  for (const [name, property] of Object.entries(propertiesOf(resolved))) {
    const field = `${where}.${name}`;
    if (!property.description?.trim()) gaps.push(`${field}: no description`);
    if (property.example === undefined && !isNestedObject(property)) gaps.push(`${field}: no example`);
    fieldGaps(property, field, seen, gaps);
  }
  for (const part of [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) fieldGaps(part, where, seen, gaps);
  if (resolved.items) fieldGaps(resolved.items, `${where}[]`, seen, gaps);
  if (typeof resolved.additionalProperties === 'object') fieldGaps(resolved.additionalProperties, `${where}{}`, seen, gaps);
}

/** The error codes of an answer that has the API's error shape; undefined when it has another shape. */
function errorCodesOf(response: Response): string[] | undefined {
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const error = propertiesOf(schema).error;
  if (!error) return undefined;
  const fields = propertiesOf(error);
  if (!fields.code || !fields.message || !fields.details) return undefined;
  return resolve(fields.code).enum as string[] | undefined;
}

/** "GET /v1/funds/{fundId}" → whether the route is marked @Public(), read from the controllers' metadata. */
function publicByRoute(): Map<string, boolean> {
  const routes = new Map<string, boolean>();
  const normalise = (path: string) => `/${path.split('/').filter(Boolean).join('/')}`.replace(/:([A-Za-z]+)/g, '{$1}');
  for (const module of ledger.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) === true || Reflect.getMetadata(PUBLIC_KEY, controller) === true;
        routes.set(`${RequestMethod[method]} ${normalise(`${prefix}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`)}`, isPublic);
      }
    }
  }
  return routes;
}

const successStatuses = (operation: Operation) => Object.keys(operation.responses ?? {}).filter((status) => /^2\d\d$/.test(status));
const errorStatuses = (operation: Operation) => Object.keys(operation.responses ?? {}).filter((status) => /^[45]\d\d$/.test(status));
const declaredCodes = (operation: Operation) => errorStatuses(operation).flatMap((status) => errorCodesOf(operation.responses![status]) ?? []);

describe("the API's own description (/docs-json)", () => {
  it('describes at least the routes of the v1 contract', () => {
    expect(operations().length).toBeGreaterThanOrEqual(30);
  });

  it('every route has a summary', () => {
    const gaps = operations().filter(({ operation }) => !operation.summary?.trim()).map(({ route }) => route);
    expect(gaps).toEqual([]);
  });

  it('every route has a success answer with its schema for each media type (a 204 has no body)', () => {
    const gaps: string[] = [];
    for (const { route, operation } of operations()) {
      const statuses = successStatuses(operation);
      if (statuses.length === 0) gaps.push(`${route}: no success answer`);
      for (const status of statuses) {
        const response = operation.responses![status];
        if (!response.description?.trim()) gaps.push(`${route} ${status}: no description`);
        if (status === '204') continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) gaps.push(`${route} ${status}: no content`);
        for (const [type, { schema }] of media) if (!schema) gaps.push(`${route} ${status} ${type}: no schema`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('every error answer of every route has the error shape and names its codes, and every route declares at least one', () => {
    const gaps: string[] = [];
    for (const { route, operation } of operations()) {
      const statuses = errorStatuses(operation);
      if (statuses.length === 0) gaps.push(`${route}: no error answer`);
      for (const status of statuses) {
        const codes = errorCodesOf(operation.responses![status]);
        if (!codes || codes.length === 0) gaps.push(`${route} ${status}: not the error shape {"error": {"code", "message", "details"}} with its codes`);
        if (!operation.responses![status].description?.trim()) gaps.push(`${route} ${status}: no description`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('each code is declared under the status the error mapping answers it with, and only once per route', () => {
    const gaps: string[] = [];
    for (const { route, operation } of operations()) {
      for (const status of errorStatuses(operation)) {
        for (const code of errorCodesOf(operation.responses![status]) ?? []) {
          if (String(statusOfErrorCode(code)) !== status) gaps.push(`${route}: ${code} under ${status}, answered with ${statusOfErrorCode(code)}`);
        }
      }
      const codes = declaredCodes(operation);
      if (new Set(codes).size !== codes.length) gaps.push(`${route}: a code is declared twice`);
    }
    expect(gaps).toEqual([]);
  });

  it('the codes a route can return by its kind are declared: 401/403 behind a sign-in, 400 for input, 404 under a fund, 409 for commands, 429 everywhere, 503 for read-your-writes', () => {
    const gaps: string[] = [];
    for (const { route, operation } of operations()) {
      const codes = declaredCodes(operation);
      const need = (code: string, why: string) => {
        if (!codes.includes(code)) gaps.push(`${route}: ${code} not declared (${why})`);
      };
      const parameters = operation.parameters ?? [];
      const names = parameters.map((parameter) => parameter.name);
      if (operation.security && operation.security.length > 0) {
        need('UNAUTHENTICATED', 'it needs a caller');
        need('FORBIDDEN', 'it needs a role');
      }
      if (parameters.some((parameter) => parameter.in !== 'header') || operation.requestBody) need('VALIDATION_FAILED', 'it takes input');
      if (names.includes('fundId')) need('NOT_FOUND', 'it names a fund');
      // A statement import is idempotent by line identity instead: its key never conflicts.
      const takesStatement = Object.keys(operation.requestBody?.content ?? {}).some((type) => type !== 'application/json');
      if (names.includes('Idempotency-Key') && !takesStatement) need('IDEMPOTENCY_KEY_REUSED', 'it takes an Idempotency-Key');
      if (operation.requestBody?.content?.['application/json']) {
        need('PAYLOAD_TOO_LARGE', 'it takes a body');
        need('UNSUPPORTED_MEDIA_TYPE', 'it takes JSON only');
      }
      if (names.includes('minPosition')) need('PROJECTION_LAGGING', 'it waits for minPosition');
      need('RATE_LIMITED', 'public routes are limited per address, the others count failed authentications');
    }
    expect(gaps).toEqual([]);
  });

  it('every path, query and header parameter has a description and an example', () => {
    const gaps: string[] = [];
    for (const { route, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        const where = `${route} ${parameter.in} ${parameter.name}`;
        if (!parameter.description?.trim()) gaps.push(`${where}: no description`);
        const example = parameter.example ?? parameter.schema?.example ?? (parameter.examples && Object.keys(parameter.examples).length > 0 ? parameter.examples : undefined);
        if (example === undefined) gaps.push(`${where}: no example`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('every field of every request body has a description and, unless it is a nested object, an example', () => {
    const gaps: string[] = [];
    const seen = new Set<Schema>();
    for (const { route, operation } of operations()) {
      for (const [type, { schema }] of Object.entries(operation.requestBody?.content ?? {})) {
        if (schema) fieldGaps(schema, `${route} body (${type})`, seen, gaps);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('every field of every answer, success or error, has a description and, unless it is a nested object, an example', () => {
    const gaps: string[] = [];
    const seen = new Set<Schema>();
    for (const { route, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, { schema }] of Object.entries(response.content ?? {})) {
          if (schema) fieldGaps(schema, `${route} ${status} (${type})`, seen, gaps);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('bearer tokens are opaque (not JWT); the staff app\'s session cookie is a scheme too; a route behind a sign-in accepts either', () => {
    const schemes = document.components.securitySchemes ?? {};
    const bearer = Object.values(schemes).find((scheme) => scheme.type === 'http' && scheme.scheme === 'bearer');
    expect(bearer).toBeDefined();
    expect(String(bearer?.bearerFormat ?? '')).not.toMatch(/jwt/i);
    expect(String(bearer?.description ?? '')).toMatch(/opaque/i);
    const cookie = Object.entries(schemes).find(([, scheme]) => scheme.type === 'apiKey' && scheme.in === 'cookie');
    expect(cookie?.[1].name).toBe('ctd_session');
    const bearerName = Object.entries(schemes).find(([, scheme]) => scheme === bearer)![0];
    const gaps: string[] = [];
    const publicRoutes = publicByRoute();
    for (const { route, operation } of operations()) {
      const isPublic = publicRoutes.get(route);
      if (isPublic === undefined) gaps.push(`${route}: not a route of the application`);
      const needsCaller = operation.security !== undefined && operation.security.length > 0;
      if (isPublic === false && !needsCaller) gaps.push(`${route}: needs a caller, but the description names no scheme`);
      if (isPublic === true && needsCaller) gaps.push(`${route}: is public, but the description names a scheme`);
      if (!needsCaller) continue;
      const names = operation.security!.flatMap((requirement) => Object.keys(requirement));
      if (!names.includes(bearerName)) gaps.push(`${route}: the bearer scheme is missing`);
      if (!names.includes(cookie![0])) gaps.push(`${route}: the session cookie scheme is missing`);
    }
    expect(gaps).toEqual([]);
  });
});

/** The fields a schema says are always present, allOf parts included. */
function requiredOf(schema: Schema): string[] {
  const resolved = resolve(schema);
  return [...(resolved.required ?? []), ...(resolved.allOf ?? []).flatMap(requiredOf)];
}

const isNullable = (schema: Schema): boolean => resolve(schema).nullable === true || schema.nullable === true;

/** Where a real answer and its documented schema disagree: a field not described, one described as always present but missing, a wrong type. */
function conformanceGaps(value: unknown, schema: Schema, where: string, gaps: string[]): void {
  const resolved = resolve(schema);
  if (value === null) {
    if (!isNullable(schema)) gaps.push(`${where}: null, but not documented as nullable`);
    return;
  }
  const properties = propertiesOf(resolved);
  if (resolved.type === 'array' || resolved.items) {
    if (!Array.isArray(value)) gaps.push(`${where}: documented as an array`);
    else if (resolved.items) value.forEach((item, index) => conformanceGaps(item, resolved.items!, `${where}[${index}]`, gaps));
    return;
  }
  if (Object.keys(properties).length > 0) {
    if (typeof value !== 'object' || Array.isArray(value)) return void gaps.push(`${where}: documented as an object`);
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) if (!(key in properties)) gaps.push(`${where}.${key}: in the answer, not in its description`);
    for (const key of requiredOf(resolved)) if (!(key in fields)) gaps.push(`${where}.${key}: described as always present, missing`);
    for (const [key, field] of Object.entries(fields)) if (key in properties) conformanceGaps(field, properties[key], `${where}.${key}`, gaps);
    return;
  }
  if (typeof resolved.additionalProperties === 'object' && typeof value === 'object') {
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) conformanceGaps(field, resolved.additionalProperties, `${where}{${key}}`, gaps);
    return;
  }
  const types: Record<string, string> = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean', object: 'object' };
  if (resolved.type && types[resolved.type] && typeof value !== types[resolved.type]) gaps.push(`${where}: a ${typeof value}, documented as ${resolved.type}`);
  if (resolved.enum && !resolved.enum.includes(value)) gaps.push(`${where}: ${JSON.stringify(value)} is not one of the documented values`);
}

/** The documented JSON schema of a route's answer with this status ("POST /v1/funds/{fundId}/donations"). */
function documentedAnswer(route: string, status: number): Schema {
  const [method, path] = route.split(' ');
  const response = document.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${route} documents no JSON answer with status ${status}`);
  return schema;
}

describe('the described answers are the real ones', () => {
  const FUND = 'quy-mo-ta';
  const gaps: string[] = [];
  const answered: string[] = [];

  /** Calls the route and checks its real answer (success or error) against the description. */
  async function check(route: string, response: import('supertest').Response): Promise<Record<string, unknown>> {
    answered.push(`${route} ${response.status}`);
    conformanceGaps(response.body, documentedAnswer(route, response.status), `${route} ${response.status}`, gaps);
    if (response.status >= 400) {
      const [method, path] = route.split(' ');
      const codes = errorCodesOf(document.paths[path][method.toLowerCase()].responses![String(response.status)]) ?? [];
      if (!codes.includes(response.body.error?.code)) gaps.push(`${route} ${response.status}: answered ${response.body.error?.code}, not declared`);
    }
    return response.body as Record<string, unknown>;
  }

  it('a book-keeping story through every kind of answer: each answer has only described fields, each always-present field, the described types', async () => {
    const admin = client(ledger, ADMIN_TOKEN);
    const accountant = client(ledger, (await ledger.user('Kế toán mô tả', ['accountant'])).token);
    const approver = client(ledger, (await ledger.user('Người duyệt mô tả', ['approver'])).token);
    const coordinator = client(ledger, (await ledger.user('Điều phối mô tả', ['coordinator'])).token);
    const F = `/v1/funds/${FUND}`;
    await openFund(ledger, `${FUND}-khac`);
    await check('POST /v1/funds', await admin.post('/v1/funds', { fundId: FUND, name: 'Quỹ mô tả', chapter: 'Hội CTĐ' }));
    await check('POST /v1/funds', await admin.post('/v1/funds', { fundId: FUND, name: 'Quỹ mô tả' }));
    await check('POST /v1/funds/{fundId}/campaigns', await admin.post(`${F}/campaigns`, campaignBody()));
    await check('POST /v1/funds/{fundId}/donations', await accountant.post(`${F}/donations`, donationBody({ amount: '90000000' })));
    // Nothing is spent from the campaign's pool: this donation can be reversed.
    const donation = await check('POST /v1/funds/{fundId}/donations', await accountant.post(`${F}/donations`, donationBody({ campaignId: 'bao-yagi', component: 'emergency-relief' })));
    await check('POST /v1/funds/{fundId}/donations', await accountant.post(`${F}/donations`, donationBody({ amount: '-5' })));
    await check('POST /v1/funds/{fundId}/donations', await approver.post(`${F}/donations`, donationBody()));
    await check('POST /v1/funds/{fundId}/donations', await call(ledger, 'post', `${F}/donations`, donationBody(), { token: null }));
    const requested = await check('POST /v1/funds/{fundId}/disbursements', await accountant.post(`${F}/disbursements`, disbursementBody()));
    await check('POST /v1/funds/{fundId}/disbursements', await accountant.post(`${F}/disbursements`, disbursementBody({ amount: '900000000' })));
    const id = String(requested.disbursementId);
    await check('POST /v1/funds/{fundId}/disbursements/{id}/approve', await approver.post(`${F}/disbursements/${id}/approve`, {}));
    await check('POST /v1/funds/{fundId}/disbursements/{id}/approve', await approver.post(`${F}/disbursements/${id}/approve`, {}));
    await check('POST /v1/funds/{fundId}/disbursements/{id}/pay', await approver.post(`${F}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-1' }));
    const second = await check('POST /v1/funds/{fundId}/disbursements', await accountant.post(`${F}/disbursements`, disbursementBody({ amount: '1000000' })));
    await check('POST /v1/funds/{fundId}/disbursements/{id}/reject', await approver.post(`${F}/disbursements/${String(second.disbursementId)}/reject`, { reason: 'Thiếu hồ sơ' }));
    const released = await check('POST /v1/funds/{fundId}/emergency-releases', await coordinator.post(`${F}/emergency-releases`, releaseBody({ component: 'general', amount: '3000000' })));
    await check('POST /v1/funds/{fundId}/emergency-releases/{id}/settle', await coordinator.post(`${F}/emergency-releases/${String(released.releaseId)}/settle`, { spent: '2000000', returned: '1000000', evidence: ['Biên bản 1'] }));
    await check('POST /v1/funds/{fundId}/reversals', await accountant.post(`${F}/reversals`, { entryId: donation.donationId, reason: 'Hoàn trả' }));
    await check('POST /v1/funds/{fundId}/reversals', await accountant.post(`${F}/reversals`, { entryId: donation.donationId, reason: 'Hoàn trả' }));
    await check('PUT /v1/funds/{fundId}/policy', await admin.put(`${F}/policy`, { policy: { emergencySettlementDays: 20 }, effectiveFrom: vnTimestamp(30).slice(0, 10), decisionRef: '1/QĐ' }));
    const call1 = { kind: 'campaign-call', campaignId: 'bao-yagi', channel: 'website', url: 'https://chuthapdo.example.vn/goi', publishedAt: vnTimestamp(0).slice(0, 10), contentSha256: 'b'.repeat(64) };
    await check('POST /v1/funds/{fundId}/publications', await accountant.post(`${F}/publications`, call1));
    await check('POST /v1/funds/{fundId}/publications', await accountant.post(`${F}/publications`, { ...call1, kind: 'campaign-receipts' }));
    await check('GET /v1/funds/{fundId}/publications', await admin.get(`${F}/publications`));
    await check('GET /v1/funds/{fundId}/obligations', await admin.get(`${F}/obligations`));
    await check('GET /v1/public/funds/{fundId}/publications', await call(ledger, 'get', `/v1/public/funds/${FUND}/publications`, undefined, { token: null }));
    const minPosition = `minPosition=${await ledger.store.headPosition()}`;
    await check('GET /v1/funds/{fundId}', await admin.get(F));
    await check('GET /v1/funds/{fundId}', await admin.get('/v1/funds/khong-co'));
    await check('GET /v1/funds/{fundId}/policy/history', await admin.get(`${F}/policy/history`));
    await check('GET /v1/funds/{fundId}/management-cost', await admin.get(`${F}/management-cost`));
    await check('GET /v1/funds/{fundId}/balance', await admin.get(`${F}/balance?${minPosition}`));
    await check('GET /v1/funds/{fundId}/donations', await admin.get(`${F}/donations?${minPosition}`));
    await check('GET /v1/funds/{fundId}/disbursements', await admin.get(`${F}/disbursements?${minPosition}`));
    await check('GET /v1/funds/{fundId}/emergency-releases', await admin.get(`${F}/emergency-releases?${minPosition}`));
    await check('GET /v1/funds/{fundId}/reports/{report}', await admin.get(`${F}/reports/financial?${minPosition}`));
    await check('GET /v1/funds/{fundId}/reports/{report}', await admin.get(`${F}/reports/khong-co`));
    await check('GET /v1/public/funds/{fundId}', await call(ledger, 'get', `/v1/public/funds/${FUND}?${minPosition}`, undefined, { token: null }));
    await check('GET /v1/public/funds/{fundId}/donations', await call(ledger, 'get', `/v1/public/funds/${FUND}/donations?${minPosition}`, undefined, { token: null }));
    await check('GET /v1/audit/verify', await admin.get('/v1/audit/verify'));
    const created = await check('POST /v1/users', await admin.post('/v1/users', { name: 'Người mới', roles: ['auditor'] }));
    await check('GET /v1/users', await admin.get('/v1/users'));
    await check('GET /v1/me', await accountant.get('/v1/me'));
    await check('POST /v1/users/{userId}/token', await admin.post(`/v1/users/${String(created.userId)}/token`));
    await check('DELETE /v1/users/{userId}', await admin.delete(`/v1/users/${String(created.userId)}`));
    await check('POST /v1/session', await call(ledger, 'post', '/v1/session', { name: 'Không có', password: 'sai mật khẩu rồi' }, { token: null }));
    await check('GET /health', await call(ledger, 'get', '/health', undefined, { token: null }));
    expectStatus(await admin.get(`${F}/balance`), 200);
    expect(gaps).toEqual([]);
    if (process.env.SHOW_ANSWERS) console.log(answered.join('\n'));
    expect(answered.length).toBeGreaterThanOrEqual(40);
  });
});
