import { ERROR_STATUS, type ErrorCode, type FieldError, type Reason } from '@venule/api-contract';

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
export function invalidFields(problems: readonly { field: string; message: string }[]): DomainError {
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  const errors: FieldError[] = [...byField].map(([field, messages]) => ({ field, messages }));
  const detail = errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join('. ');
  return new DomainError('VALIDATION_FAILED', detail || 'The request is not valid.', { errors });
}

export const validationFailed = (field: string, message: string) => invalidFields([{ field, message }]);
