import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import {
  FormArray,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTimepickerModule } from '@angular/material/timepicker';
import { WEEKDAYS, type ClinicSettings, type OpeningHours, type UpdateClinicSettingsRequest, type Weekday } from '@venule/api-contract';
import { DEFAULT_OPENING_HOURS } from '@venule/clinical-rules';
import type { DateTime } from 'luxon';
import { ClinicApi } from '../core/clinic-api';
import { pickerError, pickerTime, timeOf } from '../core/clinic-dates';
import { applyServerFieldErrors, problemCode, problemMessage, problemOf } from '../core/problem';
import { ErrorState, Loading } from '../shared/view-state';

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** Each number the form asks for, with the range the API accepts. */
const NUMBERS = {
  scanValidityMonths: { min: 1, max: 60 },
  minIntervalDays: { min: 1, max: 365 },
  maxIntervalDays: { min: 1, max: 730 },
  lateEntryDays: { min: 0, max: 31 },
  sessionIdleMinutes: { min: 5, max: 720 },
} as const;
type NumberField = keyof typeof NUMBERS;

const toPounds = (pence: number) => (pence / 100).toFixed(2);
const toPence = (pounds: string) => Math.round(Number(pounds) * 100);
const POUNDS = /^\d{1,5}(\.\d{1,2})?$/;

/** A day's times as its fields hold them. */
type DayTimes = { opens: DateTime | null; closes: DateTime | null };

/** A day that opens must close later than it opens. */
function dayOrder(group: AbstractControl): ValidationErrors | null {
  const { open, ...hours } = group.value as { open: boolean } & DayTimes;
  const opens = timeOf(hours.opens);
  const closes = timeOf(hours.closes);
  if (!open || !opens || !closes) return null;
  const closesControl = group.get('closes');
  // Zero-padded 24-hour times sort as text.
  const order = closes > opens;
  if (!order) closesControl?.setErrors({ ...(closesControl.errors ?? {}), order: true });
  else if (closesControl?.hasError('order')) {
    const { order: _, ...rest } = closesControl.errors ?? {};
    closesControl.setErrors(Object.keys(rest).length ? rest : null);
  }
  return null;
}

/**
 * Clinic settings (admin): the clinic as printed for patients, the numbers SPEC marks *setting*,
 * the opening hours and each clinician's working days, saved whole with the version read. Field
 * errors from the server land on the field they name (the form's paths are the API's).
 */
@Component({
  selector: 'vn-settings-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTimepickerModule,
    Loading,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page vn-settings' },
  template: `
    <header class="vn-page-header">
      <h1>Clinic settings</h1>
      @if (settings(); as s) {
        <span class="vn-muted">Version {{ s.version }}</span>
      }
    </header>
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (settings()) {
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <div class="banner-slot" tabindex="-1" #bannerSlot>
          @if (saved()) {
            <div class="vn-banner vn-banner-info" role="status">
              <mat-icon aria-hidden="true">check_circle</mat-icon><span>Settings saved. They apply from the next request.</span>
            </div>
          }
          @if (conflict()) {
            <div class="vn-banner vn-banner-warn" role="alert">
              <mat-icon aria-hidden="true">sync_problem</mat-icon>
              <span class="grow">Someone else saved the settings since you opened them. Load theirs, then make your changes again.</span>
              <button mat-button type="button" (click)="load()">Load latest</button>
            </div>
          }
          @if (banner(); as text) {
            <div class="vn-banner vn-banner-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span></div>
          }
        </div>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }

        <section formGroupName="clinic" aria-labelledby="clinic-heading">
          <h2 id="clinic-heading">The clinic</h2>
          <p class="vn-muted">Printed on aftercare sheets, pre-treatment advice and receipts, and shown on the public enquiry page.</p>
          <div class="vn-form-grid">
            <mat-form-field appearance="outline">
              <mat-label>Clinic name</mat-label>
              <input matInput formControlName="name" required autocomplete="organization" />
              <mat-error>{{ message('clinic.name', 'Enter the clinic’s name') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Phone</mat-label>
              <input matInput formControlName="phone" type="tel" required autocomplete="off" />
              <mat-error>{{ message('clinic.phone', 'Enter the clinic’s phone number') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Out-of-hours phone</mat-label>
              <input matInput formControlName="outOfHoursPhone" type="tel" required autocomplete="off" />
              <mat-hint>For a reaction when the clinic is closed</mat-hint>
              <mat-error>{{ message('clinic.outOfHoursPhone', 'Enter the number to call out of hours') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Address</mat-label>
              <textarea matInput formControlName="address" rows="2" required autocomplete="off"></textarea>
              <mat-error>{{ message('clinic.address', 'Enter the clinic’s postal address') }}</mat-error>
            </mat-form-field>
          </div>
        </section>

        <section aria-labelledby="rules-heading">
          <h2 id="rules-heading">Treatment rules</h2>
          <div class="vn-form-grid">
            <mat-form-field appearance="outline">
              <mat-label>Scan validity</mat-label>
              <input matInput formControlName="scanValidityMonths" type="number" inputmode="numeric" required />
              <span matTextSuffix>months</span>
              <mat-hint>A clear duplex scan clears a leg this long</mat-hint>
              <mat-error>{{ message('scanValidityMonths', '') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Interval between treatments</mat-label>
              <input matInput formControlName="minIntervalDays" type="number" inputmode="numeric" required />
              <span matTextSuffix>days</span>
              <mat-hint>A leg is treated at most once in this many days</mat-hint>
              <mat-error>{{ message('minIntervalDays', '') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Course overdue after</mat-label>
              <input matInput formControlName="maxIntervalDays" type="number" inputmode="numeric" required />
              <span matTextSuffix>days</span>
              <mat-hint>Days after the last session (usually 84, 12 weeks)</mat-hint>
              <mat-error>{{ message('maxIntervalDays', '') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Late-entry limit</mat-label>
              <input matInput formControlName="lateEntryDays" type="number" inputmode="numeric" required />
              <span matTextSuffix>days</span>
              <mat-hint>A session may be recorded this long after it was given</mat-hint>
              <mat-error>{{ message('lateEntryDays', '') }}</mat-error>
            </mat-form-field>
          </div>
        </section>

        <section aria-labelledby="money-heading">
          <h2 id="money-heading">Consultations and sign-in</h2>
          <div class="vn-form-grid">
            <mat-form-field appearance="outline">
              <mat-label>Named-doctor fee</mat-label>
              <span matTextPrefix>£&nbsp;</span>
              <input matInput formControlName="namedDoctorFeePence" inputmode="decimal" required />
              <mat-error>{{ message('namedDoctorFeePence', 'Enter the fee in pounds, e.g. 50.00') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Deposit</mat-label>
              <span matTextPrefix>£&nbsp;</span>
              <input matInput formControlName="consultationDepositPence" inputmode="decimal" required />
              <mat-hint>Non-refundable; confirms a named-doctor consultation</mat-hint>
              <mat-error>{{ message('consultationDepositPence', 'Enter the deposit in pounds, e.g. 25.00') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Idle timeout</mat-label>
              <input matInput formControlName="sessionIdleMinutes" type="number" inputmode="numeric" required />
              <span matTextSuffix>minutes</span>
              <mat-hint>Staff are signed out after this long without using Venule</mat-hint>
              <mat-error>{{ message('sessionIdleMinutes', '') }}</mat-error>
            </mat-form-field>
          </div>
        </section>

        <section formGroupName="openingHours" aria-labelledby="hours-heading">
          <h2 id="hours-heading">Opening hours</h2>
          <p class="vn-muted">
            A booking outside these hours is allowed, with a warning.
            @if (!settings()?.openingHours) { Not set yet: the usual hours are filled in for you to check. }
          </p>
          <div class="hours">
            @for (day of weekdays; track day) {
              <div class="day" [formGroupName]="day" role="group" [attr.aria-label]="labels[day]">
                <mat-checkbox formControlName="open">{{ labels[day] }}</mat-checkbox>
                @if (dayOpen(day)) {
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Opens</mat-label>
                    <input matInput formControlName="opens" [matTimepicker]="opensPicker" required [attr.aria-label]="labels[day] + ' opens'" />
                    <mat-timepicker-toggle matIconSuffix [for]="opensPicker" [aria-label]="labels[day] + ' opening times'" />
                    <mat-timepicker #opensPicker interval="15m" />
                    <mat-error>{{ message('openingHours.' + day + '.opens', 'Enter a time') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Closes</mat-label>
                    <input matInput formControlName="closes" [matTimepicker]="closesPicker" required [attr.aria-label]="labels[day] + ' closes'" />
                    <mat-timepicker-toggle matIconSuffix [for]="closesPicker" [aria-label]="labels[day] + ' closing times'" />
                    <mat-timepicker #closesPicker interval="15m" />
                    <mat-error>{{ message('openingHours.' + day + '.closes', 'Enter a time') }}</mat-error>
                  </mat-form-field>
                } @else {
                  <span class="vn-muted closed">Closed</span>
                }
              </div>
            }
          </div>
        </section>

        <section aria-labelledby="rota-heading">
          <h2 id="rota-heading">Clinicians’ working days</h2>
          <p class="vn-muted">Booking a clinician on a day they do not work is allowed, with a warning.</p>
          @if (clinicians.length === 0) {
            <p>No active clinicians yet. Create their accounts under Staff accounts.</p>
          }
          <div formArrayName="clinicians" class="rota">
            @for (row of clinicians.controls; track row.value.clinicianId; let i = $index) {
              <fieldset [formGroupName]="i">
                <legend>{{ row.value.displayName }}</legend>
                <div formGroupName="workingDays" class="days">
                  @for (day of weekdays; track day) {
                    <mat-checkbox [formControlName]="day">{{ labels[day] }}</mat-checkbox>
                  }
                </div>
                @if (serverError('clinicians.' + i + '.workingDays'); as text) {
                  <p class="field-error" role="alert" tabindex="-1">{{ text }}</p>
                }
              </fieldset>
            }
          </div>
        </section>

        <div class="vn-actions">
          <button mat-flat-button type="submit" [disabled]="busy()">Save settings</button>
          <button mat-button type="button" (click)="reset()" [disabled]="busy()">Discard changes</button>
        </div>
      </form>
    } @else {
      <vn-loading label="Loading clinic settings…" />
    }
  `,
  styles: `
    section { margin-bottom: 24px; padding: 20px 24px 8px; border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 16px; }
    h2 + p { margin: -12px 0 16px; }
    .wide { grid-column: 1 / -1; }
    .grow { flex: 1; }
    .vn-banner { align-items: center; }
    .banner-slot:focus { outline: none; }
    .hours { display: grid; gap: 8px; margin-bottom: 16px; }
    .day { display: grid; grid-template-columns: 160px 160px 160px; gap: 16px; align-items: center; min-height: 56px; }
    .closed { padding-left: 4px; }
    .rota { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; margin-bottom: 16px; }
    fieldset { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; margin: 0; padding: 8px 12px 12px; }
    legend { font: var(--mat-sys-title-small); padding: 0 4px; }
    .days { display: flex; flex-wrap: wrap; gap: 0 4px; }
    .field-error { color: var(--mat-sys-error); font: var(--mat-sys-body-small); margin: 4px 0 0; }
    .vn-actions { margin-bottom: 32px; }
    @media (max-width: 1100px) {
      .rota { grid-template-columns: 1fr; }
    }
  `,
})
export class SettingsPage {
  private readonly api = inject(ClinicApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly weekdays = WEEKDAYS;
  protected readonly labels = WEEKDAY_LABELS;
  protected readonly settings = signal<ClinicSettings | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly conflict = signal(false);
  protected readonly banner = signal<string | null>(null);
  /** Bumped whenever the form's state changes in a way the OnPush template must redraw. */
  private readonly tick = signal(0);

  private readonly numbers = Object.fromEntries(
    Object.entries(NUMBERS).map(([name, r]) => [
      name,
      this.fb.control(0, [Validators.required, Validators.min(r.min), Validators.max(r.max), Validators.pattern(/^\d+$/)]),
    ]),
  ) as Record<NumberField, ReturnType<NonNullableFormBuilder['control']>>;

  protected readonly form = this.fb.group(
    {
      clinic: this.fb.group({
        name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
        address: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(300)]],
        phone: ['', [Validators.required, Validators.maxLength(24)]],
        outOfHoursPhone: ['', [Validators.required, Validators.maxLength(24)]],
      }),
      ...this.numbers,
      namedDoctorFeePence: ['', [Validators.required, Validators.pattern(POUNDS)]],
      consultationDepositPence: ['', [Validators.required, Validators.pattern(POUNDS)]],
      openingHours: this.fb.group(
        Object.fromEntries(
          WEEKDAYS.map((day) => [
            day,
            this.fb.group(
              { open: false, opens: [pickerTime('09:00'), Validators.required], closes: [pickerTime('18:00'), Validators.required] },
              { validators: dayOrder },
            ),
          ]),
        ),
      ),
      clinicians: this.fb.array<FormGroup>([]),
    },
    { validators: [(g) => this.crossField(g)] },
  );

  protected get clinicians(): FormArray<FormGroup> {
    return this.form.controls.clinicians;
  }

  constructor() {
    this.load();
    for (const day of WEEKDAYS) {
      this.dayGroup(day).controls['open'].valueChanges.subscribe((open) => {
        const group = this.dayGroup(day);
        for (const name of ['opens', 'closes']) {
          if (open) group.controls[name].enable({ emitEvent: false });
          else group.controls[name].disable({ emitEvent: false });
        }
        this.tick.update((n) => n + 1);
      });
    }
  }

  load(): void {
    this.settings.set(null);
    this.loadError.set(null);
    this.conflict.set(false);
    this.saved.set(false);
    this.banner.set(null);
    this.api.settings().subscribe({
      next: (settings) => {
        this.fill(settings);
        this.settings.set(settings);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected reset(): void {
    const current = this.settings();
    if (current) this.fill(current);
    this.saved.set(false);
    this.banner.set(null);
  }

  protected dayOpen(day: Weekday): boolean {
    this.tick();
    return this.dayGroup(day).controls['open'].value as boolean;
  }

  /** The message `<mat-error>` shows for the control at `path`: the server's when it sent one, else ours. */
  protected message(path: string, fallback: string): string {
    const control = this.form.get(path);
    if (!control) return fallback;
    const server = control.getError('server') as string | null;
    if (server) return server;
    if (control.hasError('required')) return fallback || 'Enter a value';
    const picker = pickerError(control);
    if (picker) return picker;
    if (control.hasError('order')) return 'Must be later than the opening time';
    if (control.hasError('depositAboveFee')) return 'Must not be more than the named-doctor fee';
    if (control.hasError('beforeInterval')) return 'Must be at least the interval between treatments';
    if (control.hasError('minlength')) return 'Too short';
    if (control.hasError('maxlength')) return 'Too long';
    if (control.hasError('pattern') && path.endsWith('Pence')) return 'Enter pounds and pence, e.g. 25.00';
    const range = NUMBERS[path as NumberField];
    if (range) return `Enter a whole number from ${range.min} to ${range.max}`;
    return fallback || 'Check this value';
  }

  protected serverError(path: string): string | null {
    this.tick();
    return (this.form.get(path)?.getError('server') as string | null) ?? null;
  }

  protected save(): void {
    const current = this.settings();
    if (!current) return;
    this.saved.set(false);
    this.conflict.set(false);
    this.banner.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.tick.update((n) => n + 1);
      this.focusFirstError();
      return;
    }
    this.busy.set(true);
    this.api.saveSettings(this.request(current.version)).subscribe({
      next: (settings) => {
        this.busy.set(false);
        this.fill(settings);
        this.settings.set(settings);
        this.saved.set(true);
        this.focusBanner();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (problemCode(error) === 'VERSION_CONFLICT') {
          this.conflict.set(true);
          this.focusBanner();
          return;
        }
        const unmatched = applyServerFieldErrors(this.form, error);
        const fieldErrors = problemOf(error)?.errors ?? [];
        this.tick.update((n) => n + 1);
        if (fieldErrors.length === 0 || unmatched.length) {
          this.banner.set(
            fieldErrors.length === 0 ? problemMessage(error) : unmatched.map((e) => `${e.field}: ${e.messages.join(' ')}`).join(' '),
          );
          this.focusBanner();
        } else {
          this.focusFirstError();
        }
      },
    });
  }

  private dayGroup(day: Weekday): FormGroup {
    return this.form.controls.openingHours.controls[day] as FormGroup;
  }

  /** Deposit not above the fee; the overdue limit not before the interval. Errors sit on the later field. */
  private crossField(group: AbstractControl): null {
    const mark = (control: AbstractControl | null, key: string, wrong: boolean) => {
      if (!control) return;
      if (wrong && !control.hasError(key)) control.setErrors({ ...(control.errors ?? {}), [key]: true });
      if (!wrong && control.hasError(key)) {
        const { [key]: _, ...rest } = control.errors ?? {};
        control.setErrors(Object.keys(rest).length ? rest : null);
      }
    };
    const v = group.value as {
      namedDoctorFeePence?: string;
      consultationDepositPence?: string;
      minIntervalDays?: number;
      maxIntervalDays?: number;
    };
    const fee = POUNDS.test(v.namedDoctorFeePence ?? '') ? toPence(v.namedDoctorFeePence as string) : null;
    const deposit = POUNDS.test(v.consultationDepositPence ?? '') ? toPence(v.consultationDepositPence as string) : null;
    mark(group.get('consultationDepositPence'), 'depositAboveFee', fee !== null && deposit !== null && deposit > fee);
    mark(group.get('maxIntervalDays'), 'beforeInterval', Number(v.maxIntervalDays) < Number(v.minIntervalDays));
    return null;
  }

  private fill(s: ClinicSettings): void {
    const hours: OpeningHours = s.openingHours ?? DEFAULT_OPENING_HOURS;
    this.clinicians.clear({ emitEvent: false });
    for (const c of s.clinicians) {
      this.clinicians.push(
        this.fb.group({
          clinicianId: c.clinicianId,
          displayName: c.displayName ?? '',
          workingDays: this.fb.group(Object.fromEntries(WEEKDAYS.map((d) => [d, c.workingDays.includes(d)]))),
        }),
        { emitEvent: false },
      );
    }
    this.form.reset({
      clinic: s.clinic,
      scanValidityMonths: s.scanValidityMonths,
      minIntervalDays: s.minIntervalDays,
      maxIntervalDays: s.maxIntervalDays,
      lateEntryDays: s.lateEntryDays,
      sessionIdleMinutes: s.sessionIdleMinutes,
      namedDoctorFeePence: toPounds(s.namedDoctorFeePence),
      consultationDepositPence: toPounds(s.consultationDepositPence),
      openingHours: Object.fromEntries(
        WEEKDAYS.map((d) => [
          d,
          { open: hours[d] !== null, opens: pickerTime(hours[d]?.opens ?? '09:00'), closes: pickerTime(hours[d]?.closes ?? '18:00') },
        ]),
      ),
    });
    this.tick.update((n) => n + 1);
  }

  private request(version: number): UpdateClinicSettingsRequest {
    const v = this.form.getRawValue();
    const hours = v.openingHours as Record<Weekday, { open: boolean } & DayTimes>;
    return {
      version,
      clinic: {
        name: v.clinic.name.trim(),
        address: v.clinic.address.trim(),
        phone: v.clinic.phone.trim(),
        outOfHoursPhone: v.clinic.outOfHoursPhone.trim(),
      },
      scanValidityMonths: Number(v.scanValidityMonths),
      minIntervalDays: Number(v.minIntervalDays),
      maxIntervalDays: Number(v.maxIntervalDays),
      lateEntryDays: Number(v.lateEntryDays),
      sessionIdleMinutes: Number(v.sessionIdleMinutes),
      namedDoctorFeePence: toPence(v.namedDoctorFeePence),
      consultationDepositPence: toPence(v.consultationDepositPence),
      openingHours: Object.fromEntries(
        WEEKDAYS.map((d) => [
          d,
          hours[d].open ? { opens: timeOf(hours[d].opens) as string, closes: timeOf(hours[d].closes) as string } : null,
        ]),
      ) as OpeningHours,
      clinicians: (v.clinicians as { clinicianId: string; workingDays: Record<Weekday, boolean> }[]).map((c) => ({
        clinicianId: c.clinicianId,
        workingDays: WEEKDAYS.filter((d) => c.workingDays[d]),
      })),
    };
  }

  private focusBanner(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('.banner-slot')?.focus(), { injector: this.injector });
  }

  private focusFirstError(): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid, .field-error')?.focus(),
      { injector: this.injector },
    );
  }
}
