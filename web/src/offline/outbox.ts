import Dexie, { liveQuery, type Table } from 'dexie';
import { noteWrittenPosition } from '../api/read-your-writes';
import { oneRoundAtATime } from './rounds';

/**
 * The device's outbox: commands a person made in the field, kept in IndexedDB until the ledger
 * has answered them. Each keeps the idempotency key drawn when the person pressed the button and
 * the business date they saw, so sending it again after a lost answer, a reload or a dropped
 * network records it once, dated as it happened; the ledger adds when it arrived.
 */
export type OutboxKind = 'emergency-release' | 'emergency-settlement' | 'handover';

export type OutboxState = 'waiting' | 'sent' | 'refused';

export interface OutboxProblem {
  status: number;
  code: string;
  message: string;
  /** details.reason of the answer, when it has one (device-signed-out, …). */
  reason?: string;
  details?: Record<string, unknown>;
}

export interface OutboxEntry {
  seq?: number;
  /** The Idempotency-Key, fixed when the person pressed the button. */
  key: string;
  /** Whose command: only their own session sends it. */
  userId: string;
  fundId: string;
  kind: OutboxKind;
  method: 'POST' | 'PUT';
  /** The API path the command is sent to. */
  path: string;
  body: Record<string, unknown>;
  /** What the person sees in the list (amount, recipient, household). */
  summary: string;
  /** When the person acted, on the device's clock (ISO). */
  actedAt: string;
  state: OutboxState;
  attempts: number;
  sentAt?: string;
  answer?: Record<string, unknown>;
  problem?: OutboxProblem;
}

class OutboxDatabase extends Dexie {
  entries!: Table<OutboxEntry, number>;

  constructor() {
    super('ctd-ledger-outbox');
    this.version(1).stores({ entries: '++seq, &key, [userId+state], userId, state' });
  }
}

const db = new OutboxDatabase();

/**
 * Keeps a command on the device; a second call with the same key keeps the first, unless the
 * first was refused: the person sent their form again (corrected, or as it was), and that answers
 * the refusal, which the form showed them.
 */
export async function enqueue(entry: Omit<OutboxEntry, 'state' | 'attempts'>): Promise<void> {
  await db.transaction('rw', db.entries, async () => {
    const existing = await db.entries.where('key').equals(entry.key).first();
    if (existing?.state === 'refused' && existing.seq !== undefined) await db.entries.delete(existing.seq);
    else if (existing) return;
    await db.entries.add({ ...entry, state: 'waiting', attempts: 0 });
  });
}

export async function entryOf(key: string): Promise<OutboxEntry | undefined> {
  return db.entries.where('key').equals(key).first();
}

/** Forgets an entry the person has read (a refusal they dealt with, a sent command). */
export async function dismiss(seq: number): Promise<void> {
  await db.entries.delete(seq);
}

/** Every entry of a person, oldest first, as it changes (across tabs too). */
export function watchOutbox(userId: string, onChange: (entries: OutboxEntry[]) => void): () => void {
  const subscription = liveQuery(() => db.entries.where('userId').equals(userId).sortBy('seq')).subscribe({ next: onChange, error: () => onChange([]) });
  return () => subscription.unsubscribe();
}

/** How many commands of anyone wait on this device, as it changes: the sign-in screen says so, without whose or what. */
export function watchWaitingCount(onChange: (count: number) => void): () => void {
  const subscription = liveQuery(() => db.entries.where('state').equals('waiting').count()).subscribe({ next: onChange, error: () => onChange(0) });
  return () => subscription.unsubscribe();
}

/** How a sending round ended: everything answered, no network, or the session must be renewed. */
export type DrainOutcome = 'done' | 'offline' | 'signed-out' | 'later';

/** Answers worth trying again later: the ledger was busy, restarting or behind; nothing was decided. */
const TRANSIENT = new Set([429, 500, 502, 503, 504]);

/**
 * Sends a person's waiting commands in the order they were made, one at a time. A network
 * failure stops the round (the rest waits for the next); a refusal is kept with its reason and
 * the next command is sent; a device an admin signed out has every waiting command refused.
 * One round runs at a time in this tab; Web Locks keep two tabs from sending together, and the
 * idempotency key makes even that harmless. A send asked for while a round runs (a command just
 * kept, "send now") is not lost in it: one more round runs right after, and the answer is that
 * round's outcome.
 */
export function drain(userId: string): Promise<DrainOutcome> {
  // The person signed in now: a follow-up round sends theirs, even if another person's ran before.
  signedInAs(userId);
  return nextRound();
}

let drainedUser = '';
const SESSION_OWNER_KEY = 'ctd-ledger-session-owner';

/** Notes whose session this browser holds (one cookie per browser), so a refusal of it after a reload is still theirs. */
export function signedInAs(userId: string): void {
  drainedUser = userId;
  if (userId && typeof localStorage !== 'undefined') localStorage.setItem(SESSION_OWNER_KEY, userId);
}

function sessionOwner(): string {
  return drainedUser || (typeof localStorage !== 'undefined' ? localStorage.getItem(SESSION_OWNER_KEY) ?? '' : '');
}

/** The ledger's reasons for a session ended from elsewhere: nothing this device still waits to send will be recorded under it. */
export function endedFromElsewhere(reason: unknown): reason is 'device-signed-out' | 'user-deactivated' {
  return reason === 'device-signed-out' || reason === 'user-deactivated';
}

/** What the sign-in screen tells the person after their session was ended from elsewhere. */
export interface EndedNotice {
  userId: string;
  reason: 'device-signed-out' | 'user-deactivated';
}

const ENDED_KEY = 'ctd-ledger-ended';

export function endedNotice(): EndedNotice | undefined {
  try {
    const notice = JSON.parse(localStorage.getItem(ENDED_KEY) ?? 'null') as EndedNotice | null;
    return notice && endedFromElsewhere(notice.reason) && typeof notice.userId === 'string' ? notice : undefined;
  } catch {
    return undefined;
  }
}

export function forgetEndedNotice(): void {
  localStorage.removeItem(ENDED_KEY);
}

const nextRound = oneRoundAtATime(async (): Promise<DrainOutcome> => {
  const userId = drainedUser;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? await locks.request('ctd-ledger-outbox', () => drainRound(userId)) : await drainRound(userId);
});

async function drainRound(userId: string): Promise<DrainOutcome> {
  for (;;) {
    const next = await db.entries.where({ userId, state: 'waiting' }).sortBy('seq').then((waiting) => waiting[0]);
    if (!next?.seq) return 'done';
    await db.entries.update(next.seq, { attempts: next.attempts + 1 });
    let response: Response;
    try {
      response = await fetch(next.path, {
        method: next.method, credentials: 'same-origin', cache: 'no-store',
        headers: { 'content-type': 'application/json', 'Idempotency-Key': next.key },
        body: JSON.stringify(next.body),
      });
    } catch {
      return 'offline';
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) {
      noteWrittenPosition(answer.position);
      await db.entries.update(next.seq, { state: 'sent', sentAt: ledgerTimeOf(response), answer });
      continue;
    }
    const problem = problemOf(response.status, answer);
    if (response.status === 401 && endedFromElsewhere(problem.reason)) {
      await settleWaitingOfSignedOutDevice(problem.details ?? {});
      return 'signed-out';
    }
    if (response.status === 401) return 'signed-out';
    if (TRANSIENT.has(response.status) || problem.code === 'CONCURRENCY_CONFLICT' || problem.code === 'PROJECTION_LAGGING') return 'later';
    await db.entries.update(next.seq, { state: 'refused', problem });
  }
}

/**
 * When the ledger answered, by the ledger's clock (the answer's Date header): what "Chờ gửi" shows
 * as the time a command reached the ledger. The device's clock, which may be hours or days wrong in
 * the field, dates only when the person acted; the device's time stands in only for an answer
 * without a Date.
 */
function ledgerTimeOf(response: Response): string {
  const answeredAt = Date.parse(response.headers.get('date') ?? '');
  return new Date(Number.isNaN(answeredAt) ? Date.now() : answeredAt).toISOString();
}

function problemOf(status: number, answer: Record<string, unknown>): OutboxProblem {
  const error = (answer.error ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : undefined;
  return {
    status, code: error.code ?? `HTTP_${status}`, message: error.message ?? `HTTP ${status}`,
    ...(reason ? { reason } : {}), ...(error.details ? { details: error.details } : {}),
  };
}

/**
 * The ledger said this device was signed out by an admin, or its person deactivated (on any
 * request: a read may learn it before the outbox tries). Signed out: every command still waiting
 * on it is refused, never to be sent with the next person's session. Deactivated: that person's
 * waiting commands are refused (they cannot sign in again to send them); another person's on the
 * same phone wait for them. A command already sent once may have been recorded before with its
 * answer lost: it is asked about once more under its key, and the ledger, which still refuses it,
 * says whether it had recorded it; such a command is listed as recorded, so nobody enters it
 * again. The reads kept for offline use leave the device with the session: a lost phone's finder
 * must not read the fund's data, and the person is told why on the sign-in screen.
 */
export async function refuseWaitingOfSignedOutDevice(details: Record<string, unknown>): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  await (locks ? locks.request('ctd-ledger-outbox', () => settleWaitingOfSignedOutDevice(details)) : settleWaitingOfSignedOutDevice(details));
}

async function settleWaitingOfSignedOutDevice(details: Record<string, unknown>): Promise<void> {
  const reason = details.reason === 'user-deactivated' ? 'user-deactivated' : 'device-signed-out';
  const problem: OutboxProblem = { status: 401, code: 'UNAUTHENTICATED', message: reason, reason, details };
  const owner = sessionOwner();
  if ('caches' in globalThis) await caches.delete('ledger-reads').catch(() => false);
  if (owner) localStorage.setItem(ENDED_KEY, JSON.stringify({ userId: owner, reason } satisfies EndedNotice));
  const waiting = await db.entries.where('state').equals('waiting').sortBy('seq');
  for (const entry of waiting) {
    if (entry.seq === undefined) continue;
    if (reason === 'user-deactivated' && entry.userId !== owner) continue;
    // Only the signed-out person's own commands are asked about: another's never travel with their session.
    const recorded = entry.attempts > 0 && entry.userId === owner ? await recordedAnswerOf(entry) : undefined;
    await db.entries.update(entry.seq, recorded ? { state: 'sent', ...recorded } : { state: 'refused', problem });
  }
}

/** What the ledger recorded of a command sent before, asked by sending it again under its key, and when it answered; undefined when it recorded nothing. */
async function recordedAnswerOf(entry: OutboxEntry): Promise<{ answer: Record<string, unknown>; sentAt: string } | undefined> {
  let response: Response;
  try {
    response = await fetch(entry.path, {
      method: entry.method, credentials: 'same-origin', cache: 'no-store',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': entry.key },
      body: JSON.stringify(entry.body),
    });
  } catch {
    return undefined;
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { answer, sentAt: ledgerTimeOf(response) };
  const recorded = problemOf(response.status, answer).details?.recorded as { position?: unknown } | undefined;
  return typeof recorded?.position === 'number' ? { answer: { position: recorded.position }, sentAt: ledgerTimeOf(response) } : undefined;
}
