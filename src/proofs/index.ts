/**
 * The proofs library of api-v2 "Checkpoints and proofs": pure and synchronous, no I/O of its own.
 * The store feeds it leaf hashes and keeps the perfect-subtree hashes it hands back; routes and
 * the CLI turn its results into the JSON of the contract.
 */
export * from './merkle-tree';
export * from './verify';
export * from './signed-note';
export * from './checkpoint';
export * from './proof-json';
