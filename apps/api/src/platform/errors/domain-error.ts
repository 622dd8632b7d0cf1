import { ERROR_STATUS, describeFieldError, type ErrorCode, type FieldError, type Reason } from '@venule/api-contract';

/**
 * Every error the application raises on purpose. Services and rules throw these; the one
 * problem filter turns them into problem+json. Nothing below the controller builds HTTP responses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extras: { errors?: FieldError[]; reasons?: Reason[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A clinical rule refused the request: 422 with every reason that applies. */
export class ClinicalRuleViolation extends DomainError {
  constructor(reasons: Reason[], message = 'The request breaks a clinical rule.') {
    super(reasons[0].code as ErrorCode, message, { reasons });
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);

export const versionConflict = (what: string) =>
  new DomainError('VERSION_CONFLICT', `${what} was changed by someone else since you opened it. Reload and try again.`);

/** 400 VALIDATION_FAILED naming every field, its messages grouped in the order they came. */
export function invalidFields(problems: readonly { field: string; message: string }[], reasons?: Reason[]): DomainError {
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const messages = byField.get(p.field) ?? [];
    // Several validators of one field may share a message (e.g. the version's range): say it once.
    if (!messages.includes(p.message)) byField.set(p.field, [...messages, p.message]);
  }
  const errors: FieldError[] = [...byField].map(([field, messages]) => ({ field, messages }));
  // The detail is for a person: fields named as the forms label them, each message a sentence.
  const detail = errors.map((e) => describeFieldError(e.field, e.messages)).join(' ');
  return new DomainError('VALIDATION_FAILED', detail || 'The request is not valid.', { errors, ...(reasons ? { reasons } : {}) });
}

const statusOf = (code: string): number => (code in ERROR_STATUS ? ERROR_STATUS[code as ErrorCode] : 400);

/**
 * Refuses a request with every reason that applies, under the status of the gravest kind: a reason
 * that makes the request invalid (a code with no status of its own, such as INVALID_VALUE, naming
 * its `field`) gives 400; otherwise a clinical refusal gives 422; otherwise the reason's own status
 * (e.g. 409 SESSION_NOT_BOOKED).
 */
export function refuse(reasons: Reason[], message: string): never {
  const invalid = reasons.filter((r) => statusOf(r.code) === 400);
  if (invalid.length) throw invalidFields(invalid.map((r) => ({ field: r.field ?? 'body', message: r.message })), reasons);
  const first = reasons.find((r) => statusOf(r.code) === 422) ?? reasons[0];
  throw new DomainError(first.code as ErrorCode, statusOf(first.code) === 422 ? message : first.message, { reasons });
}

export const validationFailed = (field: string, message: string) => invalidFields([{ field, message }]);
