import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  ADVERSE_EVENT_TYPES,
  SEVERITIES,
  type AdverseEvent,
  type AdverseEventType,
  type IsoDate,
  type Reason,
  type Severity,
} from '@venule/api-contract';
import type { DateTime } from 'luxon';
import { can } from '../core/access';
import { dateFieldMessage, isoDateOf, pickerDate } from '../core/clinic-dates';
import { formatDate } from '../core/dates';
import { applyServerFieldErrors, problemMessage, problemOf } from '../core/problem';
import { Session } from '../core/session';
import { ADVERSE_EVENT_LABELS, SEVERITY_LABELS, refusalOf } from './course-labels';
import { CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { focusFirstInvalid } from '../shared/reveal';

const NOTES_MAX = 2000;

/** The API refuses an event of type "other" that is not described. */
const describedWhenOther: ValidatorFn = (control) =>
  control.parent?.get('type')?.value === 'other' && !String(control.value).trim() ? { describe: true } : null;

const requiredWhenResolved: ValidatorFn = (control) =>
  control.parent?.get('resolved')?.value && !control.value ? { required: true } : null;

/**
 * A completed session's adverse events, listed for clinicians and managers; clinicians log new ones.
 * The list comes with the session (clinical roles receive it in the course), so nothing is fetched.
 */
@Component({
  selector: 'vn-adverse-events',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReasonList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (list().length) {
      <ul [attr.aria-label]="'Adverse events of session ' + sequence()">
        @for (e of list(); track e.id) {
          <li>
            <mat-icon class="icon" aria-hidden="true">report</mat-icon>
            <span><strong>{{ typeLabels[e.type] }}</strong> · <span class="severity" [class]="e.severity">{{ severityLabels[e.severity] }}</span>
              · onset {{ format(e.onsetOn) }} · {{ e.resolved ? 'resolved' + (e.resolvedOn ? ' ' + format(e.resolvedOn) : '') : 'not resolved' }}
              @if (e.notes) { <span class="vn-muted"> · {{ e.notes }}</span> }</span>
            @if (canWrite() && !e.resolved && resolvingId() !== e.id) {
              <button mat-button type="button" class="resolve" (click)="startResolving(e)" [attr.aria-label]="'Mark ' + typeLabels[e.type] + ' resolved'">
                <mat-icon>task_alt</mat-icon> Mark resolved
              </button>
            }
          </li>
          @if (resolvingId() === e.id) {
            <li class="resolving">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Resolved on</mat-label>
                <input matInput [formControl]="resolveDate" [matDatepicker]="resolvePicker" [min]="day(e.onsetOn)" [max]="lastDay()" placeholder="DD/MM/YYYY" />
                <mat-datepicker-toggle matIconSuffix [for]="resolvePicker" />
                <mat-datepicker #resolvePicker />
                <mat-error>{{ dateMessage(resolveDate, 'Enter a date from the onset to today') }}</mat-error>
              </mat-form-field>
              <button mat-flat-button type="button" (click)="resolve(e)" [disabled]="busy()">Save</button>
              <button mat-button type="button" (click)="resolvingId.set(null)">Cancel</button>
            </li>
          }
        }
      </ul>
    }
    @if (canWrite()) {
      @if (open()) {
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-label]="'Log an adverse event for session ' + sequence()">
          @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
          <div class="vn-form-grid">
            <mat-form-field appearance="outline">
              <mat-label>Adverse event</mat-label>
              <mat-select formControlName="type">
                @for (t of types; track t) { <mat-option [value]="t">{{ typeLabels[t] }}</mat-option> }
              </mat-select>
              <mat-error>{{ form.controls.type.getError('server') ?? 'Choose the type of event' }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Severity</mat-label>
              <mat-select formControlName="severity">
                @for (s of severities; track s) { <mat-option [value]="s">{{ severityLabels[s] }}</mat-option> }
              </mat-select>
              <mat-error>{{ form.controls.severity.getError('server') ?? 'Choose the severity' }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Onset</mat-label>
              <input matInput formControlName="onsetOn" [matDatepicker]="onsetPicker" [min]="day(completedOn())" [max]="lastDay()" placeholder="DD/MM/YYYY" />
              <mat-datepicker-toggle matIconSuffix [for]="onsetPicker" />
              <mat-datepicker #onsetPicker />
              <mat-error>{{ dateMessage(form.controls.onsetOn, 'Enter a date from the session to today') }}</mat-error>
            </mat-form-field>
            <mat-checkbox class="resolved" formControlName="resolved">Resolved</mat-checkbox>
            @if (form.controls.resolved.value) {
              <mat-form-field appearance="outline">
                <mat-label>Resolved on</mat-label>
                <input matInput formControlName="resolvedOn" [matDatepicker]="resolvedPicker" [min]="form.controls.onsetOn.value" [max]="lastDay()" placeholder="DD/MM/YYYY" />
                <mat-datepicker-toggle matIconSuffix [for]="resolvedPicker" />
                <mat-datepicker #resolvedPicker />
                <mat-error>{{ dateMessage(form.controls.resolvedOn, 'Enter a date from the onset to today') }}</mat-error>
              </mat-form-field>
            }
          </div>
          <mat-form-field appearance="outline" class="full">
            <mat-label>Notes</mat-label>
            <textarea matInput formControlName="notes" rows="2" [maxlength]="notesMax"></textarea>
            @if (form.controls.type.value === 'other') { <mat-hint>Describe the event</mat-hint> }
            <mat-error>{{ form.controls.notes.getError('server') ?? 'Describe the event' }}</mat-error>
          </mat-form-field>
          <div class="vn-actions">
            <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>add_alert</mat-icon> Log adverse event</button>
            <button mat-button type="button" (click)="close()">Cancel</button>
          </div>
        </form>
      } @else {
        <button mat-button type="button" (click)="start()"><mat-icon>add_alert</mat-icon> Log adverse event</button>
      }
    }
  `,
  styles: `
    :host { display: block; }
    ul { list-style: none; margin: 0 0 4px; padding: 0; }
    li { display: flex; align-items: flex-start; gap: 8px; padding: 2px 0; }
    li.resolving { align-items: center; flex-wrap: wrap; padding: 8px 0 8px 28px; }
    .resolve { flex: none; margin-left: auto; }
    .icon { flex: none; color: var(--mat-sys-error); font-size: 20px; width: 20px; height: 20px; }
    .severity { font: var(--mat-sys-label-medium); padding: 1px 8px; border-radius: 6px; background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container); }
    .severity.severe { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    form { margin-top: 8px; padding: 16px; border-radius: 12px; background: var(--mat-sys-surface-container-low); }
    .resolved { align-self: start; margin-top: 8px; }
    .full { width: 100%; }
  `,
})
export class AdverseEvents {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly api = inject(CoursesApi);
  private readonly session = inject(Session);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly sessionId = input.required<string>();
  readonly sequence = input.required<number>();
  /** The session's clinic date: no event starts before it. */
  readonly completedOn = input.required<IsoDate>();
  readonly events = input.required<readonly AdverseEvent[]>();
  readonly today = input.required<IsoDate>();
  /** The datepickers' max: nothing starts or ends after today. */
  protected readonly lastDay = computed(() => pickerDate(this.today()));
  protected readonly day = pickerDate;
  protected readonly dateMessage = dateFieldMessage;

  /** The session's events plus those logged here, until the course is loaded again. */
  protected readonly list = linkedSignal<readonly AdverseEvent[]>(() => this.events());
  protected readonly open = signal(false);
  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  /** The event whose resolution date is being entered. */
  protected readonly resolvingId = signal<string | null>(null);
  protected readonly resolveForm = this.fb.group({ resolvedOn: this.fb.control<DateTime | null>(null, Validators.required) });
  protected readonly resolveDate = this.resolveForm.controls.resolvedOn;
  protected readonly canWrite = computed(() => can(this.session.role(), 'writeClinical'));

  protected readonly form = this.fb.group({
    type: this.fb.control<AdverseEventType | ''>('', Validators.required),
    severity: this.fb.control<Severity | ''>('', Validators.required),
    onsetOn: this.fb.control<DateTime | null>(null, Validators.required),
    resolved: false,
    resolvedOn: this.fb.control<DateTime | null>(null, requiredWhenResolved),
    notes: this.fb.control('', [describedWhenOther, Validators.maxLength(NOTES_MAX)]),
  });

  protected readonly types = ADVERSE_EVENT_TYPES;
  protected readonly severities = SEVERITIES;
  protected readonly typeLabels = ADVERSE_EVENT_LABELS;
  protected readonly severityLabels = SEVERITY_LABELS;
  protected readonly notesMax = NOTES_MAX;
  protected readonly format = formatDate;

  constructor() {
    this.form.controls.type.valueChanges.subscribe(() => this.form.controls.notes.updateValueAndValidity());
    this.form.controls.resolved.valueChanges.subscribe((resolved) => {
      this.form.controls.resolvedOn.setValue(resolved ? this.lastDay() : null);
    });
  }

  protected startResolving(event: AdverseEvent): void {
    this.resolveDate.reset(this.lastDay());
    this.resolvingId.set(event.id);
  }

  protected resolve(event: AdverseEvent): void {
    if (this.resolveDate.invalid) {
      this.resolveDate.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.api.resolveAdverseEvent(event.id, isoDateOf(this.resolveDate.value) as IsoDate).subscribe({
      next: (resolved) => {
        this.busy.set(false);
        this.resolvingId.set(null);
        this.list.update((list) => list.map((e) => (e.id === resolved.id ? resolved : e)));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (!problemOf(error)?.errors?.length) this.resolveDate.setErrors({ server: problemMessage(error) });
        applyServerFieldErrors(this.resolveForm, error);
        this.resolveDate.markAsTouched();
      },
    });
  }

  protected start(): void {
    this.form.controls.onsetOn.setValue(this.lastDay());
    this.open.set(true);
  }

  protected close(): void {
    this.open.set(false);
    this.refusal.set(null);
    this.form.reset();
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    if (this.form.invalid || !v.type || !v.severity) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.busy.set(true);
    this.refusal.set(null);
    const notes = v.notes.trim();
    const resolvedOn = v.resolved ? isoDateOf(v.resolvedOn) : null;
    this.api
      .logAdverseEvent(this.sessionId(), {
        type: v.type,
        severity: v.severity,
        onsetOn: isoDateOf(v.onsetOn) as IsoDate,
        resolved: v.resolved,
        ...(resolvedOn ? { resolvedOn } : {}),
        ...(notes ? { notes } : {}),
      })
      .subscribe({
        next: (event) => {
          this.busy.set(false);
          this.list.update((list) => [...list, event]);
          this.close();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          applyServerFieldErrors(this.form, error);
          this.refusal.set(refusalOf(error));
        },
      });
  }
}
