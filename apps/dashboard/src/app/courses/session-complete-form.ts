import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  OnInit,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatTimepickerModule } from '@angular/material/timepicker';
import {
  AGENTS,
  LEGS,
  type CompletedSession,
  type ConfirmationInput,
  type Course,
  type IsoDate,
  type Reason,
  type SclerosantForm,
  type SessionBooking,
} from '@venule/api-contract';
import { AGENT_LABELS, DEFAULT_POLICY, addDays, checkDose, formatNumber, maxDate, needsTestInjection } from '@venule/clinical-rules';
import type { DateTime } from 'luxon';
import { isoDateOf, pickerDate, timeOf, unreadable } from '../core/clinic-dates';
import { clinicInstant, formatDate } from '../core/dates';
import { applyServerFieldErrors } from '../core/problem';
import { LegDiagram } from '../shared/leg-diagram';
import { LEG_LABELS } from '../core/legs';
import { refusalOf } from './course-labels';
import { CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { markedRegions, splitAreas, toggleRegion, treatmentRegions, withoutLeg } from './treatment-areas';
import { focusFirstInvalid, revealAfterRender } from '../shared/reveal';

/**
 * The clinician's record of a treatment. The dose is checked on every keystroke with the
 * rules library (the same function the API enforces), so the limit is visible before saving.
 */
@Component({
  selector: 'vn-session-complete-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    MatTimepickerModule,
    LegDiagram,
    ReasonList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Record the treatment">
      @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Saving" /> }
      @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }

      <fieldset class="when">
        <legend class="vn-visually-hidden">When the treatment was given</legend>
        <mat-checkbox formControlName="late">Recording a treatment given earlier</mat-checkbox>
        @if (form.controls.late.value) {
          <mat-form-field appearance="outline">
            <mat-label>Given on</mat-label>
            <input matInput formControlName="givenOn" [matDatepicker]="givenOnPicker" [min]="firstDay()" [max]="lastDay()" placeholder="DD/MM/YYYY" />
            <mat-datepicker-toggle matIconSuffix [for]="givenOnPicker" />
            <mat-datepicker #givenOnPicker />
            <mat-hint>Up to {{ lateEntryDays }} days back</mat-hint>
            <mat-error>{{ unreadable(form.controls.givenOn) ?? 'Choose the day it was given, from ' + formatDay(earliestDay()) + ' to today' }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Given at</mat-label>
            <input matInput formControlName="givenAt" [matTimepicker]="givenAtPicker" placeholder="HH:mm" />
            <mat-timepicker-toggle matIconSuffix [for]="givenAtPicker" />
            <mat-timepicker #givenAtPicker interval="15m" />
            <mat-error>{{ unreadable(form.controls.givenAt) ?? 'Enter the time it was given' }}</mat-error>
          </mat-form-field>
        }
      </fieldset>

      <div class="where">
        <figure>
          <vn-leg-diagram [regions]="regions()" [selected]="marked()" [disabled]="busy()"
            label="Treated areas: select an area to add or remove it" (toggled)="toggleArea($event)" />
        </figure>
        <div>
          <fieldset formGroupName="legs" class="inline">
            <legend>Treated legs</legend>
            @for (leg of course().legs; track leg) { <mat-checkbox [formControlName]="leg">{{ legLabels[leg] }}</mat-checkbox> }
          </fieldset>
          <mat-form-field appearance="outline" class="full">
            <mat-label>Areas</mat-label>
            <input matInput formControlName="areas" />
            <mat-hint>Select on the diagram, or type with commas between</mat-hint>
          </mat-form-field>
        </div>
      </div>
      <div class="vn-form-grid">
        <mat-form-field appearance="outline">
          <mat-label>Agent</mat-label>
          <mat-select formControlName="agent">
            @for (a of agents; track a) { <mat-option [value]="a">{{ agentLabels[a] }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Product</mat-label>
          <input matInput formControlName="product" placeholder="e.g. Asclera" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Batch number</mat-label>
          <input matInput formControlName="batchNumber" autocomplete="off" />
          <mat-error>{{ form.controls.batchNumber.getError('server') ?? 'Enter the lot number on the vial' }}</mat-error>
        </mat-form-field>
      </div>

      <fieldset class="inline">
        <legend>Form</legend>
        <mat-radio-group formControlName="form" aria-label="Form">
          <mat-radio-button value="liquid">Liquid</mat-radio-button>
          <mat-radio-button value="foam">Foam</mat-radio-button>
        </mat-radio-group>
      </fieldset>
      <div class="vn-form-grid">
        <mat-form-field appearance="outline">
          <mat-label>Concentration (w/v)</mat-label>
          <input matInput type="number" formControlName="concentrationPercent" step="0.05" min="0" inputmode="decimal" />
          <span matTextSuffix>%</span>
          <mat-error>{{ form.controls.concentrationPercent.getError('server') ?? 'Enter a concentration above 0 and at most 5 %' }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Total volume</mat-label>
          <input matInput type="number" formControlName="volumeMl" step="0.1" min="0" inputmode="decimal" />
          <span matTextSuffix>mL</span>
          <mat-error>{{ form.controls.volumeMl.getError('server') ?? 'Enter the volume in mL' }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Injections</mat-label>
          <input matInput type="number" formControlName="injections" step="1" min="1" inputmode="numeric" />
          <mat-error>{{ form.controls.injections.getError('server') ?? 'Enter the number of injections' }}</mat-error>
        </mat-form-field>
      </div>

      @let d = dose();
      <section class="dose" [class.over]="d.over" aria-live="polite" aria-label="Dose">
        <div class="figures">
          <span class="mg">{{ mg(d.doseMg) }} mg</span>
          @if (d.limitMg !== undefined) {
            <span>of {{ mg(d.limitMg) }} mg daily limit ({{ facts()?.weightKg }} kg)</span>
          } @else if (form.controls.agent.value === 'sodium_tetradecyl_sulfate') {
            <span class="vn-muted">No weight-based daily limit for sodium tetradecyl sulfate</span>
          }
        </div>
        @if (d.limitMg !== undefined) {
          <mat-progress-bar mode="determinate" [value]="d.used" [attr.aria-label]="'Share of the daily limit'" />
          <p class="small">
            @if (d.earlier) { Includes {{ mg(d.earlier) }} mg given earlier {{ d.day }}. }
            {{ mg(d.remainingMg ?? 0) }} mg left {{ d.day }}.
          </p>
        }
        @for (r of d.reasons; track $index) {
          <p class="reason" [class.error]="r.code === 'DOSE_LIMIT_EXCEEDED' || r.code === 'WEIGHT_REQUIRED'" role="alert">{{ r.message }}</p>
        }
      </section>

      @if (unusual(); as range) {
        <mat-form-field appearance="outline" class="full">
          <mat-label>Reason for the unusual concentration</mat-label>
          <input matInput formControlName="unusualReason" />
          <mat-hint>The usual range is {{ mg(range.minPercent) }}–{{ mg(range.maxPercent) }} % for thread veins</mat-hint>
        </mat-form-field>
      }
      @if (testInjection()) {
        <mat-form-field appearance="outline" class="full">
          <mat-label>Test injection given (allergy tendency, first session)</mat-label>
          <input matInput formControlName="testInjectionReason" placeholder="e.g. single test injection, no reaction after 15 minutes" />
        </mat-form-field>
      }

      <div class="vn-form-grid" formGroupName="compression">
        <mat-form-field appearance="outline">
          <mat-label>Compression</mat-label>
          <input matInput type="number" formControlName="mmHg" step="1" inputmode="numeric" />
          <span matTextSuffix>mmHg</span>
          <mat-error>Enter 5 to 60 mmHg</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Prescribed for</mat-label>
          <input matInput type="number" formControlName="hours" step="1" inputmode="numeric" />
          <span matTextSuffix>hours</span>
        </mat-form-field>
      </div>
      <fieldset formGroupName="checklist" class="inline">
        <legend>Pre-treatment checklist</legend>
        <mat-checkbox formControlName="noLotions">No lotions or oils on the legs</mat-checkbox>
        <mat-checkbox formControlName="stockingsBrought">Support stockings brought</mat-checkbox>
      </fieldset>
      <mat-form-field appearance="outline" class="full">
        <mat-label>Immediate reactions</mat-label>
        <textarea matInput formControlName="immediateReactions" rows="2"></textarea>
      </mat-form-field>
      <div class="vn-actions">
        <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>task_alt</mat-icon> Complete session</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .inline { border: 0; padding: 0; margin: 0 0 12px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
    legend { font: var(--mat-sys-label-large); margin-bottom: 4px; }
    .when { border: 0; padding: 0; margin: 0 0 12px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 16px; }
    .where { display: grid; grid-template-columns: minmax(240px, 340px) minmax(0, 1fr); gap: 8px 24px; align-items: center; margin-bottom: 16px; }
    figure { margin: 0; }
    .full { width: 100%; }
    .dose { padding: 12px 16px; margin-bottom: 16px; border-radius: 12px; background: var(--mat-sys-surface-container); }
    .dose.over { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container);
      --mat-progress-bar-active-indicator-color: var(--mat-sys-error); }
    .figures { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; margin-bottom: 8px; }
    .mg { font: var(--mat-sys-headline-small); }
    .small, .reason { margin: 6px 0 0; font: var(--mat-sys-body-small); }
    .reason.error { color: var(--mat-sys-error); font-weight: 500; }
    .over .reason.error { color: inherit; }
    /* On a tablet the diagram gets its own row, wide enough for finger-sized markers (about 44 px). */
    @media (max-width: 1023px) { .where { grid-template-columns: minmax(0, 1fr); } figure { max-width: 520px; } }
  `,
})
export class SessionCompleteForm implements OnInit {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly api = inject(CoursesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly session = input.required<SessionBooking>();
  readonly course = input.required<Course>();
  readonly today = input.required<IsoDate>();
  readonly completed = output<CompletedSession>();
  readonly cancelled = output<void>();

  /**
   * The weight, conditions and the polidocanol already given on the treatment day, from the API,
   * which reads them the way the completion is checked; asked again when the day changes.
   */
  private readonly factsResource = rxResource({
    params: () => ({ id: this.session().id, day: this.treatmentDay() }),
    stream: ({ params }) =>
      this.api.completionFacts(params.id, params.day === this.today() ? undefined : clinicInstant(params.day, '12:00')),
  });
  protected readonly facts = computed(() => (this.factsResource.hasValue() ? this.factsResource.value() : null));
  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);

  protected readonly form = this.fb.group({
    legs: this.fb.group({ left: false, right: false }),
    areas: '',
    agent: this.fb.control<(typeof AGENTS)[number]>('polidocanol'),
    product: '',
    batchNumber: ['', Validators.required],
    concentrationPercent: this.fb.control<number | null>(null, [Validators.required, Validators.min(0.01), Validators.max(5)]),
    form: this.fb.control<SclerosantForm>('liquid'),
    volumeMl: this.fb.control<number | null>(null, [Validators.required, Validators.min(0.01), Validators.max(100)]),
    injections: this.fb.control<number | null>(null, [Validators.required, Validators.min(1), Validators.pattern(/^\d+$/)]),
    compression: this.fb.group({ mmHg: this.fb.control<number | null>(20), hours: this.fb.control<number | null>(72) }),
    checklist: this.fb.group({ noLotions: false, stockingsBrought: false }),
    unusualReason: '',
    testInjectionReason: '',
    immediateReactions: '',
    late: false,
    givenOn: new FormControl<DateTime | null>(null),
    givenAt: new FormControl<DateTime | null>(null),
  });
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  protected readonly agents = AGENTS;
  protected readonly agentLabels = AGENT_LABELS;
  protected readonly legLabels = LEG_LABELS;
  protected readonly mg = formatNumber;
  protected readonly formatDay = formatDate;
  protected readonly lateEntryDays = DEFAULT_POLICY.lateEntryDays;
  /** The oldest day a treatment may be recorded for (the API enforces the clinic's own setting). */
  protected readonly earliestDay = computed(() => maxDate(addDays(this.today(), -this.lateEntryDays), this.session().scheduledOn));
  protected readonly firstDay = computed(() => pickerDate(this.earliestDay()));
  protected readonly lastDay = computed(() => pickerDate(this.today()));
  /** The treatment date every rule is evaluated on: the day it was given (SPEC §1.9). */
  protected readonly treatmentDay = computed(() => {
    const v = this.value();
    const givenOn = isoDateOf(v.givenOn);
    return v.late && givenOn ? givenOn : this.today();
  });

  private readonly ticked = computed(() => LEGS.filter((leg) => this.value().legs?.[leg]));
  protected readonly regions = computed(() => treatmentRegions(this.course().legs));
  protected readonly marked = computed(() => markedRegions(splitAreas(this.value().areas ?? ''), this.ticked()));

  protected readonly unusual = computed(() => {
    const { agent, concentrationPercent: c } = this.value();
    const range = DEFAULT_POLICY.usualConcentration[agent ?? 'polidocanol'];
    return typeof c === 'number' && c > 0 && (c < range.minPercent || c > range.maxPercent) ? range : null;
  });
  protected readonly testInjection = computed(() => {
    const f = this.facts();
    return !!f && needsTestInjection({ conditions: f.conditions, patientCompletedSessionsBefore: f.completedSessionsBefore });
  });
  private readonly confirmations = computed<ConfirmationInput[]>(() => {
    const v = this.value();
    const list: ConfirmationInput[] = [];
    if (this.unusual() && v.unusualReason?.trim()) list.push({ code: 'UNUSUAL_CONCENTRATION', reason: v.unusualReason.trim() });
    if (this.testInjection() && v.testInjectionReason?.trim()) list.push({ code: 'TEST_INJECTION', reason: v.testInjectionReason.trim() });
    return list;
  });

  /** The rules library's verdict on what is typed so far; `over` when a limit is exceeded. */
  protected readonly dose = computed(() => {
    const v = this.value();
    const f = this.facts();
    const day = this.treatmentDay();
    const earlier = f?.on === day ? f.polidocanolMgSameDay : 0;
    const check = checkDose(
      {
        agent: v.agent ?? 'polidocanol',
        form: v.form ?? 'liquid',
        concentrationPercent: Number(v.concentrationPercent),
        volumeMl: Number(v.volumeMl),
        otherPolidocanolMgSameDay: v.agent === 'polidocanol' ? earlier : 0,
        confirmations: this.confirmations(),
      },
      { weightKg: f?.weightKg, weightMeasuredOn: f?.weightMeasuredOn },
      day,
    );
    // INVALID_VALUE only says a field is still empty; the fields' own errors say that.
    const reasons = check.reasons.filter((r) => r.code !== 'INVALID_VALUE');
    const over = reasons.some((r) => r.code === 'DOSE_LIMIT_EXCEEDED');
    const used = check.limitMg ? Math.min(100, ((check.doseMg + (v.agent === 'polidocanol' ? earlier : 0)) / check.limitMg) * 100) : 0;
    const dayWords = day === this.today() ? 'today' : `on ${formatDate(day)}`;
    return { ...check, reasons, over, used, earlier: v.agent === 'polidocanol' ? earlier : 0, day: dayWords };
  });

  constructor() {
    effect(() => {
      const error = this.factsResource.error();
      if (error) this.refusal.set(refusalOf(error));
    });
    // Recorded as it happens, the treatment has no day or time of its own: what was typed goes,
    // with any error of the fields that are no longer shown.
    this.form.controls.late.valueChanges.subscribe((late) => {
      if (!late) this.form.patchValue({ givenOn: null, givenAt: null });
    });
    for (const leg of LEGS) {
      // Areas written for a leg go with it when the leg is unticked, so the list and the diagram agree.
      this.form.controls.legs.controls[leg].valueChanges.subscribe((on) => {
        const areas = this.form.controls.areas;
        const all = splitAreas(areas.value);
        const kept = withoutLeg(all, leg);
        if (!on && kept.length !== all.length) areas.setValue(kept.join(', '));
      });
    }
  }

  ngOnInit(): void {
    const course = this.course();
    this.form.patchValue({
      legs: { left: course.legs.includes('left'), right: course.legs.includes('right') },
      areas: course.areas.join(', '),
    });
  }

  /** Text the day or time field cannot read; a day outside the range keeps the field's own message. */
  protected readonly unreadable = unreadable;

  protected toggleArea(id: string): void {
    const v = this.form.getRawValue();
    const next = toggleRegion(id, splitAreas(v.areas), this.ticked(), this.course().legs);
    if (next.tick) this.form.controls.legs.controls[next.tick].setValue(true);
    this.form.controls.areas.setValue(next.areas.join(', '));
    this.form.controls.areas.markAsDirty();
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    const legs = (['left', 'right'] as const).filter((leg) => v.legs[leg]);
    const givenOn = isoDateOf(v.givenOn);
    const givenAt = timeOf(v.givenAt);
    const dayOutOfRange = !givenOn || givenOn < this.earliestDay() || givenOn > this.today();
    const lateInvalid = v.late && (dayOutOfRange || !givenAt);
    if (lateInvalid) {
      if (dayOutOfRange) this.form.controls.givenOn.setErrors({ ...(this.form.controls.givenOn.errors ?? {}), range: true });
      if (!givenAt) this.form.controls.givenAt.setErrors({ ...(this.form.controls.givenAt.errors ?? {}), required: true });
    }
    if (this.form.invalid || legs.length === 0 || lateInvalid) {
      this.form.markAllAsTouched();
      this.refusal.set({ message: legs.length ? 'Check the highlighted fields.' : 'Tick the treated leg.', reasons: [] });
      if (legs.length) focusFirstInvalid(this.host.nativeElement, this.injector);
      else revealAfterRender(this.injector, () => this.host.nativeElement.querySelector('vn-reason-list'));
      return;
    }
    this.busy.set(true);
    this.refusal.set(null);
    const compression = {
      ...(v.compression.mmHg ? { mmHg: Number(v.compression.mmHg) } : {}),
      ...(v.compression.hours ? { hours: Number(v.compression.hours) } : {}),
    };
    this.api
      .complete(this.session().id, {
        legs,
        areas: splitAreas(v.areas),
        agent: v.agent,
        ...(v.product.trim() ? { product: v.product.trim() } : {}),
        batchNumber: v.batchNumber.trim(),
        concentrationPercent: Number(v.concentrationPercent),
        form: v.form,
        volumeMl: Number(v.volumeMl),
        injections: Number(v.injections),
        compression,
        checklist: v.checklist,
        confirmations: this.confirmations(),
        ...(v.immediateReactions.trim() ? { immediateReactions: v.immediateReactions.trim() } : {}),
        ...(v.late && givenOn && givenAt ? { treatedAt: clinicInstant(givenOn, givenAt) } : {}),
      })
      .subscribe({
        next: (done) => {
          this.busy.set(false);
          this.completed.emit(done);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          applyServerFieldErrors(this.form, error);
          this.refusal.set(refusalOf(error));
        },
      });
  }
}
