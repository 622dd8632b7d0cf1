import { isIsoDate } from '@venule/clinical-rules';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Trims and collapses inner whitespace; an empty optional text becomes null. */
export const Tidy = (emptyIsNull = false) =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const v = value
      .normalize('NFC')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/\s+/g, ' ')
      .trim();
    return emptyIsNull && v === '' ? null : v;
  });

/**
 * Starts with a letter (any script, with accents); then letters, digits, spaces, apostrophes,
 * hyphens and full stops: Zoë, O'Neill, Ó Briain, Smith-Jones, Henry Smith 3rd. Digits are allowed
 * because other systems' records (and test patients) carry them; markup and symbols are not.
 */
export const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M}\p{Nd}'’. -]*$/u;

/** A UK postcode, e.g. `SW1A 1AA`, `M1 1AE`, `B33 8TH` (and the special `GIR 0AA`). */
export const UK_POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;

/** `SW1A1AA` / `sw1a 1aa` → `SW1A 1AA`. */
export function normalisePostcode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.replace(/\s+/g, ' ').trim();
  if (v === '') return null;
  return UK_POSTCODE.test(v)
    ? v
        .toUpperCase()
        .replace(/ /g, '')
        .replace(/^(.+)(\d[A-Z]{2})$/, '$1 $2')
    : v;
}

/**
 * A phone number a person could dial: UK national (`07700 900123`, 10–11 digits starting 0),
 * UK international (`+44 7700 900123`, `+44 (0)20 7946 0000`) or another country's
 * international number (`+33 1 23 45 67 89`, `0033…`, 8–15 digits).
 */
export function isPlausiblePhone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\+?[\d\s().-]{6,24}$/.test(value.trim())) return false;
  const v = value.trim();
  let digits = v.replace(/\D/g, '');
  const international = v.startsWith('+') || digits.startsWith('00');
  if (!international) return /^0\d{9,10}$/.test(digits);
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (digits.startsWith('44')) {
    const national = digits.slice(2).replace(/^0/, ''); // +44 (0)20 …
    return /^[1-9]\d{8,9}$/.test(national);
  }
  return /^[1-9]\d{7,14}$/.test(digits);
}

export function IsPlausiblePhone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlausiblePhone',
      target: object.constructor,
      propertyName,
      options: {
        message: 'must be a UK phone number (e.g. 07700 900123) or an international one starting with + (e.g. +44 7700 900123)',
        ...options,
      },
      validator: { validate: isPlausiblePhone },
    });
}

/** A real calendar date `YYYY-MM-DD` (so 2025-02-29 is refused), not before `min` when given. */
export function IsRealDate(min?: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRealDate',
      target: object.constructor,
      propertyName,
      constraints: [min],
      options: {
        message: min ? `must be a real date written YYYY-MM-DD, not before ${min}` : 'must be a real date written YYYY-MM-DD',
        ...options,
      },
      validator: { validate: (value: unknown) => isIsoDate(value) && (!min || value >= min) },
    });
}
