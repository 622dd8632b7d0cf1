import { checkDose, checkTestInjection, doseMg, makePolicy, type DoseInput } from './index';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);
const on = '2026-01-10';
const weighed = { weightKg: 70, weightMeasuredOn: '2025-11-01' };
const poli = (over: Partial<DoseInput> = {}): DoseInput => ({
  agent: 'polidocanol',
  form: 'liquid',
  concentrationPercent: 0.5,
  volumeMl: 4,
  ...over,
});

describe('doseMg', () => {
  it.each`
    c       | v      | mg
    ${0.5}  | ${4}   | ${20}
    ${1}    | ${14}  | ${140}
    ${0.3}  | ${3}   | ${9}
    ${0.25} | ${0.1} | ${0.25}
  `('$c % × $v mL = $mg mg', ({ c, v, mg }) => {
    expect(doseMg(c, v)).toBe(mg);
  });
});

describe('checkDose', () => {
  it.each`
    name                                           | input                                                                                                                                  | patient                                             | expected
    ${'usual liquid polidocanol'}                  | ${poli()}                                                                                                                              | ${weighed}                                          | ${[]}
    ${'exactly 140 mg for 70 kg'}                  | ${poli({ concentrationPercent: 1, volumeMl: 14 })}                                                                                     | ${weighed}                                          | ${[]}
    ${'140.01 mg for 70 kg'}                       | ${poli({ concentrationPercent: 1, volumeMl: 14.001 })}                                                                                 | ${weighed}                                          | ${['DOSE_LIMIT_EXCEEDED']}
    ${'limit counts earlier sessions today'}       | ${poli({ concentrationPercent: 1, volumeMl: 10, otherPolidocanolMgSameDay: 40 })}                                                      | ${weighed}                                          | ${[]}
    ${'limit exceeded with earlier sessions'}      | ${poli({ concentrationPercent: 1, volumeMl: 10, otherPolidocanolMgSameDay: 40.5 })}                                                    | ${weighed}                                          | ${['DOSE_LIMIT_EXCEEDED']}
    ${'no weight'}                                 | ${poli()}                                                                                                                              | ${{}}                                               | ${['WEIGHT_REQUIRED']}
    ${'weight measured a day under 12 months ago'} | ${poli()}                                                                                                                              | ${{ weightKg: 70, weightMeasuredOn: '2025-01-11' }} | ${[]}
    ${'weight measured exactly 12 months ago'}     | ${poli()}                                                                                                                              | ${{ weightKg: 70, weightMeasuredOn: '2025-01-10' }} | ${['WEIGHT_REQUIRED']}
    ${'weight dated after the session'}            | ${poli()}                                                                                                                              | ${{ weightKg: 70, weightMeasuredOn: '2026-01-11' }} | ${['WEIGHT_REQUIRED']}
    ${'implausible stored weight'}                 | ${poli()}                                                                                                                              | ${{ weightKg: 7, weightMeasuredOn: '2025-12-01' }}  | ${['WEIGHT_REQUIRED']}
    ${'STS needs no weight'}                       | ${{ agent: 'sodium_tetradecyl_sulfate', form: 'liquid', concentrationPercent: 0.2, volumeMl: 6 }}                                      | ${{}}                                               | ${[]}
    ${'foam 10 mL allowed'}                        | ${poli({ form: 'foam', volumeMl: 10 })}                                                                                                | ${weighed}                                          | ${[]}
    ${'foam 10.5 mL refused'}                      | ${poli({ form: 'foam', volumeMl: 10.5 })}                                                                                              | ${weighed}                                          | ${['DOSE_LIMIT_EXCEEDED']}
    ${'liquid 12 mL is not a foam limit'}          | ${poli({ volumeMl: 12 })}                                                                                                              | ${weighed}                                          | ${[]}
    ${'STS foam over 10 mL'}                       | ${{ agent: 'sodium_tetradecyl_sulfate', form: 'foam', concentrationPercent: 0.2, volumeMl: 11 }}                                       | ${{}}                                               | ${['DOSE_LIMIT_EXCEEDED']}
    ${'polidocanol 0.25 % (range edge)'}           | ${poli({ concentrationPercent: 0.25 })}                                                                                                | ${weighed}                                          | ${[]}
    ${'polidocanol 0.2 % unconfirmed'}             | ${poli({ concentrationPercent: 0.2 })}                                                                                                 | ${weighed}                                          | ${['CONFIRMATION_REQUIRED']}
    ${'polidocanol 2 % unconfirmed'}               | ${poli({ concentrationPercent: 2, volumeMl: 2 })}                                                                                      | ${weighed}                                          | ${['CONFIRMATION_REQUIRED']}
    ${'polidocanol 2 % confirmed'}                 | ${poli({ concentrationPercent: 2, volumeMl: 2, confirmations: [{ code: 'UNUSUAL_CONCENTRATION', reason: 'reticular feeder vein' }] })} | ${weighed}                                          | ${[]}
    ${'confirmation with a blank reason'}          | ${poli({ concentrationPercent: 2, volumeMl: 2, confirmations: [{ code: 'UNUSUAL_CONCENTRATION', reason: ' ' }] })}                     | ${weighed}                                          | ${['CONFIRMATION_REQUIRED']}
    ${'wrong confirmation code'}                   | ${poli({ concentrationPercent: 2, volumeMl: 2, confirmations: [{ code: 'TEST_INJECTION', reason: 'done' }] })}                         | ${weighed}                                          | ${['CONFIRMATION_REQUIRED']}
    ${'STS 0.5 % (range edge)'}                    | ${{ agent: 'sodium_tetradecyl_sulfate', form: 'liquid', concentrationPercent: 0.5, volumeMl: 2 }}                                      | ${{}}                                               | ${[]}
    ${'STS 1 % unconfirmed'}                       | ${{ agent: 'sodium_tetradecyl_sulfate', form: 'liquid', concentrationPercent: 1, volumeMl: 2 }}                                        | ${{}}                                               | ${['CONFIRMATION_REQUIRED']}
    ${'zero volume'}                               | ${poli({ volumeMl: 0 })}                                                                                                               | ${weighed}                                          | ${['INVALID_VALUE']}
    ${'negative concentration'}                    | ${poli({ concentrationPercent: -1 })}                                                                                                  | ${weighed}                                          | ${['INVALID_VALUE']}
    ${'absurd concentration'}                      | ${poli({ concentrationPercent: 50 })}                                                                                                  | ${weighed}                                          | ${['INVALID_VALUE']}
    ${'not a number'}                              | ${poli({ volumeMl: Number.NaN })}                                                                                                      | ${weighed}                                          | ${['INVALID_VALUE']}
    ${'negative earlier dose'}                     | ${poli({ otherPolidocanolMgSameDay: -5 })}                                                                                             | ${weighed}                                          | ${['INVALID_VALUE']}
    ${'unknown agent'}                             | ${{ agent: 'saline', form: 'liquid', concentrationPercent: 1, volumeMl: 1 }}                                                           | ${weighed}                                          | ${['INVALID_VALUE']}
    ${'over the limit and over foam volume'}       | ${poli({ form: 'foam', concentrationPercent: 1, volumeMl: 15 })}                                                                       | ${weighed}                                          | ${['DOSE_LIMIT_EXCEEDED', 'DOSE_LIMIT_EXCEEDED']}
  `('$name → $expected', ({ input, patient, expected }) => {
    expect(codes(checkDose(input, patient, on).reasons)).toEqual(expected);
  });

  it('shows the dose against the limit while typing', () => {
    expect(checkDose(poli({ volumeMl: 4, otherPolidocanolMgSameDay: 30 }), weighed, on)).toEqual({
      doseMg: 20,
      limitMg: 140,
      remainingMg: 90,
      reasons: [],
    });
  });

  it('gives the figures when the limit is exceeded', () => {
    const { reasons, remainingMg } = checkDose(poli({ concentrationPercent: 1, volumeMl: 15 }), weighed, on);
    expect(reasons[0].message).toBe('150 mg of polidocanol would exceed the 140 mg daily limit for 70 kg.');
    expect(remainingMg).toBe(0);
  });

  it('has no limit to show without a weight', () => {
    const result = checkDose(poli(), {}, on);
    expect(result.limitMg).toBeUndefined();
    expect(result.doseMg).toBe(20);
  });

  it('follows the mg/kg, foam and range settings', () => {
    const policy = makePolicy({
      polidocanolMgPerKgPerDay: 1,
      maxFoamVolumeMlPerSession: 6,
      usualConcentration: { polidocanol: { minPercent: 0.5, maxPercent: 3 } },
    });
    expect(checkDose(poli({ concentrationPercent: 1, volumeMl: 7.5 }), weighed, on, policy).reasons.map((r) => r.message)).toEqual([
      '75 mg of polidocanol would exceed the 70 mg daily limit for 70 kg.',
    ]);
    expect(codes(checkDose(poli({ form: 'foam', volumeMl: 6.5 }), weighed, on, policy).reasons)).toEqual(['DOSE_LIMIT_EXCEEDED']);
    expect(codes(checkDose(poli({ concentrationPercent: 0.3 }), weighed, on, policy).reasons)).toEqual(['CONFIRMATION_REQUIRED']);
  });

  it('treats a leap-day session: weight from 1 March the year before counts, 28 February does not', () => {
    expect(codes(checkDose(poli(), { weightKg: 70, weightMeasuredOn: '2023-03-01' }, '2024-02-29').reasons)).toEqual([]);
    expect(codes(checkDose(poli(), { weightKg: 70, weightMeasuredOn: '2023-02-28' }, '2024-02-29').reasons)).toEqual(['WEIGHT_REQUIRED']);
  });
});

describe('checkTestInjection', () => {
  it.each`
    name                                 | conditions              | before | confirmations                                                               | expected
    ${'allergy tendency, first session'} | ${['allergy_tendency']} | ${0}   | ${[]}                                                                       | ${['CONFIRMATION_REQUIRED']}
    ${'confirmed'}                       | ${['allergy_tendency']} | ${0}   | ${[{ code: 'TEST_INJECTION', reason: '0.1 mL, no reaction after 15 min' }]} | ${[]}
    ${'confirmed without a reason'}      | ${['allergy_tendency']} | ${0}   | ${[{ code: 'TEST_INJECTION', reason: '' }]}                                 | ${['CONFIRMATION_REQUIRED']}
    ${'second session of the patient'}   | ${['allergy_tendency']} | ${1}   | ${[]}                                                                       | ${[]}
    ${'no allergy tendency'}             | ${['smoking']}          | ${0}   | ${[]}                                                                       | ${[]}
  `('$name → $expected', ({ conditions, before, confirmations, expected }) => {
    expect(codes(checkTestInjection({ conditions, patientCompletedSessionsBefore: before, confirmations }))).toEqual(expected);
  });
});
