import type { UserTokenIssued } from '../../command-handling/handlers/users.handlers';
import type { UserState } from '../../domain/users/users.state';

/** Users as the API shows them: never a token, its hash or a password hash. */

export function presentUser(user: UserState) {
  return { userId: user.userId, name: user.name, roles: [...user.roles], active: user.active };
}

/** Every user, by name in Vietnamese order (then by id, names being not unique). */
export function presentUsers(users: readonly UserState[]) {
  return { users: users.map(presentUser).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.userId.localeCompare(b.userId)) };
}

/** A user created: their roles once each, and the token when this request minted the one recorded. */
export function presentUserCreated(issued: UserTokenIssued, asked: { name: string; roles: readonly string[] }) {
  const roles = [...new Set(asked.roles)];
  if (issued.token === null) return { userId: issued.userId, name: asked.name, roles, position: issued.position };
  return { userId: issued.userId, name: asked.name, roles, token: issued.token, position: issued.position };
}

/** A token rotated: the new token when this request minted the one recorded. */
export function presentTokenRotated(issued: UserTokenIssued) {
  if (issued.token === null) return { userId: issued.userId, position: issued.position };
  return { userId: issued.userId, token: issued.token, position: issued.position };
}
