import type { FastifyRequest } from 'fastify';
import { OriginCheckFailed } from '../errors';

export const SESSION_COOKIE = 'ctd_session';

/** The value of the session cookie the request carries, if any. */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === SESSION_COOKIE) {
      const value = part.slice(index + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * The request came over https when its own connection was TLS or, only when LEDGER_TRUST_PROXY
 * names the proxy in front, when that proxy says so (X-Forwarded-Proto): Fastify's protocol.
 */
function cookieAttributes(request: FastifyRequest): string {
  return `Path=/; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`;
}

export function sessionCookie(request: FastifyRequest, value: string): string {
  return `${SESSION_COOKIE}=${value}; ${cookieAttributes(request)}`;
}

export function clearedSessionCookie(request: FastifyRequest): string {
  return `${SESSION_COOKIE}=; ${cookieAttributes(request)}; Max-Age=0`;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A cookie rides along with any request the browser sends, even one a foreign page started; an
 * unsafe one is only honoured when its Origin is the ledger's own scheme://host[:port] as this
 * request reached it (the Host header, or X-Forwarded-Host behind a trusted proxy).
 */
export function assertSameOrigin(request: FastifyRequest): void {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.origin;
  const own = `${request.protocol}://${request.host}`.toLowerCase();
  if (typeof origin === 'string' && origin.toLowerCase() === own) return;
  throw new OriginCheckFailed(typeof origin === 'string' ? origin : undefined, own);
}
