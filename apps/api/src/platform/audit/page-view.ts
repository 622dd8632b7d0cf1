import { AsyncLocalStorage } from 'node:async_hooks';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { AUDIT_VIEW_HEADER } from '@venule/api-contract';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { validationFailed } from '../errors/domain-error';

/** Fastify lower-cases header names. */
const PAGE_VIEW_HEADER = AUDIT_VIEW_HEADER.toLowerCase();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pageView = new AsyncLocalStorage<string | null>();

/** The page view the current request belongs to, if its client said so. */
export const currentPageView = (): string | null => pageView.getStore() ?? null;

/**
 * Carries the request's page-view id to the audit service without threading it through every
 * service that records a read. A malformed id is refused (400 naming the header), never ignored.
 */
@Injectable()
export class PageViewInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = context.switchToHttp().getRequest<FastifyRequest>().headers[PAGE_VIEW_HEADER];
    if (raw !== undefined && (typeof raw !== 'string' || !UUID.test(raw))) throw validationFailed(AUDIT_VIEW_HEADER, 'must be a UUID');
    const id = raw === undefined ? null : raw.toLowerCase();
    return new Observable((subscriber) => pageView.run(id, () => next.handle().subscribe(subscriber)));
  }
}
