import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { ClearanceBatch, ClearanceSummary, PatientSummary } from '@venule/api-contract';
import { ageOn, formatDate } from '../core/dates';
import { links } from '../core/paths';
import { ClearanceBadge } from '../scans/clearance-badge';

/** The clearance badges of the rows shown, fetched in one request for the whole list. */
export type ClearanceColumn = { status: 'loading' } | { status: 'loaded'; batch: ClearanceBatch } | { status: 'error' };

/** Search results: the active row follows the arrow keys of the search box (which keeps focus). */
@Component({
  selector: 'vn-patient-results',
  imports: [RouterLink, MatIconModule, MatTooltipModule, ClearanceBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="vn-table-wrap">
      <table class="results" [attr.id]="listId()" aria-label="Matching patients">
        <thead>
          <tr>
            <th scope="col">Clinic no.</th>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col" class="num">Age</th>
            <th scope="col" class="phone">Phone</th>
            @if (clearance()) {
              <th scope="col">Clearance</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (patient of patients(); track patient.id; let i = $index) {
            <tr
              [attr.id]="rowId(i)"
              [class.active]="i === activeIndex()"
              [attr.aria-selected]="i === activeIndex()"
              (click)="open.emit(patient)"
              (mouseenter)="hover.emit(i)"
            >
              <td class="clinic">{{ patient.clinicNumber }}</td>
              <td>
                <a [routerLink]="patientLink(patient.id)" class="name" tabindex="-1" (click)="$event.stopPropagation()">
                  {{ patient.lastName }}, {{ patient.firstName }}
                </a>
                @if (patient.archived) {
                  <span class="archived">Archived</span>
                }
              </td>
              <td>{{ format(patient.dateOfBirth) }}</td>
              <td class="num">{{ age(patient.dateOfBirth) }}</td>
              <td class="phone">{{ patient.phone || '—' }}</td>
              @if (clearance(); as column) {
                <td class="clearance">
                  @if (badges().get(patient.id); as badge) {
                    <vn-clearance-badge [clearance]="badge" [on]="badgesOn()" />
                  } @else if (column.status === 'loading') {
                    <span class="vn-muted"><span aria-hidden="true">…</span><span class="vn-visually-hidden">Checking clearance</span></span>
                  } @else {
                    <span class="vn-muted" matTooltip="Clearance could not be loaded; open the patient to see it">
                      <span aria-hidden="true">—</span><span class="vn-visually-hidden">Clearance unavailable</span>
                    </span>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .results { width: 100%; border-collapse: collapse; font: var(--mat-sys-body-medium); }
    th { text-align: left; font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant);
      padding: 12px 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); white-space: nowrap; }
    td { padding: 12px 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    tbody tr { cursor: pointer; }
    tbody tr:last-child td { border-bottom: none; }
    tbody tr:hover { background: var(--mat-sys-surface-container); }
    tbody tr.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container);
      box-shadow: inset 4px 0 0 var(--mat-sys-primary); }
    .clinic { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .clearance { white-space: nowrap; }
    .name { color: inherit; font-weight: 500; text-decoration: none; }
    .name:hover { text-decoration: underline; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .archived { margin-left: 8px; padding: 1px 8px; border-radius: 8px; font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface-variant); }
    @media (max-width: 599px) { .phone { display: none; } }
  `,
})
export class PatientResults {
  readonly patients = input.required<PatientSummary[]>();
  readonly activeIndex = input(-1);
  readonly today = input.required<string>();
  readonly listId = input('patient-results');
  /** Absent for roles that may not read clearance: the column is left out. */
  readonly clearance = input<ClearanceColumn | null>(null);
  readonly open = output<PatientSummary>();
  readonly hover = output<number>();

  protected readonly format = formatDate;
  protected readonly patientLink = links.patient;
  protected readonly badges = computed(() => {
    const column = this.clearance();
    const items = column?.status === 'loaded' ? column.batch.items : [];
    return new Map<string, ClearanceSummary>(items.map((item) => [item.patientId, item]));
  });
  protected readonly badgesOn = computed(() => {
    const column = this.clearance();
    return column?.status === 'loaded' ? column.batch.on : '';
  });

  rowId(index: number): string {
    return `${this.listId()}-row-${index}`;
  }

  protected age(dateOfBirth: string): string {
    return String(ageOn(dateOfBirth, this.today()) ?? '');
  }
}
