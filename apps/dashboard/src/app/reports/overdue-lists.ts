import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { OverdueReport, RecallRow } from '@venule/api-contract';
import { formatDate } from '../core/dates';
import { LEG_LABELS } from '../core/legs';

/**
 * The three lists reception phones from. Clinical detail (legs, sessions) shows only when the
 * API sent it: never to reception.
 */
@Component({
  selector: 'vn-overdue-lists',
  imports: [MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="overdue-h">
      <h2 id="overdue-h">Overdue, nothing booked ({{ report().overdue.length }})</h2>
      @if (report().overdue.length) {
        <table mat-table [dataSource]="report().overdue" aria-labelledby="overdue-h">
          <ng-container matColumnDef="patient"><th mat-header-cell *matHeaderCellDef>Patient</th>
            <td mat-cell *matCellDef="let r">{{ r.patientName }} <span class="vn-muted">{{ r.clinicNumber }}</span></td></ng-container>
          <ng-container matColumnDef="phone"><th mat-header-cell *matHeaderCellDef>Phone</th>
            <td mat-cell *matCellDef="let r"><a [href]="'tel:' + r.phone">{{ r.phone }}</a></td></ng-container>
          <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>Was due by</th>
            <td mat-cell *matCellDef="let r">{{ date(r.windowClosesOn) }} ({{ r.daysOverdue }} days ago)</td></ng-container>
          <ng-container matColumnDef="clinical"><th mat-header-cell *matHeaderCellDef>Course</th>
            <td mat-cell *matCellDef="let r">{{ course(r) }}</td></ng-container>
          <tr mat-header-row *matHeaderRowDef="recallColumns()"></tr>
          <tr mat-row *matRowDef="let r; columns: recallColumns()"></tr>
        </table>
      } @else { <p class="vn-muted">Nobody is overdue.</p> }
    </section>
    <section aria-labelledby="recall-h">
      <h2 id="recall-h">Recall: window open or opening within {{ report().recallDays }} days ({{ report().recall.length }})</h2>
      @if (report().recall.length) {
        <table mat-table [dataSource]="report().recall" aria-labelledby="recall-h">
          <ng-container matColumnDef="patient"><th mat-header-cell *matHeaderCellDef>Patient</th>
            <td mat-cell *matCellDef="let r">{{ r.patientName }} <span class="vn-muted">{{ r.clinicNumber }}</span></td></ng-container>
          <ng-container matColumnDef="phone"><th mat-header-cell *matHeaderCellDef>Phone</th>
            <td mat-cell *matCellDef="let r"><a [href]="'tel:' + r.phone">{{ r.phone }}</a></td></ng-container>
          <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>Book between</th>
            <td mat-cell *matCellDef="let r">{{ date(r.windowOpensOn) }} and {{ date(r.windowClosesOn) }}</td></ng-container>
          <ng-container matColumnDef="clinical"><th mat-header-cell *matHeaderCellDef>Course</th>
            <td mat-cell *matCellDef="let r">{{ course(r) }}</td></ng-container>
          <tr mat-header-row *matHeaderRowDef="recallColumns()"></tr>
          <tr mat-row *matRowDef="let r; columns: recallColumns()"></tr>
        </table>
      } @else { <p class="vn-muted">No recalls due.</p> }
    </section>
    <section aria-labelledby="scan-h">
      <h2 id="scan-h">Clear scan runs out within {{ report().scanExpiryDays }} days, sessions still planned ({{ report().scanExpiring.length }})</h2>
      @if (report().scanExpiring.length) {
        <table mat-table [dataSource]="report().scanExpiring" aria-labelledby="scan-h">
          <ng-container matColumnDef="patient"><th mat-header-cell *matHeaderCellDef>Patient</th>
            <td mat-cell *matCellDef="let r">{{ r.patientName }} <span class="vn-muted">{{ r.clinicNumber }}</span></td></ng-container>
          <ng-container matColumnDef="phone"><th mat-header-cell *matHeaderCellDef>Phone</th>
            <td mat-cell *matCellDef="let r"><a [href]="'tel:' + r.phone">{{ r.phone }}</a></td></ng-container>
          <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>Scan valid until</th>
            <td mat-cell *matCellDef="let r">{{ legLabel(r.leg) }}: {{ date(r.validUntil) }} ({{ r.sessionsRemaining }} sessions to go)</td></ng-container>
          <tr mat-header-row *matHeaderRowDef="scanColumns"></tr>
          <tr mat-row *matRowDef="let r; columns: scanColumns"></tr>
        </table>
      } @else { <p class="vn-muted">No clear scans are about to run out.</p> }
    </section>
  `,
  styles: `section { margin-bottom: 24px; } h2 { font: var(--mat-sys-title-medium); }`,
})
export class OverdueLists {
  readonly report = input.required<OverdueReport>();
  protected readonly recallColumns = computed(() =>
    [...this.report().overdue, ...this.report().recall].some((r) => r.clinical) ? ['patient', 'phone', 'when', 'clinical'] : ['patient', 'phone', 'when'],
  );
  protected readonly scanColumns = ['patient', 'phone', 'when'];
  protected readonly date = formatDate;
  protected readonly legLabel = (leg: 'left' | 'right') => LEG_LABELS[leg];
  protected course(r: RecallRow): string {
    if (!r.clinical) return '';
    return `${r.clinical.legs.map((l) => LEG_LABELS[l]).join(', ')} · ${r.clinical.sessionsCompleted} of ${r.clinical.plannedSessions} sessions`;
  }
}
