import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  type Checkpoint, checkpointBody, checkpointKeyId, openCheckpoint, parseCheckpointBody, publicKeyEntry, signCheckpoint,
  type SignedCheckpoint, verifySignedCheckpoint,
} from '../../src/proofs/checkpoint';
import {
  ed25519PrivateKeyFromSeed, ed25519PublicKeyFromRaw, ed25519PublicKeyRaw, ed25519SeedOf, noteKeyHash, noteVerifierKey, openNote, parseNote, signNote,
} from '../../src/proofs/signed-note';

const ORIGIN = 'ctd-fund-ledger.example/hoi-chu-thap-do-quang-nam';
const ledgerKey = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');
const ledgerPublic = ed25519PublicKeyRaw(ledgerKey.publicKey);
const otherPublic = ed25519PublicKeyRaw(otherKey.publicKey);
const ROOT = createHash('sha256').update('a root').digest();
const CHECKPOINT: Checkpoint = { origin: ORIGIN, treeSize: 1234, rootHash: ROOT, timestamp: '2024-09-15T08:30:00.000Z' };
const signed = signCheckpoint(CHECKPOINT, ledgerKey.privateKey);

describe('signed notes (C2SP signed-note, Ed25519)', () => {
  // The example of golang.org/x/mod/sumdb/note, the implementation C2SP signed-note describes. Ed25519
  // signatures are deterministic (RFC 8032), so matching it byte for byte shows that notes of this
  // ledger open with the Go tools and that the key hash recipe is the specification's.
  const GO_SIGNER_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
  const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

  it('signs the Go reference note byte for byte and derives its verifier key', () => {
    const privateKey = ed25519PrivateKeyFromSeed(GO_SIGNER_SEED);
    expect(signNote(GO_TEXT, 'PeterNeumann', privateKey)).toBe(GO_NOTE);
    const publicKeyRaw = ed25519PublicKeyRaw(privateKey);
    expect(noteVerifierKey('PeterNeumann', publicKeyRaw)).toBe(GO_VERIFIER_KEY);
    expect(noteKeyHash('PeterNeumann', publicKeyRaw).toString('hex')).toBe('c74f20a3');
  });

  it('opens the Go reference note and refuses it with one character changed', () => {
    const publicKeyRaw = Buffer.from(GO_VERIFIER_KEY.split('+')[2], 'base64').subarray(1);
    expect(openNote(GO_NOTE, 'PeterNeumann', publicKeyRaw)).toMatchObject({ valid: true, text: GO_TEXT });
    expect(openNote(GO_NOTE.replace('cryptography', 'cryptographY'), 'PeterNeumann', publicKeyRaw)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    expect(openNote(GO_NOTE, 'PeterNeumann', otherPublic)).toEqual({ valid: false, reason: 'NO_SIGNATURE_BY_KEY' });
  });

  it('refuses notes that are not well formed', () => {
    const line = GO_NOTE.slice(GO_TEXT.length + 1);
    const malformed = [
      '',
      GO_NOTE.slice(0, -1), // no final newline
      GO_TEXT + line, // no blank line before the signatures
      `${GO_TEXT}\n`, // no signature at all
      `${GO_TEXT}\n${line.replace('\u2014', '-')}`, // a hyphen for the em dash
      `${GO_TEXT}\n${line.replace('PeterNeumann ', 'PeterNeumann  ')}`, // two spaces
      `${GO_TEXT}\n${line.replace('PeterNeumann', 'Peter+Neumann')}`, // a '+' in the key name
      `${GO_TEXT}\n${line.replace('x08go', 'x08g*')}`, // not base64
      `${GO_TEXT}\n\u2014 PeterNeumann AAAA\n`, // a key hash and no signature
      `${GO_TEXT.replace('\n', '\r\n')}\n${line}`, // a control character in the text
    ];
    expect(malformed.map((note) => parseNote(note))).toEqual(malformed.map(() => undefined));
    malformed.forEach((note) => expect(openNote(note, 'PeterNeumann', ledgerPublic)).toEqual({ valid: false, reason: 'MALFORMED_NOTE' }));
  });

  it('round-trips a raw public key and a private seed, and refuses keys of the wrong length or algorithm', () => {
    expect(ed25519PublicKeyRaw(ed25519PublicKeyFromRaw(ledgerPublic)).equals(ledgerPublic)).toBe(true);
    expect(ed25519PublicKeyRaw(ledgerKey.privateKey).equals(ledgerPublic)).toBe(true);
    expect(() => ed25519PublicKeyFromRaw(ledgerPublic.subarray(1))).toThrow(TypeError);
    const seed = ed25519SeedOf(ledgerKey.privateKey);
    expect(seed).toHaveLength(32);
    expect(signNote('x\n', 'k', ed25519PrivateKeyFromSeed(seed))).toBe(signNote('x\n', 'k', ledgerKey.privateKey));
    expect(() => ed25519SeedOf(ledgerKey.publicKey)).toThrow(TypeError);
    expect(() => ed25519PublicKeyRaw(generateKeyPairSync('x25519').publicKey)).toThrow(TypeError);
  });
});

describe('checkpoints (C2SP tlog-checkpoint with a time line)', () => {
  it('have the body api-v2 gives: origin, size, base64 root, time', () => {
    expect(checkpointBody(CHECKPOINT)).toBe(`${ORIGIN}\n1234\n${ROOT.toString('base64')}\ntime 2024-09-15T08:30:00.000Z\n`);
    expect(parseCheckpointBody(checkpointBody(CHECKPOINT))).toEqual(CHECKPOINT);
  });

  it('are signed as the JSON of GET /v1/public/checkpoint, its fields repeating the note', () => {
    const keyHash = noteKeyHash(ORIGIN, ledgerPublic);
    expect(signed).toEqual({
      origin: ORIGIN,
      treeSize: 1234,
      rootHash: ROOT.toString('base64'),
      timestamp: '2024-09-15T08:30:00.000Z',
      keyId: keyHash.toString('hex'),
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      note: `${checkpointBody(CHECKPOINT)}\n\u2014 ${ORIGIN} ${Buffer.concat([keyHash, Buffer.from(signed.signature, 'base64')]).toString('base64')}\n`,
    });
    expect(signed.keyId).toBe(checkpointKeyId(ORIGIN, ledgerPublic));
    expect(publicKeyEntry(ORIGIN, ledgerKey.publicKey)).toEqual({ keyId: signed.keyId, algorithm: 'ed25519', publicKey: ledgerPublic.toString('base64') });
  });

  it('verify under the ledger key and give back what was signed', () => {
    expect(openCheckpoint(signed.note, ledgerPublic)).toEqual({ valid: true, checkpoint: CHECKPOINT, signature: Buffer.from(signed.signature, 'base64') });
    expect(openCheckpoint(signed.note, ledgerPublic, ORIGIN).valid).toBe(true);
    expect(verifySignedCheckpoint(signed, ledgerPublic).valid).toBe(true);
  });

  it('signed by another key are rejected, even under the ledger key hash', () => {
    const forged = signCheckpoint(CHECKPOINT, otherKey.privateKey);
    expect(verifySignedCheckpoint(forged, ledgerPublic)).toEqual({ valid: false, reason: 'NO_SIGNATURE_BY_KEY' });
    // The same forged signature, labelled with the ledger's key hash so that the verifier tries it.
    const relabelled = forged.note.replace(
      Buffer.concat([noteKeyHash(ORIGIN, otherPublic), Buffer.from(forged.signature, 'base64')]).toString('base64'),
      Buffer.concat([noteKeyHash(ORIGIN, ledgerPublic), Buffer.from(forged.signature, 'base64')]).toString('base64'),
    );
    expect(openCheckpoint(relabelled, ledgerPublic)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('with an altered body are rejected', () => {
    const [origin, size, root, time] = checkpointBody(CHECKPOINT).split('\n');
    const otherRoot = createHash('sha256').update('another root').digest('base64');
    const alterations: [string, string][] = [
      [`\n${size}\n`, '\n1235\n'],
      [`\n${size}\n`, '\n123\n'],
      [root, otherRoot],
      [time, 'time 2024-09-15T08:30:01.000Z'],
      [`${time}\n`, `${time}\nextra line\n`],
    ];
    for (const [from, to] of alterations) {
      expect(openCheckpoint(signed.note.replace(from, to), ledgerPublic)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    }
    // Another origin is another key name: the ledger's signature line no longer names it.
    const renamed = signed.note.replace(`${origin}\n`, 'another.example/log\n');
    expect(openCheckpoint(renamed, ledgerPublic)).toEqual({ valid: false, reason: 'NO_SIGNATURE_BY_KEY' });
    expect(openCheckpoint(renamed, ledgerPublic, ORIGIN)).toEqual({ valid: false, reason: 'ORIGIN_MISMATCH' });
  });

  it('whose JSON says something the note does not are rejected', () => {
    const otherSignature = signCheckpoint({ ...CHECKPOINT, treeSize: 1 }, ledgerKey.privateKey).signature;
    const altered: Partial<SignedCheckpoint>[] = [
      { treeSize: 1235 }, { rootHash: createHash('sha256').update('x').digest('base64') }, { timestamp: '2024-09-16T08:30:00.000Z' },
      { origin: 'another.example/log' }, { keyId: checkpointKeyId(ORIGIN, otherPublic) }, { signature: otherSignature },
    ];
    for (const change of altered) {
      expect(verifySignedCheckpoint({ ...signed, ...change }, ledgerPublic)).toEqual({ valid: false, reason: 'FIELDS_DISAGREE_WITH_NOTE' });
    }
    expect(verifySignedCheckpoint({ ...signed, note: undefined } as unknown as SignedCheckpoint, ledgerPublic)).toEqual({ valid: false, reason: 'MALFORMED_NOTE' });
  });

  it('still verify when a witness has cosigned (other signature lines are ignored)', () => {
    const witness = signNote(checkpointBody(CHECKPOINT), 'witness.example/w1', otherKey.privateKey).split('\n\n')[1];
    const cosigned = `${signed.note}${witness}`;
    expect(openCheckpoint(cosigned, ledgerPublic).valid).toBe(true);
    expect(openCheckpoint(cosigned, otherPublic)).toEqual({ valid: false, reason: 'NO_SIGNATURE_BY_KEY' });
  });

  it('whose body is not a checkpoint of the API are rejected', () => {
    const bodies = [
      `${ORIGIN}\n1234\n${ROOT.toString('base64')}\n`, // no time line
      `${ORIGIN}\n01234\n${ROOT.toString('base64')}\ntime 2024-09-15T08:30:00.000Z\n`, // a leading zero
      `${ORIGIN}\n-1\n${ROOT.toString('base64')}\ntime 2024-09-15T08:30:00.000Z\n`,
      `${ORIGIN}\n1234\n${ROOT.subarray(1).toString('base64')}\ntime 2024-09-15T08:30:00.000Z\n`, // 31 bytes
      `${ORIGIN}\n1234\n${ROOT.toString('hex')}\ntime 2024-09-15T08:30:00.000Z\n`, // hex root
      `${ORIGIN}\n1234\n${ROOT.toString('base64')}\ntime 15/09/2024\n`,
      `${ORIGIN}\n1234\n${ROOT.toString('base64')}\ntime 2024-09-15T08:30:00.000Z\ntime 2024-09-15T08:30:00.000Z\n`,
      `${ORIGIN}\n1234\n\n${ROOT.toString('base64')}\ntime 2024-09-15T08:30:00.000Z\n`, // a blank line
    ];
    expect(bodies.map(parseCheckpointBody)).toEqual(bodies.map(() => undefined));
    const note = signNote(bodies[0], ORIGIN, ledgerKey.privateKey);
    expect(openCheckpoint(note, ledgerPublic)).toEqual({ valid: false, reason: 'MALFORMED_CHECKPOINT' });
  });

  it('cannot be made with an origin that is not a key name, a bad size or a bad time', () => {
    expect(() => checkpointBody({ ...CHECKPOINT, origin: 'has space' })).toThrow(TypeError);
    expect(() => checkpointBody({ ...CHECKPOINT, origin: 'has+plus' })).toThrow(TypeError);
    expect(() => checkpointBody({ ...CHECKPOINT, treeSize: -1 })).toThrow(RangeError);
    expect(() => checkpointBody({ ...CHECKPOINT, treeSize: 1.5 })).toThrow(RangeError);
    expect(() => checkpointBody({ ...CHECKPOINT, rootHash: ROOT.subarray(1) })).toThrow(TypeError);
    expect(() => checkpointBody({ ...CHECKPOINT, timestamp: '2024-09-15 08:30' })).toThrow(TypeError);
  });
});
