import { ChangeDetectionStrategy, Component, effect, inject, input, signal, ViewEncapsulation } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Aftercare, ClinicIdentity, Course, Patient, PreTreatmentAdvice } from '@venule/api-contract';
import { formatDateWithWeekday } from '@venule/clinical-rules';
import { Observable, catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { PatientsApi } from '../core/api';
import { ClinicApi } from '../core/clinic-api';
import { formatDate } from '../core/dates';
import { links } from '../core/paths';
import { problemCode, problemMessage } from '../core/problem';
import { PATIENT_SHEET_STYLES } from '../shared/patient-sheet';
import { ErrorState, Loading } from '../shared/view-state';
import { legsLabel } from './course-labels';
import { AnySession, CoursesApi } from './courses-api';

interface Sheet {
  session: AnySession;
  aftercare: Aftercare;
  course: Course;
  patient: Patient;
  clinic: ClinicIdentity;
  next: { session: AnySession; advice: PreTreatmentAdvice } | null;
}

/**
 * The aftercare sheet handed to the patient after a session: every piece of advice with the
 * date it applies until, the next session window and, when one is booked, what to do before it.
 * Styles are global (not encapsulated) because printing must hide the app shell around the page.
 */
@Component({
  selector: 'vn-aftercare-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, Loading, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { class: 'vn-page vn-sheet-page' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" [retryable]="!notCompleted()" (retry)="load()" />
    } @else if (sheet(); as s) {
      <div class="vn-actions no-print">
        <a mat-button [routerLink]="courseLink(s.course.id)"><mat-icon>arrow_back</mat-icon> Back to the course</a>
        <span class="spacer"></span>
        <button mat-flat-button type="button" (click)="print()"><mat-icon>print</mat-icon> Print</button>
      </div>
      <article class="sheet">
        <header>
          <p class="clinic">{{ s.clinic.name }}</p>
          @if (s.clinic.address || s.clinic.phone) {
            <p class="clinic-contact">{{ s.clinic.address }}@if (s.clinic.address && s.clinic.phone) { · }{{ s.clinic.phone }}</p>
          }
          <h1>Your aftercare</h1>
          <p><strong>{{ s.patient.firstName }} {{ s.patient.lastName }}</strong> · {{ s.patient.clinicNumber }}</p>
          <p>Treatment session {{ s.session.sequence }} on {{ day(s.aftercare.completedOn) }} · {{ legs(s.course.legs) }}@if (s.session.completedByName) { · by {{ s.session.completedByName }} }</p>
          @if (treatedAreas(s.session); as areas) { <p>Treated: {{ areas }}</p> }
        </header>
        <table>
          <thead><tr><th scope="col">What to do</th><th scope="col">Until</th></tr></thead>
          <tbody>
            @for (item of s.aftercare.items; track item.code) {
              <tr><td>{{ item.text }}</td><td class="until">{{ format(item.until) }}</td></tr>
            }
          </tbody>
        </table>
        <section>
          <h2>Your next session</h2>
          <p>Book it between <strong>{{ day(s.aftercare.nextWindow.earliest) }}</strong> and <strong>{{ day(s.aftercare.nextWindow.latest) }}</strong>.</p>
          @if (s.next; as next) {
            <p>It is booked for <strong>{{ day(next.advice.scheduledOn) }}</strong>. Before it:</p>
            <ul>@for (item of next.advice.items; track item.code) { <li>{{ item.text }}</li> }</ul>
          }
        </section>
        <footer>If a treated area becomes hot, red, very painful or swollen, or you feel short of breath or have chest pain,
          call the clinic straight away@if (s.clinic.phone) { on <strong>{{ s.clinic.phone }}</strong>}@if (s.clinic.outOfHoursPhone) {;
          when the clinic is closed, call <strong>{{ s.clinic.outOfHoursPhone }}</strong>} @else { or, out of hours, dial 111}.
          In an emergency dial 999.</footer>
      </article>
    } @else {
      <vn-loading label="Loading aftercare…" />
    }
  `,
  styles: [PATIENT_SHEET_STYLES],
})
export class AftercarePage {
  private readonly api = inject(CoursesApi);
  private readonly patients = inject(PatientsApi);
  private readonly clinic = inject(ClinicApi);

  readonly id = input.required<string>();

  protected readonly sheet = signal<Sheet | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notCompleted = signal(false);

  protected readonly format = formatDate;
  protected readonly day = formatDateWithWeekday;
  protected readonly legs = legsLabel;
  protected readonly courseLink = links.course;

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.sheet.set(null);
    this.loadError.set(null);
    this.notCompleted.set(false);
    this.api
      .session(this.id())
      .pipe(
        switchMap((session) =>
          forkJoin({ aftercare: this.api.aftercare(session.id), course: this.api.get(session.courseId) }).pipe(
            switchMap(({ aftercare, course }) =>
              forkJoin({
                patient: this.patients.get(course.patientId),
                clinic: this.clinic.identity(),
                next: this.nextAdvice(course),
              }).pipe(map(({ patient, clinic, next }) => ({ session, aftercare, course, patient, clinic, next }))),
            ),
          ),
        ),
      )
      .subscribe({
        next: (sheet) => this.sheet.set(sheet),
        error: (error: unknown) => {
          // No plan yet, or no such session: trying again will not help.
          const code = problemCode(error);
          this.notCompleted.set(code === 'NO_AFTERCARE_YET' || code === 'NOT_FOUND');
          this.loadError.set(problemMessage(error));
        },
      });
  }

  /** Where the treatment went, for staff who may read it (reception's view of a session has no areas). */
  protected treatedAreas(session: AnySession): string {
    return 'areas' in session && session.areas?.length ? session.areas.join(', ') : '';
  }

  protected print(): void {
    window.print();
  }

  /** The pre-treatment advice of the course's next booked session, when there is one. */
  private nextAdvice(course: Course): Observable<Sheet['next']> {
    const booked = course.sessions.find((s) => s.status === 'scheduled');
    if (!booked) return of(null);
    return this.api.preTreatment(booked.id).pipe(
      map((advice) => ({ session: booked, advice })),
      catchError(() => of(null)),
    );
  }
}
