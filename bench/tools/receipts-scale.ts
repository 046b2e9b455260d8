/**
 * Pages per second and peak RSS of a period's receipts in one PDF file (issue 16, R21: "all
 * receipts of a period in one file"): 1,000 and 10,000 receipts, each count in a child process
 * of its own. Measured here, never asserted in a test (speed is measured, not tested).
 *
 *   npm run build:server && npx tsc -p bench/tsconfig.json && node dist/bench/tools/receipts-scale.js \
 *     [--counts 1000,10000] [--seed 16] [--before OTHER/dist]
 *
 * `--before OTHER/dist` renders the same receipts with another build's receipt-pdf.js (say, a
 * worktree of main built with `npm run build:server`), in turn with this build, count by count,
 * so both see the same load. A build with `writeReceiptsPdf` streams the file into a file on disk
 * as the period route streams it into the response; an older build's `receiptsPdf` gives the file
 * as one Buffer, which is then written out.
 *
 * The child generates the pages (as the route holds them: one array), draws one receipt to load
 * pdfkit, qrcode and the fonts, then times the file: wall and CPU time (process.cpuUsage), and
 * the peak RSS of the whole child (getrusage) beside its RSS before the file.
 *
 * Measured on the shared two-core machine (load average 6.5 to 16, so wall times swing; the CPU
 * per page does not), main at 414cd08 before, the streamed file after:
 *     1,000 receipts: 12.4 → 3.1 ms of CPU a page, 41 → 220 pages/s, peak RSS 179 → 131 MB, 6.0 → 3.1 MB
 *    10,000 receipts: 11.5 → 2.3 ms of CPU a page, 48 → 280 pages/s, peak RSS 663 → 263 MB, 60 → 31 MB
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { DonationRecorded } from '../../src/domain/donation/donation.events';
import type { ReceiptPage } from '../../src/reports/receipt-pdf';
import { appealAmountVnd, BENCH_FUND_ID, personName, referenceOf } from '../lib/data';
import { Prng } from '../lib/prng';

/** What this tool calls in a build's dist/src/reports/receipt-pdf.js; older builds have no writeReceiptsPdf. */
interface ReceiptRenderer {
  receiptsPdf(pages: ReceiptPage[], title?: string): Promise<Buffer>;
  writeReceiptsPdf?(pages: Iterable<ReceiptPage>, output: Writable, title?: string): Promise<void>;
}

interface ChildFigures {
  pages: number;
  streamed: boolean;
  wallMs: number;
  cpuMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  bytes: number;
}

const YEAR_START_MS = Date.parse('2024-01-01T00:00:00+07:00');

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** The `sequence`-th receipt of a generated appeal: a named donor, an appeal-sized gift, a bank reference. */
function receiptPage(prng: Prng, sequence: number): ReceiptPage {
  const receiptNo = `2024-${String(sequence).padStart(6, '0')}`;
  const donationId = `DN-${receiptNo}`;
  const amountVnd = String(appealAmountVnd(prng));
  const receivedAt = new Date(YEAR_START_MS + 250 * 86_400_000 + sequence * 60_000).toISOString();
  const donation: DonationRecorded['data'] = {
    fundId: BENCH_FUND_ID, donationId, receiptNo, fiscalYear: 2024, component: 'general', campaignId: 'bao-yagi', restrictionId: 'bao-yagi',
    restriction: { purpose: 'Hỗ trợ đồng bào bị ảnh hưởng bão Yagi', beneficiary: null }, channel: 'bank_transfer', currency: 'VND',
    amount: amountVnd, fxRate: null, amountVnd, cash: true, revenueCategory: 'voluntary_contribution', inManagementCostBase: true, receivedAt,
    donor: { name: personName(prng), kind: 'individual', publicName: null, taxCode: null, address: prng.chance(0.3) ? 'Phường Thuận Thành, TP Huế' : null, contact: null },
    reference: `${referenceOf(sequence)} UNG HO BAO YAGI`, inKind: null, note: null, source: null,
  };
  return {
    donation, chapter: 'Hội Chữ thập đỏ tỉnh Thừa Thiên Huế', fundName: 'Quỹ Cứu trợ', campaignName: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi',
    issuedAt: prng.chance(0.5) ? receivedAt : null, mark: prng.chance(0.5) ? 'original' : 'copy',
    publicUrl: `https://minhbach.example.vn/cong-khai/${BENCH_FUND_ID}?khoan=${donationId}`,
    keyId: '5f3a9c1e', publicKey: 'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=',
  };
}

async function writeFile(renderer: ReceiptRenderer, pages: ReceiptPage[], out: string): Promise<boolean> {
  if (renderer.writeReceiptsPdf === undefined) {
    writeFileSync(out, await renderer.receiptsPdf(pages, 'Biên nhận ủng hộ trong kỳ'));
    return false;
  }
  const file = createWriteStream(out);
  await renderer.writeReceiptsPdf(pages, file, 'Biên nhận ủng hộ trong kỳ');
  return true;
}

/** The child: one build, one count; prints its figures as one JSON line. */
async function child(dist: string, count: number, seed: number, out: string): Promise<void> {
  const renderer = require(join(dist, 'src', 'reports', 'receipt-pdf.js')) as ReceiptRenderer;
  const prng = new Prng(seed);
  const pages = Array.from({ length: count }, (_, index) => receiptPage(prng, index + 1));
  await renderer.receiptsPdf([receiptPage(new Prng(seed + 1), 0)]);
  const rssBeforeMb = process.memoryUsage.rss() / 1024 / 1024;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const streamed = await writeFile(renderer, pages, out);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const figures: ChildFigures = {
    pages: count, streamed, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssBeforeMb, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function run(dist: string, count: number, seed: number, out: string): ChildFigures {
  const ran = spawnSync(process.execPath, [__filename, '--child', dist, '--count', String(count), '--seed', String(seed), '--out', out], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`the child for ${dist} failed: ${ran.stderr}`);
  return JSON.parse(ran.stdout) as ChildFigures;
}

function row(build: string, figures: ChildFigures): string {
  const pagesPerSecond = (figures.pages / figures.wallMs) * 1000;
  return [
    String(figures.pages).padStart(7), build.padEnd(7), (figures.streamed ? 'stream' : 'Buffer').padEnd(7),
    pagesPerSecond.toFixed(0).padStart(8), (figures.cpuMs / figures.pages).toFixed(2).padStart(12),
    figures.rssBeforeMb.toFixed(0).padStart(11), figures.peakRssMb.toFixed(0).padStart(9), (figures.bytes / 1024 / 1024).toFixed(1).padStart(8),
    loadavg().map((load) => load.toFixed(1)).join(' ').padStart(15),
  ].join('  ');
}

function parent(): void {
  const counts = (argument('counts') ?? '1000,10000').split(',').map(Number);
  const seed = Number(argument('seed') ?? 16);
  const before = argument('before');
  const builds: [string, string][] = [...(before === undefined ? [] : [['before', resolve(before)] as [string, string]]), ['after', resolve(__dirname, '..', '..')]];
  const dir = mkdtempSync(join(tmpdir(), 'ctd-receipts-scale-'));
  process.stdout.write(`receipts in one A5 file, seed ${seed}; load average (1, 5, 15 min) after each run\n`);
  process.stdout.write('  pages  build    file     pages/s  CPU ms/page  RSS before  peak RSS  file MB             load\n');
  try {
    for (const count of counts) {
      for (const [build, dist] of builds) process.stdout.write(`${row(build, run(dist, count, seed, join(dir, `${build}-${count}.pdf`)))}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) {
  void child(argument('child') ?? '', Number(argument('count')), Number(argument('seed')), argument('out') ?? '');
} else {
  parent();
}
