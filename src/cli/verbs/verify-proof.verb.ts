import { readFileSync } from 'node:fs';
import { configFromEnv } from '../../config/ledger-config';
import { checkpointKeyId } from '../../proofs/checkpoint';
import {
  type CheckpointConsistencyCheck, type ConsistencyProofJson, type EventInclusionCheck, type InclusionProofToCheck, verifyCheckpointConsistency, verifyEventInclusion, verifyProofFile,
} from '../../proofs/proof-json';
import type { SignedCheckpoint } from '../../proofs/checkpoint';
import { existingLedgerSigningKey } from '../../transparency/signing-key';
import { type CliIo, ExitCode, parseVerbArgs, UsageError, type Verb } from '../cli-support';

/** What each failure means to whoever checks, in the order the checks run. */
const EXPLANATIONS: Record<string, string> = {
  MALFORMED_PROOF: 'the file is not a proof: a field is missing or not in the expected form',
  MALFORMED_NOTE: 'the checkpoint\'s note is not a signed note',
  MALFORMED_CHECKPOINT: 'the note does not hold a checkpoint (origin, size, root, time)',
  ORIGIN_MISMATCH: 'the checkpoint is of another log than --origin names',
  NO_SIGNATURE_BY_KEY: 'the checkpoint is not signed by this key: it is not the ledger\'s, or the key is not the ledger\'s',
  BAD_SIGNATURE: 'the signature does not verify: the checkpoint was changed after it was signed',
  FIELDS_DISAGREE_WITH_NOTE: 'the checkpoint\'s fields say something other than its signed note',
  TREE_SIZE_NOT_THE_CHECKPOINTS: 'the proof is for another tree size than the signed checkpoint',
  LEAF_HASH_MISMATCH: 'the leaf hash is not the hash of this event',
  MALFORMED_HASH: 'a hash of the audit path is not 32 bytes of hex',
  INDEX_OUT_OF_RANGE: 'the leaf index is outside the signed tree',
  PATH_TOO_LONG: 'the audit path has more steps than a tree of this size',
  PATH_TOO_SHORT: 'the audit path has fewer steps than a tree of this size',
  ROOT_MISMATCH: 'the audit path does not lead to the signed root: this event is not proven to be in the log',
  SIZES_NOT_THE_CHECKPOINTS: 'the consistency proof is between other tree sizes than the two signed checkpoints (older first)',
  SIZES_OUT_OF_ORDER: 'the older tree is larger than the newer one',
  PROOF_NOT_EMPTY: 'the proof has steps where the trees are the same or the older is empty',
  PROOF_EMPTY: 'the proof has no steps where it needs some',
  FIRST_ROOT_MISMATCH: 'the proof does not lead to the older signed root: the older tree is not the start of the newer one',
  SECOND_ROOT_MISMATCH: 'the proof does not lead to the newer signed root: the log was rewritten between the two checkpoints',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks either file a verifier may hold: what `ledger prove` prints, or the answer of the donation
 * proof route (GET /v1/public/funds/:fundId/donations/:donationId/proof) saved from the site.
 */
function check(file: unknown, publicKeyRaw: Buffer, origin: string | undefined): EventInclusionCheck {
  if (isObject(file) && typeof file.eventHash === 'string' && isObject(file.proof)) {
    return verifyEventInclusion(file.eventHash, file.proof as unknown as InclusionProofToCheck, file.checkpoint as unknown as SignedCheckpoint, publicKeyRaw, origin);
  }
  return verifyProofFile(file, publicKeyRaw, origin);
}

/**
 * A consistency file: two signed checkpoints (each as GET /v1/public/checkpoint gives it, the
 * older one by ?treeSize= of a publication's checkpoint) and the answer of
 * GET /v1/public/proofs/consistency between their sizes.
 */
function isConsistencyFile(file: unknown): file is { older: SignedCheckpoint; newer: SignedCheckpoint; proof: ConsistencyProofJson } {
  return isObject(file) && isObject(file.older) && isObject(file.newer) && isObject(file.proof);
}

function publicKeyOf(raw: string | undefined, io: CliIo): Buffer {
  if (raw !== undefined) {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32 || key.toString('base64') !== raw) throw new UsageError('public-key-format', { raw });
    return key;
  }
  const own = existingLedgerSigningKey(configFromEnv(io.env));
  if (own === undefined) throw new UsageError('public-key-required');
  return own.publicKeyRaw;
}

function readProofFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError('proof-file-unreadable', { detail: `${path}: ${(error as Error).message}` });
  }
}

/** What one file proves, as the lines to print: OK and what holds, or FAILED, the check and what it means. */
function verdictOf(file: unknown, publicKeyRaw: Buffer, origin: string | undefined): { ok: boolean; text: string[] } {
  if (isConsistencyFile(file)) {
    const grew: CheckpointConsistencyCheck = verifyCheckpointConsistency(file.older, file.newer, file.proof, publicKeyRaw, origin);
    if (!grew.valid) return { ok: false, text: [`FAILED (${grew.failed}): ${grew.reason}: ${EXPLANATIONS[grew.reason] ?? grew.reason}`] };
    return {
      ok: true,
      text: [`OK: the tree of ${file.older.treeSize} events signed at ${file.older.timestamp} is the start of the tree of ${file.newer.treeSize} events `
        + `signed at ${file.newer.timestamp} by ${file.newer.origin} (key ${checkpointKeyId(file.newer.origin, publicKeyRaw)}): the log only grew between them.`],
    };
  }
  const result = check(file, publicKeyRaw, origin);
  if (!result.valid) return { ok: false, text: [`FAILED (${result.failed}): ${result.reason}: ${EXPLANATIONS[result.reason] ?? result.reason}`] };
  const { checkpoint } = result;
  const proved = file as Record<string, unknown>;
  const leaf = typeof proved.leaf === 'string' ? proved.leaf : String(proved.eventHash);
  const leafIndex = isObject(proved.proof) ? proved.proof.leafIndex : proved.leafIndex;
  const text = [`OK: event ${leaf} is leaf ${String(leafIndex)} of the tree of ${checkpoint.treeSize} events that ${checkpoint.origin} signed at ${checkpoint.timestamp} `
    + `(key ${checkpointKeyId(checkpoint.origin, publicKeyRaw)}, root ${checkpoint.rootHash}).`];
  // The donation proof route's answer carries the public entry beside the proof: what the proof holds is the event's hash.
  if (isObject(proved.donation)) {
    text.push(`The proof covers the event's hash, not the donation fields printed beside it in this file: compare the amount, date and name `
      + `with your bank receipt, or with the fund's public list (GET /v1/public/funds/<fundId>/donations), which answers them for log position ${String(proved.position)}.`);
  }
  // The donation proof route names a reversal beside the proof: what was recorded stays in the log, and so is its reversal.
  const reversal = isObject(proved.reversal) ? proved.reversal : undefined;
  if (reversal !== undefined) {
    text.push(`The answer also says the fund reversed this donation (${String(reversal.reversalId)}, at log position ${String(reversal.position)}, `
      + `dated ${String(reversal.reversedAt)}): prove that event too with GET /v1/public/proofs/inclusion?position=${String(reversal.position)}.`);
  }
  return { ok: true, text };
}

export const verifyProofVerb: Verb = {
  name: 'verify-proof',
  summary: 'verify-proof <file>... [--key <base64>]: check proofs (inclusion, or consistency of two checkpoints) offline, no server needed',
  help: `Usage: ledger verify-proof <file>... [--key <base64 public key>] [--origin <origin>]

Checks, offline, that the event of a proof file is in the log the key signed. The file is what
\`ledger prove\` prints, or the answer of GET /v1/public/funds/:fundId/donations/:donationId/proof
saved as it came. In order: the checkpoint's signed note verifies under the key (C2SP signed-note,
Ed25519) and its fields say what the note says; the proof is for the checkpoint's tree size; the
leaf hash is SHA-256(0x00 ‖ the event's hex hash); the audit path leads to the signed root
(RFC 9162 §2.1.3.2).

A file {"older", "newer", "proof"} (two checkpoints of GET /v1/public/checkpoint, the older by
?treeSize= of a publication's checkpoint, and GET /v1/public/proofs/consistency between their
sizes) is checked instead for the log only growing between them: both verify under the key, the
proof is between their sizes, and it leads to both roots (RFC 9162 §2.1.4.2).

Nothing is read from a server or from the log.

--key is the public key published at GET /v1/public/keys (raw 32 bytes, base64). Without it, the
key in LEDGER_DATA_DIR is used, if there is one. --origin pins which log the checkpoint must be of.

Several files are checked one after the other, each line of the answer starting with the file's
name: an auditor's folder of proofs in one run.

Exits 0 when every proof holds, 1 when one fails (its line says which check), 2 when a file or the
key is unusable.

Options:
  --key <base64>     the ledger's Ed25519 public key
  --origin <origin>  the checkpoint origin the file must carry
  -h, --help         show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseVerbArgs(args, { key: { type: 'string' }, origin: { type: 'string' } }, true);
    if (positionals.length === 0) throw new UsageError('proof-files-required');
    const publicKeyRaw = publicKeyOf(values.key, io);
    // Every file is read before any is checked: one that cannot be read is a usage error, named.
    const files = positionals.map((path) => ({ path, content: readProofFile(path) }));
    // One file answers as it always did; several name each file on its lines (an auditor's folder of proofs).
    const many = files.length > 1;
    let failed = false;
    for (const { path, content } of files) {
      const lines = verdictOf(content, publicKeyRaw, values.origin);
      failed ||= !lines.ok;
      for (const line of lines.text) io.stdout.write(`${many ? `${path}: ` : ''}${line}\n`);
    }
    return failed ? ExitCode.verificationFailed : ExitCode.ok;
  },
};
