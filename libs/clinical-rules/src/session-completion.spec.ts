import { checkSessionCompletion, type SessionCompletionFacts } from './index';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

function facts(over: Partial<SessionCompletionFacts> = {}, history: Record<string, unknown> = {}): SessionCompletionFacts {
  return {
    on: '2026-03-10',
    course: { status: 'active' },
    consent: { consentedOn: '2026-01-05' },
    patient: {
      dateOfBirth: '1980-05-10',
      medicalHistory: { conditions: [], acknowledgements: {}, weightKg: 70, weightMeasuredOn: '2026-01-05', ...history },
      scans: [{ id: 's1', performedOn: '2025-12-01', legs: { left: { conclusion: 'clear' }, right: { conclusion: 'underlying_disease' } } }],
    },
    legs: ['left'],
    previousCompletedOn: '2026-02-05',
    patientCompletedSessionsBefore: 1,
    dose: { agent: 'polidocanol', form: 'liquid', concentrationPercent: 0.5, volumeMl: 4 },
    ...over,
  };
}

describe('checkSessionCompletion', () => {
  it.each`
    name                                        | over                                                                                    | history                                                                   | expected
    ${'everything in order'}                    | ${{}}                                                                                   | ${{}}                                                                     | ${[]}
    ${'course completed'}                       | ${{ course: { status: 'completed' } }}                                                  | ${{}}                                                                     | ${['COURSE_CLOSED']}
    ${'course discontinued'}                    | ${{ course: { status: 'discontinued' } }}                                               | ${{}}                                                                     | ${['COURSE_CLOSED']}
    ${'no consent'}                             | ${{ consent: null }}                                                                    | ${{}}                                                                     | ${['CONSENT_REQUIRED']}
    ${'consent dated after the session'}        | ${{ consent: { consentedOn: '2026-03-11' } }}                                           | ${{}}                                                                     | ${['CONSENT_REQUIRED']}
    ${'consent signed the same day'}            | ${{ consent: { consentedOn: '2026-03-10' } }}                                           | ${{}}                                                                     | ${[]}
    ${'referred leg treated'}                   | ${{ legs: ['right'] }}                                                                  | ${{}}                                                                     | ${['REFERRED_FOR_UNDERLYING_DISEASE']}
    ${'both legs, one referred'}                | ${{ legs: ['left', 'right'] }}                                                          | ${{}}                                                                     | ${['REFERRED_FOR_UNDERLYING_DISEASE']}
    ${'no leg recorded'}                        | ${{ legs: [] }}                                                                         | ${{}}                                                                     | ${['INVALID_VALUE']}
    ${'absolute contraindication'}              | ${{}}                                                                                   | ${{ conditions: ['acute_thrombosis'] }}                                   | ${['CONTRAINDICATED']}
    ${'PFO with liquid is allowed'}             | ${{}}                                                                                   | ${{ conditions: ['symptomatic_pfo'] }}                                    | ${[]}
    ${'PFO with foam is refused'}               | ${{ dose: { agent: 'polidocanol', form: 'foam', concentrationPercent: 0.5, volumeMl: 4 } }} | ${{ conditions: ['symptomatic_pfo'] }}                                | ${['CONTRAINDICATED']}
    ${'relative condition acknowledged'}        | ${{}}                                                                                   | ${{ conditions: ['smoking'], acknowledgements: { smoking: 'discussed' } }} | ${[]}
    ${'relative condition not acknowledged'}    | ${{}}                                                                                   | ${{ conditions: ['smoking'] }}                                            | ${['CONTRAINDICATED']}
    ${'day 27 after the previous session'}      | ${{ previousCompletedOn: '2026-02-11' }}                                                | ${{}}                                                                     | ${['INTERVAL_TOO_SHORT']}
    ${'day 28 after the previous session'}      | ${{ previousCompletedOn: '2026-02-10' }}                                                | ${{}}                                                                     | ${[]}
    ${'first session of the course'}            | ${{ previousCompletedOn: null }}                                                        | ${{}}                                                                     | ${[]}
    ${'over the dose limit'}                    | ${{ dose: { agent: 'polidocanol', form: 'liquid', concentrationPercent: 1, volumeMl: 10, otherPolidocanolMgSameDay: 50 } }} | ${{}} | ${['DOSE_LIMIT_EXCEEDED']}
    ${'old weight'}                             | ${{}}                                                                                   | ${{ weightMeasuredOn: '2025-03-09' }}                                     | ${['WEIGHT_REQUIRED']}
    ${'allergy tendency at first session'}      | ${{ patientCompletedSessionsBefore: 0 }}                                                | ${{ conditions: ['allergy_tendency'], acknowledgements: { allergy_tendency: 'hay fever' } }} | ${['CONFIRMATION_REQUIRED']}
    ${'allergy test injection confirmed'}       | ${{ patientCompletedSessionsBefore: 0, confirmations: [{ code: 'TEST_INJECTION', reason: 'no reaction' }] }} | ${{ conditions: ['allergy_tendency'], acknowledgements: { allergy_tendency: 'hay fever' } }} | ${[]}
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
    const f = facts({ on: '2026-12-01', previousCompletedOn: '2026-10-01', legs: ['left', 'right'] }, { weightMeasuredOn: '2026-09-01' });
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
          course: { status: 'completed' },
          consent: null,
          legs: ['left', 'right'],
          previousCompletedOn: '2026-03-01',
          patientCompletedSessionsBefore: 0,
          dose: { agent: 'polidocanol', form: 'foam', concentrationPercent: 3, volumeMl: 12 },
        },
        { conditions: ['pregnancy', 'symptomatic_pfo', 'migraine_with_aura', 'allergy_tendency'], weightKg: null, weightMeasuredOn: null },
      ),
    );
    expect(codes(result.reasons)).toEqual([
      'COURSE_CLOSED',
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
    expect(result.allowed).toBe(false);
  });

  it('warns, without refusing, when the session is after the window', () => {
    const result = checkSessionCompletion(facts({ previousCompletedOn: '2025-12-01' }));
    expect(result.allowed).toBe(true);
    expect(codes(result.warnings)).toEqual(['BEYOND_WINDOW']);
  });

  it('returns the dose figures for the form', () => {
    expect(checkSessionCompletion(facts()).dose).toMatchObject({ doseMg: 20, limitMg: 140, remainingMg: 120 });
  });
});
