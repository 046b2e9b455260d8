import type { KeyObject } from 'node:crypto';

/**
 * The ledger's own Ed25519 key. It signs the log's checkpoints and the transfer notes sent to
 * chapters on other installations; its public half is published at `GET /v1/public/keys`, so
 * anyone can check both without trusting the server that hands them out.
 */
export interface LedgerSigningKey {
  /** The checkpoint origin, which is also the C2SP signed-note key name the key signs under. */
  readonly origin: string;
  /** keyHash of the C2SP signed note (4 bytes) in hex, as `/v1/public/keys` names the key. */
  readonly keyId: string;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKeyRaw: Buffer;
  readonly privateKey: KeyObject;
}

/** Nest injection token of the ledger's {@link LedgerSigningKey}. */
export const LEDGER_SIGNING_KEY = Symbol('LEDGER_SIGNING_KEY');
