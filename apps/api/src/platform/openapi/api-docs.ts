import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiResponse, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode, type Page, type Problem, type ReasonCode } from '@venule/api-contract';
import { PROBLEM_TITLES } from '../errors/problem.filter';
import type { ContractSchemaName } from './contract-schemas';

export type { SchemaObject };
export type Schema = SchemaObject | ReferenceObject;

/** A contract type, as a reference to its component (generated from libs/api-contract). */
export const contract = (name: ContractSchemaName): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** A JSON array of contract types. */
export const listOf = (name: ContractSchemaName): SchemaObject => ({ type: 'array', items: contract(name) });

/** The contract's `Page<T>` of one contract type, or of either of two (role-shaped lists). */
export const pageOf = (...names: ContractSchemaName[]): SchemaObject => ({
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: {
    items: { type: 'array', items: names.length === 1 ? contract(names[0]) : { anyOf: names.map(contract) } },
    total: { type: 'number' },
    limit: { type: 'number' },
    offset: { type: 'number' },
  },
});

/** A page holding the given items, as a list route answers its first page. */
export const pageExample = <T>(items: T[]): Page<T> => ({ items, total: items.length, limit: 50, offset: 0 });

export interface ResultOptions {
  description?: string;
  /** The same result as `text/csv` (with `Accept: text/csv`): the rows the route's CSV writer makes of `example`. */
  csv?: string;
}

/** The success response of a route: its status, schema and an example (typed against the contract by the caller). */
export function ApiResult(status: number, schema: Schema, example: unknown, options: ResultOptions = {}) {
  const content: Record<string, { schema: Schema; example: unknown }> = { 'application/json': { schema, example } };
  if (options.csv !== undefined) content['text/csv'] = { schema: { type: 'string' }, example: options.csv };
  return ApiResponse({ status, description: options.description ?? 'Done', content });
}

/** A route answering 204 with no body. */
export const ApiNoContent = (description: string) => ApiResponse({ status: 204, description });

/** The request body's example, typed as the DTO `@Body()` validates (its schema comes from that DTO). */
export const ApiBodyExample = <T extends object>(dto: abstract new () => T, example: T) =>
  ApiBody({ type: dto, examples: { example: { summary: 'A typical request', value: example } } });

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** A refusal worth its own example: its code (the status comes from the contract's error table) and what a person reads. */
export type Refusal = { code: ErrorCode; detail: string } & Pick<Partial<Problem>, 'errors' | 'reasons'> & Record<string, unknown>;

const problem = ({ code, detail, ...extras }: Refusal): Problem => ({
  type: `https://venule.app/problems/${code.toLowerCase().replace(/_/g, '-')}`,
  title: PROBLEM_TITLES[ERROR_STATUS[code]] ?? 'Error',
  status: ERROR_STATUS[code],
  detail,
  code,
  // A clinical refusal (422) always lists its reasons; every 422 code is a reason code.
  ...(ERROR_STATUS[code] === 422 ? { reasons: [{ code: code as ReasonCode, message: detail }] } : {}),
  ...extras,
});

/** One typical problem per status, as the ProblemFilter writes it. */
const TYPICAL: Record<ProblemStatus, Refusal> = {
  400: {
    code: 'VALIDATION_FAILED',
    detail: 'Date of birth must be a date (YYYY-MM-DD).',
    errors: [{ field: 'dateOfBirth', messages: ['must be a date (YYYY-MM-DD)'] }],
  },
  401: { code: 'UNAUTHENTICATED', detail: 'Sign in to continue.' },
  403: { code: 'FORBIDDEN', detail: 'Your role may not do this.' },
  404: { code: 'NOT_FOUND', detail: 'No such record.' },
  409: { code: 'VERSION_CONFLICT', detail: 'Someone else changed this record since you read it; reload and try again.' },
  413: { code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than 10 MB.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Attach a PDF, PNG or JPEG.' },
  422: {
    code: 'INTERVAL_TOO_SHORT',
    detail: 'The next session cannot be booked yet.',
    reasons: [
      { code: 'INTERVAL_TOO_SHORT', message: 'The left leg may be treated again from 2026-04-13.', leg: 'left', opensOn: '2026-04-13' },
    ],
  },
  429: { code: 'TOO_MANY_REQUESTS', detail: 'Too many attempts; try again in a minute.' },
  503: { code: 'SERVICE_UNAVAILABLE', detail: 'The database is not answering.' },
};

/**
 * The errors a route can answer, each `application/problem+json` (RFC 9457) with the contract's
 * `Problem` schema. 401/403 come with `@Allow`; a route lists the rest: 400 when it reads a body or
 * query, 404 when it names a record, and its refusals (409/422) by code, each its own example.
 */
export function ApiProblems(...problems: (ProblemStatus | Refusal)[]) {
  const byStatus = new Map<number, Problem[]>();
  for (const p of problems) {
    const example = problem(typeof p === 'number' ? TYPICAL[p] : p);
    byStatus.set(example.status, [...(byStatus.get(example.status) ?? []), example]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, examples]) =>
      ApiResponse({
        status,
        description: PROBLEM_TITLES[status] ?? 'Error',
        content: {
          'application/problem+json': {
            schema: contract('Problem'),
            examples: Object.fromEntries(examples.map((e) => [e.code, { summary: e.detail, value: e }])),
          },
        },
      }),
    ),
  );
}

/** What every signed-in route documents: the session cookie, and 401 without it, 403 for the wrong role. */
export const ApiSignedIn = () => applyDecorators(ApiCookieAuth(), ApiProblems(401, 403));
