import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { JSON_BODY_LIMIT_BYTES } from '../../src/http/create-app';
import { failed, ready, serveRequests } from '../lib/child-side';

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
    return { donationId: `DN-2024-000001`, receiptNo: '2024-000001', amountVnd: String(body.amount), fundId, position: 1 };
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
  serveRequests({}, () => app.close());
  ready({ port: typeof address === 'object' && address ? address.port : undefined });
}

main().catch(failed);
