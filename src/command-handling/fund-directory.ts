/**
 * The ledger's funds as the read side knows them, for a decision that looks across every fund
 * without needing the list exact: a fund opened a moment ago may be missing until the register
 * catches up, and its spending stream then holds no aid to find anyway. The composition root binds
 * it to the register (read-side/ implements it, command-handling/ never imports read-side/); the
 * `ledger` verbs, which boot no read side, have none.
 */
export abstract class FundDirectory {
  abstract fundIds(): string[];
}
