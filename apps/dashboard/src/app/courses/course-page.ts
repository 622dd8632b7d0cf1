import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { BookedSession, CompletedSession, Course, Patient } from '@venule/api-contract';
import { AGENT_LABELS, formatNumber } from '@venule/clinical-rules';
import { can } from '../core/access';
import { PatientsApi } from '../core/api';
import { clinicInstant, clinicTimeOf, formatDate, formatInstant, todayIso } from '../core/dates';
import { APP_NAME, TITLES, links } from '../core/paths';
import { problemCode, problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { revealAfterRender } from '../shared/reveal';
import { ErrorState, Loading } from '../shared/view-state';
import { AdverseEvents } from './adverse-events';
import { BookSession } from './book-session';
import { CourseAdmin } from './course-admin';
import { SESSION_STATUS_LABELS, legsLabel } from './course-labels';
import { AnySession, CoursesApi } from './courses-api';
import { ReasonList } from './reason-list';
import { SessionCompleteForm } from './session-complete-form';
import { SessionNotes } from './session-notes';
import { SessionTimeline } from './session-timeline';
import { StateChip } from './state-chip';

/** One treatment course: its timeline and window, booking, treatment records, notes, consent and outcomes. */
@Component({
  selector: 'vn-course-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    Loading,
    ErrorState,
    StateChip,
    SessionTimeline,
    BookSession,
    CourseAdmin,
    SessionCompleteForm,
    SessionNotes,
    ReasonList,
    AdverseEvents,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (course(); as c) {
      <a mat-button class="back" [routerLink]="patientLink(c.patientId)" [queryParams]="{ tab: 'courses' }">
        <mat-icon>arrow_back</mat-icon> {{ patientName() || 'Patient' }}
      </a>
      <header class="vn-page-header">
        <div>
          <h1>Treatment course · {{ legs(c.legs) }}</h1>
          <p class="sub">{{ c.areas.join(', ') || 'No areas recorded' }} · {{ c.progress.sessionsCompleted }} of {{ c.plannedSessions }} sessions done</p>
        </div>
        <vn-state-chip [state]="c.state" [bookingToMove]="c.progress.bookingsInsideWindow.length > 0" />
      </header>
      <p class="message">{{ c.progress.message }}</p>
      @if (c.discontinuedReason) { <p class="vn-muted">Discontinued: {{ c.discontinuedReason }}</p> }
      @if (actionError(); as text) {
        <div class="vn-banner vn-banner-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span></div>
      }

      <!-- The next thing to do when nothing is booked: first after the header, not below the timeline and sessions, where a tablet's screen ends. -->
      @if (canBook() && c.status === 'active' && !hasBooking()) {
        <section class="card" aria-labelledby="book-h">
          <h2 id="book-h">Book the next session</h2>
          <vn-book-session [course]="c" [today]="today" [consultationId]="consultation()" (booked)="onBooked($event)" />
        </section>
      }

      <section class="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <vn-session-timeline [course]="c" [today]="today" />
      </section>

      @if (completed(); as done) {
        <div class="vn-banner vn-banner-info completed-banner" role="status">
          <mat-icon aria-hidden="true">task_alt</mat-icon>
          <span>Session {{ done.sequence }} recorded ({{ mg(done.doseMg ?? 0) }} mg).
            Book the next session between {{ format(done.aftercare.nextWindow.earliest) }} and {{ format(done.aftercare.nextWindow.latest) }}.</span>
          <a mat-button [routerLink]="aftercareLink(done.id)"><mat-icon>print</mat-icon> Aftercare sheet</a>
        </div>
        @if (done.warnings.length) {
          <vn-reason-list kind="warn" message="Recorded. Check these bookings:" [reasons]="done.warnings" />
        }
      }
      @if (moved(); as m) {
        <div class="vn-banner vn-banner-info" role="status">
          <mat-icon aria-hidden="true">event_repeat</mat-icon><span>Session {{ m.sequence }} moved to {{ when(m.scheduledFor) }}.</span>
        </div>
      }
      @if (booked(); as b) {
        @if (b.warnings.length) {
          <vn-reason-list kind="warn" [message]="'Booked for ' + when(b.scheduledFor) + ', with warnings:'" [reasons]="b.warnings" />
        } @else {
          <div class="vn-banner vn-banner-info" role="status">
            <mat-icon aria-hidden="true">event_available</mat-icon><span>Booked for {{ when(b.scheduledFor) }}.</span>
          </div>
        }
        <section class="card" aria-labelledby="advice-h">
          <h2 id="advice-h">Pre-treatment advice to hand over</h2>
          <ul class="advice" aria-label="Pre-treatment advice">
            @for (item of b.preTreatment.items; track item.code) { <li>{{ item.text }}</li> }
          </ul>
          <a mat-stroked-button [routerLink]="preTreatmentLink(b.id)"><mat-icon>print</mat-icon> Print the pre-treatment sheet</a>
        </section>
      }

      <section class="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">Sessions</h2>
        @for (s of c.sessions; track s.id) {
          <article class="session" [class]="s.status" [attr.aria-label]="'Session ' + s.sequence">
            <div class="line">
              <span class="seq">{{ s.sequence }}</span>
              <div class="what">
                <strong>{{ when(s.treatedAt ?? s.scheduledFor) }}</strong>
                <span class="vn-muted">{{ statusLabels[s.status] }}@if (s.completedByName) { · treated by {{ s.completedByName }} } @else if (s.clinicianName) { · {{ s.clinicianName }} }@if (recordedLater(s); as at) { · recorded {{ when(at) }} }</span>
              </div>
              <div class="vn-actions">
                @if (s.status === 'scheduled') {
                  <a mat-stroked-button [routerLink]="preTreatmentLink(s.id)"><mat-icon>description</mat-icon> Pre-treatment sheet</a>
                  @if (canTreat() && s.scheduledOn <= today && c.status === 'active' && completingId() !== s.id) {
                    <button mat-flat-button type="button" (click)="completingId.set(s.id)"><mat-icon>vaccines</mat-icon> Record treatment</button>
                  }
                  @if (canBook()) {
                    @if (s.scheduledOn <= today) {
                      <button mat-button type="button" [disabled]="busy()" (click)="changeStatus(s, 'dna')">Did not attend</button>
                    }
                    <button mat-button type="button" [disabled]="busy()" (click)="changeStatus(s, 'cancel')">Cancel booking</button>
                  }
                }
                @if (s.status === 'completed') {
                  <a mat-stroked-button [routerLink]="aftercareLink(s.id)"><mat-icon>description</mat-icon> Aftercare sheet</a>
                  @if (canReadClinical()) {
                    <button mat-button type="button" [attr.aria-expanded]="notesOpen().has(s.id)" (click)="toggleNotes(s.id)">
                      <mat-icon>notes</mat-icon> Notes
                    </button>
                  }
                }
              </div>
            </div>
            @if (insideWindow().get(s.id); as inside) {
              <div class="inside" role="alert">
                <mat-icon aria-hidden="true">warning</mat-icon>
                <div>
                  <strong>This booking is inside the interval.</strong>
                  @for (r of inside.reasons; track r.leg) { <span> {{ r.message }}</span> }
                </div>
                @if (canBook() && s.version) {
                  <button mat-stroked-button type="button" [disabled]="busy()" (click)="moveOut(s, inside.opensOn)">
                    <mat-icon>event_repeat</mat-icon> Move to {{ format(inside.opensOn) }}
                  </button>
                }
              </div>
            }
            @if (detail(s); as d) {
              <p class="detail">{{ agentLabels[d.agent] }} {{ d.concentrationPercent }} % {{ d.form }}, {{ d.volumeMl }} mL = {{ mg(d.doseMg ?? 0) }} mg,
                {{ d.injections }} injections · batch {{ d.batchNumber }} · {{ legs(d.legs) }}@if (d.areas?.length) { · {{ d.areas!.join(', ') }} }</p>
              @if (d.immediateReactions) {
                <p class="detail"><strong>Immediate reactions:</strong> {{ d.immediateReactions }}</p>
              }
              @if (canReadClinical() && d.completedOn) {
                <vn-adverse-events class="events" [sessionId]="s.id" [sequence]="s.sequence" [completedOn]="d.completedOn"
                  [events]="d.adverseEvents" [today]="today" />
              }
            }
            @if (completingId() === s.id) {
              <vn-session-complete-form class="panel" [session]="s" [course]="c" [today]="today"
                (completed)="onCompleted($event)" (cancelled)="completingId.set(null)" />
            }
            @if (notesOpen().has(s.id)) {
              <div class="panel">
                <h3>Notes</h3>
                <vn-session-notes [sessionId]="s.id" />
              </div>
            }
          </article>
        } @empty {
          <p class="vn-muted">No sessions booked yet.</p>
        }
      </section>

      @if (canReadClinical()) {
        <section class="card">
          <vn-course-admin [course]="c" [today]="today" [canWrite]="canTreat()" (changed)="load()" />
        </section>
      }
    } @else {
      <vn-loading label="Loading course…" />
    }
  `,
  styles: `
    .back { margin: -8px 0 8px -12px; }
    .sub { margin: 4px 0 0; color: var(--mat-sys-on-surface-variant); }
    .message { margin: 0 0 16px; font: var(--mat-sys-body-large); }
    .card { padding: 16px; margin-bottom: 16px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-lowest); }
    h2 { font: var(--mat-sys-title-medium); margin-bottom: 8px; }
    .session { padding: 12px 0; border-top: 1px solid var(--mat-sys-outline-variant); }
    .session:first-of-type { border-top: 0; }
    .line { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
    .what { display: flex; flex-direction: column; flex: 1; min-width: 200px; }
    .seq { width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center; font: var(--mat-sys-label-large);
      border: 2px solid var(--mat-sys-primary); color: var(--mat-sys-primary); }
    .completed .seq { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); }
    .cancelled .seq, .did_not_attend .seq { border-color: var(--mat-sys-outline); color: var(--mat-sys-outline); }
    .detail { margin: 8px 0 0 44px; }
    .inside { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 8px 0 0 44px; padding: 8px 12px;
      border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .inside > div { flex: 1; min-width: 220px; }
    .events { margin: 4px 0 0 44px; }
    .advice { margin: 0; padding-left: 20px; }
    .panel { display: block; margin: 12px 0 0 44px; padding: 16px; border-radius: 12px; background: var(--mat-sys-surface-container-low); }
    .panel h3 { font: var(--mat-sys-title-small); margin-bottom: 8px; }
    @media (max-width: 599px) { .panel, .detail, .events, .inside { margin-left: 0; } }
  `,
})
export class CoursePage {
  private readonly api = inject(CoursesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly patients = inject(PatientsApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly title = inject(Title);

  readonly id = input.required<string>();
  /** `?consultation=`: the session to book follows this consultation (its clinician carries over). */
  readonly consultation = input<string | undefined>(undefined);

  protected readonly course = signal<Course | null>(null);
  protected readonly patient = signal<Patient | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly completingId = signal<string | null>(null);
  protected readonly completed = signal<CompletedSession | null>(null);
  protected readonly booked = signal<BookedSession | null>(null);
  protected readonly moved = signal<BookedSession | null>(null);
  protected readonly notesOpen = signal<ReadonlySet<string>>(new Set());

  protected readonly canBook = computed(() => can(this.session.role(), 'bookSessions'));
  protected readonly canTreat = computed(() => can(this.session.role(), 'writeClinical'));
  protected readonly canReadClinical = computed(() => can(this.session.role(), 'readClinical'));
  /** Booked sessions a completion left inside a leg's interval, with the first date they may move to. */
  protected readonly insideWindow = computed(() => {
    const flagged = this.course()?.progress.bookingsInsideWindow ?? [];
    return new Map(
      flagged.map((b) => [
        b.sessionId,
        {
          reasons: b.reasons,
          opensOn:
            b.reasons
              .map((r) => r.opensOn ?? b.date)
              .sort()
              .at(-1) ?? b.date,
        },
      ]),
    );
  });
  protected readonly hasBooking = computed(() => !!this.course()?.sessions.some((s) => s.status === 'scheduled'));
  protected readonly patientName = computed(() => {
    const p = this.patient();
    return p ? `${p.firstName} ${p.lastName}` : '';
  });

  protected readonly today = todayIso();
  protected readonly legs = legsLabel;
  protected readonly format = formatDate;
  protected readonly when = formatInstant;
  protected readonly mg = formatNumber;
  protected readonly statusLabels = SESSION_STATUS_LABELS;
  protected readonly agentLabels = AGENT_LABELS;
  protected readonly patientLink = links.patient;
  protected readonly aftercareLink = links.aftercare;
  protected readonly preTreatmentLink = links.preTreatment;

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.loadError.set(null);
    this.api.get(this.id()).subscribe({
      next: (course) => {
        this.course.set(course);
        if (this.patient()?.id !== course.patientId) this.loadPatient(course.patientId);
      },
      error: (error: unknown) => {
        const missing = problemCode(error) === 'NOT_FOUND';
        this.loadError.set(missing ? 'There is no course with this link. It may have been mistyped.' : problemMessage(error));
      },
    });
  }

  /** Clinical detail of a completed session, for roles that receive it. */
  protected detail(s: AnySession) {
    return 'agent' in s && s.agent && s.status === 'completed' ? { ...s, agent: s.agent } : null;
  }

  protected toggleNotes(id: string): void {
    this.notesOpen.update((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  protected onCompleted(done: CompletedSession): void {
    this.completingId.set(null);
    this.booked.set(null);
    this.completed.set(done);
    this.notesOpen.update((open) => new Set(open).add(done.id));
    this.load();
    // The form that was just submitted closes; the eye and the keyboard go to the result and its aftercare link.
    revealAfterRender(this.injector, () => this.host.nativeElement.querySelector('.completed-banner'));
  }

  protected onBooked(session: BookedSession): void {
    this.completed.set(null);
    this.booked.set(session);
    this.load();
  }

  /** The time a completion was typed in, when that was not when the treatment was given. */
  protected recordedLater(s: AnySession): string | null {
    return s.treatedAt && s.completedAt && Date.parse(s.completedAt) - Date.parse(s.treatedAt) > 3_600_000 ? s.completedAt : null;
  }

  /** One click: the same booking on the first date the legs allow, at the same time of day. */
  protected moveOut(s: AnySession, date: string): void {
    this.busy.set(true);
    this.actionError.set(null);
    this.api.move(s.id, { scheduledFor: clinicInstant(date, clinicTimeOf(s.scheduledFor)), version: s.version }).subscribe({
      next: (moved) => {
        this.busy.set(false);
        this.booked.set(null);
        this.moved.set(moved);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.actionError.set(problemMessage(error));
        this.load();
      },
    });
  }

  protected changeStatus(s: AnySession, change: 'cancel' | 'dna'): void {
    const data: ConfirmData =
      change === 'cancel'
        ? {
            title: `Cancel session ${s.sequence}?`,
            message: `The booking on ${formatInstant(s.scheduledFor)} is cancelled; you can book another.`,
            confirm: 'Cancel booking',
          }
        : {
            title: `Mark session ${s.sequence} as did not attend?`,
            message: 'It counts towards the no-show rate. You can book another session.',
            confirm: 'Did not attend',
          };
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data, maxWidth: '480px' })
      .afterClosed()
      .subscribe((yes) => {
        if (!yes) return;
        this.busy.set(true);
        this.actionError.set(null);
        const request = change === 'cancel' ? this.api.cancel(s.id, s.version) : this.api.didNotAttend(s.id, s.version);
        request.subscribe({
          next: () => {
            this.busy.set(false);
            this.booked.set(null);
            this.load();
          },
          error: (error: unknown) => {
            this.busy.set(false);
            this.actionError.set(problemMessage(error));
            this.load();
          },
        });
      });
  }

  private loadPatient(patientId: string): void {
    this.patients.get(patientId).subscribe({
      next: (patient) => {
        this.patient.set(patient);
        this.title.setTitle(`${TITLES.course} · ${patient.firstName} ${patient.lastName} · ${APP_NAME}`);
      },
      error: () => this.patient.set(null),
    });
  }
}
