import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointOriginOf, ConfigError, type LedgerConfig, SIGNING_KEY_FILE_NAME } from '../config/ledger-config';
import { checkpointKeyId, ed25519PrivateKeyFromSeed, ed25519PublicKeyRaw } from '../proofs';
import type { LedgerSigningKey } from '../proofs/ledger-signing-key';

/** Read and write by the ledger's account only: whoever reads the key can sign checkpoints in the ledger's name. */
const PRIVATE_FILE_MODE = 0o600;

/** The key with its origin, keyId and raw public half, as the rest of the ledger uses it. */
export function ledgerSigningKeyOf(privateKey: KeyObject, origin: string): LedgerSigningKey {
  const publicKeyRaw = ed25519PublicKeyRaw(privateKey);
  return Object.freeze({ origin, keyId: checkpointKeyId(origin, publicKeyRaw), publicKeyRaw, privateKey });
}

function readPemKey(path: string, variable: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: readFileSync(path), format: 'pem' });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not a PEM private key';
    throw new ConfigError(`${variable}: ${path} ${reason}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${variable}: ${path} holds an ${key.asymmetricKeyType} key; the ledger signs with Ed25519`);
  return key;
}

/**
 * The key of the data directory, generated on the first start that needs it. It is written with
 * the exclusive flag, so two processes starting together keep one key: the loser reads the
 * winner's file. A file found readable by others is refused rather than trusted, since the
 * ledger cannot know who read it.
 */
function dataDirectoryKey(dataDir: string): KeyObject {
  const path = join(dataDir, SIGNING_KEY_FILE_NAME);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    // The umask may have narrowed the mode further, never widened it; chmod says exactly what is meant.
    chmodSync(path, PRIVATE_FILE_MODE);
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new ConfigError(`The signing key ${path} is readable by other accounts: chmod 600 it, or replace it if it may have been copied`);
  }
  return readPemKey(path, 'The signing key');
}

/**
 * The ledger's signing key as configured: LEDGER_SIGNING_KEY_SEED, else LEDGER_SIGNING_KEY_FILE,
 * else the key of the data directory (generated at first start).
 */
export function loadLedgerSigningKey(config: LedgerConfig): LedgerSigningKey {
  const origin = checkpointOriginOf(config);
  const { signingKeySeed, signingKeyFile } = config.proofs ?? {};
  if (signingKeySeed !== undefined) return ledgerSigningKeyOf(ed25519PrivateKeyFromSeed(Buffer.from(signingKeySeed, 'base64')), origin);
  if (signingKeyFile !== undefined) return ledgerSigningKeyOf(readPemKey(signingKeyFile, 'LEDGER_SIGNING_KEY_FILE'), origin);
  return ledgerSigningKeyOf(dataDirectoryKey(config.dataDir), origin);
}

/**
 * The key of the data directory if one exists, without generating it: what an offline check uses
 * when no key is given, since a key made up on the spot would verify nothing.
 */
export function existingLedgerSigningKey(config: LedgerConfig): LedgerSigningKey | undefined {
  const { signingKeySeed, signingKeyFile } = config.proofs ?? {};
  if (signingKeySeed !== undefined || signingKeyFile !== undefined) return loadLedgerSigningKey(config);
  try {
    statSync(join(config.dataDir, SIGNING_KEY_FILE_NAME));
  } catch {
    return undefined;
  }
  return loadLedgerSigningKey(config);
}
