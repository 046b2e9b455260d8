import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';

export const SESSION_COOKIE = 'ctd_session';
/** A session nobody used for this long is over. */
export const SESSION_IDLE_MS = 12 * 3_600_000;

interface Session {
  userId: string;
  /** The user's token hash when the session began: a rotated token ends the session. */
  tokenHash: string;
  lastUsedAt: number;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Sessions of the staff app, in this process's memory only (a restart signs everyone out), each
 * kept under the sha256 of its cookie value so the map itself holds nothing that signs anyone in.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Milliseconds since the epoch; tests may replace it. */
  clock: () => number = Date.now;

  /** Begins a session and returns the cookie value (32 random bytes, base64url). */
  begin(userId: string, tokenHash: string): string {
    this.sweep();
    const value = randomBytes(32).toString('base64url');
    this.sessions.set(sha256(value), { userId, tokenHash, lastUsedAt: this.clock() });
    return value;
  }

  /** The session of a cookie value if it is live; using it restarts its idle time. */
  use(value: string): { userId: string; tokenHash: string } | undefined {
    const key = sha256(value);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (this.clock() - session.lastUsedAt > SESSION_IDLE_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastUsedAt = this.clock();
    return { userId: session.userId, tokenHash: session.tokenHash };
  }

  end(value: string): void {
    this.sessions.delete(sha256(value));
  }

  /** Ends every session of a user, but the one whose cookie value is `keep` when given. */
  endAllOf(userId: string, keep?: string): void {
    const kept = keep === undefined ? undefined : sha256(keep);
    for (const [key, session] of this.sessions) if (session.userId === userId && key !== kept) this.sessions.delete(key);
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, session] of this.sessions) if (now - session.lastUsedAt > SESSION_IDLE_MS) this.sessions.delete(key);
  }
}

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
  const message = typeof origin === 'string'
    ? `The Origin check failed: ${origin} is not this ledger (${own}); a session may only change things from the ledger's own pages`
    : `The Origin check failed: a request with a session cookie that changes something must carry the Origin header ${own}`;
  throw new ApiError(403, 'FORBIDDEN', message, { reason: 'origin-check', expectedOrigin: own });
}

export const SETUP_CODE_TTL_MS = 24 * 3_600_000;

/**
 * One-time codes that let the first admin choose a password from the start-up banner's link.
 * In memory only (a restart forgets them), kept by their sha256, each usable once within 24 h.
 */
@Injectable()
export class SetupCodes {
  private readonly codes = new Map<string, { userId: string; expiresAt: number }>();
  /** Milliseconds since the epoch; tests may replace it. */
  clock: () => number = Date.now;

  issue(userId: string): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(sha256(code), { userId, expiresAt: this.clock() + SETUP_CODE_TTL_MS });
    return code;
  }

  /** The user a live code was issued for; the code is spent whether it was live or not. */
  redeem(code: string): string | undefined {
    const key = sha256(code);
    const entry = this.codes.get(key);
    this.codes.delete(key);
    return entry && entry.expiresAt > this.clock() ? entry.userId : undefined;
  }
}
