import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { ProjectionsService } from '../projection-runner/projections.service';
import { validationFailed } from './api-error';
import { awaitPosition, positionParam, READ_YOUR_WRITES_TIMEOUT_MS, RegisterReads } from './read-consistency';

/** The query parameters a route declares (@ApiQuery and the decorators built on it), by handler. */
const DECLARED = new WeakMap<object, ReadonlySet<string>>();

function declaredQueries(handler: object, controller: object): ReadonlySet<string> {
  let names = DECLARED.get(handler);
  if (names === undefined) {
    const parameters = [
      ...((Reflect.getMetadata(DECORATORS.API_PARAMETERS, controller) as { in?: string; name?: string }[] | undefined) ?? []),
      ...((Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) as { in?: string; name?: string }[] | undefined) ?? []),
    ];
    names = new Set(parameters.filter((parameter) => parameter.in === 'query' && typeof parameter.name === 'string').map((parameter) => parameter.name as string));
    DECLARED.set(handler, names);
  }
  return names;
}

/**
 * A query parameter the API route does not declare is refused, 400 naming it: `?asof=2025-12-31`
 * (for `asOf`) or `?atposition=5` would otherwise answer today's figures as if nothing had been
 * asked, and an auditor would take them for the figures of that day. The declarations are the
 * ones /docs shows (one source for the document and the check). Pages and files (outside /v1/)
 * are not checked.
 *
 * Every read accepts `?minPosition=N` (api.md): a read whose route does not wait for a read model
 * of its own answers once every read model has reached N, within the same 5 s, else 503
 * PROJECTION_LAGGING; a route that declares it waits for its own.
 */
@Injectable()
export class KnownQueryGuard implements CanActivate {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const query = request.query as Record<string, unknown> | undefined;
    if (query === undefined || query === null) return true;
    const given = Object.keys(query);
    if (given.length === 0) return true;
    const declared = declaredQueries(context.getHandler(), context.getClass());
    const read = request.method === 'GET' || request.method === 'HEAD';
    const unknown = given.filter((name) => !declared.has(name) && !(read && name === 'minPosition'));
    if (unknown.length > 0) {
      const known = [...declared, ...(read ? ['minPosition'] : [])].sort();
      throw validationFailed(unknown.map((field) => ({
        field, reason: known.length === 0 ? 'unknown query parameter: this route takes none' : `unknown query parameter: this route takes ${[...new Set(known)].join(', ')}`,
      })));
    }
    if (read && !declared.has('minPosition') && query.minPosition !== undefined) await this.everyReadModelAt(positionParam('minPosition', query.minPosition));
    return true;
  }

  /** Waits until every projection, in memory and in tables, has applied `minPosition`: 5 s in all, then 503. */
  private async everyReadModelAt(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS;
    for (const runner of this.projections.all()) await awaitPosition(runner, minPosition, Math.max(0, deadline - Date.now()));
    await this.reads.align(ALL_TABLE_PROJECTIONS, minPosition, Math.max(0, deadline - Date.now()));
  }
}
