import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** A session nobody used for this long is over. */
export const SESSION_IDLE_MS = 12 * 3_600_000;

interface Session {
  /** A public name of the session (never the cookie), so an admin can end one device's session. */
  sessionId: string;
  userId: string;
  /** The browser that signed in, as its User-Agent says (shortened), to tell a person's devices apart. */
  device: string;
  startedAt: number;
  /** The user's token hash when the session began (null: none): a rotated or revoked token ends the session. */
  tokenHash: string | null;
  lastUsedAt: number;
}

/** A device's session, as an admin sees it: never the cookie or its hash. */
export interface DeviceSession {
  sessionId: string;
  device: string;
  startedAt: string;
  lastUsedAt: string;
}

/** Why a session was ended from elsewhere: an admin signed the device out, or deactivated its person. */
export type EndedFromElsewhere = 'device-signed-out' | 'user-deactivated';

/** How long a session ended from another device is still recognised as such (then it is only unknown). */
export const SIGNED_OUT_REMEMBERED_MS = 30 * 24 * 3_600_000;

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
  /** Sessions an admin ended (a lost phone), by cookie hash, with whose they were: their later requests are told so. */
  private readonly signedOut = new Map<string, { at: number; userId: string; reason: EndedFromElsewhere }>();
  /** Milliseconds since the epoch; tests may replace it. */
  clock: () => number = Date.now;

  /** Begins a session and returns the cookie value (32 random bytes, base64url). */
  begin(userId: string, tokenHash: string | null, device = ''): string {
    this.sweep();
    const value = randomBytes(32).toString('base64url');
    const now = this.clock();
    this.sessions.set(sha256(value), {
      sessionId: randomBytes(9).toString('base64url'), userId, device: device.slice(0, 160), startedAt: now, tokenHash, lastUsedAt: now,
    });
    return value;
  }

  /** The live sessions of a user, the most recently used first. */
  listOf(userId: string): DeviceSession[] {
    this.sweep();
    return [...this.sessions.values()]
      .filter((session) => session.userId === userId)
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
      .map((session) => ({
        sessionId: session.sessionId, device: session.device,
        startedAt: new Date(session.startedAt).toISOString(), lastUsedAt: new Date(session.lastUsedAt).toISOString(),
      }));
  }

  /**
   * Ends one device's session of a user (a lost or handed-on phone). Its later requests are
   * refused as signed out from another device, so the app on it can tell its person why.
   * Answers whether there was such a session.
   */
  endDevice(userId: string, sessionId: string): boolean {
    for (const [key, session] of this.sessions) {
      if (session.userId !== userId || session.sessionId !== sessionId) continue;
      this.sessions.delete(key);
      this.signedOut.set(key, { at: this.clock(), userId, reason: 'device-signed-out' });
      return true;
    }
    return false;
  }

  /** When and why the session of this cookie was ended from another device, and whose it was, if it was. */
  signedOutSession(value: string): { signedOutAt: string; userId: string; reason: EndedFromElsewhere } | undefined {
    const entry = this.signedOut.get(sha256(value));
    return entry === undefined ? undefined : { signedOutAt: new Date(entry.at).toISOString(), userId: entry.userId, reason: entry.reason };
  }

  /** The session of a cookie value if it is live; using it restarts its idle time. */
  use(value: string): { userId: string; tokenHash: string | null } | undefined {
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

  /**
   * Ends every session of a deactivated user. Their devices' later requests are refused as
   * such, so the app on each tells its person why their waiting commands will never be recorded
   * (they cannot sign in again to send them).
   */
  endAllOfDeactivated(userId: string): void {
    for (const [key, session] of this.sessions) {
      if (session.userId !== userId) continue;
      this.sessions.delete(key);
      this.signedOut.set(key, { at: this.clock(), userId, reason: 'user-deactivated' });
    }
  }

  /** Ends the session of this cookie because its user was found deactivated (by another process). */
  endDeactivated(value: string, userId: string): void {
    const key = sha256(value);
    if (this.sessions.delete(key)) this.signedOut.set(key, { at: this.clock(), userId, reason: 'user-deactivated' });
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, session] of this.sessions) if (now - session.lastUsedAt > SESSION_IDLE_MS) this.sessions.delete(key);
    for (const [key, { at }] of this.signedOut) if (now - at > SIGNED_OUT_REMEMBERED_MS) this.signedOut.delete(key);
  }
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
