import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler tool (pdftotext, pdfinfo, pdffonts, pdftoppm) on the bytes of a PDF and returns what it prints. */
function popplerBytes(tool: string, args: string[], pdf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'ctd-receipt-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function poppler(tool: string, args: string[], pdf: Buffer): string {
  return popplerBytes(tool, args, pdf).toString('utf8');
}

/** The text of each page as pdftotext reads it back, whitespace runs folded to one space, NFC. */
export function pdfPages(pdf: Buffer): string[] {
  const text = poppler('pdftotext', ['-enc', 'UTF-8'], pdf);
  return text.split('\f').filter((page) => page.trim() !== '').map((page) => page.replace(/\s+/g, ' ').trim().normalize('NFC'));
}

export function pdfInfo(pdf: Buffer): string {
  return poppler('pdfinfo', [], pdf);
}

export function pdfFonts(pdf: Buffer): string {
  return poppler('pdffonts', [], pdf);
}

/** One page as pdftoppm renders it in grey at `dpi`: a byte a pixel, row by row, 0 black and 255 white. */
export interface GrayPage {
  width: number;
  height: number;
  pixels: Buffer;
  dpi: number;
}

export function pdfPageGray(pdf: Buffer, pageNumber: number, dpi: number): GrayPage {
  const pgm = popplerBytes('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(pageNumber), '-l', String(pageNumber)], pdf);
  // A binary PGM: "P5", width, height and the largest value (255), each followed by one whitespace byte.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not print a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length, header[0].length + width * height), dpi };
}

/**
 * The modules of a QR code of `size` modules a side as drawn on a rendered page, read at the
 * centre of each module (true = dark). The code is `sidePt` points wide with a light border of
 * `marginModules` and its left edge at `leftPt`; its top is found where the top-left finder
 * pattern begins, the one place in that column dark for seven modules on end.
 */
export function qrModulesDrawn(page: GrayPage, qr: { size: number; leftPt: number; sidePt: number; marginModules: number }): boolean[] {
  const pixelsPerPt = page.dpi / 72;
  const unitPt = qr.sidePt / (qr.size + 2 * qr.marginModules);
  const dark = (xPt: number, yPt: number) => page.pixels[Math.floor(yPt * pixelsPerPt) * page.width + Math.floor(xPt * pixelsPerPt)] < 128;
  const columnPt = qr.leftPt + unitPt * (qr.marginModules + 0.5);
  const finderPx = 7 * unitPt * pixelsPerPt;
  let gridTopPt: number | undefined;
  let run = 0;
  for (let y = 0; y < page.height && gridTopPt === undefined; y++) {
    if (dark(columnPt, (y + 0.5) / pixelsPerPt)) run++;
    else if (Math.abs(run - finderPx) <= unitPt * pixelsPerPt / 2) gridTopPt = (y - run) / pixelsPerPt;
    else run = 0;
  }
  if (gridTopPt === undefined) throw new Error('no QR finder pattern on the page');
  const top = gridTopPt;
  const left = qr.leftPt + unitPt * qr.marginModules;
  return Array.from({ length: qr.size * qr.size }, (_, index) =>
    dark(left + unitPt * ((index % qr.size) + 0.5), top + unitPt * (Math.floor(index / qr.size) + 0.5)));
}

/** Supertest parser that keeps a binary body as one Buffer. */
export function binaryBody(response: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
