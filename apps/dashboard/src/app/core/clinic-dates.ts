import type { Provider } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { MAT_DATE_LOCALE, type MatDateFormats } from '@angular/material/core';
import { provideLuxonDateAdapter } from '@angular/material-luxon-adapter';
import type { IsoDate } from '@venule/api-contract';
import { DateTime } from 'luxon';

/** The clinic's locale: every date field reads and writes DD/MM/YYYY, whatever the browser's language. */
export const CLINIC_LOCALE = 'en-GB';

const FORMATS: MatDateFormats = {
  parse: { dateInput: ['dd/MM/yyyy', 'd/M/yyyy', 'd/M/yy'], timeInput: ['H:mm', 'H.mm'] },
  display: {
    dateInput: 'dd/MM/yyyy',
    monthYearLabel: 'LLL yyyy',
    dateA11yLabel: 'd LLLL yyyy',
    monthYearA11yLabel: 'LLLL yyyy',
    timeInput: 'HH:mm',
    timeOptionLabel: 'HH:mm',
  },
};

/** The Material datepicker and timepicker on Luxon in the clinic's locale (24-hour times), for the whole app. */
export function provideClinicDates(): Provider[] {
  return [...provideLuxonDateAdapter(FORMATS), { provide: MAT_DATE_LOCALE, useValue: CLINIC_LOCALE }];
}

/*
 * Date and time fields hold Luxon values; the API speaks `YYYY-MM-DD` and `HH:mm`. Forms convert
 * with these four when they fill their fields and when they send, and nowhere else.
 */

/** A date field's day as the API's `YYYY-MM-DD`; null while the field is empty or not a date. */
export function isoDateOf(value: DateTime | null | undefined): IsoDate | null {
  return value?.isValid ? (value.toISODate() as IsoDate) : null;
}

/** A `YYYY-MM-DD` as a date field's value (also a datepicker's min or max); null for none. */
export function pickerDate(date: string | null | undefined): DateTime | null {
  const value = date ? DateTime.fromISO(date) : null;
  return value?.isValid ? value : null;
}

/** A time field's value as the API's 24-hour `HH:mm`; null while the field is empty or not a time. */
export function timeOf(value: DateTime | null | undefined): string | null {
  return value?.isValid ? value.toFormat('HH:mm') : null;
}

/** An `HH:mm` as a time field's value; null for none. */
export function pickerTime(time: string | null | undefined): DateTime | null {
  const value = time ? DateTime.fromFormat(time, 'H:mm') : null;
  return value?.isValid ? value : null;
}

/** The message for text a date or time field cannot read; null when it read it (or is empty). */
export function unreadable(control: AbstractControl): string | null {
  if (control.hasError('matDatepickerParse')) return 'Enter the date as DD/MM/YYYY';
  if (control.hasError('matTimepickerParse')) return 'Enter the time as HH:mm, e.g. 14:30';
  return null;
}

/**
 * What a date or time field's `<mat-error>` says about the picker's own checks: text it cannot
 * read, or a day outside its min and max. Null when neither is wrong, so the field's own message shows.
 */
export function pickerError(control: AbstractControl): string | null {
  const min = control.getError('matDatepickerMin')?.min as DateTime | undefined;
  const max = control.getError('matDatepickerMax')?.max as DateTime | undefined;
  return unreadable(control) ?? (min ? `Not before ${min.toFormat('dd/MM/yyyy')}` : max ? `Not after ${max.toFormat('dd/MM/yyyy')}` : null);
}

/** A date or time field's `<mat-error>`: the server's message, else the picker's, else the field's own. */
export function dateFieldMessage(control: AbstractControl, fallback: string): string {
  return (control.getError('server') as string | null) ?? pickerError(control) ?? fallback;
}
