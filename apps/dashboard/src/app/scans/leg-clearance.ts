import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { LEGS, type Clearance } from '@venule/api-contract';
import { formatDate } from '../core/dates';
import { ClearanceBadge } from './clearance-badge';
import { LEG_LABELS } from '../core/legs';
import { LEG_STATUS_LABELS, TONE_ICONS, legTone } from './clearance-view';

/** Clearance of each leg on a date, with every reason in words. No findings: reception reads it too. */
@Component({
  selector: 'vn-leg-clearance',
  imports: [MatIconModule, ClearanceBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="summary">
      <span>On {{ format(clearance().on) }}:</span>
      <vn-clearance-badge [clearance]="clearance()" [on]="clearance().on" />
    </div>
    @if (clearance().blockers.length) {
      <div class="vn-banner vn-banner-error" role="note">
        <mat-icon aria-hidden="true">block</mat-icon>
        <ul aria-label="Blocks treatment">
          @for (b of clearance().blockers; track b.code) { <li>{{ b.message }}</li> }
        </ul>
      </div>
    }
    <div class="legs">
      @for (leg of legs(); track leg.leg) {
        <section class="leg" [attr.aria-labelledby]="'clearance-' + leg.leg">
          <div class="head">
            <h3 [id]="'clearance-' + leg.leg">{{ leg.name }}</h3>
            <span class="chip vn-tone-{{ leg.tone }} vn-clearance-{{ leg.status }}">
              <mat-icon aria-hidden="true">{{ leg.icon }}</mat-icon>{{ leg.label }}
            </span>
          </div>
          @if (leg.validUntil) {
            <p class="until">{{ leg.status === 'cleared' ? 'Valid until' : 'Was valid until' }} {{ format(leg.validUntil) }}</p>
          }
          @for (r of leg.reasons; track $index) {
            <p class="reason">{{ r.message }}</p>
          }
        </section>
      }
    </div>
  `,
  styles: `
    .summary { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 12px; }
    .vn-banner ul { margin: 0; padding-left: 18px; }
    .legs { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
    .leg { padding: 12px 16px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant); }
    .head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
    h3 { font: var(--mat-sys-title-small); }
    .chip { display: inline-flex; align-items: center; gap: 4px; padding: 1px 10px 1px 6px; border-radius: 8px; font: var(--mat-sys-label-large); }
    .chip mat-icon { font-size: 18px; width: 18px; height: 18px; }
    .until, .reason { margin: 8px 0 0; }
    .until { font-weight: 500; }
  `,
})
export class LegClearance {
  readonly clearance = input.required<Clearance>();

  protected readonly format = formatDate;
  protected readonly legs = computed(() =>
    LEGS.map((leg) => {
      const view = this.clearance().legs[leg];
      const tone = legTone(view.status);
      return { leg, name: LEG_LABELS[leg], ...view, tone, icon: TONE_ICONS[tone], label: LEG_STATUS_LABELS[view.status] };
    }),
  );
}
