import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Ceap, ConditionCode, Leg, MedicalHistory, MedicalHistoryInput, RelativeContraindication } from '@venule/api-contract';
import type { DateTime } from 'luxon';
import { isoDateOf, pickerDate, pickerError } from '../../core/clinic-dates';
import { todayIso } from '../../core/dates';
import { applyServerFieldErrors, describeFieldErrors, problemMessage, problemOf } from '../../core/problem';
import { revealAfterRender } from '../../shared/reveal';
import { ABSOLUTE, CEAP_CLINICAL, CONDITION_LABELS, RELATIVE } from './conditions';

const NOTE_MAX = 1000;
const CEAP_E = ['Ec', 'Ep', 'Es', 'En'];
const CEAP_A = ['As', 'Ap', 'Ad', 'An'];
const CEAP_P = ['Pr', 'Po', 'Pr,o', 'Pn'];

type CeapGroup = FormGroup<{
  c: FormControl<string>;
  e: FormControl<string>;
  a: FormControl<string>;
  p: FormControl<string>;
  assessedOn: FormControl<DateTime | null>;
  symptomatic: FormControl<boolean>;
}>;

/** A weight needs the date it was measured (the dose limit only trusts a recent one). */
const weightNeedsDate: ValidatorFn = (group) => {
  const weight = group.get('weightKg')?.value;
  const date = group.get('weightMeasuredOn');
  if (weight !== null && weight !== '' && weight !== undefined && date && !date.value) {
    date.setErrors({ ...(date.errors ?? {}), requiredWithWeight: true });
  } else if (date?.hasError('requiredWithWeight')) {
    const { requiredWithWeight: _, ...rest } = date.errors ?? {};
    date.setErrors(Object.keys(rest).length ? rest : null);
  }
  return null;
};

/**
 * The contraindications questionnaire. Ticking a relative condition opens a note field the
 * clinician must fill in (the acknowledgement); absolute ones block treatment.
 */
@Component({
  selector: 'vn-medical-history-form',
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatExpansionModule,
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
      <fieldset formGroupName="conditions" class="group absolute">
        <legend>Absolute contraindications <span class="hint">— any of these blocks treatment</span></legend>
        @for (code of absolute; track code) {
          <mat-checkbox [formControlName]="code">{{ labels[code] }}</mat-checkbox>
        }
      </fieldset>

      <fieldset class="group relative">
        <legend>Relative contraindications <span class="hint">— each one ticked needs your note</span></legend>
        @for (code of relative; track code) {
          <mat-checkbox [formControl]="form.controls.conditions.controls[code]">{{ labels[code] }}</mat-checkbox>
          @if (form.controls.conditions.controls[code].value) {
            <mat-form-field appearance="outline" class="note">
              <mat-label>Note on {{ labels[code].toLowerCase() }}</mat-label>
              <textarea matInput [formControl]="form.controls.acknowledgements.controls[code]" rows="2" required></textarea>
              <mat-error>{{ noteMessage(code) }}</mat-error>
            </mat-form-field>
          }
        }
      </fieldset>

      <fieldset class="group">
        <legend>Body weight</legend>
        <div class="vn-form-grid">
          <mat-form-field appearance="outline">
            <mat-label>Weight</mat-label>
            <input matInput type="number" formControlName="weightKg" min="20" max="350" step="0.1" inputmode="decimal" />
            <span matTextSuffix>kg</span>
            <mat-hint>Needed for the polidocanol dose limit</mat-hint>
            <mat-error>{{ message('weightKg', 'Enter a weight between 20 and 350 kg') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Measured on</mat-label>
            <input matInput formControlName="weightMeasuredOn" [matDatepicker]="weighedPicker" [max]="today" placeholder="DD/MM/YYYY" />
            <mat-datepicker-toggle matIconSuffix [for]="weighedPicker" />
            <mat-datepicker #weighedPicker />
            <mat-error>{{ message('weightMeasuredOn', 'Enter the date the weight was measured') }}</mat-error>
          </mat-form-field>
        </div>
      </fieldset>

      <mat-expansion-panel class="ceap" [expanded]="hasCeap()">
        <mat-expansion-panel-header>
          <mat-panel-title>CEAP classification per leg</mat-panel-title>
          <mat-panel-description>Optional · thread veins are C1</mat-panel-description>
        </mat-expansion-panel-header>
        @for (leg of legs; track leg) {
          <fieldset class="leg" [formGroup]="ceapGroup(leg)">
            <legend>{{ leg === 'left' ? 'Left leg' : 'Right leg' }}</legend>
            <div class="vn-form-grid">
              <mat-form-field appearance="outline">
                <mat-label>C (clinical)</mat-label>
                <mat-select formControlName="c">
                  <mat-option value="">Not assessed</mat-option>
                  @for (c of ceapC; track c) { <mat-option [value]="c">{{ c }}</mat-option> }
                </mat-select>
                <mat-error>{{ message('ceap.' + leg + '.c', '') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>E (etiology)</mat-label>
                <mat-select formControlName="e">
                  <mat-option value="">—</mat-option>
                  @for (e of ceapE; track e) { <mat-option [value]="e">{{ e }}</mat-option> }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>A (anatomy)</mat-label>
                <mat-select formControlName="a">
                  <mat-option value="">—</mat-option>
                  @for (a of ceapA; track a) { <mat-option [value]="a">{{ a }}</mat-option> }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>P (pathophysiology)</mat-label>
                <mat-select formControlName="p">
                  <mat-option value="">—</mat-option>
                  @for (p of ceapP; track p) { <mat-option [value]="p">{{ p }}</mat-option> }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Assessed on</mat-label>
                <input matInput formControlName="assessedOn" [matDatepicker]="assessedPicker" [max]="today" placeholder="DD/MM/YYYY" />
                <mat-datepicker-toggle matIconSuffix [for]="assessedPicker" />
                <mat-datepicker #assessedPicker />
                <mat-error>{{ message('ceap.' + leg + '.assessedOn', '') }}</mat-error>
              </mat-form-field>
              <mat-checkbox formControlName="symptomatic" class="symptomatic">Symptomatic</mat-checkbox>
            </div>
          </fieldset>
        }
      </mat-expansion-panel>

      <div class="vn-actions">
        <button mat-flat-button type="submit" [disabled]="busy()">Save medical history</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 16px; }
    .group { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 12px 16px 16px; margin: 0;
      display: flex; flex-direction: column; align-items: flex-start; }
    .absolute { border-color: var(--mat-sys-error); }
    legend { font: var(--mat-sys-title-small); padding: 0 4px; }
    .hint { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .group .vn-form-grid { width: 100%; margin-top: 8px; }
    .note { width: 100%; max-width: 640px; margin: 0 0 4px 40px; box-sizing: border-box; }
    .leg { border: none; padding: 0; margin: 0 0 8px; }
    /* An outlined field's floating label rises above its box: room for it below the leg's heading. */
    .leg .vn-form-grid { margin-top: 16px; }
    .symptomatic { align-self: center; margin-bottom: 20px; }
    @media (max-width: 599px) { .note { margin-left: 0; } }
  `,
})
export class MedicalHistoryForm {
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  readonly initial = input<MedicalHistory | null>(null);
  readonly busy = input(false);
  readonly serverError = input<unknown>(null);
  readonly saved = output<MedicalHistoryInput>();
  readonly cancelled = output<void>();

  protected readonly absolute = ABSOLUTE;
  protected readonly relative = RELATIVE;
  protected readonly labels = CONDITION_LABELS;
  protected readonly legs: readonly Leg[] = ['left', 'right'];
  protected readonly ceapC = CEAP_CLINICAL;
  protected readonly ceapE = CEAP_E;
  protected readonly ceapA = CEAP_A;
  protected readonly ceapP = CEAP_P;
  protected readonly today = pickerDate(todayIso());
  protected readonly banner = signal<string | null>(null);
  protected readonly hasCeap = signal(false);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      conditions: this.fb.group(
        Object.fromEntries([...ABSOLUTE, ...RELATIVE].map((code) => [code, this.fb.control(false)])) as Record<
          ConditionCode,
          FormControl<boolean>
        >,
      ),
      acknowledgements: this.fb.group(
        Object.fromEntries(RELATIVE.map((code) => [code, this.fb.control('')])) as Record<RelativeContraindication, FormControl<string>>,
      ),
      weightKg: new FormControl<number | null>(null, [Validators.min(20), Validators.max(350)]),
      weightMeasuredOn: this.fb.control<DateTime | null>(null),
      ceap: this.fb.group({ left: this.ceapForm(), right: this.ceapForm() }),
    },
    { validators: weightNeedsDate },
  );

  constructor() {
    // A ticked relative condition makes its note required; an unticked one drops it.
    this.form.controls.conditions.valueChanges.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe(() => this.syncNoteValidators());
    effect(() => {
      const initial = this.initial();
      if (!initial) return;
      const conditions = new Set(initial.conditions);
      this.form.reset({
        conditions: Object.fromEntries([...ABSOLUTE, ...RELATIVE].map((code) => [code, conditions.has(code)])),
        acknowledgements: Object.fromEntries(RELATIVE.map((code) => [code, initial.acknowledgements[code] ?? ''])),
        weightKg: initial.weightKg,
        weightMeasuredOn: pickerDate(initial.weightMeasuredOn),
        ceap: { left: ceapValue(initial.ceap?.left), right: ceapValue(initial.ceap?.right) },
      });
      this.hasCeap.set(!!(initial.ceap?.left || initial.ceap?.right));
      this.syncNoteValidators();
    });
    effect(() => {
      const error = this.serverError();
      if (!error) {
        this.banner.set(null);
        return;
      }
      const unmatched = applyServerFieldErrors(this.form, error);
      const fieldErrors = problemOf(error)?.errors ?? [];
      if (fieldErrors.some((e) => e.field.startsWith('ceap'))) this.hasCeap.set(true);
      this.banner.set(
        fieldErrors.length === 0
          ? problemMessage(error)
          : unmatched.length
            ? describeFieldErrors(unmatched)
            : 'Some answers need attention.',
      );
      this.cdr.markForCheck();
      this.revealBanner();
    });
  }

  /** The banner sits at the top of a long questionnaire: bring it into view and to the keyboard. */
  private revealBanner(): void {
    revealAfterRender(this.injector, () => this.host.nativeElement.querySelector('.vn-banner'));
  }

  protected ceapGroup(leg: Leg): CeapGroup {
    return this.form.controls.ceap.controls[leg];
  }

  protected noteMessage(code: RelativeContraindication): string {
    const control = this.form.controls.acknowledgements.controls[code];
    return (
      (control.getError('server') as string | null) ??
      (control.hasError('maxlength') ? `At most ${NOTE_MAX} characters` : 'Note why treatment is still appropriate')
    );
  }

  protected message(path: string, fallback: string): string {
    const control = this.form.get(path);
    return (control?.getError('server') as string | null) ?? (control && pickerError(control)) ?? fallback;
  }

  protected submit(): void {
    this.syncNoteValidators();
    this.form.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.banner.set('Some answers need attention.');
      this.revealBanner();
      return;
    }
    this.banner.set(null);
    const value = this.form.getRawValue();
    const conditions = [...ABSOLUTE, ...RELATIVE].filter((code) => value.conditions[code]);
    const acknowledgements: MedicalHistoryInput['acknowledgements'] = {};
    for (const code of RELATIVE) if (value.conditions[code]) acknowledgements[code] = value.acknowledgements[code].trim();
    const weight = value.weightKg === null || (value.weightKg as unknown) === '' ? null : Number(value.weightKg);
    const ceap: MedicalHistoryInput['ceap'] = {};
    for (const leg of this.legs) {
      const c = toCeap(value.ceap[leg]);
      if (c) ceap[leg] = c;
    }
    const initial = this.initial();
    this.saved.emit({
      conditions,
      acknowledgements,
      weightKg: weight,
      weightMeasuredOn: weight === null ? null : isoDateOf(value.weightMeasuredOn),
      ...(ceap.left || ceap.right ? { ceap } : {}),
      ...(initial ? { version: initial.version } : {}),
    });
  }

  private ceapForm(): CeapGroup {
    return this.fb.group({
      c: '',
      e: '',
      a: '',
      p: '',
      assessedOn: this.fb.control<DateTime | null>(null),
      symptomatic: this.fb.control<boolean>(false),
    });
  }

  private syncNoteValidators(): void {
    const ticked = this.form.controls.conditions.getRawValue();
    for (const code of RELATIVE) {
      const note = this.form.controls.acknowledgements.controls[code];
      const required = ticked[code];
      const has = note.hasValidator(Validators.required);
      if (required && !has) note.setValidators([Validators.required, Validators.maxLength(NOTE_MAX)]);
      if (!required && has) note.clearValidators();
      note.updateValueAndValidity({ emitEvent: false });
    }
  }
}

function ceapValue(ceap: Ceap | undefined) {
  return {
    c: ceap?.c ?? '',
    e: ceap?.e ?? '',
    a: ceap?.a ?? '',
    p: ceap?.p ?? '',
    assessedOn: pickerDate(ceap?.assessedOn),
    symptomatic: ceap?.symptomatic ?? false,
  };
}

function toCeap(value: ReturnType<typeof ceapValue>): Ceap | undefined {
  if (!value.c) return undefined;
  const assessedOn = isoDateOf(value.assessedOn);
  return {
    c: value.c,
    ...(value.e ? { e: value.e } : {}),
    ...(value.a ? { a: value.a } : {}),
    ...(value.p ? { p: value.p } : {}),
    ...(assessedOn ? { assessedOn } : {}),
    symptomatic: value.symptomatic,
  };
}
