import { SESSION_IDLE_MS, SessionStore, SIGNED_OUT_REMEMBERED_MS } from '../../src/access/sessions';

/** api-v2.md "People and sessions": a session ends after 12 h without use; a device an admin signed out is told so for 30 days. */
describe('SessionStore', () => {
  function storeAt(start: number) {
    const store = new SessionStore();
    let now = start;
    store.clock = () => now;
    return { store, advance: (ms: number) => (now += ms) };
  }

  it('keeps a session used within 12 h, each use restarting its idle time, and ends it after 12 h without use', () => {
    const { store, advance } = storeAt(1_000_000);
    const cookie = store.begin('u-dieu-phoi', null, 'Chrome 131 · Android 14');
    advance(SESSION_IDLE_MS);
    expect(store.use(cookie)?.userId).toBe('u-dieu-phoi');
    advance(SESSION_IDLE_MS);
    expect(store.use(cookie)?.userId).toBe('u-dieu-phoi');
    advance(SESSION_IDLE_MS + 1);
    expect(store.use(cookie)).toBeUndefined();
    expect(store.listOf('u-dieu-phoi')).toEqual([]);
    // A session that merely ran out was not signed out by an admin.
    expect(store.signedOutSession(cookie)).toBeUndefined();
  });

  it('tells a device an admin signed out so, with whose session it was, for 30 days; then it is only unknown', () => {
    const { store, advance } = storeAt(1_000_000);
    const phone = store.begin('u-dieu-phoi', null, 'Chrome 131 · Android 14');
    const laptop = store.begin('u-dieu-phoi', null, 'Chrome 131 · Windows NT 10.0');
    store.use(laptop);
    const [{ sessionId }] = store.listOf('u-dieu-phoi').filter((session) => session.device.includes('Android'));
    expect(store.endDevice('u-ke-toan', sessionId)).toBe(false);
    expect(store.endDevice('u-dieu-phoi', sessionId)).toBe(true);
    expect(store.use(phone)).toBeUndefined();
    expect(store.use(laptop)?.userId).toBe('u-dieu-phoi');
    expect(store.signedOutSession(phone)).toEqual({ reason: 'device-signed-out', signedOutAt: new Date(1_000_000).toISOString(), userId: 'u-dieu-phoi' });
    advance(SIGNED_OUT_REMEMBERED_MS + 1);
    store.begin('u-khac', null);
    expect(store.signedOutSession(phone)).toBeUndefined();
  });
});
