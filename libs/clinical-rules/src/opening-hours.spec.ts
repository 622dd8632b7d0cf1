import type { OpeningHours, Weekday } from '@venule/api-contract';
import { DEFAULT_OPENING_HOURS, appointmentHoursWarnings, clinicWeekday, isClockTime, openingHoursProblems } from './index';

const LONDON = 'Europe/London';
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);
const WEEKDAYS_ONLY: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** Default hours (Mon–Fri 09:00–18:00, Sat 09:00–13:00, Sun closed), no clinician. */
const warn = (startsAt: string, endsAt: string, hours: OpeningHours = DEFAULT_OPENING_HOURS) =>
  codes(appointmentHoursWarnings({ startsAt, endsAt, openingHours: hours }, LONDON));

describe('appointmentHoursWarnings: opening hours on the clinic wall clock', () => {
  it.each`
    case                                   | startsAt                       | endsAt                         | expected
    ${'Monday in hours (winter, GMT)'}     | ${'2026-11-30T10:00:00Z'}      | ${'2026-11-30T10:30:00Z'}      | ${[]}
    ${'exactly opening to 30 min after'}   | ${'2026-11-30T09:00:00Z'}      | ${'2026-11-30T09:30:00Z'}      | ${[]}
    ${'ending exactly at closing'}         | ${'2026-11-30T17:30:00Z'}      | ${'2026-11-30T18:00:00Z'}      | ${[]}
    ${'one minute before opening'}         | ${'2026-11-30T08:59:00Z'}      | ${'2026-11-30T09:29:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
    ${'running past closing'}              | ${'2026-11-30T17:45:00Z'}      | ${'2026-11-30T18:15:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
    ${'starting at closing'}               | ${'2026-11-30T18:00:00Z'}      | ${'2026-11-30T18:30:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
    ${'Saturday morning'}                  | ${'2026-12-05T11:00:00Z'}      | ${'2026-12-05T11:30:00Z'}      | ${[]}
    ${'Saturday afternoon (closes 13:00)'} | ${'2026-12-05T13:00:00Z'}      | ${'2026-12-05T13:30:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
    ${'Sunday (closed)'}                   | ${'2026-12-06T11:00:00Z'}      | ${'2026-12-06T11:30:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
    ${'summer: 09:00 BST is 08:00 UTC'}    | ${'2026-07-06T08:00:00Z'}      | ${'2026-07-06T08:30:00Z'}      | ${[]}
    ${'summer: 17:30 UTC is 18:30 BST'}    | ${'2026-07-06T17:30:00Z'}      | ${'2026-07-06T18:00:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
    ${"an offset other than the clinic's"} | ${'2026-11-30T11:00:00+02:00'} | ${'2026-11-30T11:30:00+02:00'} | ${[]}
    ${'across midnight'}                   | ${'2026-11-30T17:00:00Z'}      | ${'2026-12-01T09:30:00Z'}      | ${['OUTSIDE_OPENING_HOURS']}
  `('$case → $expected', ({ startsAt, endsAt, expected }) => {
    expect(warn(startsAt, endsAt)).toEqual(expected);
  });

  describe('on the days the clocks change (Europe/London)', () => {
    // Sunday 29 March 2026: 01:00 GMT → 02:00 BST. Sunday 25 October 2026: 02:00 BST → 01:00 GMT.
    const everyDay = (opens: string, closes: string): OpeningHours =>
      Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, { opens, closes }]),
      ) as OpeningHours;
    const hours = everyDay('09:00', '18:00');

    it.each`
      case                                           | startsAt                  | endsAt                    | expected
      ${'Saturday before spring: 08:30 UTC = 08:30'} | ${'2026-03-28T08:30:00Z'} | ${'2026-03-28T09:00:00Z'} | ${['OUTSIDE_OPENING_HOURS']}
      ${'spring Sunday: 08:30 UTC = 09:30 BST'}      | ${'2026-03-29T08:30:00Z'} | ${'2026-03-29T09:00:00Z'} | ${[]}
      ${'spring Sunday: 17:30 UTC = 18:30 BST'}      | ${'2026-03-29T17:00:00Z'} | ${'2026-03-29T17:30:00Z'} | ${['OUTSIDE_OPENING_HOURS']}
      ${'spring Sunday: 16:30 UTC = 17:30 BST'}      | ${'2026-03-29T16:30:00Z'} | ${'2026-03-29T17:00:00Z'} | ${[]}
      ${'autumn Saturday: 08:00 UTC = 09:00 BST'}    | ${'2026-10-24T08:00:00Z'} | ${'2026-10-24T08:30:00Z'} | ${[]}
      ${'autumn Sunday: 08:00 UTC = 08:00 GMT'}      | ${'2026-10-25T08:00:00Z'} | ${'2026-10-25T08:30:00Z'} | ${['OUTSIDE_OPENING_HOURS']}
      ${'autumn Sunday: 17:30 UTC = 17:30 GMT'}      | ${'2026-10-25T17:30:00Z'} | ${'2026-10-25T18:00:00Z'} | ${[]}
      ${'autumn Saturday: 17:30 UTC = 18:30 BST'}    | ${'2026-10-24T17:30:00Z'} | ${'2026-10-24T18:00:00Z'} | ${['OUTSIDE_OPENING_HOURS']}
    `('$case → $expected', ({ startsAt, endsAt, expected }) => {
      expect(warn(startsAt, endsAt, hours)).toEqual(expected);
    });

    it('reads the hour the clocks skip and the hour they repeat on the wall clock', () => {
      const night = everyDay('00:30', '03:00');
      // 01:30 BST in spring does not exist; 00:45 UTC is 00:45 GMT, and 01:15 UTC is 02:15 BST.
      expect(warn('2026-03-29T00:45:00Z', '2026-03-29T01:15:00Z', night)).toEqual([]);
      // 01:30 happens twice in autumn: first at 00:30 UTC (BST), then at 01:30 UTC (GMT); both are in hours.
      expect(warn('2026-10-25T00:30:00Z', '2026-10-25T00:45:00Z', night)).toEqual([]);
      expect(warn('2026-10-25T01:30:00Z', '2026-10-25T01:45:00Z', night)).toEqual([]);
      expect(warn('2026-10-24T23:15:00Z', '2026-10-24T23:30:00Z', night)).toEqual(['OUTSIDE_OPENING_HOURS']);
    });
  });

  it('says nothing about hours the clinic has not set yet', () => {
    expect(
      codes(appointmentHoursWarnings({ startsAt: '2026-12-06T23:00:00Z', endsAt: '2026-12-07T01:00:00Z', openingHours: null }, LONDON)),
    ).toEqual([]);
  });

  it('names the day and the hours in its message', () => {
    const [w] = appointmentHoursWarnings(
      { startsAt: '2026-11-30T17:45:00Z', endsAt: '2026-11-30T18:15:00Z', openingHours: DEFAULT_OPENING_HOURS },
      LONDON,
    );
    expect(w.message).toBe('The clinic is open 09:00–18:00 on Mondays; this booking is 17:45–18:15.');
    const [closed] = appointmentHoursWarnings(
      { startsAt: '2026-12-06T11:00:00Z', endsAt: '2026-12-06T11:30:00Z', openingHours: DEFAULT_OPENING_HOURS },
      LONDON,
    );
    expect(closed.message).toBe('The clinic is closed on Sundays.');
  });

  it('takes the weekday in the clinic time zone, not in UTC', () => {
    // 02:00 UTC on Monday is still Sunday evening in New York.
    expect(clinicWeekday('2026-11-30T02:00:00Z', 'America/New_York')).toBe('sunday');
    expect(clinicWeekday('2026-11-30T02:00:00Z', LONDON)).toBe('monday');
  });

  it('refuses malformed input as a programmer error', () => {
    expect(() => warn('2026-11-30T10:00:00', '2026-11-30T10:30:00Z')).toThrow(RangeError);
    expect(() =>
      appointmentHoursWarnings(
        { startsAt: '2026-11-30T10:00:00Z', endsAt: '2026-11-30T10:30:00Z', openingHours: DEFAULT_OPENING_HOURS },
        'Mars/Base',
      ),
    ).toThrow(RangeError);
  });
});

describe('appointmentHoursWarnings: the clinician’s working days', () => {
  const at = (startsAt: string, endsAt: string, workingDays: Weekday[]) =>
    appointmentHoursWarnings(
      { startsAt, endsAt, openingHours: DEFAULT_OPENING_HOURS, clinician: { name: 'Dr Amara Okafor', workingDays } },
      LONDON,
    );

  it('says nothing on a day they work', () => {
    expect(at('2026-11-30T10:00:00Z', '2026-11-30T10:30:00Z', WEEKDAYS_ONLY)).toEqual([]);
  });

  it('warns on a day they do not work, naming them and the day', () => {
    expect(at('2026-12-05T10:00:00Z', '2026-12-05T10:30:00Z', WEEKDAYS_ONLY)).toEqual([
      { code: 'CLINICIAN_NOT_WORKING', message: 'Dr Amara Okafor does not work on Saturdays.' },
    ]);
  });

  it('gives both warnings when the clinic is closed and the clinician is off', () => {
    expect(codes(at('2026-12-06T10:00:00Z', '2026-12-06T10:30:00Z', WEEKDAYS_ONLY))).toEqual([
      'OUTSIDE_OPENING_HOURS',
      'CLINICIAN_NOT_WORKING',
    ]);
  });

  it('takes the working day on the clinic wall clock across a clock change', () => {
    // 23:30 UTC on Saturday 28 March 2026 is still Saturday (GMT); 23:30 UTC on Sunday 25 October
    // 2026 is Sunday 23:30 GMT, while on Saturday 24 October it is already Sunday 00:30 BST.
    expect(clinicWeekday('2026-03-28T23:30:00Z', LONDON)).toBe('saturday');
    expect(clinicWeekday('2026-10-24T23:30:00Z', LONDON)).toBe('sunday');
    expect(codes(at('2026-10-24T23:30:00Z', '2026-10-24T23:45:00Z', ['saturday']))).toContain('CLINICIAN_NOT_WORKING');
  });
});

describe('openingHoursProblems', () => {
  it('accepts the default week', () => {
    expect(openingHoursProblems(DEFAULT_OPENING_HOURS)).toEqual([]);
  });

  it('names the field of a day that closes before it opens', () => {
    expect(openingHoursProblems({ ...DEFAULT_OPENING_HOURS, tuesday: { opens: '18:00', closes: '09:00' } })).toEqual([
      { field: 'openingHours.tuesday.closes', message: 'must be later than the opening time on Tuesdays (18:00)' },
    ]);
    expect(openingHoursProblems({ ...DEFAULT_OPENING_HOURS, friday: { opens: '10:00', closes: '10:00' } })).toHaveLength(1);
  });

  it('names each malformed time', () => {
    expect(openingHoursProblems({ ...DEFAULT_OPENING_HOURS, monday: { opens: '9am', closes: '24:00' } }).map((p) => p.field)).toEqual([
      'openingHours.monday.opens',
      'openingHours.monday.closes',
    ]);
  });

  it.each(['00:00', '09:05', '23:59'])('%s is a clock time', (t) => expect(isClockTime(t)).toBe(true));
  it.each(['24:00', '9:00', '09:60', '09:00:00', '', 900])('%s is not', (t) => expect(isClockTime(t)).toBe(false));
});
