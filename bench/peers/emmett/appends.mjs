// W6, the peer's side: durable single-event appends through Emmett's SQLite event store, used as
// the emmett-sqlite README documents it (getSQLiteEventStore with a file name and automatic
// schema; appendToStream with the expected stream version), one at a time, each awaited before
// the next, round robin over `streams` streams: the workload of bench/children/port-appends.ts,
// and the same protocol (`open`, then `chunk`s of appends, timed). Runs in its own process from
// this folder, so the peer's dependencies (its own node_modules, the sqlite3 driver) never meet
// the ledger's.
//
// BENCH_EMMETT_CONNECTION=readme is the README's setup (a new connection per call); `singleton`
// passes one shared connection (connectionOptions.singleton), Emmett's faster variant, reported
// for context.
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';

const mode = process.env.BENCH_EMMETT_CONNECTION === 'singleton' ? 'singleton' : 'readme';
let appendOne;
let connection;
let next = 0;
let retries = 0;

function send(message) {
  if (process.send && process.connected) process.send(message);
}

async function open(message) {
  connection = mode === 'singleton' ? sqliteConnection({ fileName: message.file }) : undefined;
  const eventStore = getSQLiteEventStore({
    fileName: message.file,
    schema: { autoMigration: 'CreateOrUpdate' },
    ...(connection ? { connectionOptions: { singleton: true, connection } } : {}),
  });
  // The default connection sets WAL without awaiting it, which can race the first transaction
  // on a fresh file (shared/engineering/measured.md): create the schema before timing.
  await eventStore.schema.migrate();
  const streams = Number(message.streams);
  const versions = new Array(streams).fill(0n);
  appendOne = async (index) => {
    const stream = index % streams;
    // The README's setup opens a connection per call and sets WAL on it without awaiting, which
    // can make that call fail with SQLITE_BUSY; nothing is written then, and a caller retries.
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await eventStore.appendToStream(
          `bench-${stream}`,
          [{ type: message.event.type, data: message.event.data, metadata: message.event.metadata }],
          { expectedStreamVersion: versions[stream] },
        );
        versions[stream] = result.nextExpectedStreamVersion;
        return;
      } catch (error) {
        if (attempt >= 5 || !String(error && error.code).startsWith('SQLITE_BUSY')) throw error;
        retries += 1;
      }
    }
  };
  return {};
}

async function chunk(message) {
  if (!appendOne) throw new Error('chunk before open');
  const count = Number(message.count);
  const started = performance.now();
  for (let index = 0; index < count; index++) await appendOne(next++);
  return { appends: count, seconds: (performance.now() - started) / 1000, retries };
}

const handlers = { open, chunk };
process.on('message', (message) => {
  if (message.type === 'stop') {
    connection?.close();
    process.exit(0);
  }
  const handler = handlers[message.type];
  if (!handler) return;
  handler(message).then(
    (answer) => send({ ...answer, type: `${message.type}:done`, id: message.id }),
    (error) => send({ type: 'error', id: message.id, error: error && error.stack ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
