import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { CourseProgressState } from '@venule/api-contract';
import { STATE_LABELS } from './course-labels';

/**
 * Where a course stands (the rules library's `courseState`, as the API computed it). A booking left
 * inside a leg's interval outranks the state: it must be moved before the course is on track.
 */
@Component({
  selector: 'vn-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"chip " + (bookingToMove() ? "overdue" : state())' },
  template: `{{ bookingToMove() ? 'Booking to move' : labels[state()] }}`,
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
  readonly bookingToMove = input(false);
  protected readonly labels = STATE_LABELS;
}
