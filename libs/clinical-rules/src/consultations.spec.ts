import {
  balanceDuePence,
  initialConsultationStatus,
  paidPence,
  paymentReasons,
  statusAfterPayment,
  statusChangeReasons,
  type ConsultationFacts,
} from './index';

const codes = (reasons: { code: string; field?: string }[]) => reasons.map((r) => (r.field ? `${r.code}:${r.field}` : r.code));
const named = (over: Partial<ConsultationFacts> = {}): ConsultationFacts => ({
  type: 'named_doctor',
  status: 'awaiting_deposit',
  feePence: 5000,
  depositPence: 2500,
  startsOn: '2026-12-09',
  ...over,
});
const today = '2026-12-01';

describe('consultation money', () => {
  it('starts a named-doctor consultation waiting for its deposit and a free one booked', () => {
    expect(initialConsultationStatus('named_doctor', 2500)).toBe('awaiting_deposit');
    expect(initialConsultationStatus('free', 0)).toBe('booked');
  });

  it('counts reversals against what was paid', () => {
    expect(
      paidPence([
        { kind: 'deposit', amountPence: 2500 },
        { kind: 'reversal', amountPence: 500 },
        { kind: 'balance', amountPence: 1000 },
      ]),
    ).toBe(3000);
  });

  it.each`
    status                | paid    | due
    ${'awaiting_deposit'} | ${0}    | ${5000}
    ${'booked'}           | ${2500} | ${2500}
    ${'attended'}         | ${5000} | ${0}
    ${'cancelled'}        | ${2500} | ${0}
    ${'did_not_attend'}   | ${2500} | ${0}
  `('$status with $paid paid has $due due', ({ status, paid, due }) => {
    expect(balanceDuePence(named({ status }), paid)).toBe(due);
  });

  it.each`
    status                | paid    | after
    ${'awaiting_deposit'} | ${2499} | ${'awaiting_deposit'}
    ${'awaiting_deposit'} | ${2500} | ${'booked'}
    ${'booked'}           | ${0}    | ${'awaiting_deposit'}
    ${'cancelled'}        | ${2500} | ${'cancelled'}
  `('a deposit confirms: $status with $paid paid becomes $after', ({ status, paid, after }) => {
    expect(statusAfterPayment(named({ status }), paid)).toBe(after);
  });
});

describe('paymentReasons', () => {
  it.each`
    case                                | facts                                             | kind          | amount  | paid    | reasons
    ${'the deposit'}                    | ${{}}                                             | ${'deposit'}  | ${2500} | ${0}    | ${[]}
    ${'the whole fee as deposit'}       | ${{}}                                             | ${'deposit'}  | ${5000} | ${0}    | ${[]}
    ${'too small a deposit'}            | ${{}}                                             | ${'deposit'}  | ${2000} | ${0}    | ${['INVALID_VALUE:amountPence']}
    ${'more than the fee'}              | ${{}}                                             | ${'deposit'}  | ${5001} | ${0}    | ${['INVALID_VALUE:amountPence']}
    ${'a second deposit'}               | ${{ status: 'booked' }}                           | ${'deposit'}  | ${2500} | ${2500} | ${['PAYMENT_REFUSED']}
    ${'a deposit once cancelled'}       | ${{ status: 'cancelled' }}                        | ${'deposit'}  | ${2500} | ${0}    | ${['PAYMENT_REFUSED']}
    ${'the balance before the deposit'} | ${{ startsOn: today }}                            | ${'balance'}  | ${2500} | ${0}    | ${['PAYMENT_REFUSED']}
    ${'the balance before the day'}     | ${{ status: 'booked' }}                           | ${'balance'}  | ${2500} | ${2500} | ${['PAYMENT_REFUSED']}
    ${'the balance on the day'}         | ${{ status: 'booked', startsOn: today }}          | ${'balance'}  | ${2500} | ${2500} | ${[]}
    ${'the balance after attending'}    | ${{ status: 'attended', startsOn: '2026-11-30' }} | ${'balance'}  | ${2500} | ${2500} | ${[]}
    ${'a reversal of the deposit'}      | ${{ status: 'booked' }}                           | ${'reversal'} | ${2500} | ${2500} | ${[]}
    ${'a reversal of more than paid'}   | ${{ status: 'booked' }}                           | ${'reversal'} | ${2501} | ${2500} | ${['INVALID_VALUE:amountPence']}
    ${'a payment for a free one'}       | ${{ type: 'free', feePence: 0, depositPence: 0 }} | ${'deposit'}  | ${100}  | ${0}    | ${['INVALID_VALUE:kind']}
  `('$case', ({ facts, kind, amount, paid, reasons }) => {
    expect(codes(paymentReasons(named(facts), { kind, amountPence: amount }, paid, today))).toEqual(reasons);
  });
});

describe('statusChangeReasons', () => {
  it.each`
    status                | startsOn        | to                  | reasons
    ${'awaiting_deposit'} | ${'2026-12-09'} | ${'cancelled'}      | ${[]}
    ${'booked'}           | ${'2026-12-09'} | ${'attended'}       | ${['STATUS_CHANGE_REFUSED']}
    ${'booked'}           | ${today}        | ${'attended'}       | ${[]}
    ${'booked'}           | ${today}        | ${'did_not_attend'} | ${[]}
    ${'awaiting_deposit'} | ${today}        | ${'attended'}       | ${['STATUS_CHANGE_REFUSED']}
    ${'cancelled'}        | ${today}        | ${'attended'}       | ${['STATUS_CHANGE_REFUSED']}
  `('$status on $startsOn → $to', ({ status, startsOn, to, reasons }) => {
    expect(codes(statusChangeReasons(named({ status, startsOn }), to, today))).toEqual(reasons);
  });
});
