import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { Course, IsoDate, Reason } from '@venule/api-contract';
import type { DateTime } from 'luxon';
import { Observable } from 'rxjs';
import { dateFieldMessage, isoDateOf, pickerDate } from '../core/clinic-dates';
import { formatDate, todayIso } from '../core/dates';
import { applyServerFieldErrors } from '../core/problem';
import { refusalOf } from './course-labels';
import { CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { focusFirstInvalid } from '../shared/reveal';

/** Consent, outcome assessments and closing the course: recorded by clinicians, read by managers. */
@Component({
  selector: 'vn-course-admin',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReasonList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = course();
    @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
    <section aria-labelledby="consent-h">
      <h3 id="consent-h">Consent</h3>
      @if (c.consent; as consent) {
        <p><mat-icon class="ok" aria-hidden="true">verified</mat-icon> Form {{ consent.formVersion }}, signed {{ format(consent.consentedOn) }}</p>
      } @else if (c.consented) {
        <p><mat-icon class="ok" aria-hidden="true">verified</mat-icon> Consent on file</p>
      } @else {
        <p class="missing"><mat-icon aria-hidden="true">error</mat-icon> No consent on file: sessions cannot be completed.</p>
        @if (canWrite() && active()) {
          <form class="row" [formGroup]="consentForm" (ngSubmit)="recordConsent()" novalidate aria-label="Record consent">
            <mat-form-field appearance="outline">
              <mat-label>Signed on</mat-label>
              <input matInput formControlName="consentedOn" [matDatepicker]="consentPicker" [max]="lastDay()" placeholder="DD/MM/YYYY" />
              <mat-datepicker-toggle matIconSuffix [for]="consentPicker" />
              <mat-datepicker #consentPicker />
              <mat-error>{{ dateMessage(consentForm.controls.consentedOn, 'Enter the date the form was signed') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Form version</mat-label>
              <input matInput formControlName="formVersion" />
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()">Record consent</button>
          </form>
        }
      }
    </section>

    @if (c.outcomes; as outcomes) {
      <section aria-labelledby="outcomes-h">
        <h3 id="outcomes-h">Outcome assessments</h3>
        @for (o of outcomes; track o.id) {
          <p><strong>{{ o.improvementPercent }} %</strong> improvement, rated by the {{ o.ratedBy }} on {{ format(o.assessedOn) }}
            @if (o.notes) { <span class="vn-muted">— {{ o.notes }}</span> }</p>
        } @empty {
          <p class="vn-muted">No outcome recorded yet. Patient- and clinician-rated improvement are recorded separately.</p>
        }
        @if (canWrite() && c.progress.sessionsCompleted > 0) {
          <form class="row" [formGroup]="outcomeForm" (ngSubmit)="recordOutcome()" novalidate aria-label="Record an outcome">
            <mat-form-field appearance="outline">
              <mat-label>Rated by</mat-label>
              <mat-select formControlName="ratedBy">
                <mat-option value="patient">Patient</mat-option>
                <mat-option value="clinician">Clinician</mat-option>
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline" class="narrow">
              <mat-label>Improvement</mat-label>
              <input matInput type="number" formControlName="improvementPercent" min="0" max="100" step="5" />
              <span matTextSuffix>%</span>
              <mat-error>0 to 100 %</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Assessed on</mat-label>
              <input matInput formControlName="assessedOn" [matDatepicker]="assessedPicker" [max]="lastDay()" placeholder="DD/MM/YYYY" />
              <mat-datepicker-toggle matIconSuffix [for]="assessedPicker" />
              <mat-datepicker #assessedPicker />
              <mat-error>{{ dateMessage(outcomeForm.controls.assessedOn, 'Enter the date of the assessment') }}</mat-error>
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy()">Record outcome</button>
          </form>
        }
      </section>
    }

    @if (canWrite() && active()) {
      <section aria-labelledby="close-h">
        <h3 id="close-h">Close the course</h3>
        <div class="row center">
          <button mat-stroked-button type="button" [disabled]="busy() || !c.outcomes?.length" (click)="close()">
            <mat-icon>flag</mat-icon> Close as completed
          </button>
          @if (!c.outcomes?.length) { <span class="vn-muted">Record an outcome first.</span> }
        </div>
        <form class="row" [formGroup]="discontinueForm" (ngSubmit)="discontinue()" novalidate aria-label="Discontinue the course">
          <mat-form-field appearance="outline" class="grow">
            <mat-label>Reason for discontinuing</mat-label>
            <input matInput formControlName="reason" />
            <mat-error>Say why the course stops</mat-error>
          </mat-form-field>
          <button mat-stroked-button type="submit" [disabled]="busy()"><mat-icon>block</mat-icon> Discontinue</button>
        </form>
      </section>
    }
  `,
  styles: `
    section { margin-bottom: 16px; }
    h3 { font: var(--mat-sys-title-small); margin-bottom: 4px; }
    p { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 4px 0; }
    .ok { color: var(--mat-sys-primary); }
    .missing { color: var(--mat-sys-error); }
    .row { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-start; margin-top: 8px; }
    .row button { margin-top: 8px; }
    .narrow { width: 180px; }
    .center { align-items: center; }
    .center button { margin-top: 0; }
    .grow { flex: 1; min-width: 220px; }
  `,
})
export class CourseAdmin {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly api = inject(CoursesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly course = input.required<Course>();
  readonly today = input.required<IsoDate>();
  readonly canWrite = input(false);
  readonly changed = output<void>();

  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly active = computed(() => this.course().status === 'active');
  protected readonly format = formatDate;
  /** The datepickers' max: consent and assessments are not dated after today. */
  protected readonly lastDay = computed(() => pickerDate(this.today()));
  protected readonly dateMessage = dateFieldMessage;

  protected readonly consentForm = this.fb.group({ consentedOn: this.dateToday(), formVersion: ['v3', Validators.required] });
  protected readonly outcomeForm = this.fb.group({
    ratedBy: this.fb.control<'patient' | 'clinician'>('clinician'),
    improvementPercent: this.fb.control<number | null>(null, [Validators.required, Validators.min(0), Validators.max(100)]),
    assessedOn: this.dateToday(),
  });
  protected readonly discontinueForm = this.fb.group({ reason: ['', [Validators.required, Validators.minLength(3)]] });

  protected recordConsent(): void {
    if (this.consentForm.invalid) return;
    const v = this.consentForm.getRawValue();
    this.run(this.api.recordConsent(this.course().id, { ...v, consentedOn: isoDateOf(v.consentedOn) as IsoDate }), this.consentForm);
  }

  protected recordOutcome(): void {
    if (this.outcomeForm.invalid) {
      this.outcomeForm.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    const v = this.outcomeForm.getRawValue();
    this.run(
      this.api.recordOutcome(this.course().id, {
        ...v,
        improvementPercent: Number(v.improvementPercent),
        assessedOn: isoDateOf(v.assessedOn) as IsoDate,
      }),
      this.outcomeForm,
    );
  }

  protected close(): void {
    this.run(this.api.update(this.course().id, { version: this.course().version, status: 'completed' }));
  }

  protected discontinue(): void {
    if (this.discontinueForm.invalid) {
      this.discontinueForm.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    const discontinuedReason = this.discontinueForm.getRawValue().reason.trim();
    this.run(this.api.update(this.course().id, { version: this.course().version, status: 'discontinued', discontinuedReason }));
  }

  /** A required date field starting at today, which a reset after saving returns to. */
  private dateToday(): FormControl<DateTime | null> {
    return new FormControl<DateTime | null>(pickerDate(todayIso()), { nonNullable: true, validators: Validators.required });
  }

  private run(request: Observable<unknown>, form?: typeof this.consentForm | typeof this.outcomeForm): void {
    this.busy.set(true);
    this.refusal.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        form?.reset();
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (form) applyServerFieldErrors(form, error);
        this.refusal.set(refusalOf(error));
      },
    });
  }
}
