/**
 * The ledger's funds as the read side knows them, for a decision that looks across every fund
 * without needing the list exact: a fund opened a moment ago may be missing until the register
 * catches up, and its spending stream then holds no aid to find anyway. The composition root
 * (ledger-core.module.ts, which the server and the `ledger` verbs both boot) binds it to the fund
 * register: read-side/ implements it, command-handling/ never imports read-side/. A handler built
 * without it (a test's) finds no other fund.
 */
export abstract class FundDirectory {
  abstract fundIds(): string[];
}
