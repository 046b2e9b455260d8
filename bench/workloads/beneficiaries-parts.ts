import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { envelope, type CommandMetadata } from '../../src/command-handling/command-metadata';
import { IdNumberHasher } from '../../src/command-handling/id-number-hasher';
import { BeneficiaryModel } from '../../src/command-handling/stream-models';
import { decideBeneficiaries } from '../../src/domain/beneficiaries/beneficiaries.decide';
import type { ImportBeneficiaryList } from '../../src/domain/beneficiaries/beneficiaries.commands';
import type { FundState } from '../../src/domain/fund/fund.state';
import { chainHash, eventHash, GENESIS_HASH } from '../../src/event-store/hash-chain';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { readBeneficiaryList } from '../../src/import/beneficiary-list';

/**
 * What B1's import spends its CPU on, part by part: each part of the write path run alone over the
 * same list, timed with process.cpuUsage. The hash chain and the JSON texts are timed once more apart
 * from the store's append, which does them again. Against B1's raw insert
 * (beneficiaries-scale.ts), it shows which parts a faster import would have to cut.
 *
 * `node dist/bench/workloads/beneficiaries-parts.js --households 100000`
 */

const FAMILY = ['Nguyễn', 'Trần', 'Lê'];
const GIVEN = ['Văn', 'Thị', 'Minh'];
const LAST = ['An', 'Bình', 'Cúc', 'Dũng'];

function cpuSecondsOf<T>(work: () => T): [T, number] {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1e6];
}

function writeList(path: string, households: number): void {
  const lines = ['STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Loại hộ'];
  for (let i = 1; i <= households; i++) {
    const name = `${FAMILY[i % 3]} ${GIVEN[(i >> 2) % 3]} ${LAST[(i >> 4) % 4]}`;
    lines.push(`${i},${name},0${String(79_000_000_000 + i).padStart(11, '0')},Ấp ${1 + (i % 12)},Số ${i} ấp ${1 + (i % 12)},Hộ nghèo`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function measure(dir: string, households: number): Promise<Record<string, number>> {
  const csv = join(dir, 'list.csv');
  writeList(csv, households);
  const parts: Record<string, number> = {};
  let before = process.cpuUsage();
  const file = await readBeneficiaryList(csv);
  let used = process.cpuUsage(before);
  parts.readCsv = (used.user + used.system) / 1e6;
  const hasher = new IdNumberHasher(dir, 'bench-secret-0123456789abcdef');
  let rows;
  [rows, parts.hmac] = cpuSecondsOf(() => file.lines.map(({ idNumber, ...line }) => ({ ...line, ...hasher.identity('f', idNumber) })));
  const now = '2026-01-10T09:00:00+07:00';
  const command: ImportBeneficiaryList = {
    type: 'ImportBeneficiaryList', commune: 'Xã Bench', listKind: 'poor', certificationRef: '1/QĐ-UBND', rows, unreadable: [], actor: { userId: 'bench' }, now,
  };
  const fund = { status: 'open', fundId: 'f' } as FundState;
  let decision;
  [decision, parts.decide] = cpuSecondsOf(() => decideBeneficiaries(command, BeneficiaryModel.initialState(), fund));
  if (!decision.ok) throw new Error('the list was refused');
  const events = decision.events;
  [, parts.foldIntoIndex] = cpuSecondsOf(() => events.reduce(BeneficiaryModel.evolve, BeneficiaryModel.initialState()));
  const meta: CommandMetadata = {
    actor: { userId: 'bench', roles: ['accountant'] }, now, correlationId: 'bench', causationId: 'bench', idempotencyKey: null, requestHash: '',
  };
  let envelopes;
  [envelopes, parts.envelopes] = cpuSecondsOf(() => events.map((event, index) => envelope(event, meta, index, randomUUID)));
  const toAppend = envelopes;
  [, parts.hashChainAlone] = cpuSecondsOf(() => {
    let previous = GENESIS_HASH;
    let global = GENESIS_HASH;
    toAppend.forEach((event, revision) => {
      previous = eventHash(previous, 'ctd.beneficiaries.f', revision, event);
      global = chainHash(global, previous);
    });
  });
  [, parts.jsonTextsAlone] = cpuSecondsOf(() => toAppend.forEach((event) => JSON.stringify(event.data) + JSON.stringify(event.metadata)));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'));
  before = process.cpuUsage();
  await store.append('ctd.beneficiaries.f', toAppend, 'no_stream');
  used = process.cpuUsage(before);
  parts.storeAppend = (used.user + used.system) / 1e6;
  await store.close();
  return parts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { households: { type: 'string', default: '100000' } } });
  const households = Number(values.households);
  const dir = mkdtempSync(join(tmpdir(), 'ctd-bench-beneficiary-parts-'));
  const loadAtStart = loadavg()[0].toFixed(2);
  try {
    const parts = await measure(dir, households);
    process.stdout.write(`B1 parts at ${households} lines, CPU seconds (load average ${loadAtStart} → ${loadavg()[0].toFixed(2)}):\n`);
    for (const [part, seconds] of Object.entries(parts)) process.stdout.write(`  ${part.padEnd(16)} ${seconds.toFixed(2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
