import { validationFailed } from '../api-error';

/** Path parameters of the user routes: each checked, or refused with 400 naming the field. */

export function userIdParam(raw: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(raw)) throw validationFailed([{ field: 'userId', reason: 'is not a user id' }]);
  return raw;
}

/** A device's session, as GET …/sessions names it. */
export function sessionIdParam(raw: string): string {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(raw)) throw validationFailed([{ field: 'sessionId', reason: 'is not a session id' }]);
  return raw;
}
