/**
 * A signed-in person whose session ends under them (idle too long, the server restarted, signed
 * out in another tab) is asked for their password where they are, not sent to the sign-in screen:
 * what they were typing stays on the page, and the form is sent again once they are back. A
 * session ended from elsewhere (the device signed out by an admin, the user deactivated) is no such
 * case: the sign-in screen says what happened.
 */
export const SESSION_ENDED_EVENT = 'ledger-session-ended';

let ended = false;

/** The session of the person signed in on this page has ended: the page asks for their password. */
export function noteSessionEnded(): void {
  if (ended) return;
  ended = true;
  window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
}

/** Signed in again, or signed out on purpose: nothing to ask any more. */
export function forgetSessionEnded(): void {
  ended = false;
}

export function sessionHasEnded(): boolean {
  return ended;
}
