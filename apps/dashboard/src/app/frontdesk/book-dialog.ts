import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { BookedSession, Course, IsoDate, PatientSummary, Reason } from '@venule/api-contract';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { PatientsApi } from '../core/api';
import { isoDateOf } from '../core/clinic-dates';
import { clinicDateOf, clinicInstant, clinicTimeOf, formatDate } from '../core/dates';
import { applyServerFieldErrors } from '../core/problem';
import { legsLabel, refusalOf } from '../courses/course-labels';
import { CoursesApi } from '../courses/courses-api';
import { ReasonList } from '../courses/reason-list';
import type { SlotPick } from './diary-day';
import type { Clinician } from './frontdesk-api';
import { AppointmentFields, appointmentControls } from './appointment-fields';
import { FrontdeskApi } from './frontdesk-api';

export interface BookDialogData {
  clinicians: Clinician[];
  /** The free slot clicked, or null for "Book a consultation". */
  slot: SlotPick | null;
  /** The day the diary shows, for a booking not started from a slot. */
  date: IsoDate;
}

export type BookDialogResult = { kind: 'consultation'; id: string } | { kind: 'session'; message: string } | undefined;

type What = 'free' | 'named_doctor' | 'session';

const patientText = (p: PatientSummary) => `${p.firstName} ${p.lastName} (${p.clinicNumber})`;

/** Books a consultation, or the next session of one of the patient's courses, at a time in a clinician's diary. */
@Component({
  selector: 'vn-book-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatAutocompleteModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    ReasonList,
    AppointmentFields,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ booked() ? 'Session booked' : 'Book an appointment' }}</h2>
    @if (booked(); as b) {
      <mat-dialog-content>
        <p>{{ b.message }}</p>
        <h3 class="advice-heading">Before the session, hand the patient this advice</h3>
        <ul>@for (item of b.session.preTreatment.items; track item.code) { <li>{{ item.text }}</li> }</ul>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" [mat-dialog-close]="{ kind: 'session', message: b.message }" cdkFocusInitial>Done</button>
      </mat-dialog-actions>
    } @else {
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Booking" /> }
        <div #banner tabindex="-1" class="banner-anchor">
          @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
        </div>
        <mat-radio-group formControlName="what" aria-label="What to book" class="what">
          <mat-radio-button value="free">Free consultation</mat-radio-button>
          <mat-radio-button value="named_doctor">Named-doctor consultation</mat-radio-button>
          <mat-radio-button value="session">Next treatment session</mat-radio-button>
        </mat-radio-group>
        <div class="vn-form-grid">
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Patient</mat-label>
            <input matInput [formControl]="patientSearch" [matAutocomplete]="patients" autocomplete="off" required
              placeholder="Name, clinic number or phone" />
            <mat-autocomplete #patients="matAutocomplete" [displayWith]="patientDisplay" (optionSelected)="pickPatient($event.option.value)">
              @for (p of patientOptions(); track p.id) {
                <mat-option [value]="p">{{ patientText(p) }}</mat-option>
              }
            </mat-autocomplete>
            <mat-error>{{ form.controls.patientId.getError('server') ?? 'Choose the patient from the list' }}</mat-error>
          </mat-form-field>
          @if (form.controls.what.value === 'session') {
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Course</mat-label>
              <mat-select formControlName="courseId">
                @for (c of courses(); track c.id) {
                  <mat-option [value]="c.id">{{ courseText(c) }}</mat-option>
                }
              </mat-select>
              @if (courseHint(); as hint) { <mat-hint>{{ hint }}</mat-hint> }
              <mat-error>{{ patient() && !courses().length ? 'This patient has no active course to book' : 'Choose the course' }}</mat-error>
            </mat-form-field>
          }
          <vn-appointment-fields [group]="form" [clinicians]="data.clinicians" />
        </div>
        @if (form.controls.what.value === 'named_doctor') {
          <p class="vn-muted note">It stays “awaiting deposit” until the deposit is taken on the next page.</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Book</button>
      </mat-dialog-actions>
    </form>
    }
  `,
  styles: `
    .what { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 16px; }
    .wide { grid-column: 1 / -1; }
    .note { margin: 0; }
    .banner-anchor { outline: none; }
    .advice-heading { font: var(--mat-sys-title-small); margin: 16px 0 4px; }
  `,
})
export class BookDialog {
  protected readonly data = inject<BookDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<BookDialog, BookDialogResult>>(MatDialogRef);
  private readonly api = inject(FrontdeskApi);
  private readonly coursesApi = inject(CoursesApi);
  private readonly patientsApi = inject(PatientsApi);

  private readonly banner = viewChild<ElementRef<HTMLElement>>('banner');
  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly patient = signal<PatientSummary | null>(null);
  /** A booked session, whose pre-treatment advice is handed over before the dialog closes. */
  protected readonly booked = signal<{ session: BookedSession; message: string } | null>(null);
  protected readonly courses = signal<Course[]>([]);
  protected readonly patientText = patientText;
  protected readonly patientDisplay = (p: PatientSummary | string | null) => (p && typeof p === 'object' ? patientText(p) : (p ?? ''));

  protected readonly patientSearch = new FormControl<PatientSummary | string>('', { nonNullable: true });
  protected readonly form = inject(NonNullableFormBuilder).group({
    what: ['free' as What],
    patientId: ['', Validators.required],
    courseId: [''],
    ...appointmentControls({
      clinicianId: this.data.slot?.clinicianId ?? '',
      date: this.data.slot ? clinicDateOf(this.data.slot.startsAt) : this.data.date,
      time: this.data.slot ? clinicTimeOf(this.data.slot.startsAt) : '10:00',
    }),
  });

  protected readonly patientOptions = toSignal(
    this.patientSearch.valueChanges.pipe(
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of([])
          : this.patientsApi.search({ q, limit: 10 }).pipe(
              map((p) => p.items),
              catchError(() => of([])),
            ),
      ),
    ),
    { initialValue: [] },
  );

  private readonly courseId = toSignal(this.form.controls.courseId.valueChanges, { initialValue: '' });
  protected readonly courseHint = computed(() => {
    const course = this.courses().find((c) => c.id === this.courseId());
    const w = course?.progress.nextWindow;
    return w ? `Inside its window: ${formatDate(w.earliest)} to ${formatDate(w.latest)}` : null;
  });

  constructor() {
    this.patientSearch.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      if (typeof value === 'string') this.choose(null);
    });
    this.form.controls.what.valueChanges.pipe(takeUntilDestroyed()).subscribe((what) => {
      this.form.controls.courseId.setValidators(what === 'session' ? Validators.required : null);
      this.form.controls.courseId.updateValueAndValidity();
    });
  }

  protected pickPatient(patient: PatientSummary): void {
    this.choose(patient);
  }

  protected courseText(c: Course): string {
    const done = c.progress.sessionsCompleted;
    return `${legsLabel(c.legs)} · ${done} of ${c.plannedSessions} sessions done`;
  }

  protected submit(): void {
    this.patientSearch.markAsTouched();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      if (this.form.controls.patientId.invalid) this.patientSearch.setErrors({ required: true });
      return;
    }
    const v = this.form.getRawValue();
    const startsAt = clinicInstant(isoDateOf(v.date) as IsoDate, v.time);
    this.busy.set(true);
    this.refusal.set(null);
    const done = {
      error: (error: unknown) => {
        this.busy.set(false);
        applyServerFieldErrors(this.form, error);
        this.refusal.set(refusalOf(error));
        setTimeout(() => this.banner()?.nativeElement.focus());
      },
    };
    if (v.what === 'session') {
      this.coursesApi
        .book(v.courseId, { scheduledFor: startsAt, clinicianId: v.clinicianId, durationMinutes: v.durationMinutes })
        .subscribe({
          ...done,
          next: (session) => {
            this.busy.set(false);
            this.ref.disableClose = true;
            this.booked.set({
              session,
              message: `Session ${session.sequence} booked for ${formatDate(clinicDateOf(startsAt))} at ${v.time}.`,
            });
          },
        });
    } else {
      this.api
        .book({ type: v.what, patientId: v.patientId, clinicianId: v.clinicianId, startsAt, durationMinutes: v.durationMinutes })
        .subscribe({ ...done, next: (consultation) => this.ref.close({ kind: 'consultation', id: consultation.id }) });
    }
  }

  private choose(patient: PatientSummary | null): void {
    this.patient.set(patient);
    this.form.controls.patientId.setValue(patient?.id ?? '');
    this.form.controls.courseId.setValue('');
    this.courses.set([]);
    if (!patient) return;
    this.coursesApi.forPatient(patient.id).subscribe({
      next: (page) => {
        const active = page.items.filter((c) => c.status === 'active');
        this.courses.set(active);
        if (active.length === 1) this.form.controls.courseId.setValue(active[0].id);
      },
      error: () => this.courses.set([]),
    });
  }
}
