/** The catalogue keys "Chờ gửi" says a refused command with: why, and what the person does about it. */
export interface RefusalKeys {
  message: string;
  todo: string;
}

/** A command of the outbox as far as its refusal goes. */
export interface RefusedCommand {
  kind: string;
  problem?: { code: string; reason?: string; details?: Record<string, unknown> };
}

/**
 * The keys for a refused command, or none for one that was not refused, among the catalogue's
 * `known` keys. The code is named by the ledger's reason where it has one (a hand-over refused
 * because its request was reversed is not one a team-mate already made): the most particular
 * entry is said, by kind of command, code and reason, then kind and code, then code.
 */
export function refusalKeys(entry: RefusedCommand, known: readonly string[]): RefusalKeys | undefined {
  const problem = entry.problem;
  const code = problem?.reason === 'device-signed-out' ? 'DEVICE_SIGNED_OUT' : problem?.reason === 'user-deactivated' ? 'USER_DEACTIVATED' : problem?.code;
  if (!code) return undefined;
  // The ledger's reason, else the state it found (an emergency release cancelled while its settlement waited on the phone).
  const details = problem?.details;
  const reason = typeof details?.reason === 'string' ? details.reason : typeof details?.status === 'string' ? details.status : undefined;
  const todo = [
    ...(reason ? [`outbox.todo.${entry.kind}.${code}.${reason}`] : []), `outbox.todo.${entry.kind}.${code}`, `outbox.todo.${code}`,
  ].find((key) => known.includes(key));
  const message = `error.${code}`;
  return { message: known.includes(message) ? message : 'error.generic', todo: todo ?? 'outbox.todo.other' };
}
