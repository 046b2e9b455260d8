// Selects the EventStoreDB backend (through the in-process protocol test server) for startTestLedger.
process.env.LEDGER_TEST_STORE = 'eventstoredb';
