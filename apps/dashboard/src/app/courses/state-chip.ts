import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { CourseProgressState } from '@venule/api-contract';
import { STATE_LABELS } from './course-labels';

/** Where a course stands (the rules library's `courseState`, as the API computed it). */
@Component({
  selector: 'vn-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"chip " + state()' },
  template: `{{ labels[state()] }}`,
  styles: `
    :host { display: inline-block; padding: 2px 10px; border-radius: 8px; font: var(--mat-sys-label-large); white-space: nowrap;
      background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface); }
    :host(.on_track) { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    :host(.due) { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    :host(.overdue) { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    :host(.completed) { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
  `,
})
export class StateChip {
  readonly state = input.required<CourseProgressState>();
  protected readonly labels = STATE_LABELS;
}
