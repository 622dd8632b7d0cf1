import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Ceap, MedicalHistory } from '@venule/api-contract';
import { formatDate } from '../../core/dates';
import { ABSOLUTE, CONDITION_LABELS, RELATIVE } from './conditions';

/** Read-only medical history, as managers see it (and clinicians before they edit). */
@Component({
  selector: 'vn-medical-history-view',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let h = history();
    <section class="block">
      <h3>Absolute contraindications</h3>
      @if (absolute().length) {
        <ul class="conditions">
          @for (code of absolute(); track code) {
            <li class="absolute"><mat-icon aria-hidden="true">block</mat-icon>{{ labels[code] }} <span class="tag">blocks treatment</span></li>
          }
        </ul>
      } @else {
        <p class="vn-muted">None recorded.</p>
      }
    </section>
    <section class="block">
      <h3>Relative contraindications</h3>
      @if (relative().length) {
        <ul class="conditions">
          @for (code of relative(); track code) {
            <li>
              <mat-icon aria-hidden="true">warning</mat-icon>
              <div><div>{{ labels[code] }}</div><div class="note">{{ h.acknowledgements[code] || 'No note' }}</div></div>
            </li>
          }
        </ul>
      } @else {
        <p class="vn-muted">None recorded.</p>
      }
    </section>
    <section class="block">
      <h3>Body weight</h3>
      @if (h.weightKg !== null && h.weightKg !== undefined) {
        <p>{{ h.weightKg }} kg, measured {{ format(h.weightMeasuredOn) }}</p>
      } @else {
        <p class="vn-muted">Not recorded.</p>
      }
    </section>
    <section class="block">
      <h3>CEAP</h3>
      @if (h.ceap?.left || h.ceap?.right) {
        <p>Left: {{ ceap(h.ceap?.left) }}</p>
        <p>Right: {{ ceap(h.ceap?.right) }}</p>
      } @else {
        <p class="vn-muted">Not classified.</p>
      }
    </section>
    <p class="vn-muted meta">Last updated {{ format(h.updatedAt) }}</p>
  `,
  styles: `
    .block { margin-bottom: 20px; }
    h3 { font: var(--mat-sys-title-small); margin-bottom: 8px; }
    p { margin: 0 0 4px; }
    .conditions { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    li { display: flex; align-items: flex-start; gap: 8px; }
    li mat-icon { color: var(--mat-sys-tertiary); flex: none; }
    li.absolute mat-icon { color: var(--mat-sys-error); }
    .tag { margin-left: 8px; padding: 1px 8px; border-radius: 8px; font: var(--mat-sys-label-small);
      background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .note { color: var(--mat-sys-on-surface-variant); white-space: pre-line; }
    .meta { font: var(--mat-sys-body-small); }
  `,
})
export class MedicalHistoryView {
  readonly history = input.required<MedicalHistory>();
  protected readonly labels = CONDITION_LABELS;
  protected readonly format = formatDate;
  protected readonly absolute = computed(() => ABSOLUTE.filter((c) => this.history().conditions.includes(c)));
  protected readonly relative = computed(() => RELATIVE.filter((c) => this.history().conditions.includes(c)));

  protected ceap(ceap: Ceap | undefined): string {
    if (!ceap) return 'not classified';
    const parts = [ceap.c, ceap.e, ceap.a, ceap.p].filter(Boolean).join(' ');
    const extra = [ceap.symptomatic ? 'symptomatic' : 'asymptomatic', ceap.assessedOn ? `assessed ${formatDate(ceap.assessedOn)}` : '']
      .filter(Boolean)
      .join(', ');
    return `${parts} (${extra})`;
  }
}
