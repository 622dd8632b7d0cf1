import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import type { ClearanceSummary, DiaryAppointment, DiaryLane, IsoDate, IsoInstant, OpeningHours } from '@venule/api-contract';
import { clinicInstant, clinicTimeOf } from '../core/dates';
import { links } from '../core/paths';
import { ClearanceBadge } from '../scans/clearance-badge';
import { dayEntries, openingOn } from './diary-slots';
import { APPOINTMENT_STATUS_LABELS, CONSULTATION_TYPE_LABELS } from './frontdesk-labels';
import { formatPence } from './money';

/** What a free slot offers to book. */
export interface SlotPick {
  clinicianId: string;
  startsAt: IsoInstant;
}

export type Arrival = 'attended' | 'did_not_attend';

export interface ArrivalMark {
  appointment: DiaryAppointment;
  outcome: Arrival;
}

/** Clearance badges for the day, by patient id: loading, loaded, or failed (then no badges, and a word saying so). */
export type ClearanceColumn =
  { status: 'loading' } | { status: 'error' } | { status: 'loaded'; byPatient: ReadonlyMap<string, ClearanceSummary> };

/**
 * One day of the diary, one lane per clinician: each appointment with its clearance badge and
 * balance due, arrivals to mark, and the free slots of opening hours to book.
 */
@Component({
  selector: 'vn-diary-day',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressSpinnerModule, ClearanceBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="lanes" [style.--lanes]="lanes().length">
      @for (lane of view(); track lane.key) {
        <section class="lane" [attr.aria-label]="lane.name">
          <h2 class="lane-name">{{ lane.name }}</h2>
          <ol class="entries">
            @for (entry of lane.entries; track entry.startsAt + (entry.kind === 'appointment' ? entry.appointment.id : 'free')) {
              @if (entry.kind === 'free') {
                <li class="free">
                  @if (canBook() && lane.clinicianId) {
                    <button mat-button type="button" class="slot" (click)="book.emit({ clinicianId: lane.clinicianId, startsAt: entry.startsAt })"
                      [attr.aria-label]="'Book ' + entry.time + ' with ' + lane.name">
                      <span class="time">{{ entry.time }}</span> Free <mat-icon iconPositionEnd aria-hidden="true">add</mat-icon>
                    </button>
                  } @else {
                    <span class="slot"><span class="time">{{ entry.time }}</span> Free</span>
                  }
                </li>
              } @else {
                @let a = entry.appointment;
                <li class="appointment" [class.closed]="closed(a)" [class.consultation]="a.kind === 'consultation'">
                  <div class="when">{{ time(a.startsAt) }}–{{ time(a.endsAt) }}</div>
                  <div class="who">
                    <a [routerLink]="patientLink(a.patientId)">{{ a.patientName }}</a>
                    <span class="vn-muted"> · {{ a.clinicNumber }}</span>
                  </div>
                  <div class="what">
                    @if (a.kind === 'consultation') {
                      <a [routerLink]="consultationLink(a.id)">{{ typeLabel(a) }}</a>
                    } @else {
                      <a [routerLink]="courseLink(a.courseId ?? '')">Treatment session {{ a.sequence }}</a>
                      @if (a.status === 'scheduled') {
                        <a class="sheet-link" [routerLink]="preTreatmentLink(a.id)" [attr.aria-label]="'Pre-treatment sheet: ' + a.patientName">
                          <mat-icon aria-hidden="true">description</mat-icon>Pre-treatment sheet</a>
                      }
                    }
                    @if (a.status !== 'booked' && a.status !== 'scheduled') {
                      <span class="status status-{{ a.status }}">{{ statusLabel(a) }}</span>
                    }
                  </div>
                  <div class="facts">
                    @switch (clearance().status) {
                      @case ('loading') { <mat-spinner diameter="16" aria-label="Loading clearance" /> }
                      @case ('error') { <span class="vn-muted">Clearance not available</span> }
                      @case ('loaded') {
                        @if (clearanceOf(a); as c) { <vn-clearance-badge [clearance]="c" [on]="date()" /> }
                      }
                    }
                    @if (a.balanceDuePence) {
                      <span class="due"><mat-icon aria-hidden="true">payments</mat-icon>{{ money(a.balanceDuePence) }} due</span>
                    }
                  </div>
                  @if (canBook() && arrivalsOpen() && !closed(a)) {
                    <div class="vn-actions arrivals">
                      @if (a.kind === 'consultation') {
                        @if (a.status === 'awaiting_deposit') {
                          <a mat-stroked-button [routerLink]="consultationLink(a.id)">Take deposit</a>
                        } @else {
                          <button mat-stroked-button type="button" (click)="mark.emit({ appointment: a, outcome: 'attended' })"
                            [attr.aria-label]="'Attended: ' + a.patientName">Attended</button>
                        }
                      }
                      <button mat-button type="button" (click)="mark.emit({ appointment: a, outcome: 'did_not_attend' })"
                        [attr.aria-label]="'Did not attend: ' + a.patientName">Did not attend</button>
                    </div>
                  }
                </li>
              }
            } @empty {
              <li class="vn-muted nothing">Nothing booked and no free time left.</li>
            }
          </ol>
        </section>
      }
    </div>
  `,
  styles: `
    .lanes { display: grid; grid-template-columns: repeat(var(--lanes), minmax(280px, 640px)); gap: 16px; overflow-x: auto; }
    .lane { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; background: var(--mat-sys-surface-container-lowest);
      padding: 12px; min-width: 0; }
    .lane-name { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .entries { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
    .sheet-link { display: inline-flex; align-items: center; gap: 2px; margin-left: 8px; font: var(--mat-sys-body-small); }
    .sheet-link mat-icon { font-size: 16px; width: 16px; height: 16px; }
    .free .slot { width: 100%; justify-content: flex-start; border: 1px dashed var(--mat-sys-outline-variant); border-radius: 8px;
      min-height: 36px; color: var(--mat-sys-on-surface-variant); }
    span.slot { display: flex; align-items: center; padding: 0 12px; box-sizing: border-box; gap: 4px; }
    .free .slot mat-icon { margin-left: auto; }
    .time { font-variant-numeric: tabular-nums; margin-right: 8px; color: var(--mat-sys-on-surface); }
    .appointment { border-radius: 8px; padding: 8px 12px; border-left: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container); display: flex; flex-direction: column; gap: 4px; }
    .appointment.consultation { border-left-color: var(--mat-sys-tertiary); }
    .appointment.closed { background: var(--mat-sys-surface-container-low); border-left-color: var(--mat-sys-outline); }
    .when { font: var(--mat-sys-label-large); font-variant-numeric: tabular-nums; }
    .who a { font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface); }
    .what a { color: var(--mat-sys-primary); }
    .status { margin-left: 8px; padding: 1px 8px; border-radius: 8px; font: var(--mat-sys-label-medium);
      background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .status-awaiting_deposit, .status-did_not_attend { background: #ffecbf; color: #573800; }
    .facts { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .due { display: inline-flex; align-items: center; gap: 4px; font: var(--mat-sys-label-large); color: #573800; }
    .due mat-icon { font-size: 18px; width: 18px; height: 18px; }
    .arrivals { margin-top: 4px; }
    .nothing { padding: 8px 0; }
  `,
})
export class DiaryDay {
  readonly date = input.required<IsoDate>();
  readonly lanes = input.required<DiaryLane[]>();
  readonly clearance = input<ClearanceColumn>({ status: 'loading' });
  readonly canBook = input(false);
  /** Arrivals are marked on the day or after it, never before. */
  readonly arrivalsOpen = input(false);
  readonly now = input(new Date());
  /** The clinic's opening hours (null until an admin sets them: 09:00–18:00 is offered). */
  readonly openingHours = input<OpeningHours | null>(null);
  readonly book = output<SlotPick>();
  readonly mark = output<ArrivalMark>();

  protected readonly view = computed(() =>
    this.lanes().map((lane) => ({
      key: lane.clinicianId ?? 'unassigned',
      clinicianId: lane.clinicianId,
      name: lane.clinicianName ?? 'No clinician yet',
      entries: lane.clinicianId
        ? dayEntries(this.date(), lane.appointments, clinicInstant, this.now(), openingOn(this.date(), this.openingHours()))
        : dayEntries(this.date(), lane.appointments, clinicInstant, this.now(), null),
    })),
  );

  protected readonly time = clinicTimeOf;
  protected readonly money = formatPence;
  protected readonly patientLink = links.patient;
  protected readonly consultationLink = links.consultation;
  protected readonly courseLink = links.course;
  protected readonly preTreatmentLink = links.preTreatment;

  protected typeLabel(a: DiaryAppointment): string {
    return a.consultationType ? CONSULTATION_TYPE_LABELS[a.consultationType] : 'Consultation';
  }

  protected statusLabel(a: DiaryAppointment): string {
    return APPOINTMENT_STATUS_LABELS[a.status];
  }

  protected closed(a: DiaryAppointment): boolean {
    return !['booked', 'scheduled', 'awaiting_deposit'].includes(a.status);
  }

  protected clearanceOf(a: DiaryAppointment): ClearanceSummary | null {
    const column = this.clearance();
    return column.status === 'loaded' ? (column.byPatient.get(a.patientId) ?? null) : null;
  }
}
