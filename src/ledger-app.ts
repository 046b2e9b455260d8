import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminBootstrap } from './admin-bootstrap';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config/ledger-config';
import { configureHttpApp, createFastifyAdapter } from './http/create-app';
import { createPino, PinoNestLogger } from './http/logger';

/**
 * The whole ledger as one application: the modules, the HTTP edge on Fastify and the first admin.
 * `npm start`, `ledger serve`, the tests and the benches all start it through this function.
 */
export async function createLedgerApp(config: LedgerConfig): Promise<NestFastifyApplication> {
  const pinoLogger = createPino(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), createFastifyAdapter(config), {
    logger: config.logLevel === 'silent' ? false : new PinoNestLogger(pinoLogger),
    abortOnError: false,
  });
  try {
    await configureHttpApp(app, config, pinoLogger);
    await app.get(AdminBootstrap).ensureAdmin();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    // A start that fails once the modules have initialised closes them: the projection worker,
    // the runners' and the checkpoint signer's timers and the store would keep the process alive.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
