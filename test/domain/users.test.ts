import { createUser, deactivateUser, NOW, replaceUserToken, userCreated, userDeactivated } from './builders';
import { UsersDecider, usersStateOf } from './given-when-then';

describe('Users (api.md "Authentication and roles")', () => {
  it('creates a user with its roles, each once, and only the hash of its token', () => {
    UsersDecider.given()
      .when(createUser('u-ke-toan', ['accountant', 'approver', 'accountant'], 'sha256:ab12'))
      .then({
        type: 'UserCreated',
        data: { userId: 'u-ke-toan', name: 'Người dùng u-ke-toan', roles: ['accountant', 'approver'], tokenHash: 'sha256:ab12', createdAt: NOW },
      });
  });

  it('refuses a user id already taken (ALREADY_EXISTS)', () => {
    UsersDecider.given(userCreated('u-ke-toan')).when(createUser('u-ke-toan')).thenRejects('ALREADY_EXISTS');
  });

  it('refuses a user id taken by a deactivated user too (ALREADY_EXISTS)', () => {
    UsersDecider.given(userCreated('u-ke-toan'), userDeactivated('u-ke-toan')).when(createUser('u-ke-toan')).thenRejects('ALREADY_EXISTS');
  });

  it('deactivates a user', () => {
    UsersDecider.given(userCreated('u-ke-toan')).when(deactivateUser('u-ke-toan')).then({ type: 'UserDeactivated', data: { userId: 'u-ke-toan', deactivatedAt: NOW } });
  });

  it('keeps one active admin: the last one is not deactivated (INVALID_STATE), one of two is', () => {
    UsersDecider.given(userCreated('admin', ['admin']), userCreated('u-ke-toan'))
      .when(deactivateUser('admin')).thenRejects('INVALID_STATE', { reason: 'last-admin', userId: 'admin' });
    UsersDecider.given(userCreated('admin', ['admin']), userCreated('u-quan-tri-2', ['admin', 'auditor']))
      .when(deactivateUser('admin')).then({ type: 'UserDeactivated', data: { userId: 'admin', deactivatedAt: NOW } });
    // A second admin deactivated already does not count.
    UsersDecider.given(userCreated('admin', ['admin']), userCreated('u-quan-tri-2', ['admin']), userDeactivated('u-quan-tri-2'))
      .when(deactivateUser('admin')).thenRejects('INVALID_STATE');
  });

  it('refuses to deactivate twice (INVALID_STATE) or an unknown user (NOT_FOUND)', () => {
    UsersDecider.given(userCreated('u-ke-toan'), userDeactivated('u-ke-toan')).when(deactivateUser('u-ke-toan')).thenRejects('INVALID_STATE');
    UsersDecider.given().when(deactivateUser('u-khong-co')).thenRejects('NOT_FOUND', { entity: 'user' });
  });

  it('replaces the token of an active user', () => {
    UsersDecider.given(userCreated('u-ke-toan'))
      .when(replaceUserToken('u-ke-toan', 'sha256:cd34'))
      .then({ type: 'UserTokenReplaced', data: { userId: 'u-ke-toan', tokenHash: 'sha256:cd34', replacedAt: NOW } });
  });

  it('refuses a new token for a deactivated user (INVALID_STATE) or an unknown one (NOT_FOUND)', () => {
    UsersDecider.given(userCreated('u-ke-toan'), userDeactivated('u-ke-toan')).when(replaceUserToken('u-ke-toan', 'sha256:cd34')).thenRejects('INVALID_STATE');
    UsersDecider.given().when(replaceUserToken('u-khong-co', 'sha256:cd34')).thenRejects('NOT_FOUND');
  });

  it('revokes the token of an active user: the token stops working, no new one is issued', () => {
    UsersDecider.given(userCreated('u-ke-toan'))
      .when({ type: 'RevokeUserToken', userId: 'u-ke-toan', now: NOW })
      .then({ type: 'UserTokenRevoked', data: { userId: 'u-ke-toan', revokedAt: NOW } });
    const state = usersStateOf(userCreated('u-ke-toan'), { type: 'UserTokenRevoked', data: { userId: 'u-ke-toan', revokedAt: NOW } });
    expect(state.users.get('u-ke-toan')).toMatchObject({ tokenHash: null, active: true });
  });

  it('refuses to revoke a token already revoked or of a deactivated user (INVALID_STATE), or of an unknown user (NOT_FOUND)', () => {
    const revoked = { type: 'UserTokenRevoked' as const, data: { userId: 'u-ke-toan', revokedAt: NOW } };
    UsersDecider.given(userCreated('u-ke-toan'), revoked).when({ type: 'RevokeUserToken', userId: 'u-ke-toan', now: NOW }).thenRejects('INVALID_STATE');
    UsersDecider.given(userCreated('u-ke-toan'), userDeactivated('u-ke-toan')).when({ type: 'RevokeUserToken', userId: 'u-ke-toan', now: NOW }).thenRejects('INVALID_STATE');
    UsersDecider.given().when({ type: 'RevokeUserToken', userId: 'u-khong-co', now: NOW }).thenRejects('NOT_FOUND', { entity: 'user' });
  });

  it('issues a token again after a revocation', () => {
    const revoked = { type: 'UserTokenRevoked' as const, data: { userId: 'u-ke-toan', revokedAt: NOW } };
    UsersDecider.given(userCreated('u-ke-toan'), revoked)
      .when(replaceUserToken('u-ke-toan', 'sha256:ef56'))
      .then({ type: 'UserTokenReplaced', data: { userId: 'u-ke-toan', tokenHash: 'sha256:ef56', replacedAt: NOW } });
  });

  it('folds the directory: roles, token hash and whether the user is active', () => {
    const state = usersStateOf(userCreated('a', ['admin']), userCreated('b', ['auditor', 'approver']), userDeactivated('a'));
    expect(state.users.get('a')).toMatchObject({ roles: ['admin'], active: false });
    expect(state.users.get('b')).toMatchObject({ roles: ['auditor', 'approver'], tokenHash: 'sha256-of-b', active: true });
  });
});
