import type { FastifyInstance } from 'fastify';
import { invalidFields } from '../errors/domain-error';
import { toProblem } from '../errors/problem.filter';

/** Deeper than any request body of the API; far below what would exhaust the validators' recursion. */
export const MAX_JSON_DEPTH = 32;

/**
 * C0 controls other than tab, line feed and carriage return, DEL, and C1 controls. PostgreSQL
 * refuses NUL in text outright; the others are never typed by a person and only hide text or
 * rewrite terminals and logs.
 */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
/** Half a surrogate pair: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

type Problem = { field: string; message: string };

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** Why a text cannot be accepted, or undefined when it can. */
export function unfitText(text: string): string | undefined {
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text';
  return undefined;
}

function textProblem(field: string, text: string): Problem | undefined {
  const message = unfitText(text);
  return message ? { field, message } : undefined;
}

/**
 * Every string (and property name) in a parsed value, walked without recursion so depth costs no
 * stack. Fields are named by their path (`legs.left.notes`, `q`); `where` names the value itself.
 */
export function inspectInput(root: unknown, where: string): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; field: string; depth: number }[] = [{ value: root, field: '', depth: 0 }];
  while (stack.length) {
    const { value, field, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      const problem = textProblem(field || where, value);
      if (problem) problems.push(problem);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return [{ field: where, message: `must not be nested more than ${MAX_JSON_DEPTH} levels deep` }];
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = textProblem(join(field, JSON.stringify(key).slice(1, -1)), key);
      if (keyProblem) problems.push(keyProblem);
      stack.push({ value: child, field: join(field, key), depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * Refuses control characters, broken Unicode and absurd nesting in the path parameters, query
 * string and body of every request, before any route sees them: 400 naming the field. One place,
 * so a new route or DTO field is covered without remembering to.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const problems = [
      ...inspectInput(request.params, 'path'),
      ...inspectInput(request.query, 'query'),
      ...inspectInput(request.body, 'body'),
    ];
    if (problems.length) {
      return reply
        .status(400)
        .header('Content-Type', 'application/problem+json')
        .send(toProblem(invalidFields(problems)));
    }
  });
}
