import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { CONSULTATION_MINUTES, type IsoDate } from '@venule/api-contract';
import type { DateTime } from 'luxon';
import { pickerDate } from '../core/clinic-dates';
import type { Clinician } from './frontdesk-api';
import { BOOKING_TIMES } from './diary-slots';

/** The controls of an appointment's slot: who, which day, what time, how long. */
export function appointmentControls(start: { clinicianId: string; date: IsoDate; time: string }) {
  return {
    clinicianId: new FormControl(start.clinicianId, { nonNullable: true, validators: Validators.required }),
    date: new FormControl<DateTime | null>(pickerDate(start.date), Validators.required),
    time: new FormControl(start.time, { nonNullable: true, validators: Validators.required }),
    durationMinutes: new FormControl<number>(CONSULTATION_MINUTES.default, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(CONSULTATION_MINUTES.min), Validators.max(CONSULTATION_MINUTES.max)],
    }),
  };
}

/**
 * The clinician, date, time and length fields of a booking, bound to controls made by
 * `appointmentControls` in the caller's form (the booking dialog, converting an enquiry). The host
 * takes no box of its own, so the fields sit in the caller's grid.
 */
@Component({
  selector: 'vn-appointment-fields',
  imports: [ReactiveFormsModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <ng-container [formGroup]="group()">
      <mat-form-field appearance="outline">
        <mat-label>Clinician</mat-label>
        <mat-select formControlName="clinicianId" required>
          @for (c of clinicians(); track c.id) { <mat-option [value]="c.id">{{ c.name }}</mat-option> }
        </mat-select>
        <mat-error>{{ group().get('clinicianId')?.getError('server') ?? 'Choose the clinician' }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Date</mat-label>
        <input matInput [matDatepicker]="picker" formControlName="date" placeholder="DD/MM/YYYY" required />
        <mat-datepicker-toggle matIconSuffix [for]="picker" />
        <mat-datepicker #picker />
        <mat-error>{{ group().get('date')?.getError('server') ?? 'Enter the date as DD/MM/YYYY' }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Time</mat-label>
        <mat-select formControlName="time" required>
          @for (t of times; track t) { <mat-option [value]="t">{{ t }}</mat-option> }
        </mat-select>
        <mat-error>Choose the time</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Length (minutes)</mat-label>
        <input matInput type="number" formControlName="durationMinutes" [min]="minutes.min" [max]="minutes.max" step="5" required />
        <mat-error>{{ group().get('durationMinutes')?.getError('server') ?? 'Between ' + minutes.min + ' and ' + minutes.max + ' minutes' }}</mat-error>
      </mat-form-field>
    </ng-container>
  `,
})
export class AppointmentFields {
  /** The caller's form, holding the controls of `appointmentControls`. */
  readonly group = input.required<FormGroup>();
  readonly clinicians = input.required<readonly Clinician[]>();

  protected readonly minutes = CONSULTATION_MINUTES;
  protected readonly times = BOOKING_TIMES;
}
