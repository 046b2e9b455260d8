/** Where progress goes: stderr, so stdout stays clean for data (`ledger export > journal.ndjson`). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** `position` of the event just handled, out of the log's head position when the work began. */
  update(position: number): void;
  /** Ends the bar (or the lines) where the work stopped. */
  finish(): void;
}

const BAR_WIDTH = 30;
const REDRAW_EVERY_MS = 100;

/**
 * A bar redrawn in place on a terminal; elsewhere (a pipe, a CI log) a plain line at each 10 %
 * step, so a log file gets ten lines rather than a million. Progress is measured in positions,
 * which on EventStoreDB are not event counts but still grow with the log.
 */
export function createProgress(stream: ProgressStream, label: string, startPosition: number, headPosition: number, quiet = false): Progress {
  if (quiet) return { update: () => undefined, finish: () => undefined };
  const span = headPosition - startPosition;
  const fractionOf = (position: number) => (span <= 0 ? 1 : Math.min(1, Math.max(0, (position - startPosition) / span)));
  if (stream.isTTY) return terminalProgress(stream, label, fractionOf, headPosition);
  return lineProgress(stream, label, fractionOf, headPosition);
}

function terminalProgress(stream: ProgressStream, label: string, fractionOf: (position: number) => number, head: number): Progress {
  let drawnAt = 0;
  let last = 0;
  const draw = (position: number) => {
    const fraction = fractionOf(position);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    stream.write(`\r${label} ${bar} ${Math.floor(fraction * 100)}% position ${position}/${head}`);
  };
  return {
    update(position) {
      last = position;
      const now = Date.now();
      if (now - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now;
      draw(position);
    },
    finish() {
      draw(last);
      stream.write('\n');
    },
  };
}

function lineProgress(stream: ProgressStream, label: string, fractionOf: (position: number) => number, head: number): Progress {
  let reportedStep = 0;
  let last = 0;
  return {
    update(position) {
      last = position;
      const step = Math.floor(fractionOf(position) * 10);
      if (step <= reportedStep || step >= 10) return;
      reportedStep = step;
      stream.write(`${label}: ${step * 10}% (position ${position} of ${head})\n`);
    },
    finish() {
      stream.write(`${label}: ${Math.floor(fractionOf(last) * 100)}% (position ${last} of ${head}), done\n`);
    },
  };
}
