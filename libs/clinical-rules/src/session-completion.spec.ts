import { checkSessionCompletion, type SessionCompletionFacts } from './index';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

function facts(over: Partial<SessionCompletionFacts> = {}, history: Record<string, unknown> = {}): SessionCompletionFacts {
  return {
    on: '2026-03-10',
    course: { status: 'active', lastCompletedOn: '2026-02-05' },
    consent: { consentedOn: '2026-01-05' },
    patient: {
      dateOfBirth: '1980-05-10',
      medicalHistory: { conditions: [], acknowledgements: {}, weightKg: 70, weightMeasuredOn: '2026-01-05', ...history },
      scans: [
        { id: 's1', performedOn: '2025-12-01', legs: { left: { conclusion: 'clear' }, right: { conclusion: 'underlying_disease' } } },
      ],
    },
    legs: ['left'],
    treatments: [{ leg: 'left', on: '2026-02-05' }],
    patientCompletedSessionsBefore: 1,
    dose: { agent: 'polidocanol', form: 'liquid', concentrationPercent: 0.5, volumeMl: 4 },
    ...over,
  };
}

/** The previous session of the course, which treated the left leg (null: none yet). */
const prev = (on: string | null): Partial<SessionCompletionFacts> => ({
  course: { status: 'active', lastCompletedOn: on },
  treatments: on ? [{ leg: 'left', on }] : [],
});

describe('checkSessionCompletion', () => {
  it.each`
    name                                     | over                                                                                                                        | history                                                                                      | expected
    ${'everything in order'}                 | ${{}}                                                                                                                       | ${{}}                                                                                        | ${[]}
    ${'course completed'}                    | ${{ course: { status: 'completed', lastCompletedOn: '2026-02-05' } }}                                                       | ${{}}                                                                                        | ${['COURSE_CLOSED']}
    ${'course discontinued'}                 | ${{ course: { status: 'discontinued', lastCompletedOn: '2026-02-05' } }}                                                    | ${{}}                                                                                        | ${['COURSE_CLOSED']}
    ${'no consent'}                          | ${{ consent: null }}                                                                                                        | ${{}}                                                                                        | ${['CONSENT_REQUIRED']}
    ${'consent dated after the session'}     | ${{ consent: { consentedOn: '2026-03-11' } }}                                                                               | ${{}}                                                                                        | ${['CONSENT_REQUIRED']}
    ${'consent signed the same day'}         | ${{ consent: { consentedOn: '2026-03-10' } }}                                                                               | ${{}}                                                                                        | ${[]}
    ${'referred leg treated'}                | ${{ legs: ['right'] }}                                                                                                      | ${{}}                                                                                        | ${['REFERRED_FOR_UNDERLYING_DISEASE']}
    ${'both legs, one referred'}             | ${{ legs: ['left', 'right'] }}                                                                                              | ${{}}                                                                                        | ${['REFERRED_FOR_UNDERLYING_DISEASE']}
    ${'no leg recorded'}                     | ${{ legs: [] }}                                                                                                             | ${{}}                                                                                        | ${['INVALID_VALUE']}
    ${'absolute contraindication'}           | ${{}}                                                                                                                       | ${{ conditions: ['acute_thrombosis'] }}                                                      | ${['CONTRAINDICATED']}
    ${'PFO with liquid is allowed'}          | ${{}}                                                                                                                       | ${{ conditions: ['symptomatic_pfo'] }}                                                       | ${[]}
    ${'PFO with foam is refused'}            | ${{ dose: { agent: 'polidocanol', form: 'foam', concentrationPercent: 0.5, volumeMl: 4 } }}                                 | ${{ conditions: ['symptomatic_pfo'] }}                                                       | ${['CONTRAINDICATED']}
    ${'relative condition acknowledged'}     | ${{}}                                                                                                                       | ${{ conditions: ['smoking'], acknowledgements: { smoking: 'discussed' } }}                   | ${[]}
    ${'relative condition not acknowledged'} | ${{}}                                                                                                                       | ${{ conditions: ['smoking'] }}                                                               | ${['CONTRAINDICATED']}
    ${'day 27 after the previous session'}   | ${prev('2026-02-11')}                                                                                                       | ${{}}                                                                                        | ${['INTERVAL_TOO_SHORT']}
    ${'day 28 after the previous session'}   | ${prev('2026-02-10')}                                                                                                       | ${{}}                                                                                        | ${[]}
    ${'first session of the course'}         | ${prev(null)}                                                                                                               | ${{}}                                                                                        | ${[]}
    ${'over the dose limit'}                 | ${{ dose: { agent: 'polidocanol', form: 'liquid', concentrationPercent: 1, volumeMl: 10, otherPolidocanolMgSameDay: 50 } }} | ${{}}                                                                                        | ${['DOSE_LIMIT_EXCEEDED']}
    ${'old weight'}                          | ${{}}                                                                                                                       | ${{ weightMeasuredOn: '2025-03-09' }}                                                        | ${['WEIGHT_REQUIRED']}
    ${'allergy tendency at first session'}   | ${{ patientCompletedSessionsBefore: 0 }}                                                                                    | ${{ conditions: ['allergy_tendency'], acknowledgements: { allergy_tendency: 'hay fever' } }} | ${['CONFIRMATION_REQUIRED']}
    ${'allergy test injection confirmed'}    | ${{ patientCompletedSessionsBefore: 0, confirmations: [{ code: 'TEST_INJECTION', reason: 'no reaction' }] }}                | ${{ conditions: ['allergy_tendency'], acknowledgements: { allergy_tendency: 'hay fever' } }} | ${[]}
  `('$name → $expected', ({ over, history, expected }) => {
    const result = checkSessionCompletion(facts(over, history));
    expect(codes(result.reasons)).toEqual(expected);
    expect(result.allowed).toBe(expected.length === 0);
  });

  it('refuses a patient under 18 and one without a medical history', () => {
    const f = facts();
    expect(codes(checkSessionCompletion({ ...f, patient: { ...f.patient, dateOfBirth: '2008-03-11' } }).reasons)).toEqual(['UNDER_18']);
    expect(codes(checkSessionCompletion({ ...f, patient: { ...f.patient, medicalHistory: null } }).reasons)).toEqual([
      'MEDICAL_HISTORY_REQUIRED',
      'WEIGHT_REQUIRED',
    ]);
  });

  it('refuses an expired scan on the completion date and a leg never scanned', () => {
    const f = facts({ on: '2026-12-01', ...prev('2026-10-01'), legs: ['left', 'right'] }, { weightMeasuredOn: '2026-09-01' });
    // Scan of 1 Dec 2025 is valid until 30 Nov 2026; the right leg was not scanned at all.
    f.patient.scans = [{ id: 's1', performedOn: '2025-12-01', legs: { left: { conclusion: 'clear' } } }];
    const result = checkSessionCompletion(f);
    expect(result.reasons.map((r) => [r.code, r.leg])).toEqual([
      ['SCAN_EXPIRED', 'left'],
      ['SCAN_REQUIRED', 'right'],
    ]);
  });

  it('lists every reason that applies, not only the first', () => {
    const result = checkSessionCompletion(
      facts(
        {
          session: { status: 'cancelled' },
          timing: {
            treatedAt: '2026-03-10T09:00:00Z',
            recordedAt: '2026-03-10T08:00:00Z',
            scheduledFor: '2026-03-11T09:00:00Z',
            timeZone: 'Europe/London',
          },
          course: { status: 'completed', legs: ['left'], lastCompletedOn: '2026-03-01' },
          treatments: [{ leg: 'left', on: '2026-03-01' }],
          consent: null,
          legs: ['left', 'right'],
          patientCompletedSessionsBefore: 0,
          dose: { agent: 'polidocanol', form: 'foam', concentrationPercent: 3, volumeMl: 12 },
        },
        { conditions: ['pregnancy', 'symptomatic_pfo', 'migraine_with_aura', 'allergy_tendency'], weightKg: null, weightMeasuredOn: null },
      ),
    );
    expect(codes(result.reasons)).toEqual([
      'SESSION_NOT_BOOKED',
      'COURSE_CLOSED',
      'INVALID_VALUE', // treated in the future
      'INVALID_VALUE', // before the booked day
      'INVALID_VALUE', // the right leg is not in the course
      'CONSENT_REQUIRED',
      'CONTRAINDICATED', // pregnancy
      'CONTRAINDICATED', // PFO with foam
      'REFERRED_FOR_UNDERLYING_DISEASE',
      'CONTRAINDICATED', // migraine with aura not acknowledged
      'CONTRAINDICATED', // allergy tendency not acknowledged
      'INTERVAL_TOO_SHORT',
      'DOSE_LIMIT_EXCEEDED', // foam volume
      'CONFIRMATION_REQUIRED', // 3 %
      'WEIGHT_REQUIRED',
      'CONFIRMATION_REQUIRED', // test injection
    ]);
    expect(result.reasons.find((r) => r.message.includes('Migraine with aura'))).toBeDefined();
    expect(result.reasons.filter((r) => r.code === 'INVALID_VALUE').map((r) => r.field)).toEqual(['treatedAt', 'treatedAt', 'legs']);
    expect(result.allowed).toBe(false);
  });

  it('warns, without refusing, when the session is after the window', () => {
    const result = checkSessionCompletion(facts(prev('2025-12-01')));
    expect(result.allowed).toBe(true);
    expect(codes(result.warnings)).toEqual(['BEYOND_WINDOW']);
  });

  it('returns the dose figures for the form', () => {
    expect(checkSessionCompletion(facts()).dose).toMatchObject({ doseMg: 20, limitMg: 140, remainingMg: 120 });
  });

  describe('the interval is per leg, across every course (SPEC §1.4)', () => {
    const other = (treatments: { leg: 'left' | 'right'; on: string }[]) => facts({ ...prev(null), treatments, on: '2026-03-10' });

    it.each`
      name                                                        | legs                 | treatments                                                                 | expected
      ${'the left leg treated 27 days earlier in another course'} | ${['left']}          | ${[{ leg: 'left', on: '2026-02-11' }]}                                     | ${[['INTERVAL_TOO_SHORT', 'left', '2026-03-11']]}
      ${'the left leg treated 28 days earlier in another course'} | ${['left']}          | ${[{ leg: 'left', on: '2026-02-10' }]}                                     | ${[]}
      ${'the same day in another course'}                         | ${['left']}          | ${[{ leg: 'left', on: '2026-03-10' }]}                                     | ${[['INTERVAL_TOO_SHORT', 'left', '2026-04-07']]}
      ${'the other leg treated yesterday'}                        | ${['left']}          | ${[{ leg: 'right', on: '2026-03-09' }]}                                    | ${[]}
      ${'recorded late: the leg was treated 5 days after'}        | ${['left']}          | ${[{ leg: 'left', on: '2026-03-15' }]}                                     | ${[['INTERVAL_TOO_SHORT', 'left', '2026-04-12']]}
      ${'recorded late: the next treatment 28 days after'}        | ${['left']}          | ${[{ leg: 'left', on: '2026-04-07' }]}                                     | ${[]}
      ${'both legs, each inside its own interval'}                | ${['left', 'right']} | ${[{ leg: 'left', on: '2026-03-01' }, { leg: 'right', on: '2026-02-20' }]} | ${[['INTERVAL_TOO_SHORT', 'left', '2026-03-29'], ['INTERVAL_TOO_SHORT', 'right', '2026-03-20']]}
    `('$name', ({ legs, treatments, expected }) => {
      const f = other(treatments);
      f.patient.scans = [{ id: 's1', performedOn: '2025-12-01', legs: { left: { conclusion: 'clear' }, right: { conclusion: 'clear' } } }];
      const result = checkSessionCompletion({ ...f, legs });
      expect(result.reasons.map((r) => [r.code, r.leg, r.opensOn])).toEqual(expected);
    });

    it('names the leg and the date its window opens', () => {
      const [reason] = checkSessionCompletion(other([{ leg: 'left', on: '2026-02-20' }])).reasons;
      expect(reason.message).toBe(
        'Left leg: treated on 20 February 2026; a leg is treated at most once in 28 days, so it may be treated again from 20 March 2026.',
      );
    });
  });

  describe('the treatment time (SPEC §1.9)', () => {
    const timing = (treatedAt: string, recordedAt = '2026-03-10T12:00:00Z', scheduledFor = '2026-03-03T09:00:00Z') =>
      facts({ on: treatedAt.slice(0, 10), timing: { treatedAt, recordedAt, scheduledFor, timeZone: 'Europe/London' } });

    it.each`
      name                                   | treatedAt                 | recordedAt                | scheduledFor              | fields
      ${'recorded as it happens'}            | ${'2026-03-10T12:00:00Z'} | ${'2026-03-10T12:00:00Z'} | ${'2026-03-10T09:00:00Z'} | ${[]}
      ${'given this morning, typed now'}     | ${'2026-03-10T09:00:00Z'} | ${'2026-03-10T12:00:00Z'} | ${'2026-03-10T09:00:00Z'} | ${[]}
      ${'a second in the future'}            | ${'2026-03-10T12:00:01Z'} | ${'2026-03-10T12:00:00Z'} | ${'2026-03-10T09:00:00Z'} | ${['treatedAt']}
      ${'7 days back (the limit)'}           | ${'2026-03-03T09:00:00Z'} | ${'2026-03-10T23:00:00Z'} | ${'2026-03-03T09:00:00Z'} | ${[]}
      ${'8 days back'}                       | ${'2026-03-02T09:00:00Z'} | ${'2026-03-10T12:00:00Z'} | ${'2026-03-02T09:00:00Z'} | ${['treatedAt']}
      ${'before the booked day'}             | ${'2026-03-09T15:00:00Z'} | ${'2026-03-10T12:00:00Z'} | ${'2026-03-10T09:00:00Z'} | ${['treatedAt']}
      ${'after the booked day'}              | ${'2026-03-10T09:00:00Z'} | ${'2026-03-10T12:00:00Z'} | ${'2026-03-09T09:00:00Z'} | ${[]}
      ${'23:30 UTC is tomorrow in summer'}   | ${'2026-06-09T23:30:00Z'} | ${'2026-06-10T08:00:00Z'} | ${'2026-06-10T09:00:00Z'} | ${[]}
      ${'the limit across the clock change'} | ${'2026-03-22T10:00:00Z'} | ${'2026-03-29T22:30:00Z'} | ${'2026-03-22T09:00:00Z'} | ${[]}
    `('$name → $fields', ({ treatedAt, recordedAt, scheduledFor, fields }) => {
      const result = checkSessionCompletion(timing(treatedAt, recordedAt, scheduledFor));
      expect(result.reasons.filter((r) => r.field).map((r) => r.field)).toEqual(fields);
    });

    it('evaluates the scan on the treatment date, not the day it is typed in', () => {
      // The clear scan of 1 December 2025 is valid through 30 November 2026.
      const f = facts({ on: '2026-11-30', ...prev('2026-10-01') }, { weightMeasuredOn: '2026-09-01' });
      expect(codes(checkSessionCompletion(f).reasons)).toEqual([]);
      expect(codes(checkSessionCompletion({ ...f, on: '2026-12-01' }).reasons)).toEqual(['SCAN_EXPIRED']);
    });
  });
});
