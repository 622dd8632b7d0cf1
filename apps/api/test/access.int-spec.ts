import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ROLES, type Role } from '@venule/api-contract';
import request from 'supertest';
import { PUBLIC_KEY, ROLES_KEY } from '../src/auth/access.decorators';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  roles: Role[] | undefined;
  isPublic: boolean;
  handler: string;
}

/** Every route the application serves, read from Nest's own metadata. */
function routesOf(t: TestApp): Route[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
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
      const path = `/api/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      return [{
        method,
        path,
        roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, [handler, cls]),
        isPublic: Boolean(reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, cls])),
        handler: `${cls.name}.${name}`,
      }];
    });
  });
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('access: deny by default, every route with every role', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let routes: Route[];
  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    routes = routesOf(t);
  });
  afterAll(() => t.stop());

  it('finds the routes', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/auth/me', 'GET /api/users', 'GET /api/health']),
    );
  });

  it('gives the reports to the roles SPEC §3 names: the recall list to front-line staff, the rest to managers and admins', () => {
    const reports = routes.filter((r) => r.path.startsWith('/api/reports/')).map((r) => [`${r.method} ${r.path}`, [...(r.roles ?? [])].sort()]);
    expect(Object.fromEntries(reports)).toEqual({
      'GET /api/reports/course-progress': ['admin', 'manager'],
      'GET /api/reports/overdue': ['clinician', 'manager', 'reception'],
      'POST /api/reports/overdue/calls': ['clinician', 'manager', 'reception'],
      'GET /api/reports/outcomes': ['admin', 'manager'],
    });
  });

  it('has every route declare its roles or say it is public', () => {
    const undeclared = routes.filter((r) => !r.isPublic && !r.roles?.length).map((r) => r.handler);
    expect(undeclared).toEqual([]);
  });

  it('asks anonymous callers to sign in on every non-public route', async () => {
    const anonymous = await request.agent(t.server).get('/api/health');
    const token = /XSRF-TOKEN=([^;]+)/.exec(String(anonymous.headers['set-cookie']))?.[1] ?? '';
    for (const r of routes.filter((x) => !x.isPublic)) {
      const call = request(t.server)[r.method.toLowerCase() as 'get'];
      const res = await call(concrete(r.path))
        .set('Cookie', `XSRF-TOKEN=${token}`)
        .set('X-XSRF-TOKEN', token)
        .send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  it('gives 403 to every role a route does not name, and lets the named ones through', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const r of routes.filter((x) => !x.isPublic)) {
      for (const role of ROLES) {
        const client = staff[role];
        const call = r.method.toLowerCase();
        const res =
          call === 'get' ? await client.get(concrete(r.path)) : await client[call as 'post'](concrete(r.path), {});
        const allowed = r.roles?.includes(role) ?? false;
        outcomes.push(`${role} ${r.method} ${r.path} → ${res.status === 403 ? 'forbidden' : res.status === 401 ? 'signed out' : 'through'}`);
        expected.push(`${role} ${r.method} ${r.path} → ${allowed ? 'through' : 'forbidden'}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
