import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ClinicIdentity, Consultation } from '@venule/api-contract';
import { formatDateWithWeekday } from '@venule/clinical-rules';
import { clinicDateOf, clinicTimeOf, formatDate } from '../core/dates';
import { APPOINTMENT_STATUS_LABELS, CONSULTATION_TYPE_LABELS, PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from './frontdesk-labels';
import { formatPence, signedPence } from './money';

/** The receipt handed to the patient: every ledger entry in pounds, what was paid and what is still due. */
@Component({
  selector: 'vn-receipt-sheet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = consultation();
    <article class="sheet">
      <header>
        @if (clinic(); as id) {
          <p class="clinic">{{ id.name }}</p>
          <p class="clinic-contact">{{ id.address }}@if (id.phone) { · {{ id.phone }} }</p>
        }
        <h1>Receipt</h1>
        <p><strong>{{ c.patientName }}</strong> · {{ c.clinicNumber }}</p>
        <p>{{ type(c) }} on {{ day(c.startsOn) }} at {{ time(c.startsAt) }}@if (c.clinicianName) { with {{ c.clinicianName }} }</p>
        @if (c.status === 'cancelled' || c.status === 'did_not_attend') {
          <p>{{ status(c) }}: the deposit is non-refundable and has been kept.</p>
        }
      </header>
      <table>
        <thead><tr><th scope="col">Date</th><th scope="col">Payment</th><th scope="col">Method</th><th scope="col" class="num">Amount</th></tr></thead>
        <tbody>
          @for (p of c.payments; track p.id) {
            <tr>
              <td>{{ date(p.recordedAt) }}</td>
              <td>{{ kind(p.kind) }}@if (p.reference) { <span class="ref"> · {{ p.reference }}</span> }</td>
              <td>{{ method(p.method) }}</td>
              <td class="num">{{ money(signed(p)) }}</td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr><th scope="row" colspan="3">Fee</th><td class="num">{{ money(c.feePence) }}</td></tr>
          <tr><th scope="row" colspan="3">Paid</th><td class="num total">{{ money(c.paidPence) }}</td></tr>
          <tr><th scope="row" colspan="3">Still due</th><td class="num">{{ money(c.balanceDuePence) }}</td></tr>
        </tfoot>
      </table>
    </article>
  `,
})
export class ReceiptSheet {
  readonly consultation = input.required<Consultation>();
  /** The clinic's name and numbers; nothing is printed in their place while the server has none. */
  readonly clinic = input<ClinicIdentity | null>(null);

  protected readonly money = formatPence;
  protected readonly signed = signedPence;
  protected readonly day = formatDateWithWeekday;
  protected readonly time = clinicTimeOf;
  protected readonly date = (instant: string) => formatDate(clinicDateOf(instant));
  protected readonly type = (c: Consultation) => CONSULTATION_TYPE_LABELS[c.type];
  protected readonly status = (c: Consultation) => APPOINTMENT_STATUS_LABELS[c.status];
  protected readonly kind = (k: keyof typeof PAYMENT_KIND_LABELS) => PAYMENT_KIND_LABELS[k];
  protected readonly method = (m: keyof typeof PAYMENT_METHOD_LABELS) => PAYMENT_METHOD_LABELS[m];
}
