import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Reason } from '@venule/api-contract';
import { LEG_LABELS } from '../core/legs';

/** A refusal or a list of warnings, each reason in words (with its leg when it is about one). */
@Component({
  selector: 'vn-reason-list',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="vn-banner" [class.vn-banner-error]="kind() === 'error'" [class.vn-banner-warn]="kind() === 'warn'" role="alert">
      <mat-icon aria-hidden="true">{{ kind() === 'error' ? 'block' : 'warning' }}</mat-icon>
      <div>
        <p class="lead">{{ message() }}</p>
        @if (reasons().length) {
          <ul>
            @for (r of reasons(); track $index) {
              <li>@if (r.leg) {<strong>{{ legs[r.leg] }}: </strong>}{{ r.message }}</li>
            }
          </ul>
        }
      </div>
    </div>
  `,
  styles: `
    .lead { margin: 0; font-weight: 500; }
    ul { margin: 4px 0 0; padding-left: 20px; }
  `,
})
export class ReasonList {
  readonly message = input.required<string>();
  readonly reasons = input<readonly Reason[]>([]);
  readonly kind = input<'error' | 'warn'>('error');
  protected readonly legs = LEG_LABELS;
}
