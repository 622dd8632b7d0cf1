import { ABSOLUTE_CONTRAINDICATIONS, RELATIVE_CONTRAINDICATIONS } from '@venule/api-contract';
import { CONTRAINDICATIONS, absoluteContraindicationReasons, checkConditions, checkMedicalHistory, checkWeight } from './index';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('catalogue', () => {
  it('lists the questionnaire codes of the SPEC', () => {
    expect([...ABSOLUTE_CONTRAINDICATIONS].sort()).toEqual([
      'acute_serious_illness',
      'acute_thrombosis',
      'immobile',
      'local_infection',
      'pregnancy',
      'sclerosant_allergy',
      'severe_arterial_disease',
      'symptomatic_pfo',
    ]);
    expect([...RELATIVE_CONTRAINDICATIONS].sort()).toEqual([
      'allergy_tendency',
      'anticoagulants',
      'breastfeeding',
      'hormonal_therapy',
      'migraine_with_aura',
      'obesity',
      'past_dvt',
      'recent_surgery',
      'smoking',
      'thrombophilia',
    ]);
  });

  it.each(Object.values(CONTRAINDICATIONS))('$code has a label and an explanation', (entry) => {
    expect(entry.label.trim().length).toBeGreaterThan(3);
    expect(entry.explanation.trim().length).toBeGreaterThan(10);
    expect(entry.kind).toBe((ABSOLUTE_CONTRAINDICATIONS as readonly string[]).includes(entry.code) ? 'absolute' : 'relative');
    expect(entry.foamOnly).toBe(entry.code === 'symptomatic_pfo');
  });

  it.each`
    form        | expected
    ${null}     | ${['Pregnancy']}
    ${'liquid'} | ${['Pregnancy']}
    ${'foam'}   | ${['Pregnancy', 'foramen']}
  `('absolute reasons with form $form', ({ form, expected }) => {
    const reasons = absoluteContraindicationReasons(['pregnancy', 'symptomatic_pfo', 'smoking'], form);
    expect(reasons).toHaveLength(expected.length);
    expected.forEach((word: string, i: number) => expect(reasons[i].message).toContain(word));
    expect(new Set(codes(reasons))).toEqual(new Set(['CONTRAINDICATED']));
  });
});

describe('checkConditions (questionnaire being saved)', () => {
  it.each`
    name                                 | conditions                 | acks                                        | expected
    ${'nothing ticked'}                  | ${[]}                      | ${{}}                                       | ${[]}
    ${'absolute needs no note'}          | ${['pregnancy']}           | ${{}}                                       | ${[]}
    ${'relative with a note'}            | ${['smoking']}             | ${{ smoking: '10 a day, advised to stop' }} | ${[]}
    ${'relative without a note'}         | ${['smoking']}             | ${{}}                                       | ${['ACKNOWLEDGEMENT_REQUIRED']}
    ${'relative with a blank note'}      | ${['migraine_with_aura']}  | ${{ migraine_with_aura: '   ' }}            | ${['ACKNOWLEDGEMENT_REQUIRED']}
    ${'note for another condition'}      | ${['obesity']}             | ${{ smoking: 'noted' }}                     | ${['ACKNOWLEDGEMENT_REQUIRED']}
    ${'two missing notes'}               | ${['obesity', 'past_dvt']} | ${{}}                                       | ${['ACKNOWLEDGEMENT_REQUIRED', 'ACKNOWLEDGEMENT_REQUIRED']}
    ${'unknown condition'}               | ${['hay_fever']}           | ${{}}                                       | ${['UNKNOWN_CONDITION']}
    ${'unknown acknowledgement key'}     | ${[]}                      | ${{ hay_fever: 'mild' }}                    | ${['UNKNOWN_CONDITION']}
    ${'acknowledgements missing (null)'} | ${['anticoagulants']}      | ${null}                                     | ${['ACKNOWLEDGEMENT_REQUIRED']}
  `('$name → $expected', ({ conditions, acks, expected }) => {
    expect(codes(checkConditions(conditions, acks))).toEqual(expected);
  });

  it('names the condition that needs a note', () => {
    const [reason] = checkConditions(['migraine_with_aura'], {});
    expect(reason.message).toContain('Migraine with aura');
  });
});

describe('medical-history sanity', () => {
  it.each`
    weightKg      | measuredOn      | expected
    ${70}         | ${'2026-01-10'} | ${[]}
    ${30}         | ${'2026-01-01'} | ${[]}
    ${250}        | ${'2026-01-01'} | ${[]}
    ${29.9}       | ${'2026-01-01'} | ${['WEIGHT_OUT_OF_RANGE']}
    ${250.5}      | ${'2026-01-01'} | ${['WEIGHT_OUT_OF_RANGE']}
    ${Number.NaN} | ${'2026-01-01'} | ${['WEIGHT_OUT_OF_RANGE']}
    ${70}         | ${'2026-01-11'} | ${['DATE_IN_FUTURE']}
    ${70}         | ${null}         | ${['INVALID_VALUE']}
    ${null}       | ${'2026-01-01'} | ${['INVALID_VALUE']}
    ${70}         | ${'2026-02-30'} | ${['INVALID_VALUE']}
    ${null}       | ${null}         | ${[]}
  `('weight $weightKg kg measured $measuredOn (today 2026-01-10) → $expected', ({ weightKg, measuredOn, expected }) => {
    expect(codes(checkWeight(weightKg, measuredOn, '2026-01-10'))).toEqual(expected);
  });

  it('gives the API a field for each problem', () => {
    const reasons = checkMedicalHistory(
      { conditions: ['smoking', 'flu'], acknowledgements: { gout: 'x' }, weightKg: 400, weightMeasuredOn: '2026-01-01' },
      '2026-01-10',
    );
    expect(reasons.map((r) => [r.code, r.field])).toEqual([
      ['UNKNOWN_CONDITION', 'conditions'],
      ['UNKNOWN_CONDITION', 'acknowledgements'],
      ['ACKNOWLEDGEMENT_REQUIRED', 'acknowledgements.smoking'],
      ['WEIGHT_OUT_OF_RANGE', 'weightKg'],
    ]);
  });
});
