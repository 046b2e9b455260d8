/** A command of the outbox as far as the sheet reads it (OutboxEntry's fields). */
export interface KeptCommand {
  kind: string;
  state: string;
  path: string;
  body: Record<string, unknown>;
  answer?: Record<string, unknown>;
}

/** A hand-over ticked on this device that the sheet as read does not show yet. */
export interface HandoverAhead {
  /** What was ticked: received, absent or refused. */
  status: string;
  /** Kept on the device, waiting to be sent; or recorded by the ledger after the position the sheet was read at. */
  state: 'kept' | 'recorded';
}

/**
 * The hand-overs of one sheet (`path`) this device holds ahead of the sheet read at
 * `sheetPosition`, by beneficiary: those waiting to be sent, and those the ledger recorded at a
 * later position than the sheet's (the sheet is being read again). Between the two the row would
 * otherwise show its old state and its buttons again, and a second tick would be refused.
 */
export function handoversAhead(
  entries: readonly KeptCommand[], path: string, sheetPosition: number | undefined,
): Map<string, HandoverAhead> {
  const ahead = new Map<string, HandoverAhead>();
  for (const entry of entries) {
    if (entry.kind !== 'handover' || entry.path !== path) continue;
    const beneficiaryId = String(entry.body.beneficiaryId);
    const status = String(entry.body.status);
    if (entry.state === 'waiting') {
      ahead.set(beneficiaryId, { status, state: 'kept' });
      continue;
    }
    const recordedAt = entry.answer?.position;
    if (entry.state === 'sent' && typeof recordedAt === 'number' && (sheetPosition === undefined || recordedAt > sheetPosition)) {
      ahead.set(beneficiaryId, { status, state: 'recorded' });
    }
  }
  return ahead;
}
