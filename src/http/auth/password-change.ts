import { PasswordHasher, passwordProblem } from '../../access/passwords';
import { signInName, UsersDirectory } from '../../access/users-directory';
import type { UserState } from '../../domain/users/users.state';
import { validationFailed } from '../api-error';
import { OthersPasswordForbidden, RateLimited } from '../errors';
import { AuthLimits } from './rate-limiter';

/**
 * What a password change must pass before it is recorded: an admin sets anyone's password, a user
 * only their own; the new password is 10–200 characters; and a user changing their own gives the
 * current one (once there is one), checked as a sign-in is, failures counted under their name.
 */
export class PasswordChangeChecks {
  constructor(private readonly directory: UsersDirectory, private readonly limits: AuthLimits, private readonly passwords: PasswordHasher) {}

  /** Whether the caller changes their own password; refused (403, 400, 429) otherwise. */
  async check(caller: UserState, userId: string, body: { password: string; currentPassword?: string }): Promise<{ own: boolean }> {
    const own = caller.userId === userId;
    if (!own && !caller.roles.includes('admin')) throw new OthersPasswordForbidden(caller.roles);
    const problem = passwordProblem('password', body.password);
    if (problem) throw validationFailed([problem]);
    if (own) await this.checkCurrentPassword(caller, body.currentPassword);
    return { own };
  }

  /** Changing one's own password needs the current one (once there is one): a session left open is not enough. */
  private async checkCurrentPassword(caller: UserState, currentPassword: string | undefined): Promise<void> {
    const user = await this.directory.byId(caller.userId);
    if (!user?.passwordHash) return;
    if (currentPassword === undefined) throw validationFailed([{ field: 'currentPassword', reason: 'is required to change your own password' }]);
    const attempt = this.limits.signInFailures.attempt(signInName(user.name));
    if (attempt.lockedForSeconds > 0) throw new RateLimited('password-check', attempt.lockedForSeconds);
    if (await this.passwords.verify(currentPassword, user.passwordHash)) {
      attempt.succeeded();
      return;
    }
    throw validationFailed([{ field: 'currentPassword', reason: 'is not your current password' }]);
  }
}
