import type { SignedCheckpoint } from './checkpoint';

/**
 * Signs a checkpoint of the log as it stands: a publication names the checkpoint signed when it
 * was recorded, so the published figures can later be tied to one tree size and root.
 */
export interface CheckpointSigner {
  /** Signs and keeps a checkpoint of the whole log now, or returns the latest when the log has not grown since. */
  signNow(): Promise<SignedCheckpoint>;
}

/** Nest injection token of the ledger's {@link CheckpointSigner}. */
export const CHECKPOINT_SIGNER = Symbol('CHECKPOINT_SIGNER');
