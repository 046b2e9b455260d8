/**
 * The newest log position this tab wrote (through the typed client or the field outbox): reads
 * of the registers wait for it, so a screen never shows the state before its own write.
 */
let lastWrittenPosition = 0;

export function noteWrittenPosition(position: unknown): void {
  if (typeof position === 'number' && position > lastWrittenPosition) lastWrittenPosition = position;
}

export function writtenPosition(): number {
  return lastWrittenPosition;
}
