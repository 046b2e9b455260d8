import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
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
const CURRENT = { N: 2 ** 15, r: 8, p: 1, saltLength: 16 };
/** A sealed value is the HMAC of a scrypt key of this many bytes: fixed, since the value does not say it. */
const SEALED_KEY_LENGTH = 32;
/** The scheme of sealed hashes; `scrypt` is the plain form written before them. */
const SEALED = 'scrypt-hmac';
const HASH_FORM = /^(scrypt|scrypt-hmac)\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

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
  // Ten spaces are ten characters, and no secret.
  if (normalized(password).trim() === '') return { field, reason: 'must not be blank' };
  return undefined;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  // scrypt needs 128 · N · r bytes; the default ceiling (32 MiB) is exactly that at N = 2^15, r = 8.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(normalized(password), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Hashes and checks passwords. The log keeps what `hash` gives in a `UserPasswordSet` event, and
 * the log is what auditors read, exports print and backups hold: a plain scrypt hash there would
 * let any of them test guessed passwords offline. So the scrypt key is sealed with an HMAC under
 * a key derived from the ledger's secret (kept beside the log, never in it):
 * `scrypt-hmac$N=…,r=…,p=…$<salt>$<hmac>` (base64url). Without the secret the value confirms no
 * guess; the event stays in the hash chain as it is, so the journal still re-hashes line by line.
 * Hashes written before sealing (`scrypt$…`) are still checked as they are.
 */
export class PasswordHasher {
  private sealKey: Buffer | undefined;
  private decoy: Promise<string> | undefined;
  private readonly cost: typeof CURRENT;

  /**
   * `ledgerSecret` is read on first use, as the id-number keys read theirs. `scryptN` is the cost
   * of new hashes when not the default (LedgerConfig.passwordHashCost, set by tests only).
   */
  constructor(private readonly ledgerSecret: () => Buffer, scryptN: number = CURRENT.N) {
    if (!Number.isInteger(scryptN) || scryptN < 2 || (scryptN & (scryptN - 1)) !== 0) throw new RangeError(`scrypt's N must be a power of two, not ${scryptN}`);
    this.cost = { ...CURRENT, N: scryptN };
  }

  /** A fresh random salt each time. */
  async hash(password: string): Promise<string> {
    const { N, r, p, saltLength } = this.cost;
    const salt = randomBytes(saltLength);
    const key = await derive(password, salt, { N, r, p, keyLength: SEALED_KEY_LENGTH });
    return `${SEALED}$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${this.seal(key).toString('base64url')}`;
  }

  /** Compares in constant time; a stored value that is not a hash this code made never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const form = HASH_FORM.exec(stored);
    if (!form) return false;
    const [N, r, p] = [Number(form[2]), Number(form[3]), Number(form[4])];
    const expected = Buffer.from(form[6], 'base64url');
    const sealed = form[1] === SEALED;
    // A plain value is the scrypt key itself, of its own length.
    const keyLength = sealed ? SEALED_KEY_LENGTH : expected.length;
    const key = await derive(password, Buffer.from(form[5], 'base64url'), { N, r, p, keyLength });
    const candidate = sealed ? this.seal(key) : key;
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  }

  /**
   * A hash no password is checked against for real: verifying against it when the name is unknown
   * (or has no password) takes as long as a real check, so timing does not tell which names exist.
   */
  decoyHash(): Promise<string> {
    this.decoy ??= this.hash(randomBytes(24).toString('base64url'));
    return this.decoy;
  }

  /**
   * What a keyed request's hash keeps of a password, so that the same Idempotency-Key sent with
   * another password is told apart from a retry: the sealed scrypt key under a salt derived from
   * `context` (the user and the key). The same password in the same context gives the same value;
   * without the ledger's secret it confirms no guess, and even with it each guess costs a scrypt.
   */
  async fingerprint(password: string, context: string): Promise<string> {
    const salt = createHmac('sha256', this.key()).update(`request:${context}`, 'utf8').digest().subarray(0, this.cost.saltLength);
    return this.seal(await derive(password, salt, { ...this.cost, keyLength: SEALED_KEY_LENGTH })).toString('base64url');
  }

  private seal(key: Buffer): Buffer {
    return createHmac('sha256', this.key()).update(key).digest();
  }

  private key(): Buffer {
    this.sealKey ??= createHmac('sha256', this.ledgerSecret()).update('ctd-password-seal', 'utf8').digest();
    return this.sealKey;
  }
}
