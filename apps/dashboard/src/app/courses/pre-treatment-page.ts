import { ChangeDetectionStrategy, Component, effect, inject, input, signal, ViewEncapsulation } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ClinicIdentity, Course, Patient, PreTreatmentAdvice } from '@venule/api-contract';
import { formatDateWithWeekday } from '@venule/clinical-rules';
import { forkJoin, map, switchMap } from 'rxjs';
import { PatientsApi } from '../core/api';
import { ClinicApi } from '../core/clinic-api';
import { clinicTimeOf } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { PATIENT_SHEET_STYLES } from '../shared/patient-sheet';
import { ErrorState, Loading } from '../shared/view-state';
import { legsLabel } from './course-labels';
import { AnySession, CoursesApi } from './courses-api';

interface Sheet {
  session: AnySession;
  advice: PreTreatmentAdvice;
  course: Course;
  patient: Patient;
  clinic: ClinicIdentity;
}

/**
 * The pre-treatment sheet handed to the patient when a session is booked: when to stop using
 * lotions (worded for the time left when it is read), what to wear and bring. Printable, like
 * the aftercare sheet; the API words the advice, so a reprint the next morning says "from now".
 */
@Component({
  selector: 'vn-pre-treatment-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, Loading, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { class: 'vn-page vn-sheet-page' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
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
          <h1>Before your treatment</h1>
          <p><strong>{{ s.patient.firstName }} {{ s.patient.lastName }}</strong> · {{ s.patient.clinicNumber }}</p>
          <p>
            Treatment session {{ s.session.sequence }} at <strong>{{ time(s.advice.scheduledFor) }} on {{ day(s.advice.scheduledOn) }}</strong>
            · {{ legs(s.course.legs) }}@if (s.session.clinicianName) { · with {{ s.session.clinicianName }} }
          </p>
        </header>
        <h2>Please</h2>
        <ul class="advice">
          @for (item of s.advice.items; track item.code) { <li>{{ item.text }}</li> }
        </ul>
        <footer>If you cannot come, please call the clinic@if (s.clinic.phone) { on <strong>{{ s.clinic.phone }}</strong>} as early as you can
          so that we can offer the time to someone else.</footer>
      </article>
    } @else {
      <vn-loading label="Loading the pre-treatment advice…" />
    }
  `,
  styles: [PATIENT_SHEET_STYLES],
})
export class PreTreatmentPage {
  private readonly api = inject(CoursesApi);
  private readonly patients = inject(PatientsApi);
  private readonly clinic = inject(ClinicApi);

  readonly id = input.required<string>();

  protected readonly sheet = signal<Sheet | null>(null);
  protected readonly loadError = signal<string | null>(null);

  protected readonly day = formatDateWithWeekday;
  protected readonly time = clinicTimeOf;
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
    forkJoin({ session: this.api.session(this.id()), advice: this.api.preTreatment(this.id()), clinic: this.clinic.identity() })
      .pipe(
        switchMap(({ session, advice, clinic }) =>
          this.api
            .get(session.courseId)
            .pipe(
              switchMap((course) =>
                this.patients.get(course.patientId).pipe(map((patient) => ({ session, advice, course, patient, clinic }))),
              ),
            ),
        ),
      )
      .subscribe({
        next: (sheet) => this.sheet.set(sheet),
        error: (error: unknown) => this.loadError.set(problemMessage(error)),
      });
  }

  protected print(): void {
    window.print();
  }
}
