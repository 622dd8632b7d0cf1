import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { map, type Observable } from 'rxjs';

export interface ConfirmData {
  title: string;
  /** What confirming will do, in the person's words. */
  message: string;
  confirm: string;
  /**
   * For what cannot be undone or cuts someone off: the action is marked as such and Cancel has the
   * focus, so Enter pressed out of habit changes nothing.
   */
  irreversible?: boolean;
}

/** A yes/no question; closes with `true` when confirmed. */
@Component({
  selector: 'vn-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content><p>{{ data.message }}</p></mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (data.irreversible) {
        <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Cancel</button>
        <button mat-flat-button type="button" class="irreversible" [mat-dialog-close]="true">
          <mat-icon aria-hidden="true">warning</mat-icon> {{ data.confirm }}
        </button>
      } @else {
        <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
        <button mat-flat-button type="button" [mat-dialog-close]="true" cdkFocusInitial>{{ data.confirm }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .irreversible { --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}

/** Asks, and answers true only when the person confirmed (Escape and Cancel are no). */
export function confirmWith(dialog: MatDialog, data: ConfirmData): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data, maxWidth: '480px' })
    .afterClosed()
    .pipe(map((yes) => yes === true));
}
