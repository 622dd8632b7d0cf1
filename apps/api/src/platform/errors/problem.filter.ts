import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ERROR_STATUS, type ErrorCode, type Problem } from '@venule/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';

export const PROBLEM_TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Refused by a clinical rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export function toProblem(error: unknown): Problem & Record<string, unknown> {
  if (error instanceof DomainError) {
    const status = ERROR_STATUS[error.code];
    return {
      type: `https://venule.app/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: PROBLEM_TITLES[status] ?? 'Error',
      status,
      detail: error.message,
      code: error.code,
      ...error.extras,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return { type: 'about:blank', title: PROBLEM_TITLES[status] ?? 'Error', status, detail, code };
  }
  return { type: 'about:blank', title: 'Internal error', status: 500, detail: 'Something went wrong on our side.', code: 'INTERNAL_ERROR' };
}

/**
 * The one place errors become HTTP: problem+json (RFC 9457) for the API, and the dashboard's
 * index.html for unknown non-API paths so client-side routes survive a reload.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly dashboardServed: boolean) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const problem = toProblem(error);
    if (
      problem.status === 404 &&
      this.dashboardServed &&
      request.method === 'GET' &&
      !request.url.startsWith('/api') &&
      !(error instanceof DomainError)
    ) {
      void reply.type('text/html').sendFile('index.html');
      return;
    }
    if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (problem.code === 'TOO_MANY_REQUESTS' && typeof problem['retryAfterSeconds'] === 'number') {
      void reply.header('Retry-After', String(problem['retryAfterSeconds']));
    }
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }
}
