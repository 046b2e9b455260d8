import type { Response } from 'supertest';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * api-v2.md "Operations": `Accept-Language: vi` (default) or `en` chooses the language of error
 * messages; codes never change. The same request is asked in each language and the answers
 * compared: only `message` differs.
 */
describe('error messages in Vietnamese by default, in English when the client prefers it', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
    const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ fundId: 'quy-ngon-ngu', name: 'Quỹ thử ngôn ngữ' });
    expect(opened.status).toBe(201);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  type Ask = (language: string | undefined) => PromiseLike<Response>;

  const asked = (language: string | undefined, request: ReturnType<ReturnType<TestLedger['http']>['get']>) =>
    language === undefined ? request : request.set('Accept-Language', language);

  const unknownFund: Ask = (language) => asked(language, ledger.http().get('/v1/funds/khong-co-quy/balance').set('Authorization', `Bearer ${ADMIN_TOKEN}`));
  const fundTwice: Ask = (language) => asked(language, ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`))
    .send({ fundId: 'quy-ngon-ngu', name: 'Lần nữa' });
  const badBody: Ask = (language) => asked(language, ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`))
    .send({ fundId: 42, name: 'x', color: 'red' });
  const noToken: Ask = (language) => asked(language, ledger.http().get('/v1/me'));

  async function bothLanguages(ask: Ask, status: number, code: string) {
    const vi = await ask(undefined);
    const en = await ask('en');
    expect({ status: vi.status, code: vi.body.error.code }).toEqual({ status, code });
    expect({ status: en.status, code: en.body.error.code }).toEqual({ status, code });
    expect(en.body.error.details).toEqual(vi.body.error.details);
    expect(en.body.error.message).not.toEqual(vi.body.error.message);
    expect(vi.headers['content-language']).toBe('vi');
    expect(en.headers['content-language']).toBe('en');
    expect(vi.headers.vary).toMatch(/Accept-Language/i);
    return { vi: vi.body.error.message, en: en.body.error.message };
  }

  it('a fund that does not exist: 404 NOT_FOUND, "Không tìm thấy quỹ" or "No fund"', async () => {
    const messages = await bothLanguages(unknownFund, 404, 'NOT_FOUND');
    expect(messages).toEqual({ vi: 'Không tìm thấy quỹ khong-co-quy', en: 'No fund khong-co-quy' });
  });

  it('a domain rejection (the fund exists): 409 ALREADY_EXISTS in each language, the same details', async () => {
    const messages = await bothLanguages(fundTwice, 409, 'ALREADY_EXISTS');
    expect(messages).toEqual({ vi: 'Quỹ quy-ngon-ngu đã tồn tại', en: 'Fund quy-ngon-ngu already exists' });
  });

  it('a bad body: 400 VALIDATION_FAILED, the reasons translated in the message, the fields and their reasons unchanged in details', async () => {
    const messages = await bothLanguages(badBody, 400, 'VALIDATION_FAILED');
    expect(messages.en).toMatch(/^Invalid request: .*fundId: .*must be a string/);
    expect(messages.vi).toMatch(/^Yêu cầu không hợp lệ: .*fundId: .*phải là chuỗi ký tự/);
    expect(messages.vi).toMatch(/color: trường không có trong mẫu yêu cầu/);
    const en = await badBody('en');
    expect(en.body.error.details).toEqual({ fields: expect.arrayContaining([{ field: 'color', reason: 'unknown field' }]) });
  });

  it('no token: 401 UNAUTHENTICATED in each language', async () => {
    const messages = await bothLanguages(noToken, 401, 'UNAUTHENTICATED');
    expect(messages).toEqual({ vi: 'Cần có mã truy cập: Authorization: Bearer <token>', en: 'A bearer token is required: Authorization: Bearer <token>' });
  });

  it('follows the q-values of Accept-Language; a language the ledger does not speak gives Vietnamese', async () => {
    const vi = 'Không tìm thấy quỹ khong-co-quy';
    const en = 'No fund khong-co-quy';
    const cases: [string, string][] = [
      ['vi', vi], ['vi-VN', vi], ['en-US', en], ['en-GB,en;q=0.9', en], ['fr-FR,fr;q=0.9', vi],
      ['vi;q=0.4, en;q=0.8', en], ['en;q=0.3, vi;q=0.9', vi], ['fr, en;q=0.5', en], ['*', vi], ['vi;q=0, *', en], ['', vi],
    ];
    for (const [header, message] of cases) {
      const answer = await unknownFund(header);
      expect({ header, message: answer.body.error.message, code: answer.body.error.code }).toEqual({ header, message, code: 'NOT_FOUND' });
    }
  });
});
