import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import {
  PAYMENT_METHODS,
  type Consultation,
  type ConsultationStatusChange,
  type PaymentKind,
  type PaymentMethod,
  type Reason,
} from '@venule/api-contract';
import { formatDateWithWeekday } from '@venule/clinical-rules';
import { can } from '../core/access';
import { clinicTimeOf, formatInstant, todayIso } from '../core/dates';
import { links } from '../core/paths';
import { applyServerFieldErrors, problemMessage, problemOf } from '../core/problem';
import { Session } from '../core/session';
import { refusalOf } from '../courses/course-labels';
import { ReasonList } from '../courses/reason-list';
import { ConfirmDialog, type ConfirmData } from '../shared/confirm-dialog';
import { ErrorState, Loading } from '../shared/view-state';
import { FrontdeskApi } from './frontdesk-api';
import { APPOINTMENT_STATUS_LABELS, CONSULTATION_TYPE_LABELS, PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from './frontdesk-labels';
import { formatPence, parsePounds, signedPence } from './money';

const OPEN = ['awaiting_deposit', 'booked'];

/**
 * One consultation at the front desk: the deposit that confirms a named-doctor booking, the
 * balance on the day, arrival, cancellation (a deposit is kept), and the ledger behind the receipt.
 */
@Component({
  selector: 'vn-consultation-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReasonList,
    Loading,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (consultation(); as c) {
      <header class="vn-page-header">
        <div>
          <p class="vn-muted kicker">{{ typeLabel(c) }}</p>
          <h1>{{ c.patientName }}</h1>
        </div>
        <div class="vn-actions">
          <a mat-stroked-button [routerLink]="patientLink(c.patientId)"><mat-icon>person</mat-icon> Patient record</a>
          @if (c.payments.length) {
            <a mat-stroked-button [routerLink]="receiptLink(c.id)"><mat-icon>receipt_long</mat-icon> Receipt</a>
          }
        </div>
      </header>
      <div #banner tabindex="-1" class="banner-anchor">
        @if (refusal(); as r) { <vn-reason-list [message]="r.message" [reasons]="r.reasons" /> }
        @if (c.status === 'awaiting_deposit') {
          <div class="vn-banner awaiting" role="status">
            <mat-icon aria-hidden="true">hourglass_top</mat-icon>
            <span>Awaiting deposit: take the {{ money(c.depositPence) }} deposit to confirm the booking.</span>
          </div>
        }
      </div>
      @if (busy()) { <mat-progress-bar mode="indeterminate" aria-label="Saving" /> }

      <section class="card" aria-labelledby="booking-heading">
        <h2 id="booking-heading">Booking</h2>
        <dl class="facts">
          <div><dt>When</dt><dd>{{ day(c.startsOn) }}, {{ time(c.startsAt) }}–{{ time(c.endsAt) }}</dd></div>
          <div><dt>Clinician</dt><dd>{{ c.clinicianName ?? 'Not chosen yet' }}</dd></div>
          <div><dt>Clinic number</dt><dd>{{ c.clinicNumber }}</dd></div>
          <div><dt>Status</dt><dd><span class="status status-{{ c.status }}">{{ statusLabel(c) }}</span>
            @if (c.statusReason) { <span class="vn-muted"> · {{ c.statusReason }}</span> }</dd></div>
          @if (c.type === 'named_doctor') {
            <div><dt>Fee</dt><dd>{{ money(c.feePence) }} ({{ money(c.depositPence) }} deposit, non-refundable)</dd></div>
            <div><dt>Paid</dt><dd>{{ money(c.paidPence) }}</dd></div>
            <div><dt>Still due</dt><dd class="due">{{ money(c.balanceDuePence) }}</dd></div>
          } @else {
            <div><dt>Fee</dt><dd>Free</dd></div>
          }
        </dl>
        @if (canWrite() && isOpen(c)) {
          <div class="vn-actions">
            @if (onOrAfterDay(c)) {
              @if (c.status === 'booked') {
                <button mat-flat-button type="button" (click)="setStatus('attended')" [disabled]="busy()">Attended</button>
              }
              <button mat-stroked-button type="button" (click)="setStatus('did_not_attend')" [disabled]="busy()">Did not attend</button>
            }
            <button mat-button type="button" (click)="setStatus('cancelled')" [disabled]="busy()"><mat-icon>event_busy</mat-icon> Cancel consultation</button>
          </div>
        }
      </section>

      @if (c.type === 'named_doctor' && canWrite() && kinds(c).length && !showPaymentForm(c)) {
        <button mat-button type="button" class="correct" (click)="correcting.set(true)"><mat-icon>undo</mat-icon> Correct a payment</button>
      }
      @if (c.type === 'named_doctor' && canWrite() && showPaymentForm(c)) {
        <section class="card" aria-labelledby="pay-heading">
          <h2 id="pay-heading">{{ payHeading(c) }}</h2>
          <form [formGroup]="payment" (ngSubmit)="pay()" novalidate>
            <div class="vn-form-grid">
              <mat-form-field appearance="outline">
                <mat-label>Payment</mat-label>
                <mat-select formControlName="kind" (selectionChange)="suggestAmount()">
                  @for (k of kinds(c); track k) { <mat-option [value]="k">{{ kindLabel(k) }}</mat-option> }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Amount (£)</mat-label>
                <input matInput formControlName="amountPence" inputmode="decimal" autocomplete="off" required />
                <mat-error>{{ payment.controls.amountPence.getError('server') ?? 'Enter pounds and pence, e.g. 25.00' }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Method</mat-label>
                <mat-select formControlName="method" required>
                  @for (m of methods; track m) { <mat-option [value]="m">{{ methodLabel(m) }}</mat-option> }
                </mat-select>
                <mat-error>Choose how it was paid</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Reference</mat-label>
                <input matInput formControlName="reference" autocomplete="off" />
                <mat-hint>Card terminal receipt, bank reference, or what a reversal corrects</mat-hint>
                <mat-error>{{ payment.controls.reference.getError('server') ?? 'At most 200 characters' }}</mat-error>
              </mat-form-field>
            </div>
            <div class="vn-actions">
              <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>payments</mat-icon> Record {{ kindLabel(payment.controls.kind.value).toLowerCase() }}</button>
              @if (correcting()) { <button mat-button type="button" (click)="correcting.set(false)">Cancel</button> }
            </div>
          </form>
        </section>
      }

      @if (c.type === 'named_doctor') {
        <section class="card" aria-labelledby="ledger-heading">
          <h2 id="ledger-heading">Payments</h2>
          @if (c.payments.length) {
            <div class="vn-table-wrap">
              <table class="ledger">
                <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Method</th><th scope="col">Reference</th><th scope="col" class="num">Amount</th></tr></thead>
                <tbody>
                  @for (p of c.payments; track p.id) {
                    <tr><td>{{ instant(p.recordedAt) }}</td><td>{{ kindLabel(p.kind) }}</td><td>{{ methodLabel(p.method) }}</td>
                      <td>{{ p.reference ?? '—' }}</td><td class="num">{{ money(signed(p)) }}</td></tr>
                  }
                </tbody>
              </table>
            </div>
          } @else {
            <p class="vn-muted">No payments yet.</p>
          }
        </section>
      }
    } @else {
      <vn-loading label="Loading the consultation…" />
    }
  `,
  styles: `
    .kicker { margin: 0 0 4px; font: var(--mat-sys-label-large); }
    .banner-anchor { outline: none; }
    .awaiting { background: #ffecbf; color: #573800; border: 1px solid #a86400; }
    .card { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 16px 20px; margin-bottom: 16px;
      background: var(--mat-sys-surface-container-lowest); }
    .card h2 { font: var(--mat-sys-title-medium); margin-bottom: 12px; }
    .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px 24px; margin: 0 0 16px; }
    .facts dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .facts dd { margin: 2px 0 0; }
    .due { font-weight: 500; }
    .correct { margin-bottom: 16px; }
    .status { padding: 1px 8px; border-radius: 8px; font: var(--mat-sys-label-large);
      background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .status-awaiting_deposit, .status-did_not_attend { background: #ffecbf; color: #573800; }
    .ledger { width: 100%; border-collapse: collapse; }
    .ledger th { text-align: left; font: var(--mat-sys-label-large); padding: 8px 12px; border-bottom: 1px solid var(--mat-sys-outline); }
    .ledger td { padding: 8px 12px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .ledger .num { text-align: right; font-variant-numeric: tabular-nums; }
  `,
})
export class ConsultationPage {
  private readonly api = inject(FrontdeskApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly banner = viewChild<ElementRef<HTMLElement>>('banner');

  readonly id = input.required<string>();

  protected readonly consultation = signal<Consultation | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** A reversal is a correction: its form opens on request. */
  protected readonly correcting = signal(false);
  private readonly paymentForm = viewChild(FormGroupDirective);
  protected readonly refusal = signal<{ message: string; reasons: Reason[] } | null>(null);
  protected readonly canWrite = computed(() => can(this.session.role(), 'bookSessions'));
  private readonly today = todayIso();

  protected readonly methods = PAYMENT_METHODS;
  protected readonly payment = inject(NonNullableFormBuilder).group({
    kind: ['deposit' as PaymentKind],
    /** Pounds as typed; named as the API names the field, so its errors land here. */
    amountPence: ['', [Validators.required, (c: { value: string }) => (parsePounds(c.value) ? null : { amount: true })]],
    method: ['' as PaymentMethod | '', Validators.required],
    reference: ['', Validators.maxLength(200)],
  });

  protected readonly money = formatPence;
  protected readonly signed = signedPence;
  protected readonly day = formatDateWithWeekday;
  protected readonly time = clinicTimeOf;
  protected readonly instant = formatInstant;
  protected readonly patientLink = links.patient;
  protected readonly receiptLink = links.receipt;

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.loadError.set(null);
    this.api.consultation(this.id()).subscribe({
      next: (c) => this.show(c),
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected typeLabel(c: Consultation): string {
    return CONSULTATION_TYPE_LABELS[c.type];
  }

  protected statusLabel(c: Consultation): string {
    return APPOINTMENT_STATUS_LABELS[c.status];
  }

  protected kindLabel(kind: PaymentKind): string {
    return PAYMENT_KIND_LABELS[kind];
  }

  protected methodLabel(method: PaymentMethod): string {
    return PAYMENT_METHOD_LABELS[method];
  }

  protected isOpen(c: Consultation): boolean {
    return OPEN.includes(c.status);
  }

  protected onOrAfterDay(c: Consultation): boolean {
    return c.startsOn <= this.today;
  }

  /** The payments that make sense now: the deposit first, the balance on the day, a reversal once something was paid. */
  protected kinds(c: Consultation): PaymentKind[] {
    const kinds: PaymentKind[] = [];
    if (c.status === 'awaiting_deposit') kinds.push('deposit');
    if ((c.status === 'booked' || c.status === 'attended') && c.balanceDuePence > 0 && this.onOrAfterDay(c)) kinds.push('balance');
    if (c.paidPence > 0) kinds.push('reversal');
    return kinds;
  }

  protected showPaymentForm(c: Consultation): boolean {
    const kinds = this.kinds(c);
    return kinds.includes('deposit') || kinds.includes('balance') || (this.correcting() && kinds.length > 0);
  }

  protected payHeading(c: Consultation): string {
    const first = this.kinds(c)[0];
    if (first === 'deposit') return 'Take the deposit';
    if (first === 'balance') return 'Take the balance';
    return 'Correct a payment';
  }

  protected suggestAmount(): void {
    const c = this.consultation();
    if (!c) return;
    const kind = this.payment.controls.kind.value;
    const pence = kind === 'deposit' ? c.depositPence - c.paidPence : kind === 'balance' ? c.balanceDuePence : 0;
    this.payment.controls.amountPence.setValue(pence > 0 ? (pence / 100).toFixed(2) : '');
  }

  protected pay(): void {
    const c = this.consultation();
    if (!c) return;
    if (this.payment.invalid) {
      this.payment.markAllAsTouched();
      return;
    }
    const v = this.payment.getRawValue();
    const amountPence = parsePounds(v.amountPence) ?? 0;
    this.run(
      this.api.pay(c.id, { kind: v.kind, amountPence, method: v.method as PaymentMethod, reference: v.reference.trim() || undefined }),
      `${this.kindLabel(v.kind)} of ${formatPence(amountPence)} recorded.`,
    );
  }

  protected setStatus(status: ConsultationStatusChange): void {
    const c = this.consultation();
    if (!c) return;
    if (status !== 'cancelled') {
      this.run(
        this.api.updateConsultation(c.id, { version: c.version, status }),
        status === 'attended' ? 'Marked attended.' : 'Marked as did not attend.',
      );
      return;
    }
    const kept =
      c.paidPence > 0 ? `The ${formatPence(c.paidPence)} already paid is kept: the deposit is non-refundable.` : 'Nothing has been paid.';
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
        data: {
          title: `Cancel ${c.patientName}’s consultation?`,
          message: `${kept} The time is freed in the diary.`,
          confirm: 'Cancel consultation',
        },
      })
      .afterClosed()
      .subscribe((yes) => {
        if (yes) this.run(this.api.updateConsultation(c.id, { version: c.version, status: 'cancelled' }), 'Consultation cancelled.');
      });
  }

  private run(request: ReturnType<FrontdeskApi['consultation']>, done: string): void {
    this.busy.set(true);
    this.refusal.set(null);
    request.subscribe({
      next: (c) => {
        this.busy.set(false);
        this.show(c);
        this.snackBar.open(done, 'OK', { duration: 5000 });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const fieldErrors = problemOf(error)?.errors ?? [];
        const unmatched = applyServerFieldErrors(this.payment, error);
        this.refusal.set(fieldErrors.length && !unmatched.length ? null : refusalOf(error));
        setTimeout(() => this.banner()?.nativeElement.focus());
      },
    });
  }

  private show(c: Consultation): void {
    this.consultation.set(c);
    this.correcting.set(false);
    const kinds = this.kinds(c);
    const value = { kind: kinds[0] ?? 'deposit', amountPence: '', method: '' as const, reference: '' };
    // Through the form directive, so the submitted form does not show the fresh one's fields as errors.
    const directive = this.paymentForm();
    if (directive) directive.resetForm(value);
    else this.payment.reset(value);
    this.suggestAmount();
  }
}
