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
 * One JSON request over real HTTP (Node's fetch). A request that gets no answer (the server was
 * killed, refused the connection, or did not answer in time) throws ConnectionLost: the caller
 * cannot know whether it was committed.
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
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    text = await response.text();
  } catch (error) {
    throw new ConnectionLost(error);
  }
  let body: Record<string, unknown>;
  try {
    body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}
