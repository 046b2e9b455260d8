import { createPrivateKey, createPublicKey, hash, type KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed-note with Ed25519 (signature type 0x01): the note text, a blank line, then one line
 * per signature `— <key name> <base64(keyHash ‖ signature)>`. The format is the one the Go
 * ecosystem (golang.org/x/mod/sumdb/note, transparency-dev) reads, so a checkpoint of this ledger can
 * be checked by tools nobody here wrote.
 */

export const ED25519_SIGNATURE_TYPE = 0x01;
export const KEY_HASH_BYTES = 4;
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
/** U+2014 EM DASH and a space: how every signature line begins. */
const SIGNATURE_LINE_PREFIX = '\u2014 ';
/** DER prefixes that wrap a raw Ed25519 key as SPKI (public) or PKCS #8 (private seed), RFC 8410. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** Go's note.Open refuses a note with more signature lines than this, so that a huge note costs a verifier nothing. */
const MAX_SIGNATURE_LINES = 100;

export interface NoteSignature {
  keyName: string;
  keyHash: Buffer;
  signature: Buffer;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

export type NoteFailure = 'MALFORMED_NOTE' | 'NO_SIGNATURE_BY_KEY' | 'BAD_SIGNATURE';
export type NoteCheck = { valid: true; text: string; signature: NoteSignature } | { valid: false; reason: NoteFailure };

/** signed-note: a key name is non-empty and has no whitespace and no '+' (the verifier-key separator). */
export function isValidKeyName(keyName: string): boolean {
  return keyName.length > 0 && !/[\s+]/u.test(keyName);
}

/** keyHash = SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4]: which key signed, in 4 bytes. */
export function noteKeyHash(keyName: string, publicKeyRaw: Uint8Array): Buffer {
  const input = Buffer.concat([Buffer.from(`${keyName}\n`, 'utf8'), Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKeyRaw]);
  return hash('sha256', input, 'buffer').subarray(0, KEY_HASH_BYTES);
}

/** The verifier key string `<name>+<keyHash hex>+<base64(0x01 ‖ public key)>` that Go's note.NewVerifier reads. */
export function noteVerifierKey(keyName: string, publicKeyRaw: Uint8Array): string {
  const typedKey = Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKeyRaw]).toString('base64');
  return `${keyName}+${noteKeyHash(keyName, publicKeyRaw).toString('hex')}+${typedKey}`;
}

export function ed25519PublicKeyRaw(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`Checkpoints are signed with Ed25519, not ${publicKey.asymmetricKeyType}`);
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
}

export function ed25519PublicKeyFromRaw(publicKeyRaw: Uint8Array): KeyObject {
  if (publicKeyRaw.length !== ED25519_PUBLIC_KEY_BYTES) throw new TypeError(`An Ed25519 public key is 32 bytes, got ${publicKeyRaw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKeyRaw]), format: 'der', type: 'spki' });
}

/** A private key from its 32-byte seed (RFC 8032), e.g. a key given by configuration as base64. */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_PUBLIC_KEY_BYTES) throw new TypeError(`An Ed25519 seed is 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The 32-byte seed of a private key: what a data directory or a configuration variable keeps. */
export function ed25519SeedOf(privateKey: KeyObject): Buffer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('An Ed25519 private key is needed');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length);
}

/**
 * Text that signed-note can carry: valid UTF-8 (in a JS string, no lone surrogate) ending in a
 * newline, with no ASCII control character but the newline.
 */
function isValidNoteText(text: string): boolean {
  return text.endsWith('\n') && !/[\u0000-\u0009\u000b-\u001f\ud800-\udfff]/u.test(text);
}

/** Signs `text` under `keyName`: Ed25519 over the text's UTF-8 bytes, final newline included. */
export function signNoteText(text: string, keyName: string, privateKey: KeyObject): NoteSignature {
  if (!isValidKeyName(keyName)) throw new TypeError(`A note key name has no spaces and no '+': ${JSON.stringify(keyName)}`);
  if (!isValidNoteText(text)) throw new TypeError('A note text is UTF-8 ending in a newline, with no other control character');
  // The key hash first: it refuses a key of another algorithm before anything is signed with it.
  const keyHash = noteKeyHash(keyName, ed25519PublicKeyRaw(privateKey));
  return { keyName, keyHash, signature: sign(null, Buffer.from(text, 'utf8'), privateKey) };
}

export function formatSignatureLine(signature: NoteSignature): string {
  const encoded = Buffer.concat([signature.keyHash, signature.signature]).toString('base64');
  return `${SIGNATURE_LINE_PREFIX}${signature.keyName} ${encoded}\n`;
}

/** The whole signed note: text, blank line, one signature line. */
export function signNote(text: string, keyName: string, privateKey: KeyObject): string {
  return `${text}\n${formatSignatureLine(signNoteText(text, keyName, privateKey))}`;
}

/**
 * Splits a note at its last blank line into text and signature lines, as Go's note.Open does.
 * Returns undefined for anything that is not a well-formed note; signatures are not checked here.
 */
export function parseNote(note: string): ParsedNote | undefined {
  if (typeof note !== 'string' || !isValidNoteText(note)) return undefined;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURE_LINES) return undefined;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const signature = parseSignatureLine(line);
    if (signature === undefined) return undefined;
    signatures.push(signature);
  }
  return { text, signatures };
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function parseSignatureLine(line: string): NoteSignature | undefined {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) return undefined;
  const fields = line.slice(SIGNATURE_LINE_PREFIX.length).split(' ');
  if (fields.length !== 2) return undefined;
  const [keyName, encoded] = fields;
  // Node's base64 decoder skips characters it does not know; a strict pattern keeps one note one reading.
  if (!isValidKeyName(keyName) || encoded.length === 0 || !STRICT_BASE64.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64');
  if (decoded.length <= KEY_HASH_BYTES) return undefined;
  return { keyName, keyHash: decoded.subarray(0, KEY_HASH_BYTES), signature: decoded.subarray(KEY_HASH_BYTES) };
}

/**
 * Opens a note with one trusted key: finds the line of `keyName` whose key hash is this key's and
 * checks its Ed25519 signature over the text. Lines of other keys are ignored (a witness may have
 * cosigned), as signed-note says.
 */
export function openNote(note: string, keyName: string, publicKeyRaw: Uint8Array): NoteCheck {
  const parsed = parseNote(note);
  if (parsed === undefined) return { valid: false, reason: 'MALFORMED_NOTE' };
  if (publicKeyRaw.length !== ED25519_PUBLIC_KEY_BYTES) return { valid: false, reason: 'NO_SIGNATURE_BY_KEY' };
  const keyHash = noteKeyHash(keyName, publicKeyRaw);
  const ours = parsed.signatures.filter((line) => line.keyName === keyName && line.keyHash.equals(keyHash));
  if (ours.length === 0) return { valid: false, reason: 'NO_SIGNATURE_BY_KEY' };
  const text = Buffer.from(parsed.text, 'utf8');
  const verified = ours.find((line) => verifyEd25519(publicKeyRaw, text, line.signature));
  return verified ? { valid: true, text: parsed.text, signature: verified } : { valid: false, reason: 'BAD_SIGNATURE' };
}

/** Ed25519 verification that answers false, never throws, whatever bytes it is handed. */
export function verifyEd25519(publicKeyRaw: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, message, ed25519PublicKeyFromRaw(publicKeyRaw), signature);
  } catch {
    return false;
  }
}
