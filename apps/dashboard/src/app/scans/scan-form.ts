import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  ElementRef,
  Injector,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import {
  LEGS,
  SCAN_FILE_MAX_BYTES,
  SCAN_FILE_MEDIA_TYPES,
  SCAN_FINDINGS,
  type IsoDate,
  type Leg,
  type RecordScanRequest,
  type ScanConclusion,
  type ScanFinding,
} from '@venule/api-contract';
import { checkScanRecord } from '@venule/clinical-rules';
import type { DateTime } from 'luxon';
import { map, startWith } from 'rxjs';
import { isoDateOf, pickerDate, pickerError } from '../core/clinic-dates';
import { formatDate, todayIso } from '../core/dates';
import { applyServerFieldErrors, problemMessage, problemOf } from '../core/problem';
import { LegDiagram } from '../shared/leg-diagram';
import { LEG_LABELS } from '../core/legs';
import { findingLabel, findingRegions, findingShort, isUnderlyingDisease, parseRegionId, regionId } from './finding-sites';
import { revealAfterRender } from '../shared/reveal';

/** What the form hands over: the scan, and a report file to attach once the scan is saved. */
export interface ScanSubmission {
  request: RecordScanRequest;
  file: File | null;
}

type LegGroup = FormGroup<{
  scanned: FormControl<boolean>;
  findings: FormControl<ScanFinding[]>;
  notes: FormControl<string>;
  conclusion: FormControl<ScanConclusion | ''>;
}>;

const NOTES_MAX = 2000;
const PERFORMED_BY_MAX = 200;

const someLegScanned: ValidatorFn = (group) => (LEGS.some((leg) => group.get([leg, 'scanned'])?.value) ? null : { noLeg: true });

/** Recording a duplex scan: date, who did it, and per scanned leg the findings and conclusion. */
@Component({
  selector: 'vn-scan-form',
  imports: [
    ReactiveFormsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    MatRadioModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    LegDiagram,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="scan-form-title">
      <h3 id="scan-form-title">Record a duplex scan</h3>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Saving" />
      }
      @if (banner(); as text) {
        <div class="vn-banner vn-banner-error" role="alert">
          <mat-icon aria-hidden="true">error</mat-icon>
          <div>
            <p class="lead">{{ text }}</p>
            @if (bannerReasons().length) {
              <ul>
                @for (r of bannerReasons(); track $index) { <li>{{ r }}</li> }
              </ul>
            }
          </div>
        </div>
      }
      <div class="vn-form-grid">
        <mat-form-field>
          <mat-label>Scan date</mat-label>
          <input matInput formControlName="performedOn" [matDatepicker]="scanPicker" [max]="lastDay" placeholder="DD/MM/YYYY" required />
          <mat-datepicker-toggle matIconSuffix [for]="scanPicker" />
          <mat-datepicker #scanPicker />
          <mat-error>{{ dateMessage() }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Performed by</mat-label>
          <input matInput formControlName="performedBy" required [maxlength]="performedByMax" autocomplete="off" />
          <mat-hint>The clinic's vascular lab or an outside service</mat-hint>
          <mat-error>{{ message('performedBy', 'Say who performed the scan') }}</mat-error>
        </mat-form-field>
      </div>

      <div class="scanned" role="group" aria-label="Legs scanned">
        @for (leg of legs; track leg) {
          <mat-checkbox [formControl]="legGroup(leg).controls.scanned">{{ legLabels[leg] }} scanned</mat-checkbox>
        }
      </div>
      @if (submitted() && form.controls.legs.hasError('noLeg')) {
        <p class="error" role="alert">Tick at least one leg that was scanned.</p>
      }

      <div class="layout">
        <figure>
          <vn-leg-diagram [regions]="regions()" [selected]="selectedRegions()" [disabled]="busy()"
            label="Findings: select a marker to add or remove it" (toggled)="toggleRegion($event)" />
          <figcaption class="vn-muted">Select a marker to add or remove a finding, or tick it in the list.</figcaption>
        </figure>
        <div class="legs">
          @for (leg of scannedLegs(); track leg) {
            <fieldset class="leg" [formGroup]="legGroup(leg)">
              <legend>{{ legLabels[leg] }}</legend>
              <div class="findings" role="group" [attr.aria-label]="legLabels[leg] + ' findings'">
                @for (f of findings; track f) {
                  <mat-checkbox [checked]="raw().legs[leg].findings.includes(f)" [disabled]="busy()" (change)="toggleFinding(leg, f)">
                    <span class="short" aria-hidden="true">{{ short(f) }}</span> {{ label(f) }}
                  </mat-checkbox>
                }
              </div>
              <div class="conclusion">
                <span class="field-label" [id]="'conclusion-' + leg">Conclusion</span>
                <mat-radio-group formControlName="conclusion" [attr.aria-labelledby]="'conclusion-' + leg">
                  <mat-radio-button value="clear">Clear: no underlying disease</mat-radio-button>
                  <mat-radio-button value="underlying_disease">Underlying disease: refer</mat-radio-button>
                  <mat-radio-button value="inconclusive">Inconclusive: repeat the scan</mat-radio-button>
                </mat-radio-group>
                @if (conclusionMessage(leg); as text) {
                  <p class="error" role="alert">{{ text }}</p>
                }
              </div>
              <mat-form-field class="notes">
                <mat-label>Notes</mat-label>
                <textarea matInput formControlName="notes" rows="2" [maxlength]="notesMax"></textarea>
                <mat-error>{{ message('legs.' + leg + '.notes', 'At most ' + notesMax + ' characters') }}</mat-error>
              </mat-form-field>
            </fieldset>
          }
        </div>
      </div>

      <div class="file">
        <input #fileInput type="file" class="vn-visually-hidden" tabindex="-1" aria-hidden="true"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" (change)="pickFile(fileInput)" />
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="fileInput.click()">
          <mat-icon>attach_file</mat-icon> {{ file() ? 'Replace report' : 'Attach report (optional)' }}
        </button>
        @if (file(); as f) {
          <span class="file-name">{{ f.name }} · {{ size(f.size) }}</span>
          <button mat-icon-button type="button" aria-label="Remove the report" (click)="file.set(null); fileInput.value = ''">
            <mat-icon>close</mat-icon>
          </button>
        } @else {
          <span class="vn-muted">PDF, PNG or JPEG, up to {{ size(maxBytes) }}</span>
        }
        @if (fileError(); as text) {
          <p class="error" role="alert">{{ text }}</p>
        }
      </div>

      <div class="vn-actions">
        <button mat-flat-button type="submit" [disabled]="busy()">Save scan</button>
        <button mat-button type="button" [disabled]="busy()" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 16px; padding: 16px; border-radius: 16px;
      border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    h3 { font: var(--mat-sys-title-medium); }
    .vn-form-grid { margin-bottom: 0; }
    .lead, ul { margin: 0; }
    ul { padding-left: 20px; }
    .scanned { display: flex; flex-wrap: wrap; gap: 8px 24px; }
    .layout { display: grid; grid-template-columns: minmax(240px, 340px) minmax(0, 1fr); gap: 24px; align-items: start; }
    figure { margin: 0; }
    figcaption { font: var(--mat-sys-body-small); margin-top: 4px; }
    .legs { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; align-items: start; }
    .leg { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 8px 16px 12px; margin: 0; min-width: 0; }
    legend { font: var(--mat-sys-title-small); padding: 0 4px; }
    .findings { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); }
    .short { display: inline-block; min-width: 30px; font: var(--mat-sys-label-small); font-weight: 700; color: var(--mat-sys-primary); }
    .conclusion { margin: 8px 0 12px; }
    .field-label { display: block; font: var(--mat-sys-title-small); }
    mat-radio-group { display: flex; flex-wrap: wrap; gap: 0 16px; }
    .notes { width: 100%; }
    .error { color: var(--mat-sys-error); font: var(--mat-sys-body-small); margin: 4px 0 0; flex-basis: 100%; }
    .file { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
    .file-name { font: var(--mat-sys-body-medium); overflow-wrap: anywhere; }
    /* On a tablet the diagram gets its own row, wide enough for finger-sized markers (about 44 px). */
    @media (max-width: 1023px) { .layout { grid-template-columns: minmax(0, 1fr); } figure { max-width: 520px; } }
  `,
})
export class ScanForm {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly busy = input(false);
  /** The failed save, whose field errors and refusal reasons the form shows. */
  readonly serverError = input<unknown>(null);
  readonly saved = output<ScanSubmission>();
  readonly cancelled = output<void>();

  protected readonly legs = LEGS;
  protected readonly legLabels = LEG_LABELS;
  protected readonly findings = SCAN_FINDINGS;
  protected readonly today = todayIso();
  /** The datepicker's max: no scan is dated after today. */
  protected readonly lastDay = pickerDate(this.today);
  protected readonly notesMax = NOTES_MAX;
  protected readonly performedByMax = PERFORMED_BY_MAX;
  protected readonly maxBytes = SCAN_FILE_MAX_BYTES;
  protected readonly label = findingLabel;
  protected readonly short = findingShort;

  protected readonly submitted = signal(false);
  protected readonly banner = signal<string | null>(null);
  protected readonly bannerReasons = signal<string[]>([]);
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | null>(null);

  protected readonly form = this.fb.group({
    performedOn: this.fb.control<DateTime | null>(this.lastDay, Validators.required),
    performedBy: this.fb.control('', [Validators.required, Validators.maxLength(PERFORMED_BY_MAX)]),
    legs: this.fb.group({ left: this.legForm(), right: this.legForm() }, { validators: someLegScanned }),
  });

  /** Every value, including the legs switched off, as a signal for the diagram and the checklist. */
  protected readonly raw = toSignal(
    this.form.valueChanges.pipe(
      map(() => this.form.getRawValue()),
      startWith(this.form.getRawValue()),
    ),
    {
      requireSync: true,
    },
  );
  protected readonly scannedLegs = computed(() => LEGS.filter((leg) => this.raw().legs[leg].scanned));
  protected readonly regions = computed(() => findingRegions(this.scannedLegs()));
  protected readonly selectedRegions = computed(() =>
    this.scannedLegs().flatMap((leg) => this.raw().legs[leg].findings.map((f) => regionId(leg, f))),
  );

  constructor() {
    for (const leg of LEGS) {
      // A leg that was not scanned has no findings or conclusion to check.
      this.legGroup(leg).controls.scanned.valueChanges.subscribe((scanned) => {
        for (const name of ['findings', 'notes', 'conclusion'] as const) {
          const control = this.legGroup(leg).controls[name];
          if (scanned) control.enable({ emitEvent: false });
          else control.disable({ emitEvent: false });
        }
      });
    }
    effect(() => {
      const error = this.serverError();
      if (!error) return;
      const unmatched = applyServerFieldErrors(this.form, error);
      const problem = problemOf(error);
      const fieldErrors = problem?.errors ?? [];
      this.submitted.set(true);
      if (fieldErrors.length) {
        this.banner.set('Some answers need attention.');
        this.bannerReasons.set(unmatched.flatMap((e) => e.messages));
      } else {
        this.banner.set(problem?.reasons?.length ? 'The scan was not recorded:' : problemMessage(error));
        this.bannerReasons.set((problem?.reasons ?? []).map((r) => r.message));
      }
      this.cdr.markForCheck();
    });
  }

  protected legGroup(leg: Leg): LegGroup {
    return this.form.controls.legs.controls[leg];
  }

  protected message(path: string, fallback: string): string {
    return (this.form.get(path)?.getError('server') as string | null) ?? fallback;
  }

  protected dateMessage(): string {
    const control = this.form.controls.performedOn;
    if (control.hasError('server')) return control.getError('server') as string;
    if (control.hasError('matDatepickerMax')) return `The scan date cannot be after today (${formatDate(this.today)}).`;
    return pickerError(control) ?? 'Enter the date of the scan';
  }

  /** Said as soon as a finding and the conclusion contradict each other, not only on save. */
  protected conclusionMessage(leg: Leg): string | null {
    if (!this.raw().legs[leg].scanned) return null;
    const control = this.legGroup(leg).controls.conclusion;
    const server = control.getError('server') as string | null;
    if (server) return server;
    const value = this.raw().legs[leg];
    const disease = value.findings.filter(isUnderlyingDisease);
    if (value.conclusion === 'clear' && disease.length) {
      return `Not clear with ${disease.map((f) => findingLabel(f).toLowerCase()).join(', ')} found: choose underlying disease or inconclusive, or correct the findings.`;
    }
    return control.invalid && (control.touched || this.submitted()) ? 'Choose a conclusion' : null;
  }

  protected toggleRegion(id: string): void {
    const region = parseRegionId(id);
    if (region) this.toggleFinding(region.leg, region.finding);
  }

  protected toggleFinding(leg: Leg, finding: ScanFinding): void {
    const control = this.legGroup(leg).controls.findings;
    const current = control.value;
    const next = current.includes(finding) ? current.filter((f) => f !== finding) : [...current, finding];
    // Keep the report order, whatever order they were ticked in.
    control.setValue(SCAN_FINDINGS.filter((f) => next.includes(f)));
    control.markAsDirty();
  }

  protected pickFile(inputElement: HTMLInputElement): void {
    const picked = inputElement.files?.[0] ?? null;
    this.fileError.set(null);
    if (!picked) return;
    if (!(SCAN_FILE_MEDIA_TYPES as readonly string[]).includes(picked.type)) {
      this.fileError.set('The report must be a PDF, PNG or JPEG file.');
      inputElement.value = '';
    } else if (picked.size > SCAN_FILE_MAX_BYTES) {
      this.fileError.set(`The report is ${this.size(picked.size)}; the most is ${this.size(SCAN_FILE_MAX_BYTES)}.`);
      inputElement.value = '';
    } else {
      this.file.set(picked);
    }
  }

  protected size(bytes: number): string {
    return bytes >= 1024 * 1024
      ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }

  protected submit(): void {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    const request = this.request();
    // The same check the API runs, so a contradiction is explained before anything is sent.
    const problems = this.form.valid ? checkScanRecord(request, this.today) : [];
    for (const problem of problems) {
      const control = this.form.get(problem.field);
      if (control && control !== this.form.controls.legs) control.setErrors({ ...(control.errors ?? {}), server: problem.message });
    }
    if (this.form.invalid || problems.length || LEGS.some((leg) => this.conclusionMessage(leg))) {
      this.banner.set('Some answers need attention.');
      this.bannerReasons.set([]);
      revealAfterRender(this.injector, () => this.host.nativeElement.querySelector('.vn-banner'));
      return;
    }
    this.banner.set(null);
    this.bannerReasons.set([]);
    this.saved.emit({ request, file: this.file() });
  }

  private request(): RecordScanRequest {
    const value = this.form.getRawValue();
    const legs: RecordScanRequest['legs'] = {};
    for (const leg of LEGS) {
      const v = value.legs[leg];
      if (v.scanned) legs[leg] = { findings: v.findings, notes: v.notes.trim() || null, conclusion: v.conclusion as ScanConclusion };
    }
    return { performedOn: isoDateOf(value.performedOn) as IsoDate, performedBy: value.performedBy.trim(), legs };
  }

  private legForm(): LegGroup {
    return this.fb.group({
      scanned: this.fb.control(true),
      findings: this.fb.control<ScanFinding[]>([]),
      notes: this.fb.control('', Validators.maxLength(NOTES_MAX)),
      conclusion: this.fb.control<ScanConclusion | ''>('', Validators.required),
    });
  }
}
