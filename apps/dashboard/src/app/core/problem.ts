import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl } from '@angular/forms';
import { describeFieldError, type ErrorCode, type FieldError, type Problem } from '@venule/api-contract';

/** The problem+json body of a failed request, or null when the server sent none. */
export function problemOf(error: unknown): Problem | null {
  if (error instanceof HttpErrorResponse && error.error && typeof error.error === 'object' && 'status' in error.error) {
    return error.error as Problem;
  }
  return null;
}

export function problemCode(error: unknown): ErrorCode | null {
  return problemOf(error)?.code ?? null;
}

/** One sentence for a person, whatever went wrong. */
export function problemMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse && error.status === 0) {
    return 'Cannot reach the Venule server. Check the connection and try again.';
  }
  const problem = problemOf(error);
  if (problem?.detail) return problem.detail;
  if (problem?.title) return problem.title;
  if (error instanceof HttpErrorResponse) {
    if (error.status === 403) return 'Your role does not give access to this.';
    if (error.status === 404) return 'Not found.';
    if (error.status >= 500) return 'The server had a problem. Try again in a moment.';
  }
  return 'Something went wrong. Try again.';
}

/**
 * Puts each `errors[].messages` of a 400 VALIDATION_FAILED problem on the form control named by
 * its `field` (dotted paths work), as the `server` error that `<mat-error>` shows. Returns the
 * field errors that match no control, so the caller can show them elsewhere.
 */
export function applyServerFieldErrors(form: AbstractControl, error: unknown): FieldError[] {
  const problem = problemOf(error);
  const unmatched: FieldError[] = [];
  for (const fieldError of problem?.errors ?? []) {
    const control = form.get(fieldError.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: sentence(fieldError.messages) });
      control.markAsTouched();
    } else {
      unmatched.push(fieldError);
    }
  }
  return unmatched;
}

/** "must be an email address" → "Must be an email address." */
export function sentence(messages: string[]): string {
  return messages
    .map((m) => m.trim())
    .filter(Boolean)
    .map((m) => m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.'))
    .join(' ');
}

/** Field errors no control of the form shows, as sentences naming each field as forms label it. */
export function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => describeFieldError(e.field, e.messages)).join(' ');
}
