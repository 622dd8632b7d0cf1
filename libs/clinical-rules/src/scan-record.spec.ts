import { SCAN_FINDINGS } from '@venule/api-contract';
import { SCAN_FINDING_INFO, checkScanRecord, underlyingDiseaseFindings } from './index';

const TODAY = '2026-03-10';
const fields = (reasons: { field: string }[]) => reasons.map((r) => r.field);

describe('scan findings catalogue', () => {
  it.each([...SCAN_FINDINGS])('%s has a label', (code) => {
    expect(SCAN_FINDING_INFO[code].code).toBe(code);
    expect(SCAN_FINDING_INFO[code].label.length).toBeGreaterThan(3);
  });

  it('counts truncal, perforator and deep findings as underlying disease, not reticular or thread veins', () => {
    expect(underlyingDiseaseFindings([...SCAN_FINDINGS]).sort()).toEqual([
      'accessory_saphenous_reflux',
      'deep_obstruction',
      'deep_reflux',
      'dvt',
      'gsv_reflux',
      'perforator_incompetence',
      'ssv_reflux',
    ]);
  });
});

describe('checkScanRecord', () => {
  it('accepts a clear leg without disease findings, dated today', () => {
    expect(checkScanRecord({ performedOn: TODAY, legs: { left: { findings: ['reticular_veins'], conclusion: 'clear' } } }, TODAY)).toEqual(
      [],
    );
  });

  it.each`
    conclusion              | findings                     | expected
    ${'clear'}              | ${['gsv_reflux']}            | ${['legs.right.conclusion']}
    ${'clear'}              | ${['telangiectasia', 'dvt']} | ${['legs.right.conclusion']}
    ${'clear'}              | ${[]}                        | ${[]}
    ${'underlying_disease'} | ${['gsv_reflux']}            | ${[]}
    ${'underlying_disease'} | ${[]}                        | ${[]}
    ${'inconclusive'}       | ${['deep_obstruction']}      | ${[]}
    ${'clear'}              | ${['varicose_eczema']}       | ${['legs.right.findings']}
  `('$conclusion with $findings → $expected', ({ conclusion, findings, expected }) => {
    expect(fields(checkScanRecord({ performedOn: TODAY, legs: { right: { findings, conclusion } } }, TODAY))).toEqual(expected);
  });

  it('names the contradicting findings in the message', () => {
    const [reason] = checkScanRecord(
      { performedOn: TODAY, legs: { left: { findings: ['ssv_reflux', 'perforator_incompetence'], conclusion: 'clear' } } },
      TODAY,
    );
    expect(reason).toMatchObject({ code: 'CONTRADICTORY_CONCLUSION', leg: 'left' });
    expect(reason.message).toMatch(/small saphenous vein reflux, perforator incompetence/);
  });

  it.each`
    performedOn     | expected
    ${'2026-03-11'} | ${['performedOn']}
    ${'2026-02-30'} | ${['performedOn']}
    ${'2025-03-10'} | ${[]}
  `('performedOn $performedOn → $expected', ({ performedOn, expected }) => {
    expect(fields(checkScanRecord({ performedOn, legs: { left: { findings: [], conclusion: 'clear' } } }, TODAY))).toEqual(expected);
  });

  it('needs at least one leg and reports every problem at once', () => {
    expect(fields(checkScanRecord({ performedOn: '2026-04-01', legs: {} }, TODAY))).toEqual(['performedOn', 'legs']);
    expect(
      fields(
        checkScanRecord(
          {
            performedOn: TODAY,
            legs: { left: { findings: ['dvt'], conclusion: 'clear' }, right: { findings: ['gsv_reflux'], conclusion: 'clear' } },
          },
          TODAY,
        ),
      ),
    ).toEqual(['legs.left.conclusion', 'legs.right.conclusion']);
  });
});
