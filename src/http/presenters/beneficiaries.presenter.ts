import type { BeneficiaryListResult } from '../../command-handling/handlers/beneficiaries.handlers';
import type { SpendingResult } from '../../command-handling/handlers/spending.handlers';
import type { UserState } from '../../domain/users/users.state';
import { lineReasonIn } from '../../i18n/field-reasons';
import type { Language } from '../../i18n/language';
import type { BeneficiaryListWarning } from '../../import/beneficiary-list';
import type { BeneficiaryQueries, PublicBeneficiaries, PublicBeneficiaryPage } from '../../read-side/beneficiary-queries';
import type { CoverageAnswer } from '../../reports/coverage-report';
import { canonicalJsonSha256 } from '../../shared/canonical-json';
import { publicBeneficiaryCursor } from '../controllers/beneficiary-params';

/**
 * The beneficiary routes' answers: what a command recorded, and the registry's reads as staff and
 * the public see them. Nothing here adds an id number or its hash to an answer.
 */

/**
 * A commune list as recorded, in the answer's language: its rejected lines and warnings with their
 * reasons translated, and how many lines were taken as an earlier line's household.
 */
export function presentBeneficiaryListImported(result: BeneficiaryListResult, warnings: readonly BeneficiaryListWarning[], language: Language) {
  // A repeated line the list took as its earlier line's household: neither of the two was refused.
  const refused = new Set(result.rejected.map((line) => line.line));
  const repeated = warnings.filter((warning) => warning.earlierLine !== undefined && !refused.has(warning.line) && !refused.has(warning.earlierLine)).length;
  return {
    ...result,
    repeated,
    rejected: result.rejected.map((line) => ({ ...line, message: lineReasonIn(language, line.message) })),
    warnings: warnings.map(({ line, code, message }) => ({ line, code, message: lineReasonIn(language, message) })),
  };
}

export function presentHandoverRecorded(result: SpendingResult) {
  return { disbursementId: result.id, status: result.status, position: result.position };
}

/** A hand-over corrected: the status it had, and the one the share is back to (null: none before it). */
export function presentHandoverCorrected(result: SpendingResult, beneficiaryId: string) {
  const data = result.event as { corrected: { status: string }; restored: { status: string } | null };
  return { disbursementId: result.id, beneficiaryId, corrected: data.corrected.status, restored: data.restored?.status ?? null, position: result.position };
}

/** A closed share's money given back to the fund: the amount as the event states it, a decimal string. */
export function presentShareMoneyReturned(result: SpendingResult, beneficiaryId: string) {
  const data = result.event as { amount: string; returnedAt: string };
  return { disbursementId: result.id, beneficiaryId, amount: data.amount, returnedAt: data.returnedAt, position: result.position };
}

/** The coverage as every report states itself: with the sha256 of its canonical JSON. */
export function presentCoverage(coverage: CoverageAnswer): CoverageAnswer & { sha256: string } {
  return { ...coverage, sha256: canonicalJsonSha256(coverage) };
}

/** The overrides of DUPLICATE_AID, each approver named as the users directory names them (null: no such user). */
export function presentDuplicateOverrides(fundId: string, read: Awaited<ReturnType<BeneficiaryQueries['overrides']>>, users: readonly UserState[]) {
  const names = new Map(users.map((user) => [user.userId, user.name]));
  return {
    fundId, position: read.position,
    overrides: read.overrides.map((row) => ({ ...row, approvers: row.approvedBy.map((userId) => ({ userId, name: names.get(userId) ?? null })) })),
  };
}

/** A page of the public list of who received aid, with the cursor of the next page. */
export function presentPublicBeneficiaries(fundId: string, campaignId: string | null, page: PublicBeneficiaryPage, read: PublicBeneficiaries) {
  return {
    fundId, campaignId, commune: page.commune, beneficiaries: read.rows, total: read.total, communes: read.communes,
    nextCursor: publicBeneficiaryCursor(read.next), limit: page.limit, position: read.position,
  };
}
