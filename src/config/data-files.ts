/** The files of a data folder (LEDGER_DATA_DIR), by the one name each is known by. */

/** The event log, on the SQLite backend. */
export const LOG_FILE = 'ledger.db';
/** The read models: JSON-state checkpoints and the tables of table projections side by side, on either backend. */
export const READ_MODELS_FILE = 'read-models.db';
/** The Merkle tree over the log and its signed checkpoints, beside the log whichever backend holds the log. */
export const MERKLE_TREE_FILE = 'merkle-tree.db';
