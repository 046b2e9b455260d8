import { failed, ready, serveRequests } from '../lib/child-side';
import { LocalHttp } from '../lib/http';

interface ProbeRequest {
  method: string;
  path: string;
  body?: unknown;
}

const clients = new Map<string, LocalHttp>();

/** One keep-alive connection per server and token, kept across probes as a client would keep it. */
function client(port: number, token: string | undefined): LocalHttp {
  const key = `${port} ${token ?? ''}`;
  let found = clients.get(key);
  if (!found) {
    found = new LocalHttp(port, token);
    clients.set(key, found);
  }
  return found;
}

/**
 * The latency probe of W3 and W5 in a process of its own: one request at a time over one
 * connection, so the figures hold the server's time and the wire's, never the pauses of the
 * bench's own event loop (which holds the generated data and its garbage). `probe` cycles through
 * the requests it is given; `forMs` stops it early, counted from when the probe starts.
 */
serveRequests(
  {
    probe: async (message) => {
      const requests = message.requests as ProbeRequest[];
      const forMs = message.forMs as number | undefined;
      const deadlineMs = forMs === undefined ? undefined : performance.now() + forMs;
      const samples = await client(Number(message.port), message.token as string | undefined).probe(
        { count: Number(message.count), warmup: Number(message.warmup), deadlineMs, expectStatus: Number(message.expectStatus) },
        (index) => requests[index % requests.length],
      );
      return { samples };
    },
  },
  async () => {
    for (const each of clients.values()) each.close();
  },
);
try {
  ready();
} catch (error) {
  failed(error);
}
