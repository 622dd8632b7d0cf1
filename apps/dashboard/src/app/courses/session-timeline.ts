import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Course, IsoDate } from '@venule/api-contract';
import { addDays, daysBetween } from '@venule/clinical-rules';
import { formatDate } from '../core/dates';
import { SESSION_STATUS_LABELS, sessionDate } from './course-labels';

/** Days shown either side of the first and last dates, so markers never sit on the edge. */
const PAD_DAYS = 7;

/**
 * The course on a date axis: each session where it happened or is booked, the next allowed
 * window as a band (earliest to latest on-track date) and today.
 */
@Component({
  selector: 'vn-session-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = axis();
    <div class="track" role="img" [attr.aria-label]="summary()">
      <div class="line"></div>
      @if (a.window; as w) {
        <div class="window" [style.left.%]="w.left" [style.width.%]="w.width"></div>
      }
      <div class="today" [style.left.%]="a.today"><span>Today</span></div>
      @for (m of a.markers; track m.id) {
        <div class="marker" [class]="m.status" [class.inside]="m.inside" [style.left.%]="m.left" [title]="m.title">{{ m.label }}</div>
      }
    </div>
    <div class="scale vn-muted"><span>{{ format(a.from) }}</span><span>{{ format(a.to) }}</span></div>
    @if (course().progress.nextWindow; as w) {
      <p class="legend"><span class="swatch"></span> Next session window: {{ format(w.earliest) }} to {{ format(w.latest) }}</p>
    }
  `,
  styles: `
    .track { position: relative; height: 64px; margin: 8px 16px 0; }
    .line { position: absolute; left: 0; right: 0; top: 31px; height: 2px; background: var(--mat-sys-outline-variant); }
    .window { position: absolute; top: 18px; height: 28px; border-radius: 6px; background: var(--mat-sys-primary-container);
      border: 1px dashed var(--mat-sys-primary); box-sizing: border-box; }
    .today { position: absolute; top: 4px; bottom: 0; width: 0; border-left: 2px solid var(--mat-sys-tertiary); }
    .today span { position: absolute; top: -4px; left: 4px; font: var(--mat-sys-label-small); color: var(--mat-sys-tertiary); }
    .marker { position: absolute; top: 20px; width: 24px; height: 24px; margin-left: -12px; border-radius: 50%; display: grid;
      place-items: center; font: var(--mat-sys-label-medium); box-sizing: border-box;
      background: var(--mat-sys-surface); color: var(--mat-sys-primary); border: 2px solid var(--mat-sys-primary); }
    .marker.completed { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); }
    .marker.cancelled, .marker.did_not_attend { border-color: var(--mat-sys-outline); color: var(--mat-sys-outline);
      text-decoration: line-through; }
    .marker.did_not_attend { border-color: var(--mat-sys-error); color: var(--mat-sys-error); }
    .marker.inside { border-color: var(--mat-sys-error); color: var(--mat-sys-on-error); background: var(--mat-sys-error); }
    .scale { display: flex; justify-content: space-between; font: var(--mat-sys-label-small); margin: 0 4px; }
    .legend { display: flex; align-items: center; gap: 8px; margin: 8px 0 0; }
    .swatch { width: 20px; height: 12px; border-radius: 3px; background: var(--mat-sys-primary-container);
      border: 1px dashed var(--mat-sys-primary); }
  `,
})
export class SessionTimeline {
  readonly course = input.required<Course>();
  readonly today = input.required<IsoDate>();
  protected readonly format = formatDate;

  protected readonly axis = computed(() => {
    const course = this.course();
    const window = course.progress.nextWindow;
    const inside = new Set(course.progress.bookingsInsideWindow.map((b) => b.sessionId));
    const dates = [...course.sessions.map(sessionDate), course.createdAt.slice(0, 10), this.today()];
    if (window) dates.push(window.earliest, window.latest);
    dates.sort();
    const from = addDays(dates[0], -PAD_DAYS);
    const to = addDays(dates[dates.length - 1], PAD_DAYS);
    const span = daysBetween(from, to);
    const at = (d: IsoDate) => (daysBetween(from, d) / span) * 100;
    return {
      from,
      to,
      today: at(this.today()),
      window: window ? { left: at(window.earliest), width: at(window.latest) - at(window.earliest) } : null,
      markers: course.sessions.map((s) => ({
        id: s.id,
        status: s.status,
        inside: inside.has(s.id),
        left: at(sessionDate(s)),
        label: s.sequence,
        title: `Session ${s.sequence}: ${SESSION_STATUS_LABELS[s.status]}, ${formatDate(sessionDate(s))}${inside.has(s.id) ? ', inside the interval: move it' : ''}`,
      })),
    };
  });

  protected readonly summary = computed(() => {
    const c = this.course();
    const inside = new Set(c.progress.bookingsInsideWindow.map((b) => b.sessionId));
    const parts = c.sessions.map(
      (s) =>
        `session ${s.sequence} ${SESSION_STATUS_LABELS[s.status].toLowerCase()} ${formatDate(sessionDate(s))}${inside.has(s.id) ? ' (inside the interval)' : ''}`,
    );
    const w = c.progress.nextWindow;
    if (w) parts.push(`next window ${formatDate(w.earliest)} to ${formatDate(w.latest)}`);
    return `Timeline: ${parts.join('; ') || 'no sessions yet'}`;
  });
}
