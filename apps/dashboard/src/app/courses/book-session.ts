import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTimepickerModule } from '@angular/material/timepicker';
import { toSignal } from '@angular/core/rxjs-interop';
import type { BookedSession, Consultation, Course, IsoDate, Reason } from '@venule/api-contract';
import type { DateTime } from 'luxon';
import { catchError, map, of } from 'rxjs';
import { maxDate } from '@venule/clinical-rules';
import { dateFieldMessage, isoDateOf, pickerDate, pickerTime, timeOf } from '../core/clinic-dates';
import { clinicInstant, formatDate } from '../core/dates';
import { applyServerFieldErrors } from '../core/problem';
import { refusalOf } from './course-labels';
import { CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { focusFirstInvalid } from '../shared/reveal';

/** The time a new booking starts at until someone picks another. */
const BOOKING_TIME = '10:00';

/** Books the next session of a course inside its window (reception and clinicians). */
@Component({
  selector: 'vn-book-session',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTimepickerModule,
    ReasonList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="book()" novalidate aria-label="Book the next session">
      @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Booking" /> }
      @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
      <p class="hint">{{ windowHint() }}</p>
      @if (fromConsultation(); as k) {
        <p class="carried" role="note">
          <mat-icon aria-hidden="true">person</mat-icon>
          <span>Follows the consultation on {{ date(k.startsOn) }} with <strong>{{ k.clinicianName ?? 'no clinician' }}</strong>, who is filled in below.</span>
        </p>
      }
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>Date</mat-label>
          <input matInput formControlName="date" [matDatepicker]="datePicker" [min]="firstDay()" placeholder="DD/MM/YYYY" />
          <mat-datepicker-toggle matIconSuffix [for]="datePicker" />
          <mat-datepicker #datePicker />
          <mat-error>{{ message(form.controls.date, 'Choose the date') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Time</mat-label>
          <input matInput formControlName="time" [matTimepicker]="timePicker" placeholder="HH:mm" />
          <mat-timepicker-toggle matIconSuffix [for]="timePicker" />
          <mat-timepicker #timePicker interval="15m" />
          <mat-error>{{ message(form.controls.time, 'Choose the time') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Clinician</mat-label>
          <mat-select formControlName="clinicianId">
            <mat-option value="">Not chosen yet</mat-option>
            @for (c of clinicians(); track c.id) { <mat-option [value]="c.id">{{ c.name }}</mat-option> }
          </mat-select>
          <mat-error>{{ form.controls.clinicianId.getError('server') }}</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>event</mat-icon> Book session</button>
      </div>
    </form>
  `,
  styles: `
    .hint { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .carried { display: flex; align-items: center; gap: 8px; margin: 0 0 12px; }
    .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
    .row button { margin-top: 8px; }
  `,
})
export class BookSession {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly api = inject(CoursesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly course = input.required<Course>();
  readonly today = input.required<IsoDate>();
  /** The id of the patient's consultation this booking follows, whose clinician the session takes. */
  readonly consultationId = input<string | undefined>(undefined);
  readonly booked = output<BookedSession>();

  protected readonly fromConsultation = signal<Consultation | null>(null);
  protected readonly date = formatDate;

  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly form = this.fb.group({
    date: new FormControl<DateTime | null>(null, Validators.required),
    time: new FormControl<DateTime | null>(pickerTime(BOOKING_TIME), Validators.required),
    clinicianId: '',
  });
  /** Whom the session can be booked with; the booking still works if the list cannot be had. */
  protected readonly clinicians = toSignal(
    this.api.clinicians().pipe(
      map((page) => page.items),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );

  constructor() {
    effect(() => {
      const id = this.consultationId();
      this.fromConsultation.set(null);
      // Only the course's own patient's consultation carries over; another link is ignored.
      if (!id) return;
      this.api.consultation(id).subscribe({
        next: (k) => {
          if (k.patientId !== this.course().patientId) return;
          this.fromConsultation.set(k);
          if (k.clinicianId && !this.form.controls.clinicianId.value) this.form.controls.clinicianId.setValue(k.clinicianId);
        },
      });
    });
  }

  /** The first bookable day: the window's start, or for a first session the day its legs are past their interval. */
  protected readonly minDate = computed(() => {
    const { nextWindow: w, opensOn } = this.course().progress;
    const earliest = w?.earliest ?? opensOn;
    return earliest ? maxDate(earliest, this.today()) : this.today();
  });
  protected readonly firstDay = computed(() => pickerDate(this.minDate()));
  protected readonly message = dateFieldMessage;
  protected readonly windowHint = computed(() => {
    const { nextWindow: w, opensOn } = this.course().progress;
    if (!w && opensOn && opensOn > this.today()) {
      return `First session of the course: from ${formatDate(opensOn)}, when the leg treated in another course is past its interval.`;
    }
    if (!w) return 'First session of the course: any date from today.';
    return `Allowed from ${formatDate(w.earliest)}; on track until ${formatDate(w.latest)}. Later is allowed but the course becomes overdue.`;
  });

  protected book(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    const { date, time, clinicianId } = this.form.getRawValue();
    const scheduledFor = clinicInstant(isoDateOf(date) as IsoDate, timeOf(time) as string);
    this.busy.set(true);
    this.refusal.set(null);
    const consultationId = this.fromConsultation()?.id;
    const body = { scheduledFor, ...(clinicianId ? { clinicianId } : {}), ...(consultationId ? { consultationId } : {}) };
    this.api.book(this.course().id, body).subscribe({
      next: (session) => {
        this.busy.set(false);
        this.form.reset({ date: null, time: pickerTime(BOOKING_TIME), clinicianId: '' });
        this.booked.emit(session);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        applyServerFieldErrors(this.form, error);
        this.refusal.set(refusalOf(error));
      },
    });
  }
}
