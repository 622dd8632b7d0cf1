import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { Message, MessageChannel, MessageState, Page } from '@venule/api-contract';
import type { IconName } from '../core/icons';
import { can } from '../core/access';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { confirmWith } from '../shared/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { CHANNEL_LABELS, NO_MAIL_SERVER, STATE_LABELS, TEMPLATE_LABELS, attemptsText, reasonText, whenText } from './message-labels';
import { MessagesApi } from './messages-api';

export const MESSAGE_PAGE_SIZE = 20;

/**
 * Messages of the outbox, latest due first, a page at a time: what each is, where it goes, when,
 * and why it did not go; a failed one can be sent again. `compact` leaves out the patient (their page).
 */
@Component({
  selector: 'vn-message-list',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatPaginatorModule, MatProgressBarModule, Loading, ErrorState, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Sending again" /> }
    @if (actionError(); as text) {
      <div class="vn-banner vn-banner-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span></div>
    }
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (page(); as p) {
      @if (p.items.length === 0) {
        <vn-empty-state icon="mail" [title]="emptyTitle()" [message]="emptyMessage()" />
      } @else {
        <ul class="list" [attr.aria-label]="label()">
          @for (m of p.items; track m.id) {
            <li class="message" [class.compact]="compact()">
              <div class="what">
                @if (!compact()) {
                  <a class="patient" [routerLink]="patientLink(m.patientId)">{{ m.patientName }}</a>
                  <span class="clinic">{{ m.clinicNumber }}</span>
                }
                <span class="template">{{ templateLabel(m) }}</span>
              </div>
              <div class="to">
                <mat-icon aria-hidden="true">{{ channelIcons[m.channel] }}</mat-icon>
                <span><span class="vn-visually-hidden">{{ channelLabels[m.channel] }} to </span>{{ m.to || 'no address' }}</span>
              </div>
              <div class="when">
                <span>{{ when(m) }}</span>
                <span class="vn-muted">{{ attempts(m.attempts) }}</span>
              </div>
              <div class="state">
                <span class="chip state-{{ m.state }}">{{ stateLabels[m.state] }}</span>
                @if (m.state === 'failed' && canResend()) {
                  <button mat-stroked-button type="button" [disabled]="busy()" (click)="resend(m)"
                    [attr.aria-label]="'Resend the ' + templateLabel(m).toLowerCase() + ' to ' + m.patientName">
                    <mat-icon>send</mat-icon> Resend
                  </button>
                }
              </div>
              @if (reason(m); as text) {
                <p class="reason" [class.not-configured]="m.lastError === noMailServer" [class.error]="m.state === 'failed' && m.lastError !== noMailServer">
                  <mat-icon aria-hidden="true">{{ reasonIcon(m) }}</mat-icon>
                  <span>{{ text }}</span>
                </p>
              }
            </li>
          }
        </ul>
      }
      @if (p.total > p.limit || p.offset > 0) {
        <mat-paginator [length]="p.total" [pageSize]="p.limit" [pageIndex]="p.offset / p.limit" [hidePageSize]="true"
          (page)="onPage($event)" [attr.aria-label]="label() + ' pages'" />
      }
    } @else {
      <vn-loading label="Loading messages…" />
    }
  `,
  styles: `
    .list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    .message { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1.2fr) 200px;
      grid-template-areas: 'what to when state' 'reason reason reason reason';
      gap: 4px 16px; align-items: center; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px;
      padding: 12px 16px; background: var(--mat-sys-surface-container-lowest); }
    .what { grid-area: what; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
    .patient { font: var(--mat-sys-title-small); }
    .clinic { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .template { flex-basis: 100%; }
    .compact .template { font: var(--mat-sys-title-small); }
    .to { grid-area: to; display: flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
    .to mat-icon, .reason mat-icon { flex: none; font-size: 20px; width: 20px; height: 20px; color: var(--mat-sys-on-surface-variant); }
    .when { grid-area: when; display: flex; flex-direction: column; }
    .state { grid-area: state; display: flex; align-items: center; gap: 8px; }
    .chip { display: inline-block; padding: 2px 10px; border-radius: 8px; font: var(--mat-sys-label-large); white-space: nowrap;
      background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface); }
    .state-queued { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .state-sent { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .state-failed { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .reason { grid-area: reason; display: flex; align-items: flex-start; gap: 6px; margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant); overflow-wrap: anywhere; }
    .reason.error { color: var(--mat-sys-error); }
    .reason.error mat-icon { color: var(--mat-sys-error); }
    .reason.not-configured { padding: 6px 10px; border-radius: 8px; background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface); }
    .reason.not-configured mat-icon { color: inherit; }
    mat-paginator { background: transparent; }
    @media (max-width: 1100px) {
      .message { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 200px;
        grid-template-areas: 'what what state' 'to when state' 'reason reason reason'; }
    }
    @media (max-width: 599px) {
      .message { grid-template-columns: minmax(0, 1fr); grid-template-areas: 'what' 'to' 'when' 'state' 'reason'; }
    }
  `,
})
export class MessageList {
  private readonly api = inject(MessagesApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly state = input<MessageState | null>(null);
  readonly patientId = input<string | null>(null);
  /** On a patient's page: their messages, without their name on each. */
  readonly compact = input(false, { transform: booleanAttribute });
  readonly label = input('Messages');
  /** Each page as it arrives (the outbox names the patient it is filtered by from it). */
  readonly loaded = output<Page<Message>>();

  protected readonly page = signal<Page<Message> | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly offset = signal(0);

  protected readonly canResend = computed(() => can(this.session.role(), 'bookSessions'));
  protected readonly emptyTitle = computed(() => {
    const state = this.state();
    return state ? `No ${STATE_LABELS[state].toLowerCase()} messages` : 'No messages yet';
  });
  protected readonly emptyMessage = computed(() =>
    this.state() && !this.compact()
      ? 'Choose another state, or all messages.'
      : 'Reminders are written when a session or consultation is booked; aftercare plans and recalls when a session is completed.',
  );

  protected readonly stateLabels = STATE_LABELS;
  protected readonly channelLabels = CHANNEL_LABELS;
  protected readonly noMailServer = NO_MAIL_SERVER;
  protected readonly patientLink = links.patient;
  protected readonly when = whenText;
  protected readonly attempts = attemptsText;
  protected readonly reason = reasonText;

  constructor() {
    effect(() => {
      this.state();
      this.patientId();
      untracked(() => {
        this.offset.set(0);
        this.load();
      });
    });
  }

  load(): void {
    this.loadError.set(null);
    this.api
      .list({
        state: this.state() ?? undefined,
        patientId: this.patientId() ?? undefined,
        limit: MESSAGE_PAGE_SIZE,
        offset: this.offset(),
      })
      .subscribe({
        next: (page) => {
          this.page.set(page);
          this.loaded.emit(page);
        },
        error: (error: unknown) => this.loadError.set(problemMessage(error)),
      });
  }

  protected readonly channelIcons: Record<MessageChannel, IconName> = { email: 'mail', sms: 'sms' };

  protected reasonIcon(m: Message): IconName {
    if (m.lastError === NO_MAIL_SERVER) return 'info';
    return m.state === 'failed' ? 'error' : 'block';
  }

  protected templateLabel(m: Message): string {
    return TEMPLATE_LABELS[m.template] ?? m.template;
  }

  protected onPage(event: PageEvent): void {
    this.offset.set(event.pageIndex * event.pageSize);
    this.page.set(null);
    this.load();
  }

  protected resend(m: Message): void {
    const what = this.templateLabel(m).toLowerCase();
    confirmWith(this.dialog, {
      title: 'Send this message again?',
      message: `The ${what} to ${m.patientName} (${m.to || 'no address'}) goes back in the queue and is sent within a minute or so.`,
      confirm: 'Resend',
    }).subscribe((yes) => {
      if (!yes) return;
      this.busy.set(true);
      this.actionError.set(null);
      this.api.resend(m.id).subscribe({
        next: () => {
          this.busy.set(false);
          this.snackBar.open(`The ${what} to ${m.patientName} is queued again`, 'OK', { duration: 4000 });
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
}
