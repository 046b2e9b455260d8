import { DEFAULT_LIMITS } from '../../src/config/ledger-config';
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectStatus, openFund, releaseBody } from './support/http-helpers';

/**
 * Issue 20, "a lost phone can be signed out from the admin screen": an admin lists the devices a
 * person is signed in on and ends one; what that device sends afterwards is refused with a reason
 * the app on it can show, while the person's other devices go on working.
 */
const HOST = 'so-cai.ctd.test';
const ORIGIN = `http://${HOST}`;
const PHONE = 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const LAPTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('device sessions: an admin signs a lost phone out', () => {
  let ledger: TestLedger;
  let coordinator: { userId: string; token: string; name: string };
  const password = 'mật khẩu thật dài 2026';

  beforeAll(async () => {
    ledger = await startTestLedger();
    coordinator = { ...(await ledger.user('Điều phối viên Hà', ['coordinator'])), name: 'Điều phối viên Hà' };
    await ledger.http().post(`/v1/users/${coordinator.userId}/password`).set(as(ADMIN_TOKEN)).send({ password }).expect(204);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  async function signInOn(device: string): Promise<string> {
    const answer = await ledger.http().post('/v1/session').set('Host', HOST).set('User-Agent', device).send({ name: coordinator.name, password }).expect(200);
    return ([] as string[]).concat(answer.headers['set-cookie'] as string[] | string)[0].split(';')[0];
  }

  it('lists each device by its browser and system, ends the phone only, and tells the phone why it is refused', async () => {
    const phone = await signInOn(PHONE);
    const laptop = await signInOn(LAPTOP);
    await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', laptop).expect(200);

    const listed = await ledger.http().get(`/v1/users/${coordinator.userId}/sessions`).set(as(ADMIN_TOKEN)).expect(200);
    const items = listed.body.items as { sessionId: string; device: string; startedAt: string; lastUsedAt: string }[];
    expect(items.map((item) => item.device)).toEqual(['Chrome 131 · Windows NT 10.0', 'Chrome 131 · Android 14']);
    expect(JSON.stringify(listed.body)).not.toContain(phone.split('=')[1]);
    const phoneSession = items[1].sessionId;

    await ledger.http().delete(`/v1/users/${coordinator.userId}/sessions/${phoneSession}`).set(as(ADMIN_TOKEN)).expect(204);

    const refused = await ledger.http().post('/v1/funds/khong-co/emergency-releases').set('Host', HOST).set('Origin', ORIGIN).set('Cookie', phone)
      .send({ amount: '1000000', component: 'emergency-relief', incident: 'Lũ', recipient: 'UBND xã' }).expect(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    expect(refused.body.error.details).toEqual({ reason: 'device-signed-out', signedOutAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(refused.body.error.message).toMatch(/đăng xuất/);
    await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', laptop).expect(200);
    const after = await ledger.http().get(`/v1/users/${coordinator.userId}/sessions`).set(as(ADMIN_TOKEN)).expect(200);
    expect((after.body.items as unknown[]).length).toBe(1);
  });

  it('answers 404 for a session that is not the user\'s, 400 for a malformed id, and 403 to anyone but an admin', async () => {
    const phone = await signInOn(PHONE);
    const [{ sessionId }] = (await ledger.http().get(`/v1/users/${coordinator.userId}/sessions`).set(as(ADMIN_TOKEN)).expect(200)).body.items as { sessionId: string }[];
    const other = await ledger.user('Kế toán Lan', ['accountant']);
    const missing = await ledger.http().delete(`/v1/users/${other.userId}/sessions/${sessionId}`).set(as(ADMIN_TOKEN)).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    // The devices of a user id that names nobody: 404, not an empty list.
    expect((await ledger.http().get('/v1/users/khong-co-ai/sessions').set(as(ADMIN_TOKEN)).expect(404)).body.error.details).toMatchObject({ entity: 'user' });
    const malformed = await ledger.http().delete(`/v1/users/${coordinator.userId}/sessions/${encodeURIComponent('a b')}`).set(as(ADMIN_TOKEN)).expect(400);
    expect(malformed.body.error.details.fields).toEqual([{ field: 'sessionId', reason: 'is not a session id' }]);
    // Sessions are access administration, like the list of users: the admin's alone, not the auditor's.
    const auditor = await ledger.user('Kiểm toán Bình', ['auditor']);
    await ledger.http().get(`/v1/users/${coordinator.userId}/sessions`).set(as(auditor.token)).expect(403);
    await ledger.http().get(`/v1/users/${coordinator.userId}/sessions`).set(as(coordinator.token)).expect(403);
    await ledger.http().delete(`/v1/users/${coordinator.userId}/sessions/${sessionId}`).set(as(other.token)).expect(403);
    await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', phone).expect(200);
  });

  it('tells a signed-out phone which request it sends again was recorded before the sign-out (its answer lost), so it is not entered twice', async () => {
    const fundId = 'quy-may-mat';
    await openFund(ledger, fundId);
    const accountant = await ledger.user('Kế toán Thủy', ['accountant']);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fundId}/donations`, donationBody({ amount: '50000000', component: 'emergency-relief' }), { token: accountant.token }), 201);
    const phone = await signInOn(PHONE);
    const body = releaseBody({ amount: '5000000', releasedAt: new Date().toISOString() });
    const release = (key: string, sent: Record<string, unknown> = body) => ledger.http().post(`/v1/funds/${fundId}/emergency-releases`)
      .set('Host', HOST).set('Origin', ORIGIN).set('Cookie', phone).set('Idempotency-Key', key).send(sent);
    // The ledger records the release; the answer never reaches the phone.
    const recorded = await release('may-mat-1').expect(201);
    const [{ sessionId }] = (await ledger.http().get(`/v1/users/${coordinator.userId}/sessions`).set(as(ADMIN_TOKEN)).expect(200)).body.items as { sessionId: string }[];
    await ledger.http().delete(`/v1/users/${coordinator.userId}/sessions/${sessionId}`).set(as(ADMIN_TOKEN)).expect(204);
    const before = await countEvents(ledger.store);

    const again = await release('may-mat-1').expect(401);
    expect(again.body.error.details).toEqual({ reason: 'device-signed-out', signedOutAt: expect.any(String), recorded: { position: recorded.body.position } });
    // Its message says it was recorded, as its details do, not that it never will be.
    expect(again.body.error.message).toBe(`Thiết bị này đã được quản trị viên đăng xuất; việc này đã được ghi nhận trước đó (vị trí sổ ${String(recorded.body.position)}), không cần gửi lại`);
    // A request the ledger never recorded, or the same key with another body, is refused as before and says nothing more.
    const never = await release('may-mat-2').expect(401);
    expect(never.body.error.details).toEqual({ reason: 'device-signed-out', signedOutAt: expect.any(String) });
    expect(never.body.error.message).toContain('không được ghi nhận');
    const changed = await release('may-mat-1', { ...body, amount: '6000000' }).expect(401);
    expect(changed.body.error.details).toEqual({ reason: 'device-signed-out', signedOutAt: expect.any(String) });
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('tells the phone of a deactivated person why its commands are refused, and which one the ledger had recorded before (its answer lost)', async () => {
    const fundId = 'quy-nguoi-nghi';
    await openFund(ledger, fundId);
    const accountant = await ledger.user('Kế toán Ngân', ['accountant']);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fundId}/donations`, donationBody({ amount: '50000000', component: 'emergency-relief' }), { token: accountant.token }), 201);
    const leaving = await ledger.user('Điều phối viên Tâm', ['coordinator']);
    await ledger.http().post(`/v1/users/${leaving.userId}/password`).set(as(ADMIN_TOKEN)).send({ password }).expect(204);
    const signIn = await ledger.http().post('/v1/session').set('Host', HOST).set('User-Agent', PHONE).send({ name: 'Điều phối viên Tâm', password }).expect(200);
    const phone = ([] as string[]).concat(signIn.headers['set-cookie'] as string[] | string)[0].split(';')[0];
    const body = releaseBody({ amount: '4000000', releasedAt: new Date().toISOString() });
    const release = (key: string) => ledger.http().post(`/v1/funds/${fundId}/emergency-releases`)
      .set('Host', HOST).set('Origin', ORIGIN).set('Cookie', phone).set('Idempotency-Key', key).send(body);
    const recorded = await release('nghi-viec-1').expect(201);
    await ledger.http().delete(`/v1/users/${leaving.userId}`).set(as(ADMIN_TOKEN)).expect(200);
    const before = await countEvents(ledger.store);

    const again = await release('nghi-viec-1').expect(401);
    expect(again.body.error.details).toEqual({ reason: 'user-deactivated', deactivatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), recorded: { position: recorded.body.position } });
    expect(again.body.error.message).toMatch(/ngừng/);
    const never = await release('nghi-viec-2').expect(401);
    expect(never.body.error.details).toEqual({ reason: 'user-deactivated', deactivatedAt: expect.any(String) });
    const me = await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', phone).expect(401);
    expect(me.body.error.details.reason).toBe('user-deactivated');
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('a rotated token ends the phone\'s session; its person signs in again and a command sent again under its key is answered as recorded, once', async () => {
    const fundId = 'quy-doi-ma';
    await openFund(ledger, fundId);
    const accountant = await ledger.user('Kế toán Phúc', ['accountant']);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fundId}/donations`, donationBody({ amount: '50000000', component: 'emergency-relief' }), { token: accountant.token }), 201);
    const phone = await signInOn(PHONE);
    const body = releaseBody({ amount: '3000000', releasedAt: new Date().toISOString() });
    const release = (cookie: string) => ledger.http().post(`/v1/funds/${fundId}/emergency-releases`)
      .set('Host', HOST).set('Origin', ORIGIN).set('Cookie', cookie).set('Idempotency-Key', 'doi-ma-1').send(body);
    const recorded = await release(phone).expect(201);
    await ledger.http().post(`/v1/users/${coordinator.userId}/token`).set(as(ADMIN_TOKEN)).expect(200);
    const ended = await release(phone).expect(401);
    expect(ended.body.error.details?.reason).toBeUndefined();
    const before = await countEvents(ledger.store);
    const again = await release(await signInOn(PHONE)).expect(201);
    expect(again.body.position).toBe(recorded.body.position);
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('a signed-out phone asking about more kept commands than the address may fail to authenticate is told of each (401 and what was recorded), while guesses still meet the limit', async () => {
    // Three failed authentications a minute per address, as a commune office's phones share one.
    const strict = await startTestLedger({ limits: { ...DEFAULT_LIMITS, authFailuresPerMinute: 3 } });
    try {
      const person = { ...(await strict.user('Điều phối viên Nam', ['coordinator'])), name: 'Điều phối viên Nam' };
      await strict.http().post(`/v1/users/${person.userId}/password`).set(as(ADMIN_TOKEN)).send({ password }).expect(204);
      const fundId = 'quy-nhieu-viec';
      await openFund(strict, fundId);
      const accountant = await strict.user('Kế toán Nga', ['accountant']);
      expectStatus(await call(strict, 'post', `/v1/funds/${fundId}/donations`, donationBody({ amount: '50000000', component: 'emergency-relief' }), { token: accountant.token }), 201);
      const signedIn = await strict.http().post('/v1/session').set('Host', HOST).set('User-Agent', PHONE).send({ name: person.name, password }).expect(200);
      const phone = ([] as string[]).concat(signedIn.headers['set-cookie'] as string[] | string)[0].split(';')[0];
      const releasedAt = new Date().toISOString();
      const release = (key: string, amount: string) => strict.http().post(`/v1/funds/${fundId}/emergency-releases`)
        .set('Host', HOST).set('Origin', ORIGIN).set('Cookie', phone).set('Idempotency-Key', key)
        .send(releaseBody({ amount, releasedAt }));
      const recorded = await release('kept-0', '1000000').expect(201);
      const [{ sessionId }] = (await strict.http().get(`/v1/users/${person.userId}/sessions`).set(as(ADMIN_TOKEN)).expect(200)).body.items as { sessionId: string }[];
      await strict.http().delete(`/v1/users/${person.userId}/sessions/${sessionId}`).set(as(ADMIN_TOKEN)).expect(204);

      for (let kept = 1; kept <= 6; kept += 1) {
        const refused = await release(`kept-${String(kept)}`, `${String(kept + 1)}000000`).expect(401);
        expect(refused.body.error.details).toEqual({ reason: 'device-signed-out', signedOutAt: expect.any(String) });
      }
      const again = await release('kept-0', '1000000').expect(401);
      expect(again.body.error.details).toEqual({ reason: 'device-signed-out', signedOutAt: expect.any(String), recorded: { position: recorded.body.position } });

      // A cookie that names no session, and a token nobody holds, are guesses: counted as before.
      const guesses = [];
      for (let guess = 0; guess < 4; guess += 1) {
        guesses.push((await strict.http().get('/v1/me').set('Host', HOST).set('Cookie', `ctd_session=doan-bua-${String(guess)}`)).status);
      }
      expect(guesses).toEqual([401, 401, 401, 429]);
      await strict.http().get('/v1/me').set(as('khong-phai-token-cua-ai')).expect(429);
    } finally {
      await strict.close();
    }
  });

  it('a session that simply ended (signed out on the device itself) is not called signed out by an admin', async () => {
    const phone = await signInOn(PHONE);
    await ledger.http().delete('/v1/session').set('Host', HOST).set('Origin', ORIGIN).set('Cookie', phone).expect(204);
    const answer = await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', phone).expect(401);
    expect(answer.body.error.details?.reason).not.toBe('device-signed-out');
  });
});
