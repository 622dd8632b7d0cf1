import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { ENQUIRY_STATUSES, type Enquiry, type EnquiryStatus } from '@venule/api-contract';
import { can } from '../core/access';
import { formatInstant } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { EnquiryCount } from './enquiry-count';
import { FrontdeskApi } from './frontdesk-api';
import { ENQUIRY_STATUS_LABELS } from './frontdesk-labels';

/** The `status` query value that lists every enquiry. */
const ALL = 'all';

/** Enquiries from the public form, newest first: answer them, close them, or convert them into a patient and a consultation. */
@Component({
  selector: 'vn-enquiry-inbox',
  imports: [RouterLink, MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressBarModule, Loading, ErrorState, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header"><h1>Enquiries</h1></header>
    <mat-button-toggle-group [value]="shown()" (change)="show($event.value)" aria-label="Show enquiries">
      @for (s of statuses; track s) {
        <mat-button-toggle [value]="s">{{ statusLabel(s) }}</mat-button-toggle>
      }
      <mat-button-toggle [value]="all">All</mat-button-toggle>
    </mat-button-toggle-group>

    @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Saving" /> }
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (enquiries(); as list) {
      @if (list.length === 0) {
        <vn-empty-state icon="inbox" [title]="emptyTitle()" message="Enquiries arrive from the form on the clinic's website (/enquire)." />
      } @else {
        <ul class="list" aria-label="Enquiries">
          @for (e of list; track e.id) {
            <li class="enquiry">
              <div class="top">
                <h2>{{ e.name }}</h2>
                <span class="status status-{{ e.status }}">{{ statusLabel(e.status) }}</span>
              </div>
              <p class="meta vn-muted">Received {{ instant(e.createdAt) }}
                @if (e.email) { · <a [href]="'mailto:' + e.email">{{ e.email }}</a> }
                @if (e.phone) { · <a [href]="'tel:' + e.phone">{{ e.phone }}</a> }
              </p>
              <p class="doctor">Preferred doctor: <strong>{{ e.preferredClinician ?? 'No preference' }}</strong></p>
              <p class="message">{{ e.message }}</p>
              @if (e.note) { <p class="note vn-muted">Note: {{ e.note }}</p> }
              <div class="vn-actions">
                @if (e.status === 'booked') {
                  @if (e.consultationId) { <a mat-stroked-button [routerLink]="consultationLink(e.consultationId)">Open the consultation</a> }
                  @if (e.patientId) { <a mat-button [routerLink]="patientLink(e.patientId)">Patient record</a> }
                } @else if (canWrite()) {
                  @if (e.status !== 'closed') {
                    <a mat-flat-button [routerLink]="convertLink(e.id)" [attr.aria-label]="'Convert ' + e.name + ' into a patient and a consultation'">
                      <mat-icon>person_add</mat-icon> Convert</a>
                  }
                  @if (e.status === 'new') {
                    <button mat-stroked-button type="button" (click)="setStatus(e, 'contacted')" [attr.aria-label]="'Mark ' + e.name + ' contacted'">Mark contacted</button>
                  }
                  @if (e.status === 'closed') {
                    <button mat-stroked-button type="button" (click)="setStatus(e, 'new')" [attr.aria-label]="'Reopen ' + e.name">Reopen</button>
                  } @else {
                    <button mat-button type="button" (click)="setStatus(e, 'closed')" [attr.aria-label]="'Close ' + e.name">Close</button>
                  }
                }
              </div>
            </li>
          }
        </ul>
        <p class="vn-muted count">Showing {{ list.length }} of {{ total() }}</p>
        @if (list.length < total()) {
          <button mat-stroked-button type="button" (click)="more()">Show more</button>
        }
      }
    } @else {
      <vn-loading label="Loading enquiries…" />
    }
  `,
  styles: `
    mat-button-toggle-group { margin-bottom: 16px; }
    .list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 12px; }
    .enquiry { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 16px 20px;
      background: var(--mat-sys-surface-container-lowest); }
    .top { display: flex; align-items: center; gap: 12px; }
    h2 { font: var(--mat-sys-title-medium); }
    p { margin: 6px 0; }
    .message { white-space: pre-wrap; max-width: 80ch; }
    .status { padding: 1px 8px; border-radius: 8px; font: var(--mat-sys-label-medium);
      background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .status-new { background: #ffecbf; color: #573800; }
    .vn-actions { margin-top: 8px; }
    .count { margin: 12px 0; }
  `,
})
export class EnquiryInbox {
  private readonly api = inject(FrontdeskApi);
  private readonly count = inject(EnquiryCount);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** Query parameter; new enquiries first. */
  readonly status = input<string>();

  protected readonly statuses = ENQUIRY_STATUSES;
  protected readonly all = ALL;
  protected readonly shown = computed(() => {
    const s = this.status();
    return s === ALL || (ENQUIRY_STATUSES as readonly string[]).includes(s ?? '') ? (s as EnquiryStatus | typeof ALL) : 'new';
  });
  protected readonly canWrite = computed(() => can(this.session.role(), 'bookSessions'));
  protected readonly enquiries = signal<Enquiry[] | null>(null);
  protected readonly total = signal(0);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly emptyTitle = computed(() =>
    this.shown() === ALL ? 'No enquiries yet' : `No ${this.statusLabel(this.shown() as EnquiryStatus).toLowerCase()} enquiries`,
  );

  protected readonly instant = formatInstant;
  protected readonly consultationLink = links.consultation;
  protected readonly patientLink = links.patient;
  protected readonly convertLink = links.convertEnquiry;

  constructor() {
    effect(() => {
      this.shown();
      untracked(() => this.load());
    });
  }

  load(): void {
    this.enquiries.set(null);
    this.loadError.set(null);
    this.fetch(0);
  }

  protected statusLabel(status: EnquiryStatus): string {
    return ENQUIRY_STATUS_LABELS[status];
  }

  protected show(status: string): void {
    void this.router.navigate(links.enquiries(), { queryParams: { status: status === 'new' ? null : status } });
  }

  protected more(): void {
    this.fetch(this.enquiries()?.length ?? 0);
  }

  protected setStatus(e: Enquiry, status: Exclude<EnquiryStatus, 'booked'>): void {
    this.busy.set(true);
    this.api.updateEnquiry(e.id, { version: e.version, status }).subscribe({
      next: () => {
        this.busy.set(false);
        this.snackBar.open(`${e.name}: ${this.statusLabel(status).toLowerCase()}`, 'OK', { duration: 4000 });
        this.count.refresh();
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.snackBar.open(problemMessage(error), 'OK', { duration: 8000 });
      },
    });
  }

  private fetch(offset: number): void {
    const shown = this.shown();
    this.api.enquiries(shown === ALL ? null : shown, offset).subscribe({
      next: (page) => {
        this.total.set(page.total);
        this.enquiries.set([...(offset ? (this.enquiries() ?? []) : []), ...page.items]);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }
}
