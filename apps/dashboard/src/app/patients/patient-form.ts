import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  ElementRef,
  Injector,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CONTACT_PREFERENCES, SEXES, type ContactPreference, type IsoDate, type PatientInput, type Sex } from '@venule/api-contract';
import type { DateTime } from 'luxon';
import { isoDateOf, pickerDate, pickerError } from '../core/clinic-dates';
import { todayIso } from '../core/dates';
import { applyServerFieldErrors, describeFieldErrors, problemMessage, problemOf } from '../core/problem';
import { focusFirstInvalid, revealAfterRender } from '../shared/reveal';

export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Not stated' };

export const CONTACT_PREFERENCE_LABELS: Record<ContactPreference, string> = {
  email: 'Email',
  sms: 'Text message',
  none: 'No messages (opted out)',
};

/**
 * Patient demographics form, used to register and to edit. The page owns the request; when it
 * fails, the page passes the error back in `serverError` and the field messages appear at the fields.
 */
/** Phone or email: whichever is empty is in error only while the other is empty too. */
const reachableBy =
  (other: 'phone' | 'email'): ValidatorFn =>
  (control) =>
    !control.value?.trim() && !control.parent?.get(other)?.value?.trim() ? { required: true } : null;

/** Messages by email need an email address, by text message a phone number. */
const preferenceReachable: ValidatorFn = (control) => {
  if (control.value === 'email' && !control.parent?.get('email')?.value?.trim()) return { noEmail: true };
  if (control.value === 'sms' && !control.parent?.get('phone')?.value?.trim()) return { noPhone: true };
  return null;
};

@Component({
  selector: 'vn-patient-form',
  imports: [
    ReactiveFormsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Saving" />
      }
      @if (banner(); as text) {
        <div class="vn-banner vn-banner-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span></div>
      }
      <fieldset>
        <legend>Person</legend>
        <div class="vn-form-grid">
          <mat-form-field appearance="outline">
            <mat-label>First name</mat-label>
            <input matInput formControlName="firstName" autocomplete="off" required />
            <mat-error>{{ message('firstName', 'Enter the first name') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Last name</mat-label>
            <input matInput formControlName="lastName" autocomplete="off" required />
            <mat-error>{{ message('lastName', 'Enter the last name') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Date of birth</mat-label>
            <input matInput formControlName="dateOfBirth" [matDatepicker]="birthPicker" [max]="today" placeholder="DD/MM/YYYY" required />
            <mat-datepicker-toggle matIconSuffix [for]="birthPicker" />
            <mat-datepicker #birthPicker startView="multi-year" />
            <mat-error>{{ message('dateOfBirth', 'Enter the date of birth') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Sex</mat-label>
            <mat-select formControlName="sex" required>
              @for (sex of sexes; track sex) {
                <mat-option [value]="sex">{{ sexLabels[sex] }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ message('sex', 'Choose one') }}</mat-error>
          </mat-form-field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <p class="vn-muted contact-hint">A phone number, an email address, or both: the clinic needs one way to reach the patient.</p>
        <div class="vn-form-grid">
          <mat-form-field appearance="outline">
            <mat-label>Phone</mat-label>
            <input matInput formControlName="phone" type="tel" autocomplete="off" />
            <mat-error>{{ message('phone', 'Enter a phone number or an email address') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput formControlName="email" type="email" autocomplete="off" />
            <mat-error>{{ message('email', 'Enter an email address or a phone number') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Reminders and aftercare by</mat-label>
            <mat-select formControlName="contactPreference" required>
              @for (p of preferences; track p) {
                <mat-option [value]="p">{{ preferenceLabels[p] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.contactPreference.value === 'none') {
              <mat-hint>Nothing is sent; the outbox shows each message as not sent</mat-hint>
            }
            <mat-error>{{ preferenceMessage() }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Address</mat-label>
            <textarea matInput formControlName="address" rows="2" autocomplete="off"></textarea>
            <mat-error>{{ message('address', '') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Postcode</mat-label>
            <input matInput formControlName="postcode" autocomplete="off" />
            <mat-error>{{ message('postcode', '') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>GP</mat-label>
            <input matInput formControlName="gpName" autocomplete="off" />
            <mat-hint>Name and practice</mat-hint>
            <mat-error>{{ message('gpName', '') }}</mat-error>
          </mat-form-field>
        </div>
      </fieldset>
      <div class="vn-actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ submitLabel() }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    fieldset { border: none; margin: 0 0 8px; padding: 0; }
    legend { font: var(--mat-sys-title-medium); margin-bottom: 12px; padding: 0; }
    .wide { grid-column: 1 / -1; }
    .contact-hint { margin: -4px 0 12px; }
  `,
})
export class PatientForm {
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  readonly initial = input<PatientInput | null>(null);
  readonly busy = input(false);
  readonly serverError = input<unknown>(null);
  readonly submitLabel = input('Save');
  readonly saved = output<PatientInput>();
  readonly cancelled = output<void>();

  protected readonly sexes = SEXES;
  protected readonly sexLabels = SEX_LABELS;
  protected readonly preferences = CONTACT_PREFERENCES;
  protected readonly preferenceLabels = CONTACT_PREFERENCE_LABELS;
  /** A new patient's preference follows the details given (email when there is one) until someone chooses it. */
  private following = true;
  protected readonly today = pickerDate(todayIso());
  protected readonly banner = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', [Validators.required, Validators.maxLength(100)]],
    lastName: ['', [Validators.required, Validators.maxLength(100)]],
    dateOfBirth: new FormControl<DateTime | null>(null, Validators.required),
    sex: ['' as Sex | '', Validators.required],
    phone: ['', [reachableBy('email'), Validators.maxLength(40)]],
    email: ['', [reachableBy('phone'), Validators.email, Validators.maxLength(254)]],
    address: [''],
    postcode: ['', Validators.maxLength(16)],
    gpName: [''],
    contactPreference: ['' as ContactPreference | '', [Validators.required, preferenceReachable]],
  });

  constructor() {
    // Either field being filled in settles the other's "one way to reach" error.
    this.form.controls.phone.valueChanges.subscribe(() => this.form.controls.email.updateValueAndValidity({ emitEvent: false }));
    this.form.controls.email.valueChanges.subscribe(() => this.form.controls.phone.updateValueAndValidity({ emitEvent: false }));
    for (const field of ['phone', 'email'] as const) {
      this.form.controls[field].valueChanges.subscribe(() => this.followContactDetails());
    }
    this.form.controls.contactPreference.valueChanges.subscribe(() => {
      if (this.form.controls.contactPreference.dirty) this.following = false;
    });
    effect(() => {
      const initial = this.initial();
      if (initial) {
        this.following = !initial.contactPreference;
        this.form.reset({
          ...initial,
          dateOfBirth: pickerDate(initial.dateOfBirth),
          phone: initial.phone ?? '',
          email: initial.email ?? '',
          address: initial.address ?? '',
          postcode: initial.postcode ?? '',
          gpName: initial.gpName ?? '',
          contactPreference: initial.contactPreference ?? '',
        });
        this.followContactDetails();
      }
    });
    effect(() => {
      const error = this.serverError();
      if (!error) {
        this.banner.set(null);
        return;
      }
      const unmatched = applyServerFieldErrors(this.form, error);
      const fieldErrors = problemOf(error)?.errors ?? [];
      this.banner.set(
        fieldErrors.length === 0
          ? problemMessage(error)
          : unmatched.length
            ? describeFieldErrors(unmatched)
            : 'Some fields need attention.',
      );
      this.cdr.markForCheck();
      if (fieldErrors.length && !unmatched.length) focusFirstInvalid(this.host.nativeElement, this.injector);
      else revealAfterRender(this.injector, () => this.host.nativeElement.querySelector('.vn-banner'));
    });
  }

  /** The message `<mat-error>` shows: the server's when it sent one, else ours. */
  protected message(field: keyof typeof this.form.controls, fallback: string): string {
    const control = this.form.controls[field];
    const server = control.getError('server') as string | null;
    if (server) return server;
    if (control.hasError('matDatepickerMax')) return 'Cannot be after today';
    const picker = pickerError(control);
    if (picker) return picker;
    if (control.hasError('email')) return 'Enter a valid email address';
    if (control.hasError('maxlength')) return 'Too long';
    return fallback;
  }

  protected preferenceMessage(): string {
    const control = this.form.controls.contactPreference;
    const server = control.getError('server') as string | null;
    if (server) return server;
    if (control.hasError('noEmail')) return 'Add an email address, or choose another way';
    if (control.hasError('noPhone')) return 'Add a phone number, or choose another way';
    return 'Choose how the patient gets messages';
  }

  private followContactDetails(): void {
    const control = this.form.controls.contactPreference;
    if (this.following) {
      const { email, phone } = this.form.getRawValue();
      const preferred = email.trim() ? 'email' : phone.trim() ? 'sms' : '';
      if (control.value !== preferred) control.setValue(preferred, { emitEvent: false });
    }
    control.updateValueAndValidity({ emitEvent: false });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    const value = this.form.getRawValue();
    const blankToNull = (text: string) => (text.trim() ? text.trim() : null);
    this.saved.emit({
      firstName: value.firstName.trim(),
      lastName: value.lastName.trim(),
      dateOfBirth: isoDateOf(value.dateOfBirth) as IsoDate,
      sex: value.sex as Sex,
      phone: blankToNull(value.phone),
      email: blankToNull(value.email),
      address: blankToNull(value.address),
      postcode: blankToNull(value.postcode),
      gpName: blankToNull(value.gpName),
      contactPreference: value.contactPreference || undefined,
    });
  }
}
