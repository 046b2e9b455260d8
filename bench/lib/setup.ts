import type { LocalHttp } from './http';
import { BENCH_FUND_ID } from './data';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface BenchLedger {
  fundId: string;
  accountantToken: string;
  accountantUserId: string;
  auditorToken: string;
}

/** Through the API, as a chapter would start: a fund, an accountant and an auditor. */
export async function setUpLedger(admin: LocalHttp): Promise<BenchLedger> {
  await admin.expect(201, 'POST', '/v1/funds', { fundId: BENCH_FUND_ID, name: 'Quỹ hoạt động Chữ thập đỏ (bench)', chapter: 'Hội Chữ thập đỏ TP.HCM' });
  const accountant = await admin.expect<{ userId: string; token: string }>(201, 'POST', '/v1/users', { name: 'Kế toán bench', roles: ['accountant'] });
  const auditor = await admin.expect<{ userId: string; token: string }>(201, 'POST', '/v1/users', { name: 'Kiểm toán bench', roles: ['auditor'] });
  return { fundId: BENCH_FUND_ID, accountantToken: accountant.token, accountantUserId: accountant.userId, auditorToken: auditor.token };
}
