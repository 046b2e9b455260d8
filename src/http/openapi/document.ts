import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { ApiErrorBodyDto, ApiErrorDto } from './api-errors.decorator';
import { FiguresResponse } from './fund.responses';

export const BEARER_SCHEME = 'bearer';
export const SESSION_SCHEME = 'session';

/** A route behind a sign-in: a script's bearer token or the staff app's session cookie. */
export const ApiSignedIn = () => applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiCookieAuth(SESSION_SCHEME));

/** The models answers refer to by name (the error body; figures inside maps), registered once for the whole document. */
export const SHARED_MODELS = [ApiErrorBodyDto, ApiErrorDto, FiguresResponse];

/**
 * The frame of the OpenAPI document: title, description and the two ways to sign in. Tokens are
 * random opaque strings (stored only as hashes), not JWTs: nothing can be read out of them.
 */
export function ledgerOpenApiConfig(description: string): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('ctd-fund-ledger')
    .setDescription(description)
    .setVersion('1')
    .addSecurity(BEARER_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'An opaque random token (not a JWT), shown once when a user is created or their token is rotated, stored only as a hash: `Authorization: Bearer <token>`. For scripts and the CLI.',
    })
    .addCookieAuth(SESSION_COOKIE, {
      type: 'apiKey',
      in: 'cookie',
      description: 'The staff app\'s httpOnly, SameSite=Strict session cookie set by POST /v1/session. An unsafe method carried by it needs an Origin header of the ledger\'s own origin (else 403 FORBIDDEN).',
    }, SESSION_SCHEME)
    .build();
}
