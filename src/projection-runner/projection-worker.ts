import { parentPort, threadId, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import type { FromProjectionWorker, ProjectionWorkerData, ToProjectionWorker } from './projection-worker-protocol';
import type { RunnerLogger } from './projection-runner';
import { openReadModelsForWriting } from './read-models-file';
import { SharedLogFeed } from './shared-log-feed';
import { TableProjectionRunner } from './table-projection-runner';

/**
 * The projection worker (a worker_threads Worker started by TableProjectionsWorker): it owns the
 * writing connection to the read-model file, reads the log through a connection of its own to
 * the event store's file, and runs every table projection fed by one SharedLogFeed. The main
 * thread tells it of each commit of its own; the feed's poll finds other processes' writes. It
 * reports each runner's state after the turn in which it changed.
 */
function send(message: FromProjectionWorker): void {
  parentPort?.postMessage(message);
}

async function main(data: ProjectionWorkerData): Promise<void> {
  const logger: RunnerLogger = {
    error: (message, context) => send({ type: 'log', level: 'error', message, context }),
    log: (message, context) => send({ type: 'log', level: 'log', message, context }),
  };
  const store = SqliteEventStore.open(data.eventStoreFile);
  const db = openReadModelsForWriting(data.readModelsFile);
  const runners = ALL_TABLE_PROJECTIONS.map((projection) => new TableProjectionRunner(projection, store, db, logger));
  const states = () => runners.map((runner) => runner.state());
  let reportScheduled = false;
  const report = (): void => {
    if (reportScheduled) return;
    reportScheduled = true;
    setImmediate(() => {
      reportScheduled = false;
      send({ type: 'progress', states: states() });
    });
  };
  for (const runner of runners) await runner.startFed();
  for (const runner of runners) runner.onProgress = report;
  const feed = new SharedLogFeed(runners, (after, limit) => store.readEventsAfter(after, limit), data.pageSize, data.pollIntervalMs, (error) => {
    logger.error('The projection worker could not read the log; trying again', { error: error instanceof Error ? error.message : String(error) });
  });
  send({ type: 'ready', states: states(), threadId });
  feed.start();
  parentPort?.on('message', (message: ToProjectionWorker) => {
    if (message.type === 'committed') feed.wake();
    else if (message.type === 'stop') {
      const runner = runners.find((candidate) => candidate.projection.name === message.name);
      void runner?.stop().then(() => send({ type: 'stopped', name: message.name, states: states() }));
    } else if (message.type === 'close') {
      void close(feed, runners, db, store).then(() => {
        send({ type: 'closed', states: states() });
        parentPort?.close();
      });
    }
  });
}

/** Every runner commits what it gathered, then the connections close and the worker's loop empties. */
async function close(feed: SharedLogFeed, runners: TableProjectionRunner[], db: Database.Database, store: SqliteEventStore): Promise<void> {
  await feed.stop();
  await Promise.all(runners.map((runner) => runner.stop()));
  if (db.open) db.close();
  await store.close();
}

if (parentPort !== null) {
  main(workerData as ProjectionWorkerData).catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
    parentPort?.close();
  });
}
