import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { CourseProgressPage, CourseProgressSort, Leg } from '@venule/api-contract';
import { formatDate } from '../core/dates';
import { LEG_LABELS } from '../core/legs';
import { links } from '../core/paths';
import { StateChip } from '../courses/state-chip';

export const PROGRESS_PAGE_SIZES = [25, 50, 100];

/** The course-progress table: sorted and paged by the server; each row opens its course. */
@Component({
  selector: 'vn-progress-table',
  imports: [MatTableModule, MatSortModule, MatPaginatorModule, RouterLink, StateChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="vn-table-wrap">
      <table mat-table [dataSource]="page().items" matSort [matSortActive]="sort()" [matSortDirection]="direction()" matSortDisableClear
        (matSortChange)="onSort($event)" aria-label="Active courses">
        <ng-container matColumnDef="patientName">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Patient</th>
          <td mat-cell *matCellDef="let r">
            <a [routerLink]="courseLink(r.courseId)">{{ r.patientName }}</a>
            <div class="vn-muted small">{{ r.clinicNumber }} · {{ legs(r.legs) }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="clinicianName">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Clinician</th>
          <td mat-cell *matCellDef="let r">{{ r.clinicianName ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="sessionsCompleted">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Sessions</th>
          <td mat-cell *matCellDef="let r">{{ r.sessionsCompleted }} of {{ r.plannedSessions }}</td>
        </ng-container>
        <ng-container matColumnDef="lastSessionOn">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Last session</th>
          <td mat-cell *matCellDef="let r">{{ date(r.lastSessionOn) }}</td>
        </ng-container>
        <ng-container matColumnDef="nextSessionOn">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Next booked</th>
          <td mat-cell *matCellDef="let r">{{ date(r.nextSessionOn) }}</td>
        </ng-container>
        <ng-container matColumnDef="state">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>State</th>
          <td mat-cell *matCellDef="let r"><vn-state-chip [state]="r.state" /></td>
        </ng-container>
        <ng-container matColumnDef="daysOverdue">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Days overdue</th>
          <td mat-cell *matCellDef="let r">{{ r.daysOverdue || '' }}</td>
        </ng-container>
        <ng-container matColumnDef="ratings">
          <th mat-header-cell *matHeaderCellDef>Improvement (patient / clinician)</th>
          <td mat-cell *matCellDef="let r">{{ percent(r.patientRatedImprovement) }} / {{ percent(r.clinicianRatedImprovement) }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let r; columns: columns"></tr>
      </table>
      <mat-paginator [length]="page().total" [pageSize]="page().limit" [pageIndex]="page().offset / page().limit"
        [pageSizeOptions]="pageSizes" (page)="pageChange.emit($event)" aria-label="Course pages" />
    </div>
  `,
  // The patient column keeps room for the name, clinic number and legs on a 1024px tablet.
  styles: `.small { font: var(--mat-sys-body-small); } .mat-column-patientName { min-width: 190px; }`,
})
export class ProgressTable {
  readonly page = input.required<CourseProgressPage>();
  readonly sort = input<CourseProgressSort>('daysOverdue');
  readonly direction = input<'asc' | 'desc'>('desc');
  readonly sortChange = output<{ sort: CourseProgressSort; direction: 'asc' | 'desc' }>();
  readonly pageChange = output<PageEvent>();

  protected readonly columns = [
    'patientName',
    'clinicianName',
    'sessionsCompleted',
    'lastSessionOn',
    'nextSessionOn',
    'state',
    'daysOverdue',
    'ratings',
  ];
  protected readonly pageSizes = PROGRESS_PAGE_SIZES;
  protected readonly courseLink = links.course;
  protected readonly date = (d: string | null) => (d ? formatDate(d) : '—');
  protected readonly percent = (p: number | null) => (p === null ? '—' : `${p} %`);
  protected readonly legs = (legs: Leg[]) => legs.map((l) => LEG_LABELS[l]).join(', ');

  protected onSort(sort: Sort): void {
    this.sortChange.emit({ sort: sort.active as CourseProgressSort, direction: sort.direction === 'asc' ? 'asc' : 'desc' });
  }
}
