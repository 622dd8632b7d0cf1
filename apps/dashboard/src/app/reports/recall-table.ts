import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type TemplateRef } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RECALL_CALL_OUTCOMES, type RecallCall, type RecallCallOutcome, type RecallRow } from '@venule/api-contract';
import { formatInstant } from '../core/dates';
import { LEG_LABELS } from '../core/legs';
import { problemMessage } from '../core/problem';
import { ReportsApi } from './reports-api';

export const CALL_OUTCOME_LABELS: Record<RecallCallOutcome, string> = {
  left_message: 'Left a message',
  booked: 'Booked',
  declined: 'Declined',
};

/**
 * One list of courses to phone about (overdue, or recall): patient, phone, a "when" cell the
 * list supplies, the course (when the API sent clinical detail: never to reception) and one
 * button per call outcome with the last call underneath.
 */
@Component({
  selector: 'vn-recall-table',
  imports: [MatTableModule, MatButtonModule, NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as text) { <p class="vn-error" role="alert">{{ text }}</p> }
    <table mat-table [dataSource]="rows()" [attr.aria-labelledby]="labelledBy()">
      <ng-container matColumnDef="patient"><th mat-header-cell *matHeaderCellDef>Patient</th>
        <td mat-cell *matCellDef="let r">{{ r.patientName }} <span class="vn-muted number">{{ r.clinicNumber }}</span></td></ng-container>
      <ng-container matColumnDef="phone"><th mat-header-cell *matHeaderCellDef>Phone</th>
        <td mat-cell *matCellDef="let r">@if (r.phone) { <a class="number" [href]="'tel:' + r.phone">{{ r.phone }}</a> } @else { <span class="vn-muted">No phone number</span> }</td></ng-container>
      <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>{{ whenHeader() }}</th>
        <td mat-cell *matCellDef="let r"><ng-container *ngTemplateOutlet="when(); context: { $implicit: r }" /></td></ng-container>
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
            <div class="vn-muted last">{{ outcomeLabel(c.outcome) }} · {{ whenCalled(c.calledAt) }} · {{ c.calledByName }}</div>
          }
        </td></ng-container>
      <tr mat-header-row *matHeaderRowDef="columns()"></tr>
      <tr mat-row *matRowDef="let r; columns: columns()"></tr>
    </table>
  `,
  // Fixed column widths: the overdue and recall tables line up one above the other.
  styles: `table { width: 100%; table-layout: fixed; }
    .mat-column-patient { width: 22%; } .mat-column-phone { width: 16%; } .mat-column-when { width: 20%; } .mat-column-clinical { width: 16%; }
    .number { white-space: nowrap; } span.number { display: block; }
    .call { display: flex; flex-wrap: wrap; gap: 4px; } .last { font: var(--mat-sys-body-small); margin-top: 4px; }
    .vn-error { color: var(--mat-sys-error); }`,
})
export class RecallTable {
  readonly rows = input.required<RecallRow[]>();
  /** Id of the heading that names the table. */
  readonly labelledBy = input.required<string>();
  readonly whenHeader = input.required<string>();
  /** The "when" cell of a row. */
  readonly when = input.required<TemplateRef<{ $implicit: RecallRow }>>();
  /** Show the course column (the lists on one page keep the same columns). */
  readonly clinical = input(false);

  private readonly api = inject(ReportsApi);
  protected readonly columns = computed(() =>
    this.clinical() ? ['patient', 'phone', 'when', 'clinical', 'call'] : ['patient', 'phone', 'when', 'call'],
  );
  protected readonly outcomes = RECALL_CALL_OUTCOMES.map((value) => ({ value, label: CALL_OUTCOME_LABELS[value] }));
  /** Calls recorded on this page since the list was loaded, by course. */
  private readonly calls = signal<Record<string, RecallCall>>({});
  protected readonly saving = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly whenCalled = formatInstant;

  protected lastCall(r: RecallRow): RecallCall | null {
    return this.calls()[r.courseId] ?? r.lastCall;
  }

  protected outcomeLabel(outcome: RecallCallOutcome): string {
    return CALL_OUTCOME_LABELS[outcome];
  }

  protected course(r: RecallRow): string {
    if (!r.clinical) return '';
    return `${r.clinical.legs.map((l) => LEG_LABELS[l]).join(', ')} · ${r.clinical.sessionsCompleted} of ${r.clinical.plannedSessions} sessions`;
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
}
