import { XSRF_COOKIE, XSRF_HEADER } from '@venule/api-contract';
import type { FastifyInstance } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { toProblem } from '../errors/problem.filter';
import { DomainError } from '../errors/domain-error';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The host of an Origin header; undefined for `null` (sandboxed frames, file: pages) and anything unparseable. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Double-submit CSRF protection, the scheme Angular's HttpClient speaks out of the box: a readable
 * XSRF-TOKEN cookie that only same-site script can copy into the X-XSRF-TOKEN header. A request
 * from another origin is refused too. `exempt` lists public routes meant for other sites' forms.
 */
export function registerCsrfProtection(app: FastifyInstance, options: { secure: boolean; exempt: string[] }): void {
  app.addHook('onRequest', async (request, reply) => {
    let token = request.cookies[XSRF_COOKIE];
    if (!token) {
      token = randomBytes(24).toString('base64url');
      void reply.setCookie(XSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure: options.secure, httpOnly: false });
    }
    const path = request.url.split('?')[0];
    if (!UNSAFE.has(request.method) || options.exempt.includes(path)) return;
    const origin = request.headers.origin;
    const host = request.headers.host;
    const header = request.headers[XSRF_HEADER.toLowerCase()];
    const crossOrigin = origin !== undefined && hostOf(origin) !== host;
    const tokenOk = typeof header === 'string' && request.cookies[XSRF_COOKIE] !== undefined && same(header, token);
    if (crossOrigin || !tokenOk) {
      const problem = toProblem(
        new DomainError(
          'FORBIDDEN',
          crossOrigin ? 'Requests from another site are refused.' : 'The CSRF token is missing or wrong. Reload the page and try again.',
        ),
      );
      return reply.status(403).header('Content-Type', 'application/problem+json').send(problem);
    }
  });
}
