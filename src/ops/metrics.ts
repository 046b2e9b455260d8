import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type CommitObservation, EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RuntimeMetrics } from './runtime-metrics';

/** The position a projection has applied, as the metrics read it on each scrape. */
export interface ProjectionProgress {
  name: string;
  appliedPosition: number;
}

/** What a scrape needs to know about the log and its readers, read at scrape time only. */
export interface LogProgressSource {
  headPosition(): Promise<number>;
  projections(): ProjectionProgress[];
  /** The recording time of the first event after this position: how old the oldest unapplied event is. */
  recordedAtAfter(position: number): Promise<string | undefined>;
  /** Open emergency releases past their settle-by date at `nowMs`, per fund, as the emergency register has them. */
  overdueReleases(nowMs: number): { fundId: string; count: number }[];
}

const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The ledger's Prometheus metrics (GET /metrics). Counters and histograms are updated where
 * things happen (a request answered, a caller refused); projection lag is computed when scraped,
 * so following the log costs nothing extra.
 */
@Injectable()
export class LedgerMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly runtime = new RuntimeMetrics(this.registry, 'ledger_');
  private readonly requestSeconds = new Histogram({
    name: 'ledger_http_request_duration_seconds', help: 'Time to answer a request, by route pattern and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'ledger_commands_total', help: 'Commands (unsafe requests) by route pattern and outcome: ok or the error code',
    labelNames: ['route', 'outcome'], registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'ledger_rate_limited_total', help: 'Requests refused with 429, by limiter', labelNames: ['limiter'], registers: [this.registry],
  });
  private readonly lagEvents = new Gauge({
    name: 'ledger_projection_lag_events', help: 'Events in the log that a projection has not applied yet (on EventStoreDB: the distance in $all commit positions)', labelNames: ['projection'], registers: [this.registry],
  });
  private readonly lagSeconds = new Gauge({
    name: 'ledger_projection_lag_seconds', help: 'Age of the oldest event a projection has not applied yet (0 when caught up)', labelNames: ['projection'], registers: [this.registry],
  });
  private readonly head = new Gauge({ name: 'ledger_log_head_position', help: 'Position of the last event in the log', registers: [this.registry] });
  private readonly appendSeconds = new Histogram({
    name: 'ledger_store_append_duration_seconds', help: 'Time from an append to its answer: waiting for the group commit, writing, committing',
    buckets: SECONDS_BUCKETS, registers: [this.registry],
  });
  private readonly commitSeconds = new Histogram({
    name: 'ledger_store_commit_fsync_duration_seconds', help: 'Time of one group commit\'s COMMIT: the WAL written and fsynced', buckets: SECONDS_BUCKETS, registers: [this.registry],
  });
  private readonly batchAppends = new Histogram({
    name: 'ledger_store_commit_batch_appends', help: 'Appends written by one group commit (one fsync)', buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], registers: [this.registry],
  });
  private readonly eventsWritten = new Counter({ name: 'ledger_store_events_written_total', help: 'Events written to the log by this process', registers: [this.registry] });
  private readonly commitsFailed = new Counter({
    name: 'ledger_store_commits_failed_total', help: 'Group commits rolled back as a whole (disk full, I/O error, lock timeout)', registers: [this.registry],
  });
  private readonly importLines = new Counter({
    name: 'ledger_import_lines_total', help: 'Statement lines read by imports (rate() gives lines per second)', registers: [this.registry],
  });
  private readonly importLinesPerSecond = new Gauge({
    name: 'ledger_import_lines_per_second', help: 'Lines per second of the last finished import, from the file received to the answer', registers: [this.registry],
  });
  private readonly importsRunning = new Gauge({ name: 'ledger_imports_in_progress', help: 'Statement imports running now', registers: [this.registry] });
  private readonly verifyRuns = new Counter({
    name: 'ledger_verify_runs_total', help: 'Verifications of the whole log (GET /v1/audit/verify) by outcome: ok or failed', labelNames: ['outcome'], registers: [this.registry],
  });
  // Registered at the first verification of this process: before it, a 0 would read as "found a
  // problem" (and as last run in 1970), and the alerts on them would fire after every restart.
  private readonly verifyLastOk = new Gauge({
    name: 'ledger_verify_last_ok', help: '1 when the last verification of the log found it whole, 0 when it found a problem', registers: [],
  });
  private readonly verifyLastRun = new Gauge({
    name: 'ledger_verify_last_run_timestamp_seconds', help: 'When the last verification of the log ended (Unix time)', registers: [],
  });
  private verifiedOnce = false;
  private readonly overdueReleases = new Gauge({
    name: 'ledger_emergency_releases_overdue', help: 'Open emergency releases past their settle-by date, per fund', labelNames: ['fund'], registers: [this.registry],
  });

  private bulkLane: () => { waiting: number; admitted: number } = () => ({ waiting: 0, admitted: 0 });
  private readonly bulkWaiting: Gauge = new Gauge({
    name: 'ledger_bulk_requests_waiting', help: 'Requests of the bulk lane (donations recorded one by one) waiting for their turn of the event loop',
    registers: [this.registry], collect: (): void => this.bulkWaiting.set(this.bulkLane().waiting),
  });
  private bulkCounted = 0;
  private readonly bulkAdmitted: Counter = new Counter({
    name: 'ledger_bulk_requests_total', help: 'Requests that took the bulk lane', registers: [this.registry],
    collect: (): void => {
      const admitted = this.bulkLane().admitted;
      this.bulkAdmitted.inc(admitted - this.bulkCounted);
      this.bulkCounted = admitted;
    },
  });

  constructor(@Optional() @Inject(EVENT_STORE) store?: EventStore) {
    // Present at 0 from the start, so increase() sees the first failure.
    for (const outcome of ['ok', 'failed']) this.verifyRuns.labels(outcome).inc(0);
    store?.observeCommits?.((commit) => this.committed(commit));
  }

  /** The application closes: the event-loop delay histogram and the GC observer stop with it. */
  onModuleDestroy(): void {
    this.runtime.close();
  }

  /** Where the bulk lane's counts are read when the metrics are scraped. */
  watchBulkLane(counts: () => { waiting: number; admitted: number }): void {
    this.bulkLane = counts;
  }

  /** One write of the store (the SQLite adapter's group commit). */
  committed(commit: CommitObservation): void {
    if (commit.failed) {
      this.commitsFailed.inc();
      return;
    }
    this.batchAppends.observe(commit.appends);
    this.commitSeconds.observe(commit.commitSeconds);
    this.eventsWritten.inc(commit.events);
    for (const seconds of commit.appendSeconds) this.appendSeconds.observe(seconds);
  }

  /** An import has begun; the function it returns counts its lines as they are read, and its end. */
  importStarted(startedAtMs: number = performance.now()): { linesRead(total: number): void; finished(): void } {
    this.importsRunning.inc();
    let counted = 0;
    return {
      linesRead: (total) => {
        this.importLines.inc(Math.max(0, total - counted));
        counted = Math.max(counted, total);
      },
      finished: () => {
        this.importsRunning.dec();
        const seconds = (performance.now() - startedAtMs) / 1000;
        if (counted > 0 && seconds > 0) this.importLinesPerSecond.set(counted / seconds);
      },
    };
  }

  verified(ok: boolean, endedAtMs: number = Date.now()): void {
    this.verifyRuns.labels(ok ? 'ok' : 'failed').inc();
    if (!this.verifiedOnce) {
      this.verifiedOnce = true;
      this.registry.registerMetric(this.verifyLastOk);
      this.registry.registerMetric(this.verifyLastRun);
    }
    this.verifyLastOk.set(ok ? 1 : 0);
    this.verifyLastRun.set(endedAtMs / 1000);
  }

  requestAnswered(method: string, route: string, status: number, seconds: number, errorCode: string | undefined): void {
    this.requestSeconds.labels(method, route, String(status)).observe(seconds);
    if (method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH') {
      this.commands.labels(route, status < 400 ? 'ok' : errorCode ?? String(status)).inc();
    }
  }

  callerRefused(limiter: 'public' | 'auth-failure'): void {
    this.rateLimited.labels(limiter).inc();
  }

  /** The Prometheus text exposition, with the projection lag read now. */
  async exposition(source: LogProgressSource, nowMs: number = Date.now()): Promise<string> {
    await this.measureLag(source, nowMs);
    this.measureOverdue(source, nowMs);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private measureOverdue(source: LogProgressSource, nowMs: number): void {
    this.overdueReleases.reset();
    for (const { fundId, count } of source.overdueReleases(nowMs)) this.overdueReleases.labels(fundId).set(count);
  }

  private async measureLag(source: LogProgressSource, nowMs: number): Promise<void> {
    const head = await source.headPosition();
    this.head.set(head);
    for (const projection of source.projections()) {
      const behind = Math.max(0, head - projection.appliedPosition);
      this.lagEvents.labels(projection.name).set(behind);
      const oldest = behind === 0 ? undefined : await source.recordedAtAfter(projection.appliedPosition);
      this.lagSeconds.labels(projection.name).set(oldest === undefined ? 0 : Math.max(0, (nowMs - Date.parse(oldest)) / 1000));
    }
  }
}
