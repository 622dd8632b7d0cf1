import { isIsoDate, isIsoInstant } from '@venule/clinical-rules';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A real calendar date written `YYYY-MM-DD`. */
export function IsCalendarDate(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

/** An ISO 8601 instant WITH an offset (`Z` or `+01:00`): without one it would be read in the server's zone. */
export function IsInstant(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-28T10:00:00Z', ...options },
      validator: { validate: (value: unknown) => isIsoInstant(value) },
    });
}
