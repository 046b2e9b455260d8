/**
 * What a decider returns. Rejections are values (a named code, a message for people and the
 * details needed to act on it); assertions about impossible states throw instead. `reason` tells
 * apart the meanings of a code that has several, and `params` holds what the message names
 * beyond the details (an id): with the code they choose the message in each language the
 * ledger speaks (src/i18n/error-messages.ts); `message` is its English text.
 */
export interface Rejection<Code extends string = string> {
  code: Code;
  message: string;
  details?: Record<string, string | number | boolean | null | string[]>;
  reason?: string;
  params?: Record<string, string | number | boolean | null | string[]>;
}

/** How a rejection's message is worded in every language: which meaning of its code, and the values it names. */
export interface Wording {
  reason?: string;
  params?: Rejection['params'];
}

export type Decision<Event> = { ok: true; events: Event[] } | { ok: false; rejection: Rejection };

export function accept<Event>(...events: Event[]): Decision<Event> {
  return { ok: true, events };
}

export function reject<Event = never>(code: string, message: string, details?: Rejection['details'], wording: Wording = {}): Decision<Event> {
  return { ok: false, rejection: { code, message, details, ...wording } };
}

/** The exhaustiveness check at the end of every switch over commands or events. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/** A violated invariant: a bug or a corrupted log, never a user error. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
