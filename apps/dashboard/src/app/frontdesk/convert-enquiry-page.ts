import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  type ConsultationType,
  type DuplicatePatientProblemExtras,
  type Enquiry,
  type IsoDate,
  type PatientInput,
  type Reason,
} from '@venule/api-contract';
import { addDays } from '@venule/clinical-rules';
import { forkJoin } from 'rxjs';
import { isoDateOf } from '../core/clinic-dates';
import { clinicInstant, formatInstant, todayIso } from '../core/dates';
import { links } from '../core/paths';
import { applyServerFieldErrors, problemCode, problemMessage, problemOf } from '../core/problem';
import { refusalOf } from '../courses/course-labels';
import { ReasonList } from '../courses/reason-list';
import { DuplicateDialog, type DuplicateDialogData, type DuplicateDialogResult } from '../patients/duplicate-dialog';
import { PatientForm } from '../patients/patient-form';
import { ErrorState, Loading } from '../shared/view-state';
import { EnquiryCount } from './enquiry-count';
import { AppointmentFields, appointmentControls } from './appointment-fields';
import { FrontdeskApi, type Clinician } from './frontdesk-api';

/** An enquiry's name as first and last name: the last word is the surname. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { firstName: words[0] ?? '', lastName: '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

/** The clinician an enquiry asked for, when their name matches one on the books. */
export function preferredClinicianId(preferred: string | null, clinicians: readonly Clinician[]): string {
  const wanted = preferred?.trim().toLowerCase();
  if (!wanted) return '';
  return clinicians.find((c) => c.name.toLowerCase() === wanted || c.name.toLowerCase().includes(wanted))?.id ?? '';
}

/** The API's `patient.firstName` and `consultation.startsAt` errors, for forms that name fields without the prefix. */
function errorsUnder(error: unknown, prefix: string): unknown {
  const problem = problemOf(error);
  if (!(error instanceof HttpErrorResponse) || !problem?.errors) return error;
  const errors = problem.errors
    .filter((e) => e.field.startsWith(`${prefix}.`))
    .map((e) => ({ ...e, field: e.field.slice(prefix.length + 1) }));
  return new HttpErrorResponse({
    error: { ...problem, errors },
    status: error.status,
    statusText: error.statusText,
    url: error.url ?? undefined,
  });
}

/**
 * Converting an enquiry: the patient (with the duplicate check) and their consultation, booked in
 * one step; for a named-doctor consultation the deposit is taken next.
 */
@Component({
  selector: 'vn-convert-enquiry-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    PatientForm,
    ReasonList,
    Loading,
    ErrorState,
    AppointmentFields,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (enquiry(); as e) {
      <header class="vn-page-header">
        <h1>Convert {{ e.name }}’s enquiry</h1>
        <a mat-button [routerLink]="inboxLink"><mat-icon>arrow_back</mat-icon> Enquiries</a>
      </header>
      <section class="enquiry" aria-label="The enquiry">
        <p class="vn-muted">Received {{ instant(e.createdAt) }} · preferred doctor: <strong>{{ e.preferredClinician ?? 'no preference' }}</strong></p>
        <p class="message">{{ e.message }}</p>
      </section>
      <div #banner tabindex="-1" class="banner-anchor">
        @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
      </div>
      @if (e.status === 'booked' || e.status === 'closed') {
        <div class="vn-banner vn-banner-info" role="status"><mat-icon aria-hidden="true">info</mat-icon>
          <span>This enquiry is {{ e.status }}; only new or contacted enquiries are converted.</span></div>
      } @else {
        <form [formGroup]="consultation" novalidate aria-labelledby="consultation-heading" class="consultation">
          <h2 id="consultation-heading">Consultation</h2>
          <mat-radio-group formControlName="type" aria-label="Consultation type" class="type">
            <mat-radio-button value="free">Free consultation</mat-radio-button>
            <mat-radio-button value="named_doctor">Named-doctor consultation (deposit taken next)</mat-radio-button>
          </mat-radio-group>
          <div class="vn-form-grid">
            <vn-appointment-fields [group]="consultation" [clinicians]="clinicians()" />
          </div>
        </form>
        <h2 class="patient-heading">Patient</h2>
        <vn-patient-form submitLabel="Register and book" [initial]="initialPatient()" [busy]="busy()" [serverError]="patientError()"
          (saved)="convert($event, false)" (cancelled)="back()" />
      }
    } @else {
      <vn-loading label="Loading the enquiry…" />
    }
  `,
  styles: `
    .enquiry { border-left: 4px solid var(--mat-sys-primary); padding: 4px 16px; margin-bottom: 16px; }
    .enquiry p { margin: 4px 0; }
    .message { white-space: pre-wrap; max-width: 80ch; }
    .banner-anchor { outline: none; }
    h2 { font: var(--mat-sys-title-medium); margin-bottom: 12px; }
    .type { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 16px; }
    .patient-heading { margin-top: 8px; }
  `,
})
export class ConvertEnquiryPage {
  private readonly api = inject(FrontdeskApi);
  private readonly count = inject(EnquiryCount);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly banner = viewChild<ElementRef<HTMLElement>>('banner');

  readonly id = input.required<string>();

  protected readonly enquiry = signal<Enquiry | null>(null);
  protected readonly clinicians = signal<Clinician[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly patientError = signal<unknown>(null);
  protected readonly initialPatient = signal<PatientInput | null>(null);

  protected readonly inboxLink = links.enquiries();
  protected readonly instant = formatInstant;
  private readonly today = todayIso();

  protected readonly consultation = inject(NonNullableFormBuilder).group({
    type: ['free' as ConsultationType],
    ...appointmentControls({ clinicianId: '', date: addDays(this.today, 1), time: '10:00' }),
  });

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.loadError.set(null);
    this.enquiry.set(null);
    forkJoin({ enquiry: this.api.enquiry(this.id()), clinicians: this.api.clinicians(this.today) }).subscribe({
      next: ({ enquiry, clinicians }) => {
        this.clinicians.set(clinicians);
        const preferred = preferredClinicianId(enquiry.preferredClinician, clinicians);
        this.consultation.patchValue({ type: preferred ? 'named_doctor' : 'free', clinicianId: preferred });
        this.initialPatient.set({ ...splitName(enquiry.name), phone: enquiry.phone ?? '', email: enquiry.email ?? '' } as PatientInput);
        this.enquiry.set(enquiry);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected back(): void {
    void this.router.navigate(links.enquiries());
  }

  protected convert(patient: PatientInput, confirmDuplicate: boolean): void {
    if (this.consultation.invalid) {
      this.consultation.markAllAsTouched();
      this.refusal.set({ message: 'Choose the consultation’s clinician, date and time first.', reasons: [] });
      this.focusBanner();
      return;
    }
    const v = this.consultation.getRawValue();
    this.busy.set(true);
    this.refusal.set(null);
    this.patientError.set(null);
    this.api
      .convert(this.id(), {
        patient: confirmDuplicate ? { ...patient, confirmDuplicate: true } : patient,
        consultation: {
          type: v.type,
          clinicianId: v.clinicianId,
          startsAt: clinicInstant(isoDateOf(v.date) as IsoDate, v.time),
          durationMinutes: v.durationMinutes,
        },
      })
      .subscribe({
        next: ({ patient: p, consultation: c }) => {
          this.count.refresh();
          this.snackBar.open(`${p.firstName} ${p.lastName} registered as ${p.clinicNumber}; consultation booked.`, 'OK', {
            duration: 6000,
          });
          void this.router.navigate(links.consultation(c.id));
        },
        error: (error: unknown) => {
          this.busy.set(false);
          if (problemCode(error) === 'DUPLICATE_PATIENT') {
            this.askAboutDuplicate(patient, (problemOf(error) as Partial<DuplicatePatientProblemExtras> | null)?.matches ?? []);
            return;
          }
          const fields = problemOf(error)?.errors ?? [];
          const unplaced = applyServerFieldErrors(this.consultation, errorsUnder(error, 'consultation'));
          if (fields.some((f) => f.field.startsWith('patient.'))) this.patientError.set(errorsUnder(error, 'patient'));
          if (!fields.length || unplaced.length) this.refusal.set(refusalOf(error));
          else if (fields.some((f) => f.field.startsWith('consultation.')))
            this.refusal.set({ message: 'Check the consultation’s details.', reasons: [] });
          this.focusBanner();
        },
      });
  }

  private askAboutDuplicate(patient: PatientInput, matches: DuplicateDialogData['matches']): void {
    this.dialog
      .open<DuplicateDialog, DuplicateDialogData, DuplicateDialogResult>(DuplicateDialog, { data: { matches }, maxWidth: '560px' })
      .afterClosed()
      .subscribe((result) => {
        if (result === 'register') this.convert(patient, true);
        else if (result) void this.router.navigate(links.patient(result.open));
      });
  }

  private focusBanner(): void {
    setTimeout(() => this.banner()?.nativeElement.focus());
  }
}
