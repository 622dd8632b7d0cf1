/**
 * Consultations and their money (SPEC §2): a named-doctor consultation waits for its deposit, a
 * free one is booked at once; the ledger's deposits and balances less its reversals is what was
 * paid; a cancelled consultation keeps its deposit; the balance is taken on the day.
 */
import type { ConsultationStatus, ConsultationStatusChange, ConsultationType, IsoDate, PaymentKind, Refusal } from '@venule/api-contract';

export interface ConsultationFacts {
  type: ConsultationType;
  status: ConsultationStatus;
  feePence: number;
  depositPence: number;
  /** Its clinic calendar date. */
  startsOn: IsoDate;
}

/** An amount in pounds as patients and staff read it, `£25.00`. */
export const formatPounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

/** The status a new consultation starts in. */
export function initialConsultationStatus(type: ConsultationType, depositPence: number): ConsultationStatus {
  return type === 'named_doctor' && depositPence > 0 ? 'awaiting_deposit' : 'booked';
}

/** Deposits and balances less reversals. */
export function paidPence(payments: readonly { kind: PaymentKind; amountPence: number }[]): number {
  return payments.reduce((sum, p) => sum + (p.kind === 'reversal' ? -p.amountPence : p.amountPence), 0);
}

/** What is still to take: nothing once cancelled or missed (the deposit is kept, no more is due). */
export function balanceDuePence(c: Pick<ConsultationFacts, 'status' | 'feePence'>, paid: number): number {
  if (c.status === 'cancelled' || c.status === 'did_not_attend') return 0;
  return Math.max(0, c.feePence - paid);
}

/**
 * The status after the ledger changed: the deposit confirms a named-doctor consultation; a reversal
 * that takes the deposit back leaves it waiting again. Other statuses do not follow the money.
 */
export function statusAfterPayment(c: Pick<ConsultationFacts, 'status' | 'depositPence'>, paid: number): ConsultationStatus {
  if (c.status === 'awaiting_deposit' && paid >= c.depositPence) return 'booked';
  if (c.status === 'booked' && c.depositPence > 0 && paid < c.depositPence) return 'awaiting_deposit';
  return c.status;
}

/**
 * Every reason a payment is refused, empty when it may be taken. Reasons with a `field` make the
 * request invalid (400); PAYMENT_REFUSED is about the consultation's state (422).
 */
export function paymentReasons(
  c: ConsultationFacts,
  payment: { kind: PaymentKind; amountPence: number },
  paid: number,
  today: IsoDate,
): Refusal[] {
  const reasons: Refusal[] = [];
  const outstanding = Math.max(0, c.feePence - paid);
  if (payment.kind === 'reversal') {
    if (payment.amountPence > paid) {
      reasons.push({ code: 'INVALID_VALUE', field: 'amountPence', message: `must not exceed what was paid (${formatPounds(paid)})` });
    }
    return reasons;
  }
  if (c.type === 'free') {
    return [{ code: 'INVALID_VALUE', field: 'kind', message: 'a free consultation takes no payment' }];
  }
  if (c.status === 'cancelled' || c.status === 'did_not_attend') {
    reasons.push({
      code: 'PAYMENT_REFUSED',
      message: `This consultation is ${c.status.replace(/_/g, ' ')}; it takes no more payments (a deposit already paid is kept).`,
    });
  }
  if (payment.kind === 'deposit') {
    if (c.status === 'booked' || c.status === 'attended') {
      reasons.push({ code: 'PAYMENT_REFUSED', message: 'The deposit is already paid; take the balance on the day.' });
    } else if (payment.amountPence < c.depositPence - paid) {
      reasons.push({
        code: 'INVALID_VALUE',
        field: 'amountPence',
        message: `must be at least the deposit due (${formatPounds(c.depositPence - paid)})`,
      });
    }
  }
  if (payment.kind === 'balance') {
    if (c.status === 'awaiting_deposit') {
      reasons.push({
        code: 'PAYMENT_REFUSED',
        message: `Take the ${formatPounds(c.depositPence)} deposit first: it confirms the booking.`,
      });
    } else if (c.startsOn > today) {
      reasons.push({ code: 'PAYMENT_REFUSED', message: `The balance is taken on the day of the consultation (${c.startsOn}).` });
    }
  }
  if (payment.amountPence > outstanding) {
    reasons.push({
      code: 'INVALID_VALUE',
      field: 'amountPence',
      message: `must not exceed what is still due (${formatPounds(outstanding)})`,
    });
  }
  return reasons;
}

/** Every reason a status change is refused: only an open consultation changes, and only on or after its day for the outcome. */
export function statusChangeReasons(c: ConsultationFacts, to: ConsultationStatusChange, today: IsoDate): Refusal[] {
  if (c.status !== 'awaiting_deposit' && c.status !== 'booked') {
    return [{ code: 'STATUS_CHANGE_REFUSED', message: `This consultation is already ${c.status.replace(/_/g, ' ')}.` }];
  }
  if (to === 'cancelled') return [];
  const reasons: Refusal[] = [];
  if (c.startsOn > today) {
    reasons.push({
      code: 'STATUS_CHANGE_REFUSED',
      message: `The consultation is on ${c.startsOn}; mark it ${to.replace(/_/g, ' ')} on or after that day, or cancel it.`,
    });
  }
  if (to === 'attended' && c.status === 'awaiting_deposit') {
    reasons.push({
      code: 'STATUS_CHANGE_REFUSED',
      message: 'The deposit was never taken; take it before marking the consultation attended.',
    });
  }
  return reasons;
}
