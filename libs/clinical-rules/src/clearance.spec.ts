import { clearance, clearanceBadge, makePolicy, scanValidUntil, type ClearanceFacts, type ScanFacts } from './index';
import type { ScanConclusion } from '@venule/api-contract';

const adult = '1980-05-10';
const history = (conditions: string[] = []) => ({ conditions, acknowledgements: {} });

function scan(id: string, performedOn: string, left?: ScanConclusion, right?: ScanConclusion): ScanFacts {
  return {
    id,
    performedOn,
    legs: { ...(left ? { left: { conclusion: left } } : {}), ...(right ? { right: { conclusion: right } } : {}) },
  };
}

function patient(scans: ScanFacts[], over: Partial<ClearanceFacts> = {}): ClearanceFacts {
  return { dateOfBirth: adult, medicalHistory: history(), scans, ...over };
}

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('scanValidUntil', () => {
  it.each`
    performedOn     | months | validUntil
    ${'2025-06-15'} | ${12}  | ${'2026-06-14'}
    ${'2024-02-29'} | ${12}  | ${'2025-02-28'}
    ${'2025-01-31'} | ${1}   | ${'2025-02-28'}
    ${'2024-01-31'} | ${1}   | ${'2024-02-29'}
    ${'2025-03-01'} | ${12}  | ${'2026-02-28'}
    ${'2025-12-31'} | ${6}   | ${'2026-06-30'}
  `('a scan on $performedOn with $months-month validity is valid until $validUntil', ({ performedOn, months, validUntil }) => {
    expect(scanValidUntil(performedOn, makePolicy({ scanValidityMonths: months }))).toBe(validUntil);
  });
});

describe('clearance per leg', () => {
  it.each`
    name                                           | scans                                                                                  | on              | left              | leftCode                             | right
    ${'no scan at all'}                            | ${[]}                                                                                  | ${'2026-01-10'} | ${'no_scan'}      | ${'SCAN_REQUIRED'}                   | ${'no_scan'}
    ${'clear scan'}                                | ${[scan('s1', '2025-06-15', 'clear', 'clear')]}                                        | ${'2026-01-10'} | ${'cleared'}      | ${undefined}                         | ${'cleared'}
    ${'valid on validUntil'}                       | ${[scan('s1', '2025-06-15', 'clear')]}                                                 | ${'2026-06-14'} | ${'cleared'}      | ${undefined}                         | ${'no_scan'}
    ${'expired the day after'}                     | ${[scan('s1', '2025-06-15', 'clear')]}                                                 | ${'2026-06-15'} | ${'expired'}      | ${'SCAN_EXPIRED'}                    | ${'no_scan'}
    ${'valid on the scan day itself'}              | ${[scan('s1', '2026-01-10', 'clear')]}                                                 | ${'2026-01-10'} | ${'cleared'}      | ${undefined}                         | ${'no_scan'}
    ${'scan after on is ignored'}                  | ${[scan('s1', '2026-01-11', 'clear')]}                                                 | ${'2026-01-10'} | ${'no_scan'}      | ${'SCAN_REQUIRED'}                   | ${'no_scan'}
    ${'underlying disease'}                        | ${[scan('s1', '2025-06-15', 'underlying_disease', 'clear')]}                           | ${'2026-01-10'} | ${'referred'}     | ${'REFERRED_FOR_UNDERLYING_DISEASE'} | ${'cleared'}
    ${'inconclusive'}                              | ${[scan('s1', '2025-06-15', 'inconclusive')]}                                          | ${'2026-01-10'} | ${'inconclusive'} | ${'SCAN_INCONCLUSIVE'}               | ${'no_scan'}
    ${'newer clear after referral clears'}         | ${[scan('s1', '2025-01-10', 'underlying_disease'), scan('s2', '2025-09-01', 'clear')]} | ${'2026-01-10'} | ${'cleared'}      | ${undefined}                         | ${'no_scan'}
    ${'older clear never outvotes referral'}       | ${[scan('s2', '2025-09-01', 'underlying_disease'), scan('s1', '2025-06-01', 'clear')]} | ${'2026-01-10'} | ${'referred'}     | ${'REFERRED_FOR_UNDERLYING_DISEASE'} | ${'no_scan'}
    ${'older clear never outvotes inconclusive'}   | ${[scan('s1', '2025-06-01', 'clear'), scan('s2', '2025-09-01', 'inconclusive')]}       | ${'2026-01-10'} | ${'inconclusive'} | ${'SCAN_INCONCLUSIVE'}               | ${'no_scan'}
    ${'future referral does not spoil today'}      | ${[scan('s1', '2025-06-01', 'clear'), scan('s2', '2026-02-01', 'underlying_disease')]} | ${'2026-01-10'} | ${'cleared'}      | ${undefined}                         | ${'no_scan'}
    ${'same date: later recorded wins (clear)'}    | ${[scan('s1', '2025-06-01', 'inconclusive'), scan('s2', '2025-06-01', 'clear')]}       | ${'2026-01-10'} | ${'cleared'}      | ${undefined}                         | ${'no_scan'}
    ${'same date: later recorded wins (referral)'} | ${[scan('s2', '2025-06-01', 'clear'), scan('s1', '2025-06-01', 'underlying_disease')]} | ${'2026-01-10'} | ${'referred'}     | ${'REFERRED_FOR_UNDERLYING_DISEASE'} | ${'no_scan'}
    ${'right-only scan leaves left unscanned'}     | ${[scan('s1', '2025-06-01', undefined, 'clear')]}                                      | ${'2026-01-10'} | ${'no_scan'}      | ${'SCAN_REQUIRED'}                   | ${'cleared'}
    ${'leap-day scan valid until 28 Feb'}          | ${[scan('s1', '2024-02-29', 'clear')]}                                                 | ${'2025-02-28'} | ${'cleared'}      | ${undefined}                         | ${'no_scan'}
    ${'leap-day scan expired on 1 March'}          | ${[scan('s1', '2024-02-29', 'clear')]}                                                 | ${'2025-03-01'} | ${'expired'}      | ${'SCAN_EXPIRED'}                    | ${'no_scan'}
    ${'newest clear scan expired, older ignored'}  | ${[scan('s1', '2024-01-01', 'clear'), scan('s2', '2024-06-01', 'clear')]}              | ${'2025-06-01'} | ${'expired'}      | ${'SCAN_EXPIRED'}                    | ${'no_scan'}
  `('$name', ({ scans, on, left, leftCode, right }) => {
    const result = clearance(patient(scans), on);
    expect(result.legs.left.status).toBe(left);
    expect(result.legs.right.status).toBe(right);
    expect(codes(result.legs.left.reasons)).toEqual(leftCode ? [leftCode] : []);
    for (const r of result.legs.left.reasons) expect(r.leg).toBe('left');
    expect(result.on).toBe(on);
  });

  it('a cleared leg names the deciding scan and its last valid day', () => {
    const result = clearance(patient([scan('old', '2025-01-01', 'clear'), scan('new', '2025-06-15', 'clear')]), '2026-01-10');
    expect(result.legs.left).toEqual({ status: 'cleared', validUntil: '2026-06-14', scanId: 'new', reasons: [] });
  });

  it('an expired leg tells reception when it ran out', () => {
    const result = clearance(patient([scan('s1', '2025-06-15', 'clear')]), '2026-06-15');
    expect(result.legs.left).toMatchObject({ status: 'expired', validUntil: '2026-06-14', scanId: 's1' });
    expect(result.legs.left.reasons[0].message).toContain('14 June 2026');
  });

  it('a referred leg names its scan so the dashboard can link the report', () => {
    const result = clearance(patient([scan('bad', '2025-06-15', 'underlying_disease')]), '2026-01-10');
    expect(result.legs.left.scanId).toBe('bad');
    expect(result.legs.left.validUntil).toBeUndefined();
  });

  it('honours the scan-validity setting', () => {
    const result = clearance(patient([scan('s1', '2025-06-15', 'clear')]), '2025-12-15', makePolicy({ scanValidityMonths: 6 }));
    expect(result.legs.left.status).toBe('expired');
  });
});

describe('patient blockers and eligibility', () => {
  const clearBoth = [scan('s1', '2025-06-15', 'clear', 'clear')];

  it.each`
    name                                   | over                                                             | on              | blockers                                    | eligible
    ${'nothing blocks'}                    | ${{}}                                                            | ${'2026-01-10'} | ${[]}                                       | ${true}
    ${'no medical history'}                | ${{ medicalHistory: null }}                                      | ${'2026-01-10'} | ${['MEDICAL_HISTORY_REQUIRED']}             | ${false}
    ${'pregnancy'}                         | ${{ medicalHistory: history(['pregnancy']) }}                    | ${'2026-01-10'} | ${['CONTRAINDICATED']}                      | ${false}
    ${'two absolute conditions'}           | ${{ medicalHistory: history(['pregnancy', 'local_infection']) }} | ${'2026-01-10'} | ${['CONTRAINDICATED', 'CONTRAINDICATED']}   | ${false}
    ${'symptomatic PFO blocks foam only'}  | ${{ medicalHistory: history(['symptomatic_pfo']) }}              | ${'2026-01-10'} | ${[]}                                       | ${true}
    ${'relative condition does not block'} | ${{ medicalHistory: history(['smoking']) }}                      | ${'2026-01-10'} | ${[]}                                       | ${true}
    ${'under 18'}                          | ${{ dateOfBirth: '2008-01-11' }}                                 | ${'2026-01-10'} | ${['UNDER_18']}                             | ${false}
    ${'18 today'}                          | ${{ dateOfBirth: '2008-01-10' }}                                 | ${'2026-01-10'} | ${[]}                                       | ${true}
    ${'29 Feb birthday on 28 Feb'}         | ${{ dateOfBirth: '2008-02-29' }}                                 | ${'2026-02-28'} | ${['UNDER_18']}                             | ${false}
    ${'29 Feb birthday on 1 March'}        | ${{ dateOfBirth: '2008-02-29' }}                                 | ${'2026-03-01'} | ${[]}                                       | ${true}
    ${'every blocker at once'}             | ${{ dateOfBirth: '2010-01-01', medicalHistory: null }}           | ${'2026-01-10'} | ${['MEDICAL_HISTORY_REQUIRED', 'UNDER_18']} | ${false}
  `('$name', ({ over, on, blockers, eligible }) => {
    const result = clearance(patient(clearBoth, over), on);
    expect(codes(result.blockers)).toEqual(blockers);
    expect(result.eligible).toBe(eligible);
  });

  it('shows symptomatic PFO as a foam-only blocker', () => {
    const result = clearance(patient(clearBoth, { medicalHistory: history(['symptomatic_pfo', 'pregnancy']) }), '2026-01-10');
    expect(codes(result.foamBlockers)).toEqual(['CONTRAINDICATED']);
    expect(result.foamBlockers[0].message).toMatch(/foam/i);
    expect(result.blockers.map((b) => b.message).join(' ')).toMatch(/Pregnancy/);
    expect(result.blockers.map((b) => b.message).join(' ')).not.toMatch(/foramen/);
  });

  it('ignores unknown condition codes rather than blocking', () => {
    const result = clearance(patient(clearBoth, { medicalHistory: history(['hay_fever']) }), '2026-01-10');
    expect(result.eligible).toBe(true);
  });

  it('one cleared leg is enough to be eligible', () => {
    const result = clearance(patient([scan('s1', '2025-06-15', 'clear', 'underlying_disease')]), '2026-01-10');
    expect(result.eligible).toBe(true);
  });

  it('no cleared leg means not eligible even with no blockers', () => {
    const result = clearance(patient([scan('s1', '2025-06-15', 'inconclusive', 'underlying_disease')]), '2026-01-10');
    expect(result.blockers).toEqual([]);
    expect(result.eligible).toBe(false);
  });
});

describe('clearanceBadge', () => {
  const facts = patient([scan('s1', '2025-06-15', 'clear')]); // valid until 2026-06-14

  it.each`
    on              | warnDays | badge         | fragment
    ${'2026-01-10'} | ${30}    | ${'cleared'}  | ${'left leg until 14 June 2026'}
    ${'2026-05-14'} | ${30}    | ${'cleared'}  | ${'left leg until 14 June 2026'}
    ${'2026-05-15'} | ${30}    | ${'expiring'} | ${'in 30 days'}
    ${'2026-06-13'} | ${30}    | ${'expiring'} | ${'tomorrow'}
    ${'2026-06-14'} | ${30}    | ${'expiring'} | ${'today'}
    ${'2026-06-04'} | ${7}     | ${'cleared'}  | ${'14 June 2026'}
    ${'2026-06-15'} | ${30}    | ${'blocked'}  | ${'valid until 14 June 2026'}
  `('on $on (warn $warnDays days) the badge is $badge', ({ on, warnDays, badge, fragment }) => {
    const result = clearanceBadge(clearance(facts, on), on, warnDays);
    expect(result.badge).toBe(badge);
    expect(result.message).toContain(fragment);
  });

  it('a blocked badge explains every reason', () => {
    const result = clearanceBadge(clearance(patient([], { medicalHistory: null }), '2026-01-10'), '2026-01-10');
    expect(result.badge).toBe('blocked');
    expect(codes(result.reasons)).toEqual(['MEDICAL_HISTORY_REQUIRED', 'SCAN_REQUIRED', 'SCAN_REQUIRED']);
    expect(result.message).toMatch(/medical history/);
  });

  it('mentions a leg that is not cleared', () => {
    expect(clearanceBadge(clearance(facts, '2026-01-10'), '2026-01-10').message).toMatch(/right leg is not cleared/);
  });
});
