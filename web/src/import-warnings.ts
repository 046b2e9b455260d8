import { formatMoney } from './format';
import { catalogueKeys, t, type MessageKey } from './i18n';

/** A warning of a statement import, as the ledger answers it. */
export interface ImportWarning {
  message?: string;
  code?: string;
  line?: number;
  column?: string;
  donationId?: string;
  account?: string | null;
  given?: string | null;
  printedCredits?: string | null;
  printedDebits?: string | null;
  credits?: string;
  debits?: string;
}

/** A warning in the screen's language when the catalogue has its code; the server's own words otherwise (they name accounts). */
export function warningText(warning: string | ImportWarning): string {
  if (typeof warning === 'string') return warning;
  const key = `import.warning.${warning.code ?? ''}`;
  if (!catalogueKeys.vi.includes(key)) return warning.message ?? warning.code ?? '';
  const account = (value: string | null | undefined) => (value === null || value === undefined ? t('import.noAccount') : value);
  // Sums of money as the screen writes money (a blank total as a dash).
  const vnd = (value: string | null | undefined) => formatMoney(value);
  return t(key as MessageKey, {
    line: warning.line ?? '', column: warning.column ?? '', donationId: warning.donationId ?? '', account: account(warning.account), given: account(warning.given),
    printedCredits: vnd(warning.printedCredits), printedDebits: vnd(warning.printedDebits), credits: vnd(warning.credits), debits: vnd(warning.debits),
  });
}
