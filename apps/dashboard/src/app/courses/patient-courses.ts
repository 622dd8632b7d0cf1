import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { Consultation, Course, Leg, Reason } from '@venule/api-contract';
import { can } from '../core/access';
import { formatDate } from '../core/dates';
import { links } from '../core/paths';
import { applyServerFieldErrors } from '../core/problem';
import { Session } from '../core/session';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { legsLabel, refusalOf } from './course-labels';
import { CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { StateChip } from './state-chip';
import { firstInvalidField, revealAfterRender } from '../shared/reveal';

type LoadState = { status: 'loading' } | { status: 'loaded'; courses: Course[] } | { status: 'error'; message: string };

/** The patient page's Courses tab: the patient's courses and, for clinicians, planning a new one. */
@Component({
  selector: 'vn-patient-courses',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    Loading,
    EmptyState,
    ErrorState,
    ReasonList,
    StateChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!canRead()) {
      <vn-empty-state icon="lock" title="No access to treatment courses" message="Courses are for reception, clinicians and managers." />
    } @else {
      @if (planned(); as course) {
        @if (course.warnings?.length) {
          <vn-reason-list kind="warn" [reasons]="course.warnings ?? []"
            message="Course planned. It cannot be treated until these are resolved:" />
        } @else {
          <div class="vn-banner vn-banner-info" role="status"><mat-icon aria-hidden="true">check_circle</mat-icon><span>Course planned.</span></div>
        }
        <p class="consent-note"><mat-icon aria-hidden="true">draw</mat-icon>
          <span>Consent is still needed: record the patient's signed consent on the course before the first session.
            <a [routerLink]="courseLink(course.id)">Open the course</a></span></p>
      }
      @if (canPlan() && !planning()) {
        <div class="vn-actions top"><button mat-flat-button type="button" (click)="startPlanning()"><mat-icon>add</mat-icon> Plan a course</button></div>
      }
      @if (planning()) {
        <form class="plan" [formGroup]="form" (ngSubmit)="plan()" novalidate aria-label="Plan a course">
          <h2>Plan a course</h2>
          @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Saving" /> }
          @if (error(); as e) { <vn-reason-list [message]="e.message" [reasons]="e.reasons" /> }
          <p class="consent-note"><mat-icon aria-hidden="true">draw</mat-icon>
            <span>Consent is per course: once the course is planned, record the patient's signed consent on it before the first session.</span></p>
          <fieldset class="legs">
            <legend>Legs</legend>
            <mat-checkbox formControlName="left">Left leg</mat-checkbox>
            <mat-checkbox formControlName="right">Right leg</mat-checkbox>
            @if (legsMissing()) { <span class="err" role="alert">Choose at least one leg.</span> }
          </fieldset>
          <div class="vn-form-grid">
            <mat-form-field appearance="outline">
              <mat-label>Areas</mat-label>
              <input matInput formControlName="areas" placeholder="lateral thigh, behind the knee" />
              <mat-hint>Separate areas with commas</mat-hint>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Planned sessions</mat-label>
              <mat-select formControlName="plannedSessions">
                @for (n of sessionCounts; track n) { <mat-option [value]="n">{{ n }}</mat-option> }
              </mat-select>
              <mat-hint>2–5 is typical</mat-hint>
              <mat-error>{{ form.controls.plannedSessions.getError('server') ?? 'Choose 1 to 6 sessions' }}</mat-error>
            </mat-form-field>
          </div>
          <div class="vn-actions">
            <button mat-flat-button type="submit" [disabled]="busy()">Plan course</button>
            <button mat-button type="button" (click)="planning.set(false)">Cancel</button>
          </div>
        </form>
      }
      @switch (state().status) {
        @case ('loading') { <vn-loading label="Loading courses…" /> }
        @case ('error') { <vn-error-state [message]="errorText()" (retry)="load()" /> }
        @default {
          @if (courses().length === 0) {
            <vn-empty-state icon="event_repeat" title="No treatment courses yet"
              [message]="canPlan() ? 'Plan a course once the medical history and scans are recorded.' : 'A clinician plans the course after the consultation.'" />
          } @else {
            <ul class="list" aria-label="Treatment courses">
              @for (c of courses(); track c.id) {
                <li>
                  <a class="course" [routerLink]="courseLink(c.id)">
                    <span class="head">
                      <strong>{{ legs(c.legs) }}</strong>
                      <vn-state-chip [state]="c.state" [bookingToMove]="c.progress.bookingsInsideWindow.length > 0" />
                    </span>
                    <span class="vn-muted">{{ c.areas.join(', ') || 'No areas recorded' }}</span>
                    <span>{{ c.progress.sessionsCompleted }} of {{ c.plannedSessions }} sessions done · planned {{ format(c.createdAt) }}</span>
                    <span class="msg">{{ c.progress.message }}</span>
                  </a>
                  @if (canBook() && c.status === 'active' && c.sessions.length === 0 && lastConsultation(); as k) {
                    <a mat-stroked-button class="first" [routerLink]="courseLink(c.id)" [queryParams]="{ consultation: k.id }">
                      <mat-icon>event</mat-icon> Book the first session with {{ k.clinicianName }}
                    </a>
                  }
                </li>
              }
            </ul>
          }
        }
      }
    }
  `,
  styles: `
    .top { justify-content: flex-end; margin-bottom: 16px; }
    .plan { padding: 16px; margin-bottom: 24px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    .plan h2 { font: var(--mat-sys-title-medium); margin-bottom: 12px; }
    .legs { border: 0; padding: 0; margin: 0 0 12px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
    .legs legend { font: var(--mat-sys-label-large); margin-bottom: 4px; }
    .err { color: var(--mat-sys-error); }
    .consent-note { display: flex; gap: 8px; align-items: flex-start; margin: 8px 0 16px; color: var(--mat-sys-on-surface-variant); }
    .consent-note mat-icon { flex: none; color: var(--mat-sys-primary); }
    .list { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
    .course { display: flex; flex-direction: column; gap: 6px; padding: 16px; border-radius: 12px; text-decoration: none; color: inherit;
      border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    .course:hover, .course:focus-visible { background: var(--mat-sys-surface-container); }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 8px; font: var(--mat-sys-title-medium); }
    .msg { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .first { margin-top: 8px; }
  `,
})
export class PatientCourses {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly api = inject(CoursesApi);
  private readonly session = inject(Session);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly patientId = input.required<string>();

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly planning = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly planned = signal<Course | null>(null);
  protected readonly legsMissing = signal(false);

  protected readonly canRead = computed(() => can(this.session.role(), 'readBookings'));
  protected readonly canPlan = computed(() => can(this.session.role(), 'writeClinical'));
  protected readonly canBook = computed(() => can(this.session.role(), 'bookSessions'));
  /** The patient's latest consultation with a clinician that went ahead or is still to come: the first session follows it. */
  protected readonly lastConsultation = signal<Consultation | null>(null);
  protected readonly courses = computed(() => {
    const s = this.state();
    return s.status === 'loaded' ? s.courses : [];
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.message : '';
  });

  protected readonly form = this.fb.group({
    left: false,
    right: false,
    areas: '',
    plannedSessions: [3, [Validators.required, Validators.min(1), Validators.max(6)]],
  });
  protected readonly sessionCounts = [1, 2, 3, 4, 5, 6];
  protected readonly legs = legsLabel;
  protected readonly format = formatDate;
  protected readonly courseLink = links.course;

  constructor() {
    effect(() => {
      this.patientId();
      if (this.canRead()) this.load();
    });
    // Ticking a leg answers "Choose at least one leg" at once, not at the next submit.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(({ left, right }) => {
      if (left || right) this.legsMissing.set(false);
    });
  }

  load(): void {
    this.state.set({ status: 'loading' });
    this.api.forPatient(this.patientId()).subscribe({
      next: (page) => {
        this.state.set({ status: 'loaded', courses: page.items });
        if (this.canBook() && page.items.some((c) => c.status === 'active' && c.sessions.length === 0)) this.loadConsultation();
      },
      error: (error: unknown) => this.state.set({ status: 'error', message: refusalOf(error).message }),
    });
  }

  /** A shortcut only: if the consultations cannot load, the courses still show and book as before. */
  private loadConsultation(): void {
    this.api.consultationsOf(this.patientId()).subscribe({
      next: (page) => {
        const went = page.items.filter((k) => k.clinicianId && ['attended', 'booked', 'awaiting_deposit'].includes(k.status));
        this.lastConsultation.set(went.sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0] ?? null);
      },
      error: () => this.lastConsultation.set(null),
    });
  }

  protected startPlanning(): void {
    this.form.reset();
    this.error.set(null);
    this.planned.set(null);
    this.legsMissing.set(false);
    this.planning.set(true);
  }

  protected plan(): void {
    const v = this.form.getRawValue();
    const legs: Leg[] = [...(v.left ? (['left'] as const) : []), ...(v.right ? (['right'] as const) : [])];
    this.legsMissing.set(legs.length === 0);
    if (legs.length === 0 || this.form.invalid) {
      this.form.markAllAsTouched();
      revealAfterRender(this.injector, () =>
        legs.length ? firstInvalidField(this.host.nativeElement) : this.host.nativeElement.querySelector('.legs input'),
      );
      return;
    }
    const areas = v.areas
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    this.busy.set(true);
    this.error.set(null);
    this.api.plan(this.patientId(), { legs, areas, plannedSessions: v.plannedSessions }).subscribe({
      next: (course) => {
        this.busy.set(false);
        this.planning.set(false);
        this.planned.set(course);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        applyServerFieldErrors(this.form, error);
        this.error.set(refusalOf(error));
      },
    });
  }
}
