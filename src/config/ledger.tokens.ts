export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
