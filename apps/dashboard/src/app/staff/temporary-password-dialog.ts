import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { PasswordReset } from '@venule/api-contract';

/** Shows a reset's temporary password, the only time anyone sees it. */
@Component({
  selector: 'vn-temporary-password-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule, ClipboardModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Temporary password for {{ data.user.displayName }}</h2>
    <mat-dialog-content>
      <p>Give this password to {{ data.user.displayName }} in person or by phone. It is shown only now.</p>
      <p class="password" aria-label="Temporary password"><code>{{ data.temporaryPassword }}</code></p>
      <p>They have been signed out everywhere. When they sign in with it, Venule asks them to choose their own password before anything else.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [cdkCopyToClipboard]="data.temporaryPassword" (cdkCopyToClipboardCopied)="copied.set($event)">
        <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon> {{ copied() ? 'Copied' : 'Copy' }}
      </button>
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .password { margin: 16px 0; padding: 12px 16px; border-radius: 8px; text-align: center;
      background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    code { font-family: ui-monospace, 'Roboto Mono', monospace; font-size: 1.4rem; letter-spacing: 0.08em; }
  `,
})
export class TemporaryPasswordDialog {
  protected readonly data = inject<PasswordReset>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);
}
