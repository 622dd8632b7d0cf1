import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent, type AuditQuery, type Page, type PatientSummary } from '@venule/api-contract';
import { DateTime } from 'luxon';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { AuditApi, PatientsApi } from '../core/api';
import { isoDateOf, pickerDate } from '../core/clinic-dates';
import { formatInstant } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { saveFile } from '../reports/reports-api';
import { EmptyState, ErrorState } from '../shared/view-state';
import { ACTION_LABELS, ENTITY_LABELS, actionLabel, entityLabel, fieldLabel } from './audit-labels';

export const AUDIT_PAGE_SIZES = [25, 50, 100];

const patientText = (p: PatientSummary) => `${p.firstName} ${p.lastName} (${p.clinicNumber})`;

/** The page a row's record lives on, when there is one to open. */
export function recordLink(e: AuditEvent): string[] | null {
  if (e.entity === 'course' && e.entityId) return links.course(e.entityId);
  if (e.entity === 'report') return e.entityId === 'overdue' ? links.overdue() : links.reports();
  return e.patientId ? links.patient(e.patientId) : null;
}

@Component({
  selector: 'vn-audit-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatTableModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTooltipModule,
    EmptyState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <h1>Audit trail</h1>
      <button mat-stroked-button type="button" (click)="download()" [disabled]="downloading()"><mat-icon>download</mat-icon> Download CSV</button>
    </header>
    <form class="filters" [formGroup]="filters" (ngSubmit)="apply()" aria-label="Filter the audit trail">
      <mat-form-field class="wide">
        <mat-label>Patient</mat-label>
        <input matInput [formControl]="patientSearch" [matAutocomplete]="patients" placeholder="Name, clinic number or phone" autocomplete="off" />
        <mat-autocomplete #patients="matAutocomplete" [displayWith]="patientDisplay" (optionSelected)="pickPatient($event.option.value)">
          @for (p of patientOptions(); track p.id) {
            <mat-option [value]="p">{{ patientText(p) }}</mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Staff member</mat-label>
        <mat-select formControlName="actorId">
          <mat-option value="">Anyone</mat-option>
          @for (s of staff(); track s.id) {
            <mat-option [value]="s.id">{{ s.displayName }}@if (!s.active) { (inactive)}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Action</mat-label>
        <mat-select formControlName="action">
          <mat-option value="">Any action</mat-option>
          @for (a of actions; track a.value) {
            <mat-option [value]="a.value">{{ a.label }} only</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Record</mat-label>
        <mat-select formControlName="entity">
          <mat-option value="">Any record</mat-option>
          @for (e of entities; track e.value) {
            <mat-option [value]="e.value">{{ e.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>From</mat-label>
        <input matInput [matDatepicker]="fromPicker" formControlName="from" placeholder="DD/MM/YYYY" />
        <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
        <mat-datepicker #fromPicker />
      </mat-form-field>
      <mat-form-field>
        <mat-label>To</mat-label>
        <input matInput [matDatepicker]="toPicker" formControlName="to" placeholder="DD/MM/YYYY" />
        <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
        <mat-datepicker #toPicker />
      </mat-form-field>
      <div class="vn-actions">
        <button mat-flat-button type="submit"><mat-icon>filter_alt</mat-icon> Apply</button>
        <button mat-button type="button" (click)="reset()">Clear</button>
      </div>
    </form>
    <p class="vn-muted tip">Tip: select a name or a patient in the table to filter by it.</p>
    @if (downloadError(); as text) { <p class="vn-error" role="alert">{{ text }}</p> }

    @if (error(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else {
      <div class="vn-table-wrap">
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading audit events" />
        }
        @if (page(); as p) {
          @if (p.items.length === 0) {
            <vn-empty-state icon="manage_search" title="No audit events match" message="Widen the date range or clear a filter." />
          } @else {
            <table mat-table [dataSource]="p.items" aria-label="Audit events">
              <ng-container matColumnDef="at">
                <th mat-header-cell *matHeaderCellDef>When</th>
                <td mat-cell *matCellDef="let e" class="nowrap">{{ when(e.at) }}</td>
              </ng-container>
              <ng-container matColumnDef="actor">
                <th mat-header-cell *matHeaderCellDef>Who</th>
                <td mat-cell *matCellDef="let e">
                  @if (e.actorId) {
                    <button type="button" class="link" (click)="filterBy('actorId', e.actorId)" [matTooltip]="'Only events by ' + e.actorEmail">{{ e.actorName ?? e.actorEmail }}</button>
                  } @else {
                    <span class="vn-muted">System</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="action">
                <th mat-header-cell *matHeaderCellDef>Action</th>
                <td mat-cell *matCellDef="let e">{{ actionLabel(e.action) }}</td>
              </ng-container>
              <ng-container matColumnDef="entity">
                <th mat-header-cell *matHeaderCellDef>Record</th>
                <td mat-cell *matCellDef="let e">
                  @if (recordLink(e); as link) {
                    <a [routerLink]="link">{{ entityLabel(e.entity) }}</a>
                  } @else {
                    {{ entityLabel(e.entity) }}
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="patient">
                <th mat-header-cell *matHeaderCellDef>Patient</th>
                <td mat-cell *matCellDef="let e">
                  @if (e.patientId) {
                    <button type="button" class="link" (click)="filterBy('patientId', e.patientId, e.patientName + ' (' + e.patientClinicNumber + ')')"
                      matTooltip="Only events about this patient">{{ e.patientName }}</button>
                    <span class="vn-muted"> {{ e.patientClinicNumber }}</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="fields">
                <th mat-header-cell *matHeaderCellDef>Fields</th>
                <td mat-cell *matCellDef="let e" class="fields">{{ fields(e.fields) }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let e; columns: columns"></tr>
            </table>
          }
          <mat-paginator [length]="p.total" [pageSize]="limit()" [pageIndex]="pageIndex()" [pageSizeOptions]="pageSizes"
            (page)="onPage($event)" aria-label="Audit pages" />
        } @else if (!loading()) {
          <vn-empty-state icon="history" title="Audit trail" />
        }
      </div>
    }
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .filters mat-form-field { width: 180px; }
    .filters mat-form-field.wide { width: 300px; }
    .tip { margin: 8px 0 16px; font: var(--mat-sys-body-small); }
    .nowrap { white-space: nowrap; }
    .fields { max-width: 280px; color: var(--mat-sys-on-surface-variant); }
    .vn-error { color: var(--mat-sys-error); }
    .link { background: none; border: none; padding: 0; font: inherit; color: var(--mat-sys-primary); cursor: pointer;
      text-decoration: underline; text-underline-offset: 2px; }
    .link:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
  `,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly patientsApi = inject(PatientsApi);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router: the filters live in the address, so they can be shared. */
  readonly patientId = input<string | undefined>();
  readonly actorId = input<string | undefined>();
  readonly action = input<string | undefined>();
  readonly entity = input<string | undefined>();
  readonly from = input<string | undefined>();
  readonly to = input<string | undefined>();
  readonly offset = input<string | undefined>();
  readonly pageSize = input<string | undefined>();

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'patient', 'fields'];
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly actions = AUDIT_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value] }));
  protected readonly entities = Object.entries(ENTITY_LABELS)
    .map(([value, label]) => ({ value, label: label[0].toUpperCase() + label.slice(1) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  protected readonly filters = inject(NonNullableFormBuilder).group({
    actorId: '',
    action: '',
    entity: '',
    from: new FormControl<DateTime | null>(null),
    to: new FormControl<DateTime | null>(null),
  });
  /** What the patient field holds: typed text while searching, the patient once picked. */
  protected readonly patientSearch = new FormControl<string | PatientSummary>('', { nonNullable: true });
  private readonly picked = signal<{ id: string; text: string } | null>(null);

  protected readonly staff = toSignal(this.api.staff().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly patientOptions = toSignal(
    this.patientSearch.valueChanges.pipe(
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of([])
          : this.patientsApi.search({ q, limit: 10, includeArchived: true }).pipe(
              map((p) => p.items),
              catchError(() => of([])),
            ),
      ),
    ),
    { initialValue: [] as PatientSummary[] },
  );

  protected readonly page = signal<Page<AuditEvent> | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);
  protected readonly limit = computed(() => Number(this.pageSize()) || AUDIT_PAGE_SIZES[0]);
  protected readonly pageIndex = computed(() => Math.floor((Number(this.offset()) || 0) / this.limit()));

  private readonly query = computed<AuditQuery>(() => ({
    patientId: this.patientId() || undefined,
    actorId: this.actorId() || undefined,
    action: (AUDIT_ACTIONS as readonly string[]).includes(this.action() ?? '') ? (this.action() as AuditAction) : undefined,
    entity: this.entity() || undefined,
    from: this.from() || undefined,
    to: this.to() || undefined,
    limit: this.limit(),
    offset: Number(this.offset()) || 0,
  }));

  constructor() {
    effect(() => {
      this.filters.setValue({
        actorId: this.actorId() ?? '',
        action: this.action() ?? '',
        entity: this.entity() ?? '',
        from: pickerDate(this.from()),
        to: pickerDate(this.to()),
      });
      const id = this.patientId();
      const picked = untracked(this.picked);
      this.patientSearch.setValue(id ? (picked?.id === id ? picked.text : '') : '', { emitEvent: false });
      this.load();
    });
    this.patientSearch.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      if (value === '') this.picked.set(null);
    });
  }

  load(): void {
    const query = this.query();
    this.loading.set(true);
    this.error.set(null);
    this.api.list(query).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.page.set(page);
        const first = page.items[0];
        // Opened from a shared address: name the patient from the rows, without reading their record.
        if (query.patientId && first?.patientName && this.picked()?.id !== query.patientId) {
          this.picked.set({ id: query.patientId, text: `${first.patientName} (${first.patientClinicNumber})` });
          this.patientSearch.setValue(this.picked()?.text ?? '', { emitEvent: false });
        }
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(problemMessage(error));
      },
    });
  }

  protected readonly patientText = patientText;
  protected readonly patientDisplay = (value: string | PatientSummary | null) =>
    value && typeof value === 'object' ? patientText(value) : (value ?? '');

  protected pickPatient(patient: PatientSummary): void {
    this.picked.set({ id: patient.id, text: patientText(patient) });
  }

  protected apply(): void {
    const v = this.filters.getRawValue();
    const patient = this.patientSearch.value ? this.picked() : null;
    this.navigate({
      patientId: patient?.id ?? null,
      actorId: v.actorId || null,
      action: v.action || null,
      entity: v.entity || null,
      from: isoDateOf(v.from),
      to: isoDateOf(v.to),
      offset: null,
    });
  }

  protected reset(): void {
    this.picked.set(null);
    this.navigate({ patientId: null, actorId: null, action: null, entity: null, from: null, to: null, offset: null });
  }

  protected filterBy(key: 'patientId' | 'actorId', value: string, text?: string): void {
    if (key === 'patientId' && text) this.picked.set({ id: value, text });
    this.navigate({ [key]: value, offset: null });
  }

  protected onPage(event: PageEvent): void {
    this.navigate({
      offset: event.pageIndex * event.pageSize || null,
      pageSize: event.pageSize === AUDIT_PAGE_SIZES[0] ? null : event.pageSize,
    });
  }

  protected download(): void {
    this.downloading.set(true);
    this.downloadError.set(null);
    this.api.csv(this.query()).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        saveFile(blob, 'audit-trail.csv');
      },
      error: (error: unknown) => {
        this.downloading.set(false);
        this.downloadError.set(problemMessage(error));
      },
    });
  }

  /** On the clinic's wall clock, like every other time in the dashboard. */
  protected readonly when = formatInstant;
  protected readonly actionLabel = actionLabel;
  protected readonly entityLabel = entityLabel;
  protected readonly recordLink = recordLink;

  protected fields(names: string[]): string {
    return names.map(fieldLabel).join(', ');
  }

  private navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
