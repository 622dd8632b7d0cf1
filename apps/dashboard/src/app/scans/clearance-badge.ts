import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { ClearanceSummary, IsoDate } from '@venule/api-contract';
import { badgeView } from './clearance-view';

/**
 * Whether a patient may be treated, for reception at a glance: green "Cleared until …",
 * amber "Expires …" within 30 days, red with the reason. Icon and words carry the meaning,
 * the colour only reinforces it; the tooltip spells out each leg.
 */
@Component({
  selector: 'vn-clearance-badge',
  imports: [MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="badge vn-tone-{{ view().tone }} vn-clearance-{{ view().kind }}" [matTooltip]="view().detail">
      <mat-icon aria-hidden="true">{{ view().icon }}</mat-icon>
      <span><span class="vn-visually-hidden">{{ view().spoken }}</span>{{ view().text }}</span>
    </span>
  `,
  styles: `
    :host { display: inline-block; max-width: 100%; vertical-align: middle; }
    .badge { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px 3px 6px; border-radius: 8px;
      font: var(--mat-sys-label-large); line-height: 20px; box-sizing: border-box; }
    mat-icon { font-size: 20px; width: 20px; height: 20px; flex: none; }
  `,
})
export class ClearanceBadge {
  readonly clearance = input.required<ClearanceSummary>();
  /** The date the clearance was worked out for. */
  readonly on = input.required<IsoDate>();

  protected readonly view = computed(() => badgeView(this.clearance(), this.on()));
}
