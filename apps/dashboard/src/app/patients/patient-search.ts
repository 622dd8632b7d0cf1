import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  InjectionToken,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { Page, PatientSummary } from '@venule/api-contract';
import { Observable, catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap, tap } from 'rxjs';
import { can } from '../core/access';
import { PatientsApi } from '../core/api';
import { todayIso } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { ScansApi } from '../scans/scans-api';
import { EmptyState, ErrorState } from '../shared/view-state';
import { ClearanceColumn, PatientResults } from './patient-results';

/** Milliseconds the search waits after the last keystroke. */
export const SEARCH_DEBOUNCE_MS = new InjectionToken<number>('SEARCH_DEBOUNCE_MS', { factory: () => 250 });
export const SEARCH_PAGE_SIZE = 25;

type SearchState =
  { status: 'idle' } | { status: 'loading' } | { status: 'done'; page: Page<PatientSummary> } | { status: 'error'; message: string };

@Component({
  selector: 'vn-patient-search',
  imports: [
    FormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatButtonModule,
    MatSlideToggleModule,
    MatProgressBarModule,
    PatientResults,
    EmptyState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <h1>Find a patient</h1>
      @if (canRegister()) {
        <a mat-flat-button [routerLink]="newPatientLink">
          <mat-icon>person_add</mat-icon> Register a patient
        </a>
      }
    </header>

    <div class="search-bar">
      <mat-form-field appearance="outline" class="search-field" subscriptSizing="dynamic">
        <mat-icon matPrefix aria-hidden="true">search</mat-icon>
        <mat-label>Name, clinic number, phone or date of birth</mat-label>
        <input
          #searchInput
          matInput
          type="search"
          autocomplete="off"
          role="combobox"
          aria-autocomplete="list"
          [attr.aria-expanded]="results().length > 0"
          aria-controls="patient-results"
          [attr.aria-activedescendant]="activeIndex() >= 0 ? 'patient-results-row-' + activeIndex() : null"
          [ngModel]="query()"
          (ngModelChange)="query.set($event)"
          (keydown)="onKeydown($event)"
        />
        @if (query()) {
          <button mat-icon-button matSuffix type="button" aria-label="Clear search" (click)="clear()">
            <mat-icon>close</mat-icon>
          </button>
        }
        <mat-hint>↑ ↓ to move, Enter to open. Dates as DD/MM/YYYY.</mat-hint>
      </mat-form-field>
      <mat-slide-toggle [ngModel]="includeArchived()" (ngModelChange)="includeArchived.set($event)">Include archived</mat-slide-toggle>
    </div>

    <section class="results" aria-live="polite">
      @switch (state().status) {
        @case ('idle') {
          <vn-empty-state icon="person_search" title="Search for a patient"
            message="Type part of a name (typos are fine), a clinic number, phone digits or a date of birth." />
        }
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" aria-label="Searching" />
          @if (results().length) {
            <vn-patient-results [patients]="results()" [activeIndex]="activeIndex()" [today]="today" [clearance]="clearanceColumn()" (open)="openPatient($event)" (hover)="activeIndex.set($event)" />
          }
        }
        @case ('error') {
          <vn-error-state [message]="errorMessage()" (retry)="retry()" />
        }
        @case ('done') {
          @if (results().length === 0) {
            <vn-empty-state icon="search_off" title="No patients match “{{ query().trim() }}”"
              [message]="canRegister() ? 'Check the spelling or search by date of birth — or register a new patient.' : 'Check the spelling or search by date of birth.'">
              @if (canRegister()) {
                <a mat-stroked-button [routerLink]="newPatientLink">Register a patient</a>
              }
            </vn-empty-state>
          } @else {
            <vn-patient-results [patients]="results()" [activeIndex]="activeIndex()" [today]="today" [clearance]="clearanceColumn()" (open)="openPatient($event)" (hover)="activeIndex.set($event)" />
            <p class="vn-muted count">
              @if (total() > results().length) {
                Showing the best {{ results().length }} of {{ total() }} matches — add more to narrow the search.
              } @else {
                {{ total() }} {{ total() === 1 ? 'match' : 'matches' }}
              }
            </p>
          }
        }
      }
    </section>
  `,
  styles: `
    .search-bar { display: flex; align-items: center; gap: 24px; flex-wrap: wrap; margin-bottom: 24px; }
    .search-field { flex: 1; min-width: 280px; }
    .search-bar mat-slide-toggle { margin-bottom: 20px; }
    .count { margin-top: 8px; }
  `,
})
export class PatientSearch {
  private readonly api = inject(PatientsApi);
  private readonly scansApi = inject(ScansApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(Session);
  private readonly debounceMs = inject(SEARCH_DEBOUNCE_MS);
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');

  protected readonly newPatientLink = links.newPatient();
  protected readonly today = todayIso();
  protected readonly canRegister = computed(() => can(this.session.role(), 'writePatients'));
  protected readonly canReadClearance = computed(() => can(this.session.role(), 'readClearance'));

  /** `?q=` and `?archived=1`: the search lives in the URL, so back, forward and bookmarks bring it back. */
  readonly q = input<string | undefined>(undefined);
  readonly archived = input<string | undefined>(undefined);

  protected readonly query = signal('');
  protected readonly includeArchived = signal(false);
  /** The terms this page last wrote to the URL: coming back as inputs, they are not news (the box may be ahead by then). */
  private written = { q: '', archived: false };
  protected readonly activeIndex = signal(-1);
  private readonly retries = signal(0);
  private lastResults: PatientSummary[] = [];

  private readonly request = computed(() => ({ q: this.query().trim(), includeArchived: this.includeArchived(), retry: this.retries() }));

  protected readonly state = toSignal(
    toObservable(this.request).pipe(
      debounceTime(this.debounceMs),
      distinctUntilChanged((a, b) => a.q === b.q && a.includeArchived === b.includeArchived && a.retry === b.retry),
      tap(({ q, includeArchived }) => this.writeUrl(q, includeArchived)),
      switchMap(({ q, includeArchived }) => {
        if (!q) return of<SearchState>({ status: 'idle' });
        return this.api.search({ q, includeArchived: includeArchived || undefined, limit: SEARCH_PAGE_SIZE }).pipe(
          map((page): SearchState => ({ status: 'done', page })),
          catchError((error: unknown) => of<SearchState>({ status: 'error', message: problemMessage(error) })),
          startWith<SearchState>({ status: 'loading' }),
        );
      }),
    ),
    { initialValue: { status: 'idle' } as SearchState },
  );

  protected readonly results = computed(() => {
    const state = this.state();
    if (state.status === 'done') this.lastResults = state.page.items;
    if (state.status === 'idle' || state.status === 'error') this.lastResults = [];
    return this.lastResults;
  });
  protected readonly total = computed(() => {
    const state = this.state();
    return state.status === 'done' ? state.page.total : 0;
  });
  /** One clearance request per result list, never one per row. */
  private readonly clearanceState = toSignal(
    toObservable(this.results).pipe(
      switchMap((rows): Observable<ClearanceColumn> => {
        if (!rows.length || !this.canReadClearance()) return of({ status: 'loading' });
        return this.scansApi.clearanceBatch(rows.map((row) => row.id)).pipe(
          map((batch): ClearanceColumn => ({ status: 'loaded', batch })),
          catchError(() => of<ClearanceColumn>({ status: 'error' })),
          startWith<ClearanceColumn>({ status: 'loading' }),
        );
      }),
    ),
    { initialValue: { status: 'loading' } as ClearanceColumn },
  );
  protected readonly clearanceColumn = computed(() => (this.canReadClearance() ? this.clearanceState() : null));
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });

  constructor() {
    effect(() => {
      const q = this.q() ?? '';
      const archived = this.archived() === '1';
      untracked(() => {
        if (q === this.written.q && archived === this.written.archived) return;
        this.written = { q: q.trim(), archived };
        this.query.set(q);
        this.includeArchived.set(archived);
      });
    });
    // A new result list starts with its first row active, so Enter opens the best match.
    toObservable(this.results).subscribe((rows) => this.activeIndex.set(rows.length ? 0 : -1));
    afterNextRender(() => this.searchInput().nativeElement.focus());
  }

  protected onKeydown(event: KeyboardEvent): void {
    const count = this.results().length;
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return;
        event.preventDefault();
        this.activeIndex.set(Math.min(this.activeIndex() + 1, count - 1));
        this.scrollActiveIntoView();
        break;
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        this.activeIndex.set(Math.max(this.activeIndex() - 1, 0));
        this.scrollActiveIntoView();
        break;
      case 'Enter': {
        event.preventDefault();
        const patient = this.results()[this.activeIndex()];
        if (patient) this.openPatient(patient);
        break;
      }
      case 'Escape':
        if (this.query()) {
          event.preventDefault();
          this.clear();
        }
        break;
    }
  }

  protected openPatient(patient: PatientSummary): void {
    void this.router.navigate(links.patient(patient.id));
  }

  protected clear(): void {
    this.query.set('');
    this.searchInput().nativeElement.focus();
  }

  protected retry(): void {
    this.retries.update((n) => n + 1);
  }

  /** Each settled search replaces the URL (typing does not fill the history); leaving the page keeps it for Back. */
  private writeUrl(q: string, archived: boolean): void {
    if (q === this.written.q && archived === this.written.archived) return;
    this.written = { q, archived };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { q: q || null, archived: archived ? '1' : null },
      replaceUrl: true,
    });
  }

  private scrollActiveIntoView(): void {
    const row = document.getElementById(`patient-results-row-${this.activeIndex()}`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }
}
