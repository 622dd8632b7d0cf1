import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Capability } from '@venule/api-contract';
import { CAPABILITY_KEY, PUBLIC_KEY } from '../../src/auth/access.decorators';
import { OUTSIDE_API } from '../../src/create-app';

export interface Route {
  method: string;
  /** With `:params`, e.g. `/api/patients/:id/scans`. */
  path: string;
  capability: Capability | undefined;
  isPublic: boolean;
  handler: string;
}

/** The path a handler is served at: under `/api`, except the few pages outside it. */
export function servedPath(base: string, sub: unknown, method: string): string {
  const local = [base, String(sub)].filter((p) => p && p !== '/').join('/');
  const outside = OUTSIDE_API.some((r) => r.path === local && RequestMethod[r.method] === method);
  return `${outside ? '' : '/api'}/${local}`.replace(/\/+/g, '/');
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** Every route the application serves, read from Nest's own metadata: a new handler is in it by itself. */
export function routesOf(app: NestFastifyApplication): Route[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  return controllers.flatMap(({ instance, metatype }) => {
    if (!instance || !metatype) return [];
    const cls = metatype as new () => object;
    const base = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
    const prototype = Object.getPrototypeOf(instance);
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const path = servedPath(base, sub, method);
      return [
        {
          method,
          path,
          capability: reflector.getAllAndOverride<Capability | undefined>(CAPABILITY_KEY, [handler, cls]),
          isPublic: Boolean(reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, cls])),
          handler: `${cls.name}.${name}`,
        },
      ];
    });
  });
}
