/**
 * How long the public site's own reads take at a million donations: the campaigns (the campaigns
 * report's figures with each campaign's account and deadline) and the money per day (of the fund
 * and of one campaign), which /cong-khai/:fundId asks for on every visit. Measured, not asserted.
 *
 *   npm run build && npx tsc -p bench/tsconfig.json && node dist/bench/tools/public-site-scale.js [--donations 1000000] [--seed 15] [--db FILE]
 *
 * The registers of one fund are filled with generated gifts (each event applied by the real table
 * projections, as the runner applies them) in a scratch SQLite file, half of them to a campaign;
 * `--db FILE` keeps them for the next run. Each read is then timed 7 times; the median and the
 * worst are printed.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import type { ProjectedEvent } from '../../projections/projection';
import { ScratchTables } from '../../src/audit/table-state';
import type { DonationRecorded } from '../../src/domain/donation/donation.events';
import type { CampaignCreated, FundOpened } from '../../src/domain/fund/fund.events';
import { PublicFundFacts } from '../../src/read-side/public-fund-facts';
import type { ReadModels } from '../../src/read-side/read-models';
import { appealAmountVnd, BENCH_FUND_ID, personName } from '../lib/data';
import { Prng } from '../lib/prng';

const START_MS = Date.parse('2024-09-08T00:00:00+07:00');
const SPAN_MS = 90 * 86400_000;
const CAMPAIGN = 'bao-yagi-2024';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const vietnamTime = (ms: number) => `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;

function projected(position: number, event: FundOpened | CampaignCreated | DonationRecorded): ProjectedEvent {
  return { position, streamId: `fund-${BENCH_FUND_ID}`, revision: position - 1, recordedAt: '2025-01-02T00:00:00Z', actorUserId: 'bench', event };
}

const fundOpened = (): FundOpened => ({
  type: 'FundOpened',
  data: {
    fundId: BENCH_FUND_ID, name: 'Quỹ hoạt động Chữ thập đỏ (bench)', chapter: 'Hội Chữ thập đỏ tỉnh Quảng Ngãi', legalBasis: 'decree-93-2019',
    components: ['general'],
    policy: {
      approvals: [{ above: '0', approvers: 1 }], emergencyReleaseCap: '50000000', emergencySettlementDays: 30, managementCostWarnPercent: '5',
      managementCostCapPercent: '10', emergencyOpenLimit: '200000000', blockReleasesWhenOverdue: false, payerMayBeRequester: false,
    },
    openedAt: '2024-01-01T00:00:00+07:00',
  },
} as FundOpened);

const campaignCreated = (): CampaignCreated => ({
  type: 'CampaignCreated',
  data: {
    fundId: BENCH_FUND_ID, campaignId: CAMPAIGN, name: 'Bão Yagi 2024', kind: 'disaster', receiveFrom: vietnamTime(START_MS), receiveUntil: vietnamTime(START_MS + SPAN_MS),
    distributeUntil: vietnamTime(START_MS + SPAN_MS + 20 * 86400_000), bankAccount: '0011001932418', restrictionId: `campaign:${CAMPAIGN}`, createdAt: '2024-09-07T00:00:00Z',
  },
});

function donation(prng: Prng, sequence: number): DonationRecorded {
  const toCampaign = prng.chance(0.5);
  const amountVnd = String(appealAmountVnd(prng));
  const id = `2024-${String(sequence).padStart(7, '0')}`;
  return {
    type: 'DonationRecorded',
    data: {
      fundId: BENCH_FUND_ID, donationId: `d-${id}`, receiptNo: id, fiscalYear: 2024, component: 'general',
      campaignId: toCampaign ? CAMPAIGN : null, restrictionId: toCampaign ? `campaign:${CAMPAIGN}` : null, restriction: null,
      channel: 'bank_transfer', currency: 'VND', amount: amountVnd, fxRate: null, amountVnd, cash: true,
      revenueCategory: 'voluntary_contribution', inManagementCostBase: !toCampaign, receivedAt: vietnamTime(START_MS + prng.below(SPAN_MS)),
      donor: { name: personName(prng), kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
      reference: `FT24${String(sequence).padStart(8, '0')}`, inKind: null, note: null, source: null,
    },
  } as DonationRecorded;
}

function registers(donations: number): { file: string; close: () => void } {
  const kept = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : undefined;
  if (kept !== undefined && existsSync(kept)) return { file: kept, close: () => undefined };
  const prng = new Prng(option('seed', 15));
  // With the read models' indexes: the public reads name them (INDEXED BY). The scratch tables
  // commit in transactions of their own, and reading `db` commits what is pending.
  const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
  const started = Date.now();
  const apply = (event: ProjectedEvent) => {
    for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(event));
  };
  apply(projected(1, fundOpened()));
  apply(projected(2, campaignCreated()));
  for (let sequence = 1; sequence <= donations; sequence += 1) apply(projected(sequence + 2, donation(prng, sequence)));
  process.stderr.write(`${donations} donations in the registers in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (kept === undefined) return { file: scratch.db.name, close: () => scratch.close() };
  scratch.db.exec(`VACUUM INTO '${kept.replace(/'/g, "''")}'`);
  scratch.close();
  return { file: kept, close: () => undefined };
}

function timed(name: string, read: () => unknown): void {
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < 7; run += 1) {
    const started = process.hrtime.bigint();
    const answer = read();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    size = Array.isArray(answer) ? answer.length : 0;
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${name}: median ${times[3].toFixed(0)} ms, worst ${times[6].toFixed(0)} ms (${size} rows)\n`);
}

function main(): void {
  const donations = option('donations', 1_000_000);
  const { file, close } = registers(donations);
  const db = new Database(file, { readonly: true });
  const position = (db.prepare('SELECT MAX(position) AS p FROM register_donations').get() as { p: number }).p;
  const facts = new PublicFundFacts({ db } as unknown as ReadModels);
  process.stdout.write(`${donations} donations, read at position ${position}\n`);
  timed('GET …/campaigns', () => facts.campaigns(BENCH_FUND_ID, position, Date.now()));
  timed('GET …/daily (the fund)', () => facts.daily(BENCH_FUND_ID, undefined, position));
  timed(`GET …/daily?campaignId=${CAMPAIGN}`, () => facts.daily(BENCH_FUND_ID, CAMPAIGN, position));
  db.close();
  close();
}

main();
