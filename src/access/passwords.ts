import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
/** A field the request named and why its value cannot be used (the validation answer's shape). */
export interface PasswordProblem {
  field: string;
  reason: string;
}

/** Passwords are measured in Unicode characters (code points) of their NFC form. */
export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 200;

/**
 * The cost of new hashes (RFC 7914; N = 2^15, r = 8 is OWASP's floor for scrypt). Every hash
 * carries its own parameters, so raising these later leaves older hashes verifiable.
 */
const CURRENT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 };
const HASH_FORM = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** The same password typed as composed or decomposed Vietnamese letters is the same password. */
function normalized(password: string): string {
  return password.normalize('NFC');
}

/** The field problem of a password that breaks the length rule, if it does. */
export function passwordProblem(field: string, password: unknown): PasswordProblem | undefined {
  if (typeof password !== 'string') return { field, reason: 'must be a string' };
  const length = [...normalized(password)].length;
  if (length < PASSWORD_MIN_CHARS) return { field, reason: `must be at least ${PASSWORD_MIN_CHARS} characters` };
  if (length > PASSWORD_MAX_CHARS) return { field, reason: `must be at most ${PASSWORD_MAX_CHARS} characters` };
  return undefined;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  // scrypt needs 128 · N · r bytes; the default ceiling (32 MiB) is exactly that at N = 2^15, r = 8.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(normalized(password), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N=…,r=…,p=…$<salt>$<hash>` (base64url), with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(CURRENT.saltLength);
  const key = await derive(password, salt, CURRENT);
  return `scrypt$N=${CURRENT.N},r=${CURRENT.r},p=${CURRENT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Compares in constant time; a stored value that is not a hash this code made never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const form = HASH_FORM.exec(stored);
  if (!form) return false;
  const [N, r, p] = [Number(form[1]), Number(form[2]), Number(form[3])];
  const expected = Buffer.from(form[5], 'base64url');
  const key = await derive(password, Buffer.from(form[4], 'base64url'), { N, r, p, keyLength: expected.length });
  return timingSafeEqual(key, expected);
}

let decoy: Promise<string> | undefined;

/**
 * A hash no password is checked against for real: verifying against it when the name is unknown
 * (or has no password) takes as long as a real check, so timing does not tell which names exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}
