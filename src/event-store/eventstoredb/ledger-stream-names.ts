import { excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';

/**
 * Which EventStoreDB streams belong to the ledger, and their names on the server.
 *
 * A ledger stream id starts with `ledgerStreamPrefix` (`ctd.` in production). On the server it is
 * stored under `serverNamespace + streamId`, so several ledgers, or several test runs against one
 * real server, can share a database without seeing each other. Everything else in the database
 * (system streams starting with `$`, other applications' streams) is invisible through the port.
 */
export class LedgerStreamNames {
  private readonly serverPrefix: string;

  constructor(
    private readonly ledgerStreamPrefix: string,
    private readonly serverNamespace: string,
  ) {
    if (serverNamespace.startsWith('$')) throw new TypeError('The server namespace must not start with $ (system streams)');
    this.serverPrefix = serverNamespace + ledgerStreamPrefix;
  }

  assertLedgerStream(streamId: string): void {
    if (typeof streamId !== 'string' || streamId.length === 0 || streamId.startsWith('$')) {
      throw new TypeError(`Invalid stream id ${String(streamId)}`);
    }
    if (!streamId.startsWith(this.ledgerStreamPrefix)) {
      throw new TypeError(`Stream ${streamId} is not a ledger stream: ledger streams start with ${this.ledgerStreamPrefix}`);
    }
  }

  toServer(streamId: string): string {
    return this.serverNamespace + streamId;
  }

  /** The ledger stream id of a server stream name, or undefined when it is not the ledger's. */
  fromServer(serverName: string): string | undefined {
    if (serverName.startsWith('$') || !serverName.startsWith(this.serverPrefix)) return undefined;
    return serverName.slice(this.serverNamespace.length);
  }

  /** The server-side filter of $all subscriptions: the ledger's prefix, or "no system events" without one. */
  subscriptionFilter(): Filter {
    return this.serverPrefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [this.serverPrefix] });
  }
}
