import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import {
  DeviceSessionListResponse, SignedInUserResponse, TokenRotatedResponse, UserCreatedResponse, UserDeactivatedResponse, UserListResponse, UserResponse,
  UserTokenRevokedResponse,
} from './access.responses';
import { ApiAnswer, ApiEmptyAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiIdempotencyKeyHeader, ApiUserIdParam } from './parameters';
import { ROUTE_ERRORS } from './route-errors';

/**
 * What the OpenAPI document says of each route of the users, the signed-in user and the session
 * (src/http/controllers/users.controller.ts and session.controller.ts): one decorator per route. Parameters stand in the
 * document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** POST /v1/users */
export const ApiCreateUserRoute = () => applyDecorators(
  ApiOperation({ summary: 'Create a user; the token is shown in this answer only (a retried request does not show it again)' }),
  ApiIdempotencyKeyHeader(),
  ApiAnswer(201, UserCreatedResponse, 'The user exists; the token is in this answer only'),
  ApiErrors(...ROUTE_ERRORS.createUser),
);

/** GET /v1/users */
export const ApiUsersRoute = () => applyDecorators(
  ApiOperation({ summary: 'Every user, active or deactivated, with their roles (never a token or its hash)' }),
  ApiAnswer(200, UserListResponse, 'Every user'),
  ApiErrors(...ROUTE_ERRORS.listUsers),
);

/** POST /v1/users/:userId/token */
export const ApiRotateTokenRoute = () => applyDecorators(
  ApiOperation({ summary: 'Rotate a user\'s token: the new token is shown in this answer only and the old one stops working at once' }),
  ApiIdempotencyKeyHeader(),
  ApiUserIdParam(),
  ApiAnswer(200, TokenRotatedResponse, 'The new token, in this answer only'),
  ApiErrors(...ROUTE_ERRORS.rotateToken),
);

/** DELETE /v1/users/:userId/token */
export const ApiRevokeTokenRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Revoke a user\'s token: it stops working at once and no new one is issued (POST …/token issues one again); '
      + 'the user\'s sessions end, and they may still sign in to the web app with their password',
  }),
  ApiIdempotencyKeyHeader(),
  ApiUserIdParam(),
  ApiAnswer(200, UserTokenRevokedResponse, 'The token is revoked'),
  ApiErrors(...ROUTE_ERRORS.revokeToken),
);

/** GET /v1/users/:userId/sessions */
export const ApiDeviceSessionsRoute = () => applyDecorators(
  ApiOperation({ summary: 'The devices a user is signed in on (live staff-app sessions), so a lost phone can be signed out' }),
  ApiUserIdParam(),
  ApiAnswer(200, DeviceSessionListResponse, 'The user\'s live sessions'),
  ApiErrors(...ROUTE_ERRORS.listSessions),
);

/** DELETE /v1/users/:userId/sessions/:sessionId */
export const ApiSignDeviceOutRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Sign one device out (a lost phone): its session ends at once, and what it still sends is refused as '
      + 'UNAUTHENTICATED with details.reason "device-signed-out", so the app on it lists those commands as not recorded; a request it sends '
      + 'again that the ledger had recorded before the sign-out (same Idempotency-Key and request, the answer lost) is refused too, with '
      + 'details.recorded {position}, so the app lists it as recorded and nobody enters it twice',
  }),
  ApiParam({ name: 'sessionId', description: 'The sessionId GET …/sessions answered', example: 'q3Jk9xZ0mLwP' }),
  ApiUserIdParam(),
  ApiEmptyAnswer('The device is signed out'),
  ApiErrors(...ROUTE_ERRORS.endSession),
);

/** POST /v1/users/:userId/password */
export const ApiSetPasswordRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Set a password (10–200 characters): an admin for anyone; a user for themselves, with currentPassword once they have one. '
      + 'The user\'s other sessions end.',
  }),
  ApiIdempotencyKeyHeader(),
  ApiUserIdParam(),
  ApiEmptyAnswer('The password is set'),
  ApiErrors(...ROUTE_ERRORS.setPassword),
);

/** DELETE /v1/users/:userId */
export const ApiDeactivateUserRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Deactivate a user: their token stops working at once and their sessions end; what their devices still send is refused as '
      + 'UNAUTHENTICATED with details.reason "user-deactivated" (and details.recorded {position} for a request the ledger had recorded '
      + 'before, the answer lost), so the app on each lists those commands as not recorded, or recorded',
  }),
  ApiIdempotencyKeyHeader(),
  ApiUserIdParam(),
  ApiAnswer(200, UserDeactivatedResponse, 'The user is deactivated'),
  ApiErrors(...ROUTE_ERRORS.deactivateUser),
);

/** GET /v1/me */
export const ApiMeRoute = () => applyDecorators(
  ApiOperation({ summary: 'The signed-in user: id, name and roles' }),
  ApiAnswer(200, UserResponse, 'The caller'),
  ApiErrors(...ROUTE_ERRORS.me),
);

/** POST /v1/session */
export const ApiSignInRoute = () => applyDecorators(
  ApiOperation({ summary: 'Sign in with name and password: sets the httpOnly session cookie ctd_session' }),
  ApiAnswer(200, SignedInUserResponse, 'Signed in: the answer sets the session cookie ctd_session (httpOnly, SameSite=Strict)'),
  ApiErrors(...ROUTE_ERRORS.signIn),
);

/** DELETE /v1/session */
export const ApiSignOutRoute = () => applyDecorators(
  ApiOperation({ summary: 'Sign out: ends the session of the cookie and clears it' }),
  ApiEmptyAnswer('Signed out: the session has ended and the cookie is cleared'),
  ApiErrors(...ROUTE_ERRORS.signOut),
);

/** POST /v1/setup */
export const ApiSetupRoute = () => applyDecorators(
  ApiOperation({ summary: 'The first admin sets their password with the one-time code of the start-up banner\'s setup link' }),
  ApiEmptyAnswer('The password is set; sign in with it'),
  ApiErrors(...ROUTE_ERRORS.setup),
);
