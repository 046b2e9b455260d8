import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, createReadStream, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BENEFICIARY_SECRET_FILE } from '../command-handling/id-number-hasher';
import { SIGNING_KEY_FILE_NAME } from '../config/ledger-config';
import { GENESIS_HASH } from '../event-store/hash-chain';
import { LOG_FILE, MERKLE_TREE_FILE } from '../config/data-files';

/** The backup's own description of what it holds (positions, hashes, files). */
export const MANIFEST_FILE = 'manifest.json';

/**
 * What a backup copies. The read models (read-models.db) are left out on purpose: every one of them
 * is a pure function of the log, so the first start after a restore (or `ledger verify`) rebuilds
 * them, and a copy of them could only be at another position than the copied log. The backup is
 * the source of truth alone, and nothing in it can disagree with it.
 */
export const BACKED_UP_FILES: readonly string[] = [LOG_FILE];

/** The Merkle tree beside the log, with the signed checkpoints. */
export const TREE_FILE = MERKLE_TREE_FILE;

/**
 * Files a backup holds when the data directory has them. The tree's leaves and subtrees are a
 * function of the log, but its signed checkpoints are not: they are statements the ledger made
 * and published (a publication names one), so they are kept. A backup without the tree (made
 * before it existed) still restores: the tree is then rebuilt from the log on the first start,
 * and only the checkpoints signed before are missing.
 */
export const OPTIONAL_BACKED_UP_FILES: readonly string[] = [TREE_FILE];

/**
 * The ledger's secrets, copied when it has them: the secret the funds' id-number keys and the seal
 * of password hashes derive from (without it a restored registry could never match an id number
 * again, every hash would differ, and no password would sign in)
 * and the signing key (without it the restored ledger would sign with a new key, and what was
 * signed before could not be told from a forgery's). Copied 0600 and never printed; the manifest
 * holds only their sha256.
 */
export const SECRET_FILES: readonly string[] = [BENEFICIARY_SECRET_FILE, SIGNING_KEY_FILE_NAME];

/**
 * The accountants' worklist, copied when there is one: the answers of the statement imports, whose
 * rejected lines and warnings the dashboard lists until they are dealt with (src/import/import-log.ts).
 * No figure stands on it, but a restored ledger without it would forget what is left to review.
 */
export const WORKLIST_FILES: readonly string[] = ['imports.ndjson'];

/** Every name a manifest may list. */
const KNOWN_FILES: readonly string[] = [...BACKED_UP_FILES, ...OPTIONAL_BACKED_UP_FILES, ...SECRET_FILES, ...WORKLIST_FILES];

/** Where the secrets are, when not in the data directory. */
export interface BackupSources {
  /** LEDGER_SIGNING_KEY_FILE, when the key is kept outside the data directory: copied as signing-key.pem. */
  signingKeyFile?: string;
}

const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;
/** Pages per backup step: all of them, so the copy is made in one read transaction (see copyDatabase). */
const ALL_PAGES = 0x7fffffff;
const BUSY_TIMEOUT_MS = 5_000;

export interface BackupFileEntry {
  name: string;
  sha256: string;
  bytes: number;
}

/** manifest.json, as api-v2.md "Operations" names its fields (plus each file's size). */
export interface BackupManifest {
  /** Position of the last event in the copied log; 0 for an empty log. */
  headPosition: number;
  /** That event's link in the global chain (globalHash), which commits to every event before it. */
  headHash: string;
  createdAt: string;
  files: BackupFileEntry[];
}

/** The backup or restore was not started: the directories are not as required. Nothing was written. */
export class BackupRefusedError extends Error {}

/** The backup is not what its manifest says (a changed, missing or unreadable file). Nothing was restored. */
export class BackupDamagedError extends Error {}

interface LogHead {
  headPosition: number;
  headHash: string;
}

/** Creates `dir` (0700) or takes an existing empty one (made 0700); answers whether it was created. */
export function prepareEmptyDirectory(dir: string, role: string): boolean {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) {
    mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE });
    chmodSync(dir, DIRECTORY_MODE);
    return true;
  }
  if (!stat.isDirectory()) throw new BackupRefusedError(`${role} ${dir} is not a directory`);
  if (readdirSync(dir).length > 0) throw new BackupRefusedError(`${role} ${dir} is not empty: it must be empty or absent`);
  chmodSync(dir, DIRECTORY_MODE);
  return false;
}

/** The last event of a log file: its position and global hash (GENESIS_HASH for an empty log). */
export function readLogHead(db: Database.Database): LogHead {
  const row = db.prepare('SELECT position, global_hash AS globalHash FROM events ORDER BY position DESC LIMIT 1').get() as
    | { position: number; globalHash: string }
    | undefined;
  return row ? { headPosition: row.position, headHash: row.globalHash } : { headPosition: 0, headHash: GENESIS_HASH };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a new file, created 0600 before a byte is written (so no one else can read it even for a moment), and fsyncs it. */
function writeNewFile(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx', FILE_MODE);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, FILE_MODE);
}

/** Writes a file whole, 0600, durably: a temporary name, fsync, rename, fsync of the directory. */
function writeFileDurably(dir: string, name: string, text: string): void {
  const temporary = join(dir, `${name}.partial`);
  writeNewFile(temporary, Buffer.from(text, 'utf8'));
  renameSync(temporary, join(dir, name));
  fsyncPath(dir);
}

/**
 * SQLite's online backup API (better-sqlite3's db.backup), never a file copy: a copy of ledger.db
 * while the server writes could miss the WAL or tear a page. All pages are copied in one step, so
 * in one read transaction: in WAL mode the server's writers are not blocked by it, and the copy is
 * the database exactly as of one commit. (Copied in many small steps, as by default, a backup restarts
 * whenever another process commits between two steps, and might never finish under a steady load.)
 * The copy is then switched to a rollback journal, so it is one self-contained file that can be
 * opened read-only where it lies, and checked (`what` names it in the error); `read` reads it then.
 */
async function copyDatabase<T>(sourcePath: string, targetPath: string, what: string, read: (copy: Database.Database) => T): Promise<T> {
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    // Created here first, 0600, so SQLite writes into a file nobody else may read (its journal takes the same mode).
    closeSync(openSync(targetPath, 'wx', FILE_MODE));
    await source.backup(targetPath, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new Database(targetPath, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${what} fails SQLite's quick_check: ${String(check)}`);
    return read(copy);
  } finally {
    copy.close();
  }
}

/** The event log, copied as of one commit; its head is what the manifest records. */
const copyLog = (sourcePath: string, targetPath: string): Promise<LogHead> =>
  copyDatabase(sourcePath, targetPath, 'the copied log', readLogHead);

/**
 * The tree file. Copied before the log: the tree follows the log, so a tree copied first can only
 * be behind the log copied after, never ahead, and the restored ledger's tree catches up from the log.
 */
const copyTree = (sourcePath: string, targetPath: string): Promise<void> =>
  copyDatabase(sourcePath, targetPath, 'the copied Merkle tree', () => undefined);

/** A secret copied into a new 0600 file. */
function copySecret(source: string, target: string): void {
  writeNewFile(target, readFileSync(source));
}

/**
 * `ledger backup`: copies the event log of `dataDir` into `targetDir` (created 0700, or an empty
 * directory) and writes manifest.json last, so a directory with a manifest holds a whole backup.
 * On failure everything written is removed again.
 */
export async function backupSqliteStore(dataDir: string, targetDir: string, createdAt: Date, sources: BackupSources = {}): Promise<BackupManifest> {
  const sourcePath = join(dataDir, LOG_FILE);
  if (!statSync(sourcePath, { throwIfNoEntry: false })?.isFile()) {
    throw new BackupRefusedError(`there is no event log at ${sourcePath} (check LEDGER_DATA_DIR)`);
  }
  const created = prepareEmptyDirectory(targetDir, 'the backup directory');
  try {
    const files: BackupFileEntry[] = [];
    const treeSource = join(dataDir, TREE_FILE);
    const hasTree = statSync(treeSource, { throwIfNoEntry: false })?.isFile() === true;
    if (hasTree) await copyTree(treeSource, join(targetDir, TREE_FILE));
    const targetPath = join(targetDir, LOG_FILE);
    const head = await copyLog(sourcePath, targetPath);
    for (const name of hasTree ? [LOG_FILE, TREE_FILE] : [LOG_FILE]) {
      const path = join(targetDir, name);
      chmodSync(path, FILE_MODE);
      fsyncPath(path);
      files.push({ name, sha256: await sha256OfFile(path), bytes: statSync(path).size });
    }
    for (const name of [...SECRET_FILES, ...WORKLIST_FILES]) {
      const source = name === SIGNING_KEY_FILE_NAME && sources.signingKeyFile !== undefined ? sources.signingKeyFile : join(dataDir, name);
      if (!statSync(source, { throwIfNoEntry: false })?.isFile()) continue;
      const path = join(targetDir, name);
      copySecret(source, path);
      files.push({ name, sha256: await sha256OfFile(path), bytes: statSync(path).size });
    }
    const manifest: BackupManifest = { ...head, createdAt: createdAt.toISOString(), files };
    writeFileDurably(targetDir, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    for (const name of readdirSync(targetDir)) rmSync(join(targetDir, name), { force: true });
    if (created) rmdirSync(targetDir);
    throw error;
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A manifest's fields, checked: anything else is a damaged backup. File names must be ones a backup writes. */
function parseManifest(text: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupDamagedError(`${MANIFEST_FILE} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (why: string): never => {
    throw new BackupDamagedError(`${MANIFEST_FILE} is not a backup manifest: ${why}`);
  };
  const manifest = raw as Partial<BackupManifest> | null;
  if (typeof manifest !== 'object' || manifest === null) return fail('not an object');
  if (!Number.isSafeInteger(manifest.headPosition) || (manifest.headPosition as number) < 0) fail('headPosition is not a non-negative integer');
  if (typeof manifest.headHash !== 'string' || !SHA256_HEX.test(manifest.headHash)) fail('headHash is not 64 hexadecimal digits');
  if (typeof manifest.createdAt !== 'string') fail('createdAt is missing');
  if (!Array.isArray(manifest.files)) return fail('files is not a list');
  for (const file of manifest.files as unknown[]) {
    const entry = file as Partial<BackupFileEntry> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.name !== 'string' || !KNOWN_FILES.includes(entry.name)) {
      fail(`files lists ${JSON.stringify(entry?.name ?? file)}, which a backup never holds (it holds ${KNOWN_FILES.join(', ')})`);
    }
    if (typeof entry?.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256)) fail(`the sha256 of ${entry?.name} is not 64 hexadecimal digits`);
  }
  for (const name of BACKED_UP_FILES) {
    if (manifest.files.filter((file) => file.name === name).length !== 1) fail(`files must list ${name} exactly once`);
  }
  for (const name of [...OPTIONAL_BACKED_UP_FILES, ...SECRET_FILES]) {
    if (manifest.files.filter((file) => file.name === name).length > 1) fail(`files may list ${name} at most once`);
  }
  return manifest as BackupManifest;
}

export function readManifest(backupDir: string): BackupManifest {
  const path = join(backupDir, MANIFEST_FILE);
  if (!statSync(backupDir, { throwIfNoEntry: false })?.isDirectory()) throw new BackupRefusedError(`${backupDir} is not a directory`);
  if (!statSync(path, { throwIfNoEntry: false })) {
    throw new BackupRefusedError(`${backupDir} is not a backup: it has no ${MANIFEST_FILE} (an interrupted backup writes none)`);
  }
  return parseManifest(readFileSync(path, 'utf8'));
}

async function checkFileAgainstManifest(path: string, entry: BackupFileEntry, label = entry.name): Promise<void> {
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new BackupDamagedError(`${label} is missing from the backup`);
  const actual = await sha256OfFile(path);
  if (actual !== entry.sha256) {
    throw new BackupDamagedError(`${label}: sha256 ${actual} is not the manifest's ${entry.sha256}; the file was changed or damaged after the backup`);
  }
}

/** The log file's head must be the one the manifest recorded (a manifest edited to claim another head is refused). */
function checkLogHead(path: string, manifest: BackupManifest): void {
  let head: LogHead;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      head = readLogHead(db);
    } finally {
      db.close();
    }
  } catch (error) {
    throw new BackupDamagedError(`${LOG_FILE} cannot be read as an event log: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (head.headPosition !== manifest.headPosition || head.headHash !== manifest.headHash) {
    throw new BackupDamagedError(
      `${LOG_FILE} ends at position ${head.headPosition} (hash ${head.headHash}), not at the manifest's position ${manifest.headPosition} (hash ${manifest.headHash})`,
    );
  }
}

/** Every file of the backup, checked where it lies, before anything is written. */
async function checkBackup(backupDir: string, manifest: BackupManifest): Promise<void> {
  for (const entry of manifest.files) await checkFileAgainstManifest(join(backupDir, entry.name), entry);
  checkLogHead(join(backupDir, LOG_FILE), manifest);
}

/** Copies one file in as `<name>.restoring`, 0600, checks the copy's sha256 again, then renames it into place. */
async function restoreFile(backupDir: string, dataDir: string, entry: BackupFileEntry): Promise<void> {
  const temporary = join(dataDir, `${entry.name}.restoring`);
  if (SECRET_FILES.includes(entry.name)) copySecret(join(backupDir, entry.name), temporary);
  else copyFileSync(join(backupDir, entry.name), temporary);
  chmodSync(temporary, FILE_MODE);
  fsyncPath(temporary);
  // Checked again after the copy: the file may have changed since it was checked, or the copy gone wrong.
  await checkFileAgainstManifest(temporary, entry, `the restored copy of ${entry.name}`);
  renameSync(temporary, join(dataDir, entry.name));
}

/**
 * `ledger restore`: checks the whole backup (every file's sha256, the log's head against the
 * manifest), then copies it into `dataDir`, which must be empty or absent. On failure the files
 * written are removed again, so the data directory is left empty.
 */
export async function restoreSqliteStore(backupDir: string, dataDir: string): Promise<BackupManifest> {
  const manifest = readManifest(backupDir);
  const target = statSync(dataDir, { throwIfNoEntry: false });
  if (target && (!target.isDirectory() || readdirSync(dataDir).length > 0)) {
    throw new BackupRefusedError(`LEDGER_DATA_DIR ${dataDir} is not empty: restore only into an empty or absent directory, never over a ledger`);
  }
  await checkBackup(backupDir, manifest);
  const created = prepareEmptyDirectory(dataDir, 'LEDGER_DATA_DIR');
  try {
    for (const entry of manifest.files) await restoreFile(backupDir, dataDir, entry);
    checkLogHead(join(dataDir, LOG_FILE), manifest);
    fsyncPath(dataDir);
    return manifest;
  } catch (error) {
    for (const name of readdirSync(dataDir)) rmSync(join(dataDir, name), { force: true });
    if (created) rmdirSync(dataDir);
    throw error;
  }
}
