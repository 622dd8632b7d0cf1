import {
  lastDayWithinMonths,
  addDays,
  addMonths,
  ageOn,
  clinicDate,
  clinicWallTime,
  compareDates,
  daysBetween,
  formatDate,
  formatDateWithWeekday,
  isIsoDate,
  isIsoInstant,
} from './index';

describe('clinicDate', () => {
  it.each`
    instant                        | zone                  | expected        | why
    ${'2026-03-29T00:30:00Z'}      | ${'Europe/London'}    | ${'2026-03-29'} | ${'spring-forward night, still GMT'}
    ${'2026-03-29T00:59:59Z'}      | ${'Europe/London'}    | ${'2026-03-29'} | ${'last second of GMT'}
    ${'2026-03-29T23:30:00Z'}      | ${'Europe/London'}    | ${'2026-03-30'} | ${'first BST evening: 00:30 next day'}
    ${'2026-03-28T23:59:59Z'}      | ${'Europe/London'}    | ${'2026-03-28'} | ${'midnight edge in GMT'}
    ${'2026-10-24T23:30:00Z'}      | ${'Europe/London'}    | ${'2026-10-25'} | ${'last BST night: 00:30 BST'}
    ${'2026-10-25T23:30:00Z'}      | ${'Europe/London'}    | ${'2026-10-25'} | ${'first GMT evening'}
    ${'2026-10-25T00:30:00+01:00'} | ${'Europe/London'}    | ${'2026-10-25'} | ${'offset given explicitly'}
    ${'2026-06-30T23:00:00Z'}      | ${'Europe/London'}    | ${'2026-07-01'} | ${'BST midnight at a month end'}
    ${'2026-03-08T06:59:00Z'}      | ${'America/New_York'} | ${'2026-03-08'} | ${'US spring forward day, 01:59 EST'}
    ${'2026-03-08T04:59:00Z'}      | ${'America/New_York'} | ${'2026-03-07'} | ${'23:59 EST the night before'}
    ${'2026-11-01T03:59:00Z'}      | ${'America/New_York'} | ${'2026-10-31'} | ${'23:59 EDT before fall back'}
    ${'2026-11-01T04:00:00Z'}      | ${'America/New_York'} | ${'2026-11-01'} | ${'00:00 EDT on fall-back day'}
    ${'2026-11-02T04:30:00Z'}      | ${'America/New_York'} | ${'2026-11-01'} | ${'23:30 EST after fall back'}
  `('$instant in $zone is $expected ($why)', ({ instant, zone, expected }) => {
    expect(clinicDate(instant, zone)).toBe(expected);
  });

  it('defaults to Europe/London', () => {
    expect(clinicDate('2026-07-01T23:30:00Z')).toBe('2026-07-02');
  });

  it.each(['2026-03-29T10:00:00', '2026-03-29', 'yesterday', ''])('rejects %p (no offset, or not an instant)', (bad) => {
    expect(() => clinicDate(bad)).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => clinicDate('2026-03-29T10:00:00Z', 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('clinicWallTime', () => {
  it.each`
    date            | time       | zone                  | expected                       | why
    ${'2026-03-28'} | ${'09:30'} | ${'Europe/London'}    | ${'2026-03-28T09:30:00+00:00'} | ${'GMT, the day before the change'}
    ${'2026-03-29'} | ${'09:30'} | ${'Europe/London'}    | ${'2026-03-29T09:30:00+01:00'} | ${'BST from the change day'}
    ${'2026-03-29'} | ${'00:30'} | ${'Europe/London'}    | ${'2026-03-29T00:30:00+00:00'} | ${'before 01:00 on the change night, still GMT'}
    ${'2026-03-29'} | ${'01:30'} | ${'Europe/London'}    | ${'2026-03-29T02:30:00+01:00'} | ${'a skipped time moves on by the hour skipped'}
    ${'2026-10-25'} | ${'09:30'} | ${'Europe/London'}    | ${'2026-10-25T09:30:00+00:00'} | ${'GMT again after the clocks go back'}
    ${'2026-03-08'} | ${'09:30'} | ${'America/New_York'} | ${'2026-03-08T09:30:00-04:00'} | ${'US spring forward day'}
    ${'2028-02-29'} | ${'23:59'} | ${'Australia/Sydney'} | ${'2028-02-29T23:59:00+11:00'} | ${'leap day in summer time down under'}
  `('$date $time in $zone: $why', ({ date, time, zone, expected }) => {
    expect(clinicWallTime(date, time, zone)).toBe(expected);
    expect(clinicDate(expected, zone)).toBe(date);
  });

  it('refuses a malformed time, date or zone', () => {
    expect(() => clinicWallTime('2026-03-28', '9:30')).toThrow(RangeError);
    expect(() => clinicWallTime('2026-03-28', '24:00')).toThrow(RangeError);
    expect(() => clinicWallTime('2026-02-30', '09:30')).toThrow(RangeError);
    expect(() => clinicWallTime('2026-03-28', '09:30', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it.each`
    date            | months | expected        | why
    ${'2024-02-29'} | ${12}  | ${'2025-03-01'} | ${'leap day rolls forward'}
    ${'2025-01-31'} | ${1}   | ${'2025-03-01'} | ${'31 Jan + 1 month rolls forward'}
    ${'2024-01-31'} | ${1}   | ${'2024-03-01'} | ${'leap-year February has 29 days'}
    ${'2024-01-29'} | ${1}   | ${'2024-02-29'} | ${'29 Feb exists in 2024'}
    ${'2025-03-31'} | ${1}   | ${'2025-05-01'} | ${'31 March + 1 month'}
    ${'2025-06-15'} | ${12}  | ${'2026-06-15'} | ${'ordinary date'}
    ${'2025-12-31'} | ${2}   | ${'2026-03-01'} | ${'31 Dec + 2 months → 1 March'}
    ${'2024-02-29'} | ${-12} | ${'2023-03-01'} | ${'backwards also rolls forward'}
    ${'2026-03-31'} | ${-1}  | ${'2026-03-01'} | ${'31 March − 1 month'}
  `('addMonths($date, $months) = $expected ($why)', ({ date, months, expected }) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each`
    date            | days  | expected
    ${'2026-03-28'} | ${1}  | ${'2026-03-29'}
    ${'2026-03-29'} | ${1}  | ${'2026-03-30'}
    ${'2026-10-25'} | ${1}  | ${'2026-10-26'}
    ${'2024-02-28'} | ${1}  | ${'2024-02-29'}
    ${'2025-02-28'} | ${1}  | ${'2025-03-01'}
    ${'2025-12-31'} | ${1}  | ${'2026-01-01'}
    ${'2026-01-01'} | ${-1} | ${'2025-12-31'}
    ${'2026-01-31'} | ${28} | ${'2026-02-28'}
  `('addDays($date, $days) = $expected', ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts calendar days across both DST changes without drift', () => {
    expect(daysBetween('2026-03-01', '2026-11-01')).toBe(245);
    expect(daysBetween('2026-03-29', '2026-03-28')).toBe(-1);
  });

  it('compares dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDates('2026-02-01', '2026-01-31')).toBe(1);
  });

  it.each(['2025-02-29', '2026-13-01', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z'])('%p is not a calendar date', (bad) => {
    expect(isIsoDate(bad)).toBe(false);
    expect(() => addDays(bad, 1)).toThrow(RangeError);
  });

  it('recognises instants with an offset only', () => {
    expect(isIsoInstant('2026-03-29T10:00:00+01:00')).toBe(true);
    expect(isIsoInstant('2026-03-29T10:00:00.123Z')).toBe(true);
    expect(isIsoInstant('2026-03-29T10:00:00')).toBe(false);
  });
});

describe('ageOn', () => {
  it.each`
    dob             | on              | age
    ${'2008-06-15'} | ${'2026-06-14'} | ${17}
    ${'2008-06-15'} | ${'2026-06-15'} | ${18}
    ${'2008-02-29'} | ${'2026-02-28'} | ${17}
    ${'2008-02-29'} | ${'2026-03-01'} | ${18}
    ${'2008-02-29'} | ${'2028-02-29'} | ${20}
    ${'2008-02-29'} | ${'2028-02-28'} | ${19}
    ${'1960-12-31'} | ${'2026-01-01'} | ${65}
  `('born $dob is $age on $on', ({ dob, on, age }) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});

describe('formatting', () => {
  it('writes British dates with weekday', () => {
    expect(formatDate('2026-03-01')).toBe('1 March 2026');
    expect(formatDateWithWeekday('2026-03-29')).toBe('Sunday 29 March 2026');
  });
});

describe('lastDayWithinMonths (SPEC rule 10: "within 12 months" means the same thing everywhere)', () => {
  it.each`
    from            | months | last
    ${'2025-11-30'} | ${12}  | ${'2026-11-29'}
    ${'2024-02-29'} | ${12}  | ${'2025-02-28'}
    ${'2023-03-01'} | ${12}  | ${'2024-02-29'}
    ${'2023-02-28'} | ${12}  | ${'2024-02-27'}
    ${'2025-03-29'} | ${12}  | ${'2026-03-28'}
    ${'2025-10-26'} | ${12}  | ${'2026-10-25'}
    ${'2025-01-31'} | ${1}   | ${'2025-02-28'}
    ${'2025-12-31'} | ${12}  | ${'2026-12-30'}
  `('$from + $months months → valid through $last', ({ from, months, last }) => {
    expect(lastDayWithinMonths(from, months)).toBe(last);
  });
});
