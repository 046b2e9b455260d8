import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Says what a signal does, so an operator who sent SIGTERM sees the server drain and stop rather
 * than fall silent: requests in flight are answered, new connections are refused, the read
 * models commit and the store closes.
 */
@Injectable()
export class ShutdownAnnouncer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('shutdown');

  beforeApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log(`${signal} received: no new connections; answering the requests in flight, then closing the store`);
  }

  onApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log(`Stopped after ${signal}: every answered request is committed`);
  }
}
