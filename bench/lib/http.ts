import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * A minimal keep-alive HTTP client for 127.0.0.1: the setup calls and the latency probes of W3
 * and W5, one request at a time over one connection, timed from the first byte written to the
 * last byte read.
 */
export class LocalHttp {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly port: number, private readonly token?: string) {}

  withToken(token: string): LocalHttp {
    return new LocalHttp(this.port, token);
  }

  call(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {};
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Calls and insists on the expected status; answers the parsed JSON body. */
  async expect<T = Record<string, unknown>>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call(method, path, body);
    if (answer.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${answer.body.slice(0, 500)}`);
    return JSON.parse(answer.body) as T;
  }

  /**
   * Times `count` sequential requests (after `warmup` untimed ones), stopping early at
   * `deadlineMs` (performance.now() scale). Every answer must have the expected status.
   */
  async probe(
    options: { count: number; warmup: number; deadlineMs?: number; expectStatus: number },
    next: (index: number) => { method: string; path: string; body?: unknown },
  ): Promise<number[]> {
    const samples: number[] = [];
    for (let index = 0; index < options.warmup + options.count; index++) {
      if (options.deadlineMs !== undefined && performance.now() > options.deadlineMs) break;
      const { method, path, body } = next(index);
      const started = process.hrtime.bigint();
      const answer = await this.call(method, path, body);
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (answer.status !== options.expectStatus) {
        throw new Error(`${method} ${path}: expected ${options.expectStatus}, got ${answer.status} ${answer.body.slice(0, 300)}`);
      }
      if (index >= options.warmup) samples.push(elapsedMs);
    }
    return samples;
  }

  close(): void {
    this.agent.destroy();
  }
}
