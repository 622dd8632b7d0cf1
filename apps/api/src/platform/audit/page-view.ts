import { AsyncLocalStorage } from 'node:async_hooks';
import { AUDIT_VIEW_HEADER } from '@venule/api-contract';
import type { FastifyInstance } from 'fastify';
import { validationFailed } from '../errors/domain-error';
import { toProblem } from '../errors/problem.filter';

/** Fastify lower-cases header names. */
const PAGE_VIEW_HEADER = AUDIT_VIEW_HEADER.toLowerCase();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pageView = new AsyncLocalStorage<string>();

/** The page view the current request belongs to, if its client said so. */
export const currentPageView = (): string | null => pageView.getStore() ?? null;

/**
 * Carries the request's page-view id to the audit service without threading it through every
 * service that records a read. A malformed id is refused (400 naming the header), never ignored.
 *
 * A Fastify hook rather than a Nest interceptor: any interceptor puts every request of the API
 * through RxJS and `AsyncResource.bind`, which cost more than the sign-in check's own handler. It
 * runs last, after the body is read, so the handler is called inside the store (Fastify calls it
 * synchronously from the last preHandler's `done`).
 */
export function registerPageView(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    const raw = request.headers[PAGE_VIEW_HEADER];
    if (raw === undefined) return done();
    if (typeof raw !== 'string' || !UUID.test(raw)) {
      const problem = toProblem(validationFailed(AUDIT_VIEW_HEADER, 'must be a UUID'));
      return void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
    }
    pageView.run(raw.toLowerCase(), done);
  });
}
