import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Says what a signal does, so an operator who sent SIGTERM sees the server drain and stop rather
 * than fall silent: requests in flight are answered, new connections are refused, the read
 * models commit and the store closes.
 */
@Injectable()
export class ShutdownAnnouncer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('shutdown');
  private writeSynchronously: () => Promise<void> = async () => undefined;

  /**
   * The log is written asynchronously and flushed on the process's 'exit' event, which never comes
   * when Nest ends the process by raising the signal again. On a signal the log turns synchronous
   * (see writeLogSynchronously) before the first of these lines, so each is written before the
   * next step of the shutdown and none can be lost when the process ends.
   */
  flushWith(writeSynchronously: () => Promise<void>): void {
    this.writeSynchronously = writeSynchronously;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (!signal) return;
    await this.writeSynchronously();
    this.logger.log(`${signal} received: no new connections; answering the requests in flight, then closing the store`);
    await this.writeSynchronously();
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (!signal) return;
    this.logger.log(`Stopped after ${signal}: every answered request is committed`);
    await this.writeSynchronously();
  }
}
