import type { Provider } from '@angular/core';
import { MAT_DATE_LOCALE, type MatDateFormats } from '@angular/material/core';
import { provideLuxonDateAdapter } from '@angular/material-luxon-adapter';

/** The clinic's locale: every date field reads and writes DD/MM/YYYY, whatever the browser's language. */
export const CLINIC_LOCALE = 'en-GB';

const FORMATS: MatDateFormats = {
  parse: { dateInput: ['dd/MM/yyyy', 'd/M/yyyy', 'd/M/yy'] },
  display: { dateInput: 'dd/MM/yyyy', monthYearLabel: 'LLL yyyy', dateA11yLabel: 'd LLLL yyyy', monthYearA11yLabel: 'LLLL yyyy' },
};

/** The Material datepicker on Luxon in the clinic's locale, for the whole app. */
export function provideClinicDates(): Provider[] {
  return [...provideLuxonDateAdapter(FORMATS), { provide: MAT_DATE_LOCALE, useValue: CLINIC_LOCALE }];
}
