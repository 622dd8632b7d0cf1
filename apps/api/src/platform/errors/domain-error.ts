import {
  ERROR_STATUS,
  INVALID_INPUT_CODES,
  describeFieldError,
  type ClinicalRefusalCode,
  type ErrorCode,
  type FieldError,
  type InvalidInputCode,
  type Reason,
  type Refusal,
  type RefusalCode,
} from '@venule/api-contract';

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
  constructor(reasons: readonly Reason<ClinicalRefusalCode>[], message = 'The request breaks a clinical rule.') {
    super(reasons[0].code, message, { reasons: [...reasons] });
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

type RefusedAs = Exclude<RefusalCode, InvalidInputCode>;
const isInvalidInput = (r: Refusal): r is Reason<InvalidInputCode> => (INVALID_INPUT_CODES as readonly string[]).includes(r.code);
const isRefusedAs = (r: Refusal): r is Reason<RefusedAs> => !isInvalidInput(r);

/**
 * Refuses a request with every reason that applies, under the status of the gravest kind: a reason
 * that makes the request invalid (an INVALID_INPUT_CODES code, naming its `field`) gives 400
 * VALIDATION_FAILED; otherwise a clinical refusal gives 422; otherwise the first reason's own status
 * (e.g. 409 SESSION_NOT_BOOKED).
 */
export function refuse(reasons: readonly Refusal[], message: string): never {
  const invalid = reasons.filter(isInvalidInput);
  if (invalid.length)
    throw invalidFields(
      invalid.map((r) => ({ field: r.field ?? 'body', message: r.message })),
      [...reasons],
    );
  const refusals = reasons.filter(isRefusedAs);
  const first = refusals.find((r) => ERROR_STATUS[r.code] === 422) ?? refusals[0];
  throw new DomainError(first.code, ERROR_STATUS[first.code] === 422 ? message : first.message, { reasons: [...reasons] });
}

export const validationFailed = (field: string, message: string) => invalidFields([{ field, message }]);
