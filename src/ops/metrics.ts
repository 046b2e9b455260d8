import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

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
}

/**
 * The ledger's Prometheus metrics (GET /metrics). Counters and histograms are updated where
 * things happen (a request answered, a caller refused); projection lag is computed when scraped,
 * so following the log costs nothing extra.
 */
@Injectable()
export class LedgerMetrics {
  readonly registry = new Registry();
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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
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
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
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
