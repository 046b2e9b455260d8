/**
 * Runs `round` one at a time, and loses no request: a request made while a round runs is
 * answered by another round that starts once that one ends (any number of requests meanwhile make
 * a single follow-up round). Every request of a run is answered with its last round's outcome:
 * what the outbox came to once nothing more was asked of it. A round that throws ends the run
 * with its error unless a follow-up was asked for meanwhile.
 */
export function oneRoundAtATime<T>(round: () => Promise<T>): () => Promise<T> {
  let run: Promise<T> | undefined;
  let again = false;
  return () => {
    if (run) {
      again = true;
      return run;
    }
    run = (async () => {
      // Nothing of the round runs before `run` is set, so even a round that throws at once clears it.
      await undefined;
      try {
        for (;;) {
          again = false;
          try {
            const outcome = await round();
            if (!again) return outcome;
          } catch (error) {
            if (!again) throw error;
          }
        }
      } finally {
        run = undefined;
      }
    })();
    return run;
  };
}
