import type { SetUserPassword } from '../../src/domain/users/users.commands';
import type { UserPasswordSet } from '../../src/domain/users/users.events';
import { NOW, userCreated, userDeactivated } from './builders';
import { UsersDecider, usersStateOf } from './given-when-then';

/** api-v2.md "People and sessions": a password per user, kept only as its scrypt hash. */
const HASH = 'scrypt$N=32768,r=8,p=1$c2FsdA$aGFzaA';

const setPassword = (userId: string, passwordHash = HASH): SetUserPassword => ({ type: 'SetUserPassword', userId, passwordHash, now: NOW });
const passwordSet = (userId: string, passwordHash = HASH): UserPasswordSet => ({ type: 'UserPasswordSet', data: { userId, passwordHash, setAt: NOW } });

describe('Users: passwords', () => {
  it('sets the password of an active user as its hash only', () => {
    UsersDecider.given(userCreated('u-ke-toan')).when(setPassword('u-ke-toan')).then(passwordSet('u-ke-toan'));
  });

  it('replaces an earlier password: the latest hash is the one the directory holds', () => {
    const state = UsersDecider.given(userCreated('u-ke-toan'), passwordSet('u-ke-toan', 'scrypt$old'))
      .when(setPassword('u-ke-toan', 'scrypt$new'))
      .stateAfter();
    expect(state.users.get('u-ke-toan')?.passwordHash).toBe('scrypt$new');
  });

  it('refuses a password for a deactivated user (INVALID_STATE)', () => {
    UsersDecider.given(userCreated('u-ke-toan'), userDeactivated('u-ke-toan')).when(setPassword('u-ke-toan')).thenRejects('INVALID_STATE');
  });

  it('refuses a password for an unknown user (NOT_FOUND)', () => {
    UsersDecider.given().when(setPassword('u-khong-co')).thenRejects('NOT_FOUND', { entity: 'user' });
  });

  it('folds a new user without a password, then with the hash once one is set', () => {
    expect(usersStateOf(userCreated('a')).users.get('a')?.passwordHash).toBeNull();
    expect(usersStateOf(userCreated('a'), passwordSet('a')).users.get('a')?.passwordHash).toBe(HASH);
  });
});
