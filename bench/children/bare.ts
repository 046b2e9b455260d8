import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { JSON_BODY_LIMIT_BYTES } from '../../src/http/create-app';
import { migrate } from '../../src/event-store/sqlite/schema';
import { failed, ready, serveRequests } from '../lib/child-side';

/**
 * W2's durable floor (BENCH_BARE_DURABLE_FILE set): each donation is also written as one row of
 * the store's events table (its schema and pragmas: WAL, synchronous=FULL) before it is answered,
 * the rows of one turn of the event loop in one transaction, as the store's group commit does.
 * What any endpoint that answers only once a donation is on disk pays on one event loop: the
 * insert and the commit's fsync. No validation, auth, decision, hash chain or projection.
 */
class DurableRows {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly commitTurn: (rows: string[]) => void;
  private position = 0;
  private waiting: { data: string; done: (position: number) => void }[] = [];

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    migrate(this.db);
    this.insert = this.db.prepare(`INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, idempotency_key,
      previous_hash, hash, global_previous_hash, global_hash) VALUES (?, 'bare', ?, ?, 'DonationRecorded', ?, '{}', NULL, '', '', '', '')`);
    this.commitTurn = this.db.transaction((rows: string[]) => {
      for (const data of rows) {
        this.position += 1;
        this.insert.run(this.position, this.position - 1, crypto.randomUUID(), data);
      }
    });
  }

  /** Resolves with the row's position once the turn's transaction has committed. */
  append(data: string): Promise<number> {
    if (this.waiting.length === 0) setImmediate(() => this.flush());
    return new Promise((done) => this.waiting.push({ data, done }));
  }

  private flush(): void {
    const turn = this.waiting;
    this.waiting = [];
    const first = this.position + 1;
    this.commitTurn(turn.map((each) => each.data));
    turn.forEach((each, index) => each.done(first + index));
  }

  close(): void {
    this.db.close();
  }
}

const durable = process.env.BENCH_BARE_DURABLE_FILE ? new DurableRows(process.env.BENCH_BARE_DURABLE_FILE) : undefined;

/**
 * The references of W2, W3 and W5: a bare Nest endpoint on the same Fastify adapter, configured as the
 * ledger's (body limit, poisoning and proxy settings, request ids), at the same route. Fastify
 * parses the same JSON body; the handler reads it and answers 201 with an answer of the same
 * shape as the ledger's. No validation, no auth, no store.
 */
@Controller('v1/funds/:fundId/donations')
class BareDonationsController {
  @Post()
  record(@Param('fundId') fundId: string, @Body() body: Record<string, unknown>) {
    const answer = (position: number) => ({ donationId: `DN-2024-000001`, receiptNo: '2024-000001', amountVnd: String(body.amount), fundId, position });
    return durable ? durable.append(JSON.stringify(body)).then(answer) : answer(1);
  }
}

/** W3's floor: a disbursement request answered 201 with nothing decided, probed during a flood of bare donations. */
@Controller('v1/funds/:fundId/disbursements')
class BareDisbursementsController {
  @Post()
  request(@Param('fundId') fundId: string, @Body() body: Record<string, unknown>) {
    return { disbursementId: 'DB-000001', fundId, amount: String(body.amount), status: 'requested', position: 1 };
  }
}

/** The reference of W5: a GET through the same adapter that reads nothing and answers a small JSON. */
@Controller('v1/funds/:fundId')
class BareBalanceController {
  @Get('balance')
  balance(@Param('fundId') fundId: string) {
    return { fundId, asOfPosition: 1, currency: 'VND', received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', available: '0' };
  }
}

@Module({ controllers: [BareDonationsController, BareDisbursementsController, BareBalanceController] })
class BareModule {}

async function main(): Promise<void> {
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, adapter, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  serveRequests({}, async () => {
    await app.close();
    durable?.close();
  });
  ready({ port: typeof address === 'object' && address ? address.port : undefined });
}

main().catch(failed);
