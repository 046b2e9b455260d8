import { randomBytes, scryptSync } from 'node:crypto';
import { PasswordHasher } from '../../src/access/passwords';

/** Password hashes sealed under the ledger's secret, and those written before sealing. */
describe('PasswordHasher', () => {
  const secret = Buffer.from('a'.repeat(64), 'utf8');
  const hasher = new PasswordHasher(() => secret);

  it('checks a sealed hash: the right password only, and only under the secret that sealed it', async () => {
    const stored = await hasher.hash('mật khẩu thật dài 2026');
    expect(stored).toMatch(/^scrypt-hmac\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hasher.verify('mật khẩu thật dài 2026', stored)).toBe(true);
    expect(await hasher.verify('mật khẩu khác hẳn 2026', stored)).toBe(false);
    expect(await new PasswordHasher(() => Buffer.from('b'.repeat(64), 'utf8')).verify('mật khẩu thật dài 2026', stored)).toBe(false);
  });

  it('still checks a plain scrypt hash that the log kept from before sealing', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('mật khẩu cũ của tôi'.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const legacy = `scrypt$N=32768,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await hasher.verify('mật khẩu cũ của tôi', legacy)).toBe(true);
    expect(await hasher.verify('mật khẩu mới của tôi', legacy)).toBe(false);
  });

  it('makes hashes at a cost given to it (tests), each verified under the cost it carries, by any hasher of the same secret', async () => {
    const cheap = new PasswordHasher(() => secret, 2 ** 10);
    const stored = await cheap.hash('mật khẩu thật dài 2026');
    expect(stored).toMatch(/^scrypt-hmac\$N=1024,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hasher.verify('mật khẩu thật dài 2026', stored)).toBe(true);
    expect(await cheap.verify('mật khẩu thật dài 2026', await hasher.hash('mật khẩu thật dài 2026'))).toBe(true);
    expect(await hasher.verify('mật khẩu khác hẳn 2026', stored)).toBe(false);
    for (const scryptN of [0, 1, 1000, 2 ** 10 + 0.5]) expect(() => new PasswordHasher(() => secret, scryptN)).toThrow(RangeError);
  });

  it('never matches a value it did not make', async () => {
    for (const stored of ['', 'scrypt$', 'scrypt-hmac$N=32768,r=8,p=1$c2FsdA$', 'bcrypt$2b$10$abc']) expect(await hasher.verify('bất kỳ mật khẩu nào', stored)).toBe(false);
  });
});
