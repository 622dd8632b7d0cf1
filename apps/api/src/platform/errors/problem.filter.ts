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

/** Socket errors of a database connection that cannot be made or was cut. */
const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server that is stopping, starting or full: 57P01–57P03 and too_many_connections. */
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300']);
/** What `pg` and `pg-pool` throw when a connection ends under a query or none can be had in time. */
const UNREACHABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;

/**
 * The database is down or restarting, not the request at fault: answered 503 so clients and load
 * balancers retry, instead of 500. Looks through TypeORM's `driverError` and `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  // Not `instanceof Error`: socket errors may come from another realm (a test's VM context).
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
  const inner = driverError ?? cause;
  return inner !== error && isDatabaseUnavailable(inner, depth + 1);
}

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

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
  if (isDatabaseUnavailable(error)) {
    return {
      type: 'about:blank',
      title: PROBLEM_TITLES[503] as string,
      status: 503,
      detail: 'The database cannot be reached at the moment. Try again in a few seconds.',
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
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
    // The request's id and path (never its query string) tie the line to the request's own log line.
    const where = `${request.method} ${request.url.split('?')[0]} (${request.id})`;
    if (problem.code === 'SERVICE_UNAVAILABLE') {
      // Expected while the database restarts: one line per request, no stack.
      this.logger.warn(`${where}: ${problem.detail} (${error instanceof Error ? error.message : String(error)})`);
    } else if (problem.status >= 500) {
      this.logger.error(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (
      (problem.code === 'TOO_MANY_REQUESTS' || problem.code === 'SERVICE_UNAVAILABLE') &&
      typeof problem['retryAfterSeconds'] === 'number'
    ) {
      void reply.header('Retry-After', String(problem['retryAfterSeconds']));
    }
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }
}
