import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler tool (pdftotext, pdfinfo, pdffonts) on the bytes of a PDF and returns its output. */
function poppler(tool: string, args: string[], pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctd-receipt-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of each page as pdftotext reads it back, whitespace runs folded to one space, NFC. */
export function pdfPages(pdf: Buffer): string[] {
  const text = poppler('pdftotext', ['-enc', 'UTF-8'], pdf);
  return text.split('\f').filter((page) => page.trim() !== '').map((page) => page.replace(/\s+/g, ' ').trim().normalize('NFC'));
}

export function pdfInfo(pdf: Buffer): string {
  return poppler('pdfinfo', [], pdf);
}

/** The images of the file (the QR code is one), as `pdfimages -list` lists them. */
export function pdfImages(pdf: Buffer): string {
  return poppler('pdfimages', ['-list'], pdf);
}

export function pdfFonts(pdf: Buffer): string {
  return poppler('pdffonts', [], pdf);
}

/** Supertest parser that keeps a binary body as one Buffer. */
export function binaryBody(response: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
