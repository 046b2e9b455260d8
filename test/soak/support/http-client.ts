import { Agent, request as httpRequest } from 'node:http';

/** What a server answered; absent when the connection failed before an answer arrived. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export class ConnectionLost extends Error {
  constructor(override readonly cause: unknown) {
    super(`no answer: ${cause instanceof Error ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ''}` : String(cause)}`);
  }
}

/**
 * Connections are kept open between requests, as Node's fetch keeps them; an idle one does not
 * keep the process alive. node:http rather than fetch: a request costs the client about a fifth
 * of the CPU time, and the suites that send thousands of requests share one core with the server.
 */
const agent = new Agent({ keepAlive: true });

/** The status and text of one answer; rejects when none came within `timeoutMs`. */
function exchange(url: URL, method: string, headers: Record<string, string>, payload: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const sent = httpRequest(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    sent.on('error', fail);
    sent.end(payload);
  });
}

/**
 * One JSON request over real HTTP. A request that gets no answer (the server was killed, refused
 * the connection, or did not answer in time) throws ConnectionLost: the caller cannot know whether
 * it was committed.
 */
export async function requestJson(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { token?: string; body?: unknown; idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  let answer: { status: number; text: string };
  try {
    answer = await exchange(new URL(`${baseUrl}${path}`), method, headers, payload, options.timeoutMs ?? 30_000);
  } catch (error) {
    throw new ConnectionLost(error);
  }
  let body: Record<string, unknown>;
  try {
    body = answer.text === '' ? {} : (JSON.parse(answer.text) as Record<string, unknown>);
  } catch {
    body = { text: answer.text };
  }
  return { status: answer.status, body };
}
