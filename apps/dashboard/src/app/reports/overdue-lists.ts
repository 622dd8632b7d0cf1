import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { Leg, OverdueReport } from '@venule/api-contract';
import { formatDate } from '../core/dates';
import { LEG_LABELS } from '../core/legs';
import { counted } from './counted';
import { RecallTable } from './recall-table';

/**
 * The three lists reception phones from. Clinical detail (legs, sessions) shows only when the
 * API sent it: never to reception.
 */
@Component({
  selector: 'vn-overdue-lists',
  imports: [MatTableModule, RecallTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="overdue-h">
      <h2 id="overdue-h">Overdue, nothing booked ({{ report().overdue.length }})</h2>
      @if (report().overdue.length) {
        <vn-recall-table [rows]="report().overdue" labelledBy="overdue-h" whenHeader="Was due by" [when]="dueBy" [clinical]="clinical()" />
      } @else { <p class="vn-muted">Nobody is overdue.</p> }
    </section>
    <section aria-labelledby="recall-h">
      <h2 id="recall-h">Recall: window open or opening within {{ report().recallDays }} days ({{ report().recall.length }})</h2>
      @if (report().recall.length) {
        <vn-recall-table [rows]="report().recall" labelledBy="recall-h" whenHeader="Book between" [when]="bookBetween" [clinical]="clinical()" />
      } @else { <p class="vn-muted">No recalls due.</p> }
    </section>
    <ng-template #dueBy let-r>{{ date(r.windowClosesOn) }} ({{ counted(r.daysOverdue, 'day') }} ago)</ng-template>
    <ng-template #bookBetween let-r>{{ date(r.windowOpensOn) }} and {{ date(r.windowClosesOn) }}</ng-template>
    <section aria-labelledby="scan-h">
      <h2 id="scan-h">Clear scan runs out within {{ report().scanExpiryDays }} days, sessions still planned ({{ report().scanExpiring.length }})</h2>
      @if (report().scanExpiring.length) {
        <table mat-table [dataSource]="report().scanExpiring" aria-labelledby="scan-h">
          <ng-container matColumnDef="patient"><th mat-header-cell *matHeaderCellDef>Patient</th>
            <td mat-cell *matCellDef="let r">{{ r.patientName }} <span class="vn-muted number">{{ r.clinicNumber }}</span></td></ng-container>
          <ng-container matColumnDef="phone"><th mat-header-cell *matHeaderCellDef>Phone</th>
            <td mat-cell *matCellDef="let r">@if (r.phone) { <a class="number" [href]="'tel:' + r.phone">{{ r.phone }}</a> } @else { <span class="vn-muted">No phone number</span> }</td></ng-container>
          <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>Scan valid until</th>
            <td mat-cell *matCellDef="let r">{{ legLabel(r.leg) }}: {{ date(r.validUntil) }} ({{ counted(r.sessionsRemaining, 'session') }} to go)</td></ng-container>
          <tr mat-header-row *matHeaderRowDef="scanColumns"></tr>
          <tr mat-row *matRowDef="let r; columns: scanColumns"></tr>
        </table>
      } @else { <p class="vn-muted">No clear scans are about to run out.</p> }
    </section>
  `,
  styles: `section { margin-bottom: 24px; } h2 { font: var(--mat-sys-title-medium); }
    table { width: 100%; } .number { white-space: nowrap; } span.number { display: block; }`,
})
export class OverdueLists {
  readonly report = input.required<OverdueReport>();
  /** Both phone lists keep the same columns: the course column when any row carries clinical detail. */
  protected readonly clinical = computed(() => [...this.report().overdue, ...this.report().recall].some((r) => r.clinical));
  protected readonly scanColumns = ['patient', 'phone', 'when'];
  protected readonly date = formatDate;
  protected readonly counted = counted;
  protected readonly legLabel = (leg: Leg) => LEG_LABELS[leg];
}
