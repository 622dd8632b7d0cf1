import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { IconName } from '../core/icons';

/** Shown while a view waits for the server. */
@Component({
  selector: 'vn-loading',
  imports: [MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state" role="status" aria-live="polite">
      <mat-spinner diameter="32" />
      <span>{{ label() }}</span>
    </div>
  `,
  styles: `
    .state { display: flex; align-items: center; justify-content: center; gap: 12px; padding: 48px 16px;
      color: var(--mat-sys-on-surface-variant); }
  `,
})
export class Loading {
  readonly label = input('Loading…');
}

/** Shown when a view has nothing to show yet; content projection holds the next step. */
@Component({
  selector: 'vn-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      <p class="title">{{ title() }}</p>
      @if (message()) {
        <p class="message">{{ message() }}</p>
      }
      <ng-content />
    </div>
  `,
  styles: `
    .state { display: flex; flex-direction: column; align-items: center; text-align: center; gap: 8px;
      padding: 40px 16px; color: var(--mat-sys-on-surface-variant); }
    mat-icon { font-size: 40px; width: 40px; height: 40px; color: var(--mat-sys-primary); }
    .title { font: var(--mat-sys-title-medium); color: var(--mat-sys-on-surface); margin: 0; }
    .message { margin: 0; max-width: 48ch; }
  `,
})
export class EmptyState {
  readonly icon = input<IconName>('inbox');
  readonly title = input.required<string>();
  readonly message = input<string>('');
}

/** Shown when loading failed, with a retry. */
@Component({
  selector: 'vn-error-state',
  imports: [MatIconModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="vn-banner vn-banner-error" role="alert">
      <mat-icon aria-hidden="true">error</mat-icon>
      <span class="text">{{ message() }}</span>
      @if (retryable()) {
        <button mat-button type="button" (click)="retry.emit()">Try again</button>
      }
    </div>
  `,
  styles: `
    .vn-banner { align-items: center; }
    .text { flex: 1; }
  `,
})
export class ErrorState {
  readonly message = input.required<string>();
  readonly retryable = input(true);
  readonly retry = output<void>();
}
