import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** "POST /v1/funds/:fundId/donations": one route of the application. */
export type RouteKey = string;

const normalise = (path: string) => `/${path.split('/').filter(Boolean).join('/')}`;

/** Every route the Nest application maps, read from its controllers' metadata. */
export function nestRoutes(app: NestFastifyApplication): RouteKey[] {
  const routes = new Set<RouteKey>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        for (const prefix of prefixes) for (const path of paths) routes.add(`${RequestMethod[method]} ${normalise(`${prefix}/${path}`)}`);
      }
    }
  }
  return [...routes].sort();
}

/** Every route of the OpenAPI document the server serves at /docs-json, with `{param}` written `:param`. */
export function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): RouteKey[] {
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => Object.keys(operations).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${normalise(path.replace(/\{([^}]+)\}/g, ':$1'))}`))
    .sort();
}
