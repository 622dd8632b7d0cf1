import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { BookedSession, Course, IsoDate, Reason } from '@venule/api-contract';
import { maxDate } from '@venule/clinical-rules';
import { clinicInstant, formatDate } from '../core/dates';
import { applyServerFieldErrors } from '../core/problem';
import { refusalOf } from './course-labels';
import { CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { focusFirstInvalid } from '../shared/reveal';

/** Books the next session of a course inside its window (reception and clinicians). */
@Component({
  selector: 'vn-book-session',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, ReasonList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="book()" novalidate aria-label="Book the next session">
      @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Booking" /> }
      @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
      <p class="hint">{{ windowHint() }}</p>
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>Date</mat-label>
          <input matInput type="date" formControlName="date" [min]="minDate()" />
          <mat-error>{{ form.controls.date.getError('server') ?? 'Choose the date' }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Time</mat-label>
          <input matInput type="time" formControlName="time" step="300" />
          <mat-error>Choose the time</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>event</mat-icon> Book session</button>
      </div>
    </form>
  `,
  styles: `
    .hint { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
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
  readonly booked = output<BookedSession>();

  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly form = this.fb.group({ date: ['', Validators.required], time: ['10:00', Validators.required] });

  /** The first bookable day: the window's start, or for a first session the day its legs are past their interval. */
  protected readonly minDate = computed(() => {
    const { nextWindow: w, opensOn } = this.course().progress;
    const earliest = w?.earliest ?? opensOn;
    return earliest ? maxDate(earliest, this.today()) : this.today();
  });
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
    const { date, time } = this.form.getRawValue();
    this.busy.set(true);
    this.refusal.set(null);
    this.api.book(this.course().id, { scheduledFor: clinicInstant(date, time) }).subscribe({
      next: (session) => {
        this.busy.set(false);
        this.form.reset({ date: '', time: '10:00' });
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
