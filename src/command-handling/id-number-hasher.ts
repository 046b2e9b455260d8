import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { BeneficiaryIdentity } from '../domain/beneficiaries/beneficiaries.commands';
import { LEDGER_SECRET_FILE, readLedgerSecret } from '../shared/ledger-secret';

/** Where the ledger keeps the secret the funds' id-number keys derive from, when the environment gives none. */
export const BENEFICIARY_SECRET_FILE = LEDGER_SECRET_FILE;

/**
 * Turns a national id number into what the registry keeps: an HMAC-SHA256 under the fund's own key
 * and the last four digits. The fund's key is derived from one ledger secret
 * (`<dataDir>/beneficiary-secret`, made at first use, mode 0600),
 * so a log or a backup alone never lets anyone test a guessed number, and two funds' hashes of one
 * number differ.
 */
export class IdNumberHasher {
  private secret: Buffer | undefined;
  /** Each fund's key as a key object, made once: an HMAC per id number then imports no key bytes. */
  private readonly fundKeys = new Map<string, KeyObject>();

  /** `givenSecret` (16 characters or more) replaces the file's: for a bench or a test, never read from the environment here. */
  constructor(private readonly dataDir: string, private readonly givenSecret?: string) {}

  identity(fundId: string, idNumber: string | null): BeneficiaryIdentity {
    if (idNumber === null) return { idHash: null, idLast4: null };
    const digits = idNumber.replace(/\D/g, '');
    return { idHash: createHmac('sha256', this.fundKey(fundId)).update(digits, 'utf8').digest('hex'), idLast4: digits.slice(-4) };
  }

  /**
   * What a request carrying id numbers keeps of its request hash: the plain hash keyed under the
   * fund's key. The plain hash of a body (or of a file) whose other fields the log records would
   * let anyone holding the log confirm a guessed number; the keyed one still tells a retry apart
   * from another request.
   */
  keyedRequestHash(fundId: string, requestHash: string): string {
    return createHmac('sha256', this.fundKey(fundId)).update(`request:${requestHash}`, 'utf8').digest('hex');
  }

  private fundKey(fundId: string): KeyObject {
    let key = this.fundKeys.get(fundId);
    if (!key) {
      key = createSecretKey(createHmac('sha256', this.ledgerSecret()).update(`ctd-beneficiary-id:${fundId}`, 'utf8').digest());
      this.fundKeys.set(fundId, key);
    }
    return key;
  }

  private ledgerSecret(): Buffer {
    if (this.secret) return this.secret;
    if (this.givenSecret !== undefined && this.givenSecret.length >= 16) {
      this.secret = Buffer.from(this.givenSecret, 'utf8');
      return this.secret;
    }
    this.secret = readLedgerSecret(this.dataDir);
    return this.secret;
  }
}

/**
 * An id number as people write it: digits, with spaces, dashes or dots between them read as nothing
 * ("001 234 567 890", "001-234-567-890", "001.234.567.890"); a letter, any other mark, or a
 * separator before the first digit or after the last is no id number.
 */
export const WRITTEN_ID_NUMBER = /^\d+(?:[\s.\-\u2010\u2011\u2013]+\d+)*$/;

/** The digits of an id number as people write it (`WRITTEN_ID_NUMBER`); 9 (CMND) or 12 (CCCD), else undefined. */
export function idNumberDigits(text: string): string | undefined {
  if (!WRITTEN_ID_NUMBER.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  return digits.length === 9 || digits.length === 12 ? digits : undefined;
}
