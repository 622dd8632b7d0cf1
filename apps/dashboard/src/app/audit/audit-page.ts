import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import type { AuditEvent, AuditQuery, Page } from '@venule/api-contract';
import { AuditApi } from '../core/api';
import { formatInstant } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { EmptyState, ErrorState } from '../shared/view-state';

export const AUDIT_PAGE_SIZES = [25, 50, 100];

/** `YYYY-MM-DD` (a local calendar day) → the instant it starts, or the instant the next day starts. */
export function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
export function dayEnd(date: string): string | undefined {
  if (!date) return undefined;
  const next = new Date(`${date}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

const ACTION_LABELS: Record<string, string> = {
  create: 'Created', read: 'Viewed', update: 'Changed', delete: 'Deleted', sign: 'Signed', login: 'Signed in', logout: 'Signed out',
  login_failed: 'Sign-in failed', login_throttled: 'Sign-in throttled', export: 'Exported',
};

@Component({
  selector: 'vn-audit-page',
  imports: [
    ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatTableModule,
    MatPaginatorModule, MatProgressBarModule, MatTooltipModule, EmptyState, ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header"><h1>Audit trail</h1></header>
    <form class="filters" [formGroup]="filters" (ngSubmit)="apply()" aria-label="Filter the audit trail">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Patient ID</mat-label>
        <input matInput formControlName="patientId" autocomplete="off" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Staff member ID</mat-label>
        <input matInput formControlName="actorId" autocomplete="off" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input matInput type="date" formControlName="from" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input matInput type="date" formControlName="to" />
      </mat-form-field>
      <div class="vn-actions">
        <button mat-flat-button type="submit"><mat-icon>filter_alt</mat-icon> Apply</button>
        <button mat-button type="button" (click)="reset()">Clear</button>
      </div>
    </form>
    <p class="vn-muted tip">Tip: select a name or a patient in the table to filter by it.</p>

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
                    <button type="button" class="link" (click)="filterBy('actorId', e.actorId)" [matTooltip]="'Only events by ' + (e.actorEmail ?? e.actorId)">{{ e.actorEmail ?? e.actorId }}</button>
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
                <td mat-cell *matCellDef="let e">{{ e.entity }} @if (e.entityId) { <span class="vn-muted id">{{ short(e.entityId) }}</span> }</td>
              </ng-container>
              <ng-container matColumnDef="patient">
                <th mat-header-cell *matHeaderCellDef>Patient</th>
                <td mat-cell *matCellDef="let e">
                  @if (e.patientId) {
                    <button type="button" class="link" (click)="filterBy('patientId', e.patientId)" matTooltip="Only events about this patient">{{ short(e.patientId) }}</button>
                    <a mat-icon-button [routerLink]="patientLink(e.patientId)" aria-label="Open patient"><mat-icon>open_in_new</mat-icon></a>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="fields">
                <th mat-header-cell *matHeaderCellDef>Fields</th>
                <td mat-cell *matCellDef="let e" class="fields">{{ e.fields.join(', ') }}</td>
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
    .filters mat-form-field { width: 200px; }
    .tip { margin: 8px 0 16px; font: var(--mat-sys-body-small); }
    .nowrap { white-space: nowrap; }
    .id { font-family: monospace; font-size: 12px; }
    .fields { max-width: 280px; color: var(--mat-sys-on-surface-variant); }
    .link { background: none; border: none; padding: 0; font: inherit; color: var(--mat-sys-primary); cursor: pointer;
      text-decoration: underline; text-underline-offset: 2px; }
    .link:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
  `,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router: the filters live in the address, so they can be shared. */
  readonly patientId = input<string | undefined>();
  readonly actorId = input<string | undefined>();
  readonly from = input<string | undefined>();
  readonly to = input<string | undefined>();
  readonly offset = input<string | undefined>();
  readonly pageSize = input<string | undefined>();

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'patient', 'fields'];
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly patientLink = links.patient;
  protected readonly filters = inject(NonNullableFormBuilder).group({ patientId: '', actorId: '', from: '', to: '' });

  protected readonly page = signal<Page<AuditEvent> | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly limit = computed(() => Number(this.pageSize()) || AUDIT_PAGE_SIZES[0]);
  protected readonly pageIndex = computed(() => Math.floor((Number(this.offset()) || 0) / this.limit()));

  private readonly query = computed<AuditQuery>(() => ({
    patientId: this.patientId() || undefined,
    actorId: this.actorId() || undefined,
    from: dayStart(this.from() ?? ''),
    to: dayEnd(this.to() ?? ''),
    limit: this.limit(),
    offset: Number(this.offset()) || 0,
  }));

  constructor() {
    effect(() => {
      this.filters.setValue({ patientId: this.patientId() ?? '', actorId: this.actorId() ?? '', from: this.from() ?? '', to: this.to() ?? '' });
      this.load();
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
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(problemMessage(error));
      },
    });
  }

  protected apply(): void {
    const v = this.filters.getRawValue();
    this.navigate({ patientId: v.patientId.trim() || null, actorId: v.actorId.trim() || null, from: v.from || null, to: v.to || null, offset: null });
  }

  protected reset(): void {
    this.navigate({ patientId: null, actorId: null, from: null, to: null, offset: null });
  }

  protected filterBy(key: 'patientId' | 'actorId', value: string): void {
    this.navigate({ [key]: value, offset: null });
  }

  protected onPage(event: PageEvent): void {
    this.navigate({ offset: event.pageIndex * event.pageSize || null, pageSize: event.pageSize === AUDIT_PAGE_SIZES[0] ? null : event.pageSize });
  }

  /** On the clinic's wall clock, like every other time in the dashboard. */
  protected readonly when = formatInstant;

  protected actionLabel(action: string): string {
    return ACTION_LABELS[action] ?? action;
  }

  protected short(id: string): string {
    return id.length > 8 ? id.slice(0, 8) + '…' : id;
  }

  private navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
