import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { DiaryAppointment, DiaryLane, IsoDate, OpeningHours } from '@venule/api-contract';
import { clinicDateOf, clinicInstant, clinicTimeOf, formatDate } from '../core/dates';
import { links } from '../core/paths';
import type { SlotPick } from './diary-day';
import { dayEntries, openingOn } from './diary-slots';
import { APPOINTMENT_STATUS_LABELS } from './frontdesk-labels';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** One clinician's week, a column per day: appointments and free slots to book. */
@Component({
  selector: 'vn-diary-week',
  imports: [RouterLink, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="week" [attr.aria-label]="(lane().clinicianName ?? 'No clinician yet') + ', week of ' + format(dates()[0])">
      @for (day of days(); track day.date) {
        <section class="day" [class.today]="day.date === today()" [attr.aria-label]="day.label">
          <h2 class="day-name">{{ day.label }}</h2>
          <ol class="entries">
            @for (entry of day.entries; track entry.startsAt + (entry.kind === 'appointment' ? entry.appointment.id : 'free')) {
              @if (entry.kind === 'free') {
                <li>
                  @if (canBook() && lane().clinicianId) {
                    <button mat-button type="button" class="slot" (click)="pick(entry.startsAt)"
                      [attr.aria-label]="'Book ' + entry.time + ' on ' + day.label">{{ entry.time }}</button>
                  } @else {
                    <span class="slot">{{ entry.time }}</span>
                  }
                </li>
              } @else {
                @let a = entry.appointment;
                <li class="appointment" [class.consultation]="a.kind === 'consultation'">
                  <span class="when">{{ time(a.startsAt) }}</span>
                  <a [routerLink]="a.kind === 'consultation' ? consultationLink(a.id) : courseLink(a.courseId ?? '')">{{ a.patientName }}</a>
                  <span class="what">{{ what(a) }}</span>
                </li>
              }
            } @empty {
              <li class="vn-muted">Nothing booked.</li>
            }
          </ol>
        </section>
      }
    </section>
  `,
  styles: `
    .week { display: grid; grid-template-columns: repeat(7, minmax(112px, 1fr)); gap: 8px; overflow-x: auto; }
    .day { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 8px; min-width: 0;
      background: var(--mat-sys-surface-container-lowest); }
    .day.today { border: 2px solid var(--mat-sys-primary); }
    .day-name { font: var(--mat-sys-title-small); margin: 0 0 8px; }
    .entries { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
    .slot { width: 100%; min-height: 32px; height: 32px; border: 1px dashed var(--mat-sys-outline-variant); border-radius: 8px;
      font-variant-numeric: tabular-nums; color: var(--mat-sys-on-surface-variant); }
    span.slot { display: flex; align-items: center; justify-content: center; box-sizing: border-box; }
    .appointment { display: flex; flex-direction: column; padding: 4px 8px; border-radius: 8px; font: var(--mat-sys-body-small);
      border-left: 4px solid var(--mat-sys-primary); background: var(--mat-sys-surface-container); overflow-wrap: anywhere; }
    .appointment.consultation { border-left-color: var(--mat-sys-tertiary); }
    .appointment a { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface); }
    .when { font: var(--mat-sys-label-medium); font-variant-numeric: tabular-nums; }
    .what { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class DiaryWeek {
  readonly dates = input.required<IsoDate[]>();
  readonly lane = input.required<DiaryLane>();
  readonly today = input.required<IsoDate>();
  readonly canBook = input(false);
  readonly now = input(new Date());
  /** The clinic's opening hours (null until an admin sets them: 09:00–18:00 is offered). */
  readonly openingHours = input<OpeningHours | null>(null);
  readonly book = output<SlotPick>();

  protected readonly days = computed(() =>
    this.dates().map((date, i) => {
      const appointments = this.lane().appointments.filter((a) => clinicDateOf(a.startsAt) === date);
      return {
        date,
        label: `${WEEKDAYS[i]} ${formatDate(date).slice(0, 5)}`,
        entries: dayEntries(date, appointments, clinicInstant, this.now(), this.open(date)),
      };
    }),
  );

  protected readonly time = clinicTimeOf;

  /** A lane with no clinician offers no free slots, only what is booked. */
  private open(date: IsoDate) {
    return this.lane().clinicianId ? openingOn(date, this.openingHours()) : null;
  }
  protected readonly format = formatDate;
  protected readonly consultationLink = links.consultation;
  protected readonly courseLink = links.course;

  protected what(a: DiaryAppointment): string {
    const kind =
      a.kind === 'consultation' ? (a.consultationType === 'named_doctor' ? 'Named doctor' : 'Free consultation') : `Session ${a.sequence}`;
    return a.status === 'booked' || a.status === 'scheduled' ? kind : `${kind} · ${APPOINTMENT_STATUS_LABELS[a.status]}`;
  }

  protected pick(startsAt: string): void {
    const clinicianId = this.lane().clinicianId;
    if (clinicianId) this.book.emit({ clinicianId, startsAt });
  }
}
