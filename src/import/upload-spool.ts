import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** An upload written to a scratch file, with its sha256 and size. */
export interface SpooledUpload {
  path: string;
  sha256: string;
  bytes: number;
  /** Deletes the scratch file. */
  remove(): void;
}

/** The upload went over the limit; what was read of it is already deleted. */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The statement is larger than the limit of ${limitBytes} bytes`);
    this.name = 'UploadTooLargeError';
  }
}

/** The body ended before it was complete (the client went away, the connection broke). */
export class UploadInterruptedError extends Error {
  constructor(cause: unknown) {
    super(`The statement upload was interrupted: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'UploadInterruptedError';
  }
}

/**
 * Writes a request body to disk while hashing it, so the statement can then be read in one
 * streaming pass whose every event already carries the file's sha256, and the body is never held
 * in memory. Over `limitBytes` the scratch file is deleted and UploadTooLargeError thrown; the
 * rest of the body is drained (up to as much again, then the connection is dropped) so that an
 * honest client reads a 413 rather than a reset connection.
 */
export function spoolUpload(body: Readable, scratchDir: string, limitBytes: number): Promise<SpooledUpload> {
  mkdirSync(scratchDir, { recursive: true });
  const dir = mkdtempSync(join(scratchDir, 'upload-'));
  const path = join(dir, 'statement');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  const file = createWriteStream(path);
  let bytes = 0;
  let failed = false;
  return new Promise<SpooledUpload>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      file.destroy();
      remove();
      reject(error);
    };
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (failed) {
        if (bytes > 2 * limitBytes) body.destroy();
        return;
      }
      if (bytes > limitBytes) {
        fail(new UploadTooLargeError(limitBytes));
        body.resume();
        return;
      }
      hash.update(chunk);
      if (!file.write(chunk)) body.pause();
    });
    file.on('drain', () => {
      if (!failed) body.resume();
    });
    body.on('end', () => {
      if (!failed) file.end();
    });
    body.on('aborted', () => fail(new UploadInterruptedError('the client closed the connection')));
    body.on('error', (error) => fail(new UploadInterruptedError(error)));
    file.on('error', fail);
    file.on('finish', () => {
      if (!failed) resolve({ path, sha256: hash.digest('hex'), bytes, remove });
    });
  });
}
