import { ApiProblem } from '../api/client';
import { drain, enqueue, entryOf, type OutboxEntry } from './outbox';

/** A command the device keeps until the network returns: the screen says so instead of an answer. */
export interface Queued {
  queued: true;
  actedAt: string;
}

export function isQueued(answer: unknown): answer is Queued {
  return typeof answer === 'object' && answer !== null && (answer as Queued).queued === true;
}

/**
 * A field command, sent through the device's outbox: kept first, then sent at once when the
 * network allows. Answers the ledger's answer when it came, throws the refusal (shown beside the
 * form), or answers Queued when there was no network. A refusal stays in "Chờ gửi" too until the
 * person dismisses it: on a slow network the answer may come after they left the form, or with
 * others ticked meanwhile, and the form alone would drop it without a word.
 */
export async function sendThroughOutbox<T>(command: Omit<OutboxEntry, 'state' | 'attempts' | 'actedAt'> & { actedAt?: string }): Promise<T | Queued> {
  const actedAt = command.actedAt ?? new Date().toISOString();
  await enqueue({ ...command, actedAt });
  await drain(command.userId);
  const entry = await entryOf(command.key);
  if (entry?.state === 'sent') return entry.answer as T;
  if (entry?.state === 'refused' && entry.problem) {
    throw new ApiProblem(entry.problem.status, entry.problem.code, entry.problem.message, entry.problem.details ?? {});
  }
  return { queued: true, actedAt: entry?.actedAt ?? actedAt };
}
