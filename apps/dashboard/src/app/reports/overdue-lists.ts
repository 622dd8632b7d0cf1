import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RECALL_CALL_OUTCOMES, type OverdueReport, type RecallCall, type RecallCallOutcome, type RecallRow } from '@venule/api-contract';
import { formatDate, formatInstant } from '../core/dates';
import { LEG_LABELS } from '../core/legs';
import { problemMessage } from '../core/problem';
import { ReportsApi } from './reports-api';

export const CALL_OUTCOME_LABELS: Record<RecallCallOutcome, string> = { left_message: 'Left a message', booked: 'Booked', declined: 'Declined' };

/**
 * The three lists reception phones from. Clinical detail (legs, sessions) shows only when the
 * API sent it: never to reception.
 */
@Component({
  selector: 'vn-overdue-lists',
  imports: [MatTableModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as text) { <p class="vn-error" role="alert">{{ text }}</p> }
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
          <ng-container matColumnDef="call"><th mat-header-cell *matHeaderCellDef>Call</th>
            <td mat-cell *matCellDef="let r">
              <div class="call" role="group" [attr.aria-label]="'What came of the call to ' + r.patientName">
                @for (o of outcomes; track o.value) {
                  <button mat-stroked-button type="button" [disabled]="saving() === r.courseId" (click)="record(r, o.value)">{{ o.label }}</button>
                }
              </div>
              @if (lastCall(r); as c) {
                <div class="vn-muted last">{{ outcomeLabel(c.outcome) }} · {{ when(c.calledAt) }} · {{ c.calledByName }}</div>
              }
            </td></ng-container>
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
          <ng-container matColumnDef="call"><th mat-header-cell *matHeaderCellDef>Call</th>
            <td mat-cell *matCellDef="let r">
              <div class="call" role="group" [attr.aria-label]="'What came of the call to ' + r.patientName">
                @for (o of outcomes; track o.value) {
                  <button mat-stroked-button type="button" [disabled]="saving() === r.courseId" (click)="record(r, o.value)">{{ o.label }}</button>
                }
              </div>
              @if (lastCall(r); as c) {
                <div class="vn-muted last">{{ outcomeLabel(c.outcome) }} · {{ when(c.calledAt) }} · {{ c.calledByName }}</div>
              }
            </td></ng-container>
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
  styles: `section { margin-bottom: 24px; } h2 { font: var(--mat-sys-title-medium); }
    .call { display: flex; flex-wrap: wrap; gap: 4px; } .last { font: var(--mat-sys-body-small); margin-top: 4px; }
    .vn-error { color: var(--mat-sys-error); }`,
})
export class OverdueLists {
  readonly report = input.required<OverdueReport>();
  private readonly api = inject(ReportsApi);
  protected readonly recallColumns = computed(() =>
    [...this.report().overdue, ...this.report().recall].some((r) => r.clinical)
      ? ['patient', 'phone', 'when', 'clinical', 'call']
      : ['patient', 'phone', 'when', 'call'],
  );
  protected readonly outcomes = RECALL_CALL_OUTCOMES.map((value) => ({ value, label: CALL_OUTCOME_LABELS[value] }));
  /** Calls recorded on this page since the list was loaded, by course. */
  private readonly calls = signal<Record<string, RecallCall>>({});
  protected readonly saving = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly when = formatInstant;

  protected lastCall(r: RecallRow): RecallCall | null {
    return this.calls()[r.courseId] ?? r.lastCall;
  }

  protected outcomeLabel(outcome: RecallCallOutcome): string {
    return CALL_OUTCOME_LABELS[outcome];
  }

  protected record(r: RecallRow, outcome: RecallCallOutcome): void {
    this.saving.set(r.courseId);
    this.error.set(null);
    this.api.recordCall({ courseId: r.courseId, outcome }).subscribe({
      next: (call) => {
        this.saving.set(null);
        this.calls.update((calls) => ({ ...calls, [r.courseId]: call }));
      },
      error: (error: unknown) => {
        this.saving.set(null);
        this.error.set(problemMessage(error));
      },
    });
  }
  protected readonly scanColumns = ['patient', 'phone', 'when'];
  protected readonly date = formatDate;
  protected readonly legLabel = (leg: 'left' | 'right') => LEG_LABELS[leg];
  protected course(r: RecallRow): string {
    if (!r.clinical) return '';
    return `${r.clinical.legs.map((l) => LEG_LABELS[l]).join(', ')} · ${r.clinical.sessionsCompleted} of ${r.clinical.plannedSessions} sessions`;
  }
}
