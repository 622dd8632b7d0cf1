import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { PatientSummary } from '@venule/api-contract';
import { formatDate } from '../core/dates';

export interface DuplicateDialogData {
  matches: PatientSummary[];
}

/**
 * Closes with `{ open: id }` (use the existing record: the prominent, focused action),
 * `'register'` (register anyway, for a namesake) or nothing.
 */
export type DuplicateDialogResult = 'register' | { open: string } | undefined;

@Component({
  selector: 'vn-duplicate-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>This patient may already be registered</h2>
    <mat-dialog-content>
      <p>
        {{ data.matches.length === 1 ? 'A patient' : data.matches.length + ' patients' }} with the same name and date of birth
        {{ data.matches.length === 1 ? 'is' : 'are' }} already on file. Open the existing record unless you are sure this is a different person.
      </p>
      <ul class="matches" aria-label="Possible matches">
        @for (match of data.matches; track match.id; let first = $first) {
          <li>
            <div>
              <div class="name">{{ match.lastName }}, {{ match.firstName }}</div>
              <div class="vn-muted">{{ match.clinicNumber }} · born {{ format(match.dateOfBirth) }}@if (match.phone) { · {{ match.phone }}}
                @if (match.archived) { · archived }</div>
            </div>
            @if (data.matches.length > 1) {
              @if (first) {
                <button mat-flat-button type="button" [mat-dialog-close]="{ open: match.id }" cdkFocusInitial>Open this patient</button>
              } @else {
                <button mat-flat-button type="button" [mat-dialog-close]="{ open: match.id }">Open this patient</button>
              }
            }
          </li>
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-stroked-button type="button" [mat-dialog-close]="'register'">Register anyway</button>
      @if (data.matches.length === 1) {
        <button mat-flat-button type="button" [mat-dialog-close]="{ open: data.matches[0].id }" cdkFocusInitial>Open the existing patient</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .matches { list-style: none; padding: 0; margin: 8px 0 0; }
    li { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding: 8px 0;
      border-top: 1px solid var(--mat-sys-outline-variant); }
    .name { font: var(--mat-sys-title-small); }
  `,
})
export class DuplicateDialog {
  protected readonly data = inject<DuplicateDialogData>(MAT_DIALOG_DATA);
  protected readonly format = formatDate;
}
