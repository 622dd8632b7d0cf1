import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { CLEARANCE_BATCH_MAX, type Diary, type IsoDate } from '@venule/api-contract';
import { addDays, formatDateWithWeekday, isIsoDate } from '@venule/clinical-rules';
import type { DateTime } from 'luxon';
import { catchError, forkJoin, map, of, switchMap, type Observable } from 'rxjs';
import { can } from '../core/access';
import { isoDateOf, pickerDate } from '../core/clinic-dates';
import { formatDate, todayIso } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { CoursesApi } from '../courses/courses-api';
import { ScansApi } from '../scans/scans-api';
import { ConfirmDialog, type ConfirmData } from '../shared/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { BookDialog, type BookDialogData, type BookDialogResult } from './book-dialog';
import { DiaryDay, type ArrivalMark, type ClearanceColumn, type SlotPick } from './diary-day';
import { weekDates, weekStart } from './diary-slots';
import { DiaryWeek } from './diary-week';
import { FrontdeskApi } from './frontdesk-api';

type View = 'day' | 'week';
/** The `clinician` query value that shows every clinician's lane. */
const ALL = 'all';

/**
 * The diary: reception's home is today with every clinician's lane, a clinician's is their own
 * day. Date, view and clinician live in the URL, so back, forward and bookmarks work.
 */
@Component({
  selector: 'vn-diary-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    DiaryDay,
    DiaryWeek,
    Loading,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page vn-diary-page' },
  template: `
    <header class="vn-page-header">
      <h1>{{ heading() }}</h1>
      @if (canBook()) {
        <button mat-flat-button type="button" (click)="openBooking(null)"><mat-icon>event</mat-icon> Book a consultation</button>
      }
    </header>

    <div class="toolbar" role="group" aria-label="Choose the day">
      <div class="vn-actions">
        <button mat-icon-button type="button" (click)="step(-1)" [attr.aria-label]="shownView() === 'day' ? 'Previous day' : 'Previous week'">
          <mat-icon>chevron_left</mat-icon>
        </button>
        <button mat-stroked-button type="button" (click)="goTo(today)" [disabled]="isToday()">Today</button>
        <button mat-icon-button type="button" (click)="step(1)" [attr.aria-label]="shownView() === 'day' ? 'Next day' : 'Next week'">
          <mat-icon>chevron_right</mat-icon>
        </button>
      </div>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date-field">
        <mat-label>Date</mat-label>
        <input matInput [matDatepicker]="picker" [ngModel]="pickerValue()" (dateChange)="picked($event.value)" placeholder="DD/MM/YYYY" />
        <mat-datepicker-toggle matIconSuffix [for]="picker" />
        <mat-datepicker #picker />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Clinician</mat-label>
        <mat-select [value]="clinicianChoice()" (valueChange)="chooseClinician($event)">
          <mat-option [value]="all">All clinicians</mat-option>
          @for (c of clinicians(); track c.id) {
            <mat-option [value]="c.id">{{ c.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-button-toggle-group [value]="shownView()" (change)="chooseView($event.value)" aria-label="Show">
        <mat-button-toggle value="day">Day</mat-button-toggle>
        <mat-button-toggle value="week">Week</mat-button-toggle>
      </mat-button-toggle-group>
    </div>

    @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Saving" /> }
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="reload()" />
    } @else if (diary(); as d) {
      @if (d.lanes.length === 0) {
        <vn-empty-state icon="event_busy" title="No clinicians to book with" message="An admin adds clinicians under Staff accounts." />
      } @else if (shownView() === 'day') {
        @if (!hasAppointments(d)) {
          <p class="vn-muted nothing">Nothing booked on {{ longDate(shownDate()) }}.{{ canBook() ? ' Choose a free slot to book.' : '' }}</p>
        }
        <vn-diary-day [date]="shownDate()" [lanes]="d.lanes" [clearance]="clearance()" [canBook]="canBook()"
          [arrivalsOpen]="shownDate() <= today" [now]="now" [openingHours]="openingHours()" (book)="openBooking($event)" (mark)="markArrival($event)" />
      } @else {
        @for (lane of d.lanes; track lane.clinicianId) {
          @if (d.lanes.length > 1) { <h2 class="lane-heading">{{ lane.clinicianName ?? 'No clinician yet' }}</h2> }
          <vn-diary-week [dates]="week()" [lane]="lane" [today]="today" [canBook]="canBook()" [now]="now" [openingHours]="openingHours()"
            (book)="openBooking($event)" />
        }
      }
    } @else {
      <vn-loading label="Loading the diary…" />
    }
  `,
  styles: `
    .vn-diary-page { max-width: 1600px; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; margin-bottom: 16px; }
    .date-field { width: 180px; }
    .nothing { margin: 0 0 12px; }
    .lane-heading { font: var(--mat-sys-title-medium); margin: 16px 0 8px; }
  `,
})
export class DiaryPage {
  private readonly api = inject(FrontdeskApi);
  private readonly courses = inject(CoursesApi);
  private readonly scans = inject(ScansApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Query parameters. */
  readonly date = input<string>();
  readonly view = input<string>();
  readonly clinician = input<string>();

  protected readonly today = todayIso();
  protected readonly now = new Date();
  protected readonly all = ALL;
  protected readonly canBook = computed(() => can(this.session.role(), 'bookSessions'));
  protected readonly canReadClearance = computed(() => can(this.session.role(), 'readClearance'));

  protected readonly shownDate = computed<IsoDate>(() => {
    const date = this.date();
    return date && isIsoDate(date) ? date : this.today;
  });
  protected readonly shownView = computed<View>(() => (this.view() === 'week' ? 'week' : 'day'));
  /** A clinician starts on their own lane; everyone else on all of them. */
  protected readonly clinicianChoice = computed(() => {
    const chosen = this.clinician();
    if (chosen) return chosen;
    const user = this.session.user();
    return user?.role === 'clinician' ? user.id : ALL;
  });
  protected readonly week = computed(() => weekDates(weekStart(this.shownDate())));
  protected readonly isToday = computed(() =>
    this.shownView() === 'day' ? this.shownDate() === this.today : this.week().includes(this.today),
  );
  protected readonly pickerValue = computed(() => pickerDate(this.shownDate()));
  protected readonly heading = computed(() => {
    if (this.shownView() === 'week') return `Week of ${formatDate(this.week()[0])}`;
    return this.shownDate() === this.today ? `Today, ${formatDateWithWeekday(this.today)}` : formatDateWithWeekday(this.shownDate());
  });

  /** The hours free slots are offered in; until they load (or if they cannot), 09:00–18:00. */
  protected readonly openingHours = toSignal(this.api.clinic().pipe(map((clinic) => clinic?.openingHours ?? null)), { initialValue: null });
  protected readonly clinicians = toSignal(this.api.clinicians(this.today).pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly diary = signal<Diary | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly clearance = signal<ClearanceColumn>({ status: 'loading' });
  protected readonly busy = signal(false);
  private readonly reloads = signal(0);

  constructor() {
    effect(() => {
      const view = this.shownView();
      const from = view === 'day' ? this.shownDate() : this.week()[0];
      const to = view === 'day' ? this.shownDate() : this.week()[6];
      const choice = this.clinicianChoice();
      this.reloads();
      untracked(() => this.load(from, to, choice === ALL ? undefined : choice, view === 'day' ? this.shownDate() : null));
    });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected longDate = formatDateWithWeekday;

  protected hasAppointments(d: Diary): boolean {
    return d.lanes.some((lane) => lane.appointments.length > 0);
  }

  protected step(direction: 1 | -1): void {
    this.goTo(addDays(this.shownDate(), direction * (this.shownView() === 'day' ? 1 : 7)));
  }

  protected goTo(date: IsoDate): void {
    this.navigate({ date: date === this.today ? null : date });
  }

  protected picked(value: DateTime | null): void {
    const date = isoDateOf(value);
    if (date) this.goTo(date);
  }

  protected chooseView(view: View): void {
    this.navigate({ view: view === 'day' ? null : view });
  }

  protected chooseClinician(id: string): void {
    this.navigate({ clinician: id });
  }

  protected openBooking(slot: SlotPick | null): void {
    const data: BookDialogData = { clinicians: this.clinicians(), slot, date: this.shownDate() };
    this.dialog
      .open<BookDialog, BookDialogData, BookDialogResult>(BookDialog, {
        data,
        width: '640px',
        maxWidth: '95vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.kind === 'consultation') {
          void this.router.navigate(links.consultation(result.id));
        } else {
          this.snackBar.open(result.message, 'OK', { duration: 6000 });
          this.reload();
        }
      });
  }

  protected markArrival({ appointment: a, outcome }: ArrivalMark): void {
    const confirm =
      outcome === 'did_not_attend'
        ? this.dialog
            .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
              data: {
                title: `Mark ${a.patientName} as did not attend?`,
                message:
                  a.kind === 'consultation' && a.balanceDuePence
                    ? 'The consultation closes; a deposit already paid is kept and no balance is taken.'
                    : 'The appointment closes as missed.',
                confirm: 'Did not attend',
              },
            })
            .afterClosed()
        : of(true);
    confirm
      .pipe(
        switchMap((yes): Observable<boolean> => {
          if (!yes) return of(false);
          this.busy.set(true);
          const done: Observable<unknown> =
            a.kind === 'consultation'
              ? this.api
                  .consultation(a.id)
                  .pipe(switchMap((c) => this.api.updateConsultation(a.id, { version: c.version, status: outcome })))
              : this.courses.session(a.id).pipe(switchMap((s) => this.courses.didNotAttend(a.id, s.version)));
          return done.pipe(map(() => true));
        }),
      )
      .subscribe({
        next: (changed) => {
          this.busy.set(false);
          if (!changed) return;
          this.snackBar.open(`${a.patientName}: ${outcome === 'attended' ? 'attended' : 'did not attend'}`, 'OK', { duration: 4000 });
          this.reload();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.snackBar.open(problemMessage(error), 'OK', { duration: 8000 });
        },
      });
  }

  private navigate(change: Record<string, string | null>): void {
    void this.router.navigate(links.diary(), { queryParams: change, queryParamsHandling: 'merge' });
  }

  /** The diary, then for a day one clearance request for everyone in it. */
  private load(from: IsoDate, to: IsoDate, clinicianId: string | undefined, clearanceOn: IsoDate | null): void {
    this.loadError.set(null);
    this.diary.set(null);
    this.clearance.set({ status: 'loading' });
    this.api.diary(from, to, clinicianId).subscribe({
      next: (diary) => {
        this.diary.set(diary);
        if (clearanceOn && this.canReadClearance()) this.loadClearance(diary, clearanceOn);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  private loadClearance(diary: Diary, on: IsoDate): void {
    const ids = [...new Set(diary.lanes.flatMap((lane) => lane.appointments.map((a) => a.patientId)))];
    if (!ids.length) return;
    forkJoin(chunks(ids, CLEARANCE_BATCH_MAX).map((chunk) => this.scans.clearanceBatch(chunk, on)))
      .pipe(
        map((batches): ClearanceColumn => ({
          status: 'loaded',
          byPatient: new Map(batches.flatMap((b) => b.items).map((c) => [c.patientId, c])),
        })),
        catchError(() => of<ClearanceColumn>({ status: 'error' })),
      )
      .subscribe((column) => this.clearance.set(column));
  }
}

/** A day holds far fewer than 100 patients; a busier one still gets every badge. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
