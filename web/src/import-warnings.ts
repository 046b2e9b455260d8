import type { components } from './api/schema';
import { formatDate, formatMoney } from './format';
import { catalogueKeys, t, type MessageKey } from './i18n';

/** A warning of a statement import, as the ledger answers it (its OpenAPI description). */
export type ImportWarning = components['schemas']['ImportWarningResponse'];

/** A warning in the screen's language when the catalogue has its code; the server's own words otherwise (they name accounts). */
export function warningText(warning: string | ImportWarning): string {
  if (typeof warning === 'string') return warning;
  const key = `import.warning.${warning.code}`;
  if (!catalogueKeys.vi.includes(key)) return warning.message;
  const account = (value: string | null | undefined) => (value === null || value === undefined ? t('import.noAccount') : value);
  return t(key as MessageKey, {
    line: warning.line ?? '', column: warning.column ?? '', donationId: warning.donationId ?? '', account: account(warning.account), given: account(warning.given),
    // Sums of money as the screen writes money (a blank total as a dash).
    printedCredits: formatMoney(warning.printedCredits), printedDebits: formatMoney(warning.printedDebits), credits: formatMoney(warning.credits), debits: formatMoney(warning.debits),
    lines: warning.lines ?? '', from: formatDate(warning.from), to: formatDate(warning.to),
  });
}
