import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Says what a signal does, so an operator who sent SIGTERM sees the server drain and stop rather
 * than fall silent: requests in flight are answered, new connections are refused, the read
 * models commit and the store closes.
 */
@Injectable()
export class ShutdownAnnouncer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('shutdown');
  private flushLogs: () => Promise<void> = async () => undefined;

  /**
   * The log is written asynchronously and flushed on the process's 'exit' event, which never comes
   * when Nest ends the process by raising the signal again: the last lines are flushed here instead.
   */
  flushWith(flush: () => Promise<void>): void {
    this.flushLogs = flush;
  }

  beforeApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log(`${signal} received: no new connections; answering the requests in flight, then closing the store`);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (signal) this.logger.log(`Stopped after ${signal}: every answered request is committed`);
    await this.flushLogs();
  }
}
