import { Server, ServerCredentials, status as GrpcStatus, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { UUID, type Empty } from '@eventstore/db-client/generated/shared_pb';
import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Server as NetServer, type Socket } from 'node:net';
import { handleAppend, handleBatchAppend } from './append-handlers';
import { InMemoryTransactionLog, type AppendOutcome } from './in-memory-transaction-log';
import { rpcError } from './protocol-messages';
import { handleRead, type ReadCall } from './read-handlers';

export interface EsdbProtocolTestServerOptions {
  /**
   * Whether ServerFeatures lists Streams.BatchAppend (ESDB >= 21.10 does, and the client then
   * appends through it); false makes the client use Streams.Append, as with older servers.
   */
  batchAppend?: boolean;
  /** Write a few system events first, as a fresh ESDB node has ($settings, $user-admin, stats metadata). */
  seedSystemEvents?: boolean;
  clock?: () => Date;
  /** The server's MaxAppendSize in bytes (EVENTSTORE_MAX_APPEND_SIZE); default 1 MiB, as ESDB's. */
  maxAppendSize?: number;
}

/** A listening test server: gRPC's server, the socket it listens on and the connections it accepted. */
interface Listening {
  server: Server;
  listener: NetServer;
  sockets: Set<Socket>;
  destroyInjector: () => void;
}

/** The server version whose documented gRPC behaviour the test server follows. */
const FOLLOWED_SERVER_VERSION = '24.10.0';
const STREAMS_SERVICE = 'event_store.client.streams.streams';

/**
 * An in-process gRPC server speaking the subset of EventStoreDB's client protocol that the ledger
 * uses, over the service definitions that `@eventstore/db-client` ships (generated from ESDB's
 * .proto files), so the real client library, its serialisation and its error mapping run end to
 * end. It keeps events in memory (see InMemoryTransactionLog for the rules it follows).
 *
 * Implemented: Streams.Read (stream reads, $all reads, $all subscriptions with stream-name or
 * event-type filters), Streams.Append, Streams.BatchAppend, ServerFeatures.GetSupportedMethods,
 * Gossip.Read. Not implemented (the client gets UNIMPLEMENTED): deletes, tombstones, stream
 * subscriptions, persistent subscriptions, projections, users, operations, TLS, credentials.
 *
 * It is a test double, not an EventStoreDB: the tests in esdb-protocol-test-server.test.ts pin
 * it to ESDB's documented behaviour, and the same contract suite runs against a real server when
 * EVENTSTORE_CONNECTION_STRING is set.
 */
export class EsdbProtocolTestServer {
  readonly log: InMemoryTransactionLog;
  private running: Listening | undefined;
  private boundPort: number | undefined;
  private readonly liveCalls = new Set<ReadCall>();
  private readonly instanceId = randomUUID();

  constructor(private readonly options: EsdbProtocolTestServerOptions = {}) {
    this.log = new InMemoryTransactionLog(options.clock);
    if (options.seedSystemEvents ?? true) this.seedSystemEvents();
  }

  static async start(options?: EsdbProtocolTestServerOptions): Promise<EsdbProtocolTestServer> {
    const server = new EsdbProtocolTestServer(options);
    await server.listen();
    return server;
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error('EsdbProtocolTestServer is not listening');
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /**
   * Listens on 127.0.0.1, on an ephemeral port the first time and on the same port after a restart.
   * The listening socket is this server's own, its connections handed to gRPC, so that stop()
   * can end every connection: gRPC's forceShutdown only half-closes an accepted socket and waits
   * for the client to close its side, which kept a test's process alive when it did not.
   */
  async listen(): Promise<void> {
    const server = new Server();
    server.addService(StreamsService, {
      read: handleRead(this.log, this.liveCalls),
      append: handleAppend(this.log, this.options.maxAppendSize),
      batchAppend: handleBatchAppend(this.log, this.options.maxAppendSize),
    });
    server.addService(ServerFeaturesService, { getSupportedMethods: this.supportedMethods() });
    server.addService(GossipService, { read: this.gossip() });
    const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
    const sockets = new Set<Socket>();
    const listener = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      injector.injectConnection(socket);
    });
    this.boundPort = await new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(this.boundPort ?? 0, '127.0.0.1', () => resolve((listener.address() as AddressInfo).port));
    });
    this.running = { server, listener, sockets, destroyInjector: () => injector.destroy() };
  }

  /** Ends every open subscription with UNAVAILABLE, as a node does when it shuts a connection. */
  dropSubscriptions(): void {
    for (const call of [...this.liveCalls]) {
      call.emit('error', rpcError(GrpcStatus.UNAVAILABLE, 'Subscription dropped by EsdbProtocolTestServer'));
    }
  }

  /** Kills every connection and listens again on the same port with the same data: a node restart. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  /** Cancels every call, closes every connection and stops listening; resolves once they are closed. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    this.liveCalls.clear();
    if (running === undefined) return;
    running.server.forceShutdown();
    running.destroyInjector();
    const closed = [...running.sockets].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
    for (const socket of running.sockets) socket.destroy();
    await Promise.all([new Promise<void>((resolve) => running.listener.close(() => resolve())), ...closed]);
  }

  /** Appends a JSON event as the server itself would (system streams and types start with `$`). */
  appendSystemEvent(streamName: string, type: string, data: object): AppendOutcome {
    return this.log.append(streamName, { kind: 'any' }, [
      {
        eventId: randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(data), 'utf8'),
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  private seedSystemEvents(): void {
    this.appendSystemEvent('$$$stats-127.0.0.1:2113', '$metadata', { $maxAge: 86400 });
    this.appendSystemEvent('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
    this.appendSystemEvent('$user-admin', '$user', { loginName: 'admin', fullName: 'Event Store Administrator' });
  }

  private supportedMethods() {
    const methods = ['read', 'append', ...(this.options.batchAppend === false ? [] : ['batchappend'])];
    return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) => {
      const supported = new SupportedMethods().setEventStoreServerVersion(FOLLOWED_SERVER_VERSION);
      for (const method of methods) {
        supported.addMethods(new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(method));
      }
      callback(null, supported);
    };
  }

  /** A single-node "cluster": this node, alive and leader, so discovery connection strings work too. */
  private gossip() {
    return (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>) => {
      const member = new MemberInfo()
        .setInstanceId(new UUID().setString(this.instanceId))
        .setTimeStamp(String(Date.now() * 10_000))
        .setState(MemberInfo.VNodeState.LEADER)
        .setIsAlive(true)
        .setHttpEndPoint(new EndPoint().setAddress('127.0.0.1').setPort(this.port));
      callback(null, new ClusterInfo().setMembersList([member]));
    };
  }
}
