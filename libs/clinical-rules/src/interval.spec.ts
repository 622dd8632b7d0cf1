import {
  bookingCapacityReasons,
  checkBookingDate,
  courseState,
  courseStatusAfterCompletion,
  courseClosedReasons,
  makePolicy,
  nextSessionWindow,
  type BookingFacts,
  type CourseFacts,
} from './index';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('nextSessionWindow', () => {
  it.each`
    last            | earliest        | latest
    ${'2026-01-10'} | ${'2026-02-07'} | ${'2026-04-04'}
    ${'2026-03-01'} | ${'2026-03-29'} | ${'2026-05-24'}
    ${'2024-01-31'} | ${'2024-02-28'} | ${'2024-04-24'}
    ${'2025-12-20'} | ${'2026-01-17'} | ${'2026-03-14'}
  `('after $last the window is $earliest to $latest', ({ last, earliest, latest }) => {
    expect(nextSessionWindow(last)).toEqual({ earliest, latest });
  });

  it('follows the interval settings', () => {
    expect(nextSessionWindow('2026-01-10', makePolicy({ minIntervalDays: 42, maxIntervalDays: 90 }))).toEqual({
      earliest: '2026-02-21',
      latest: '2026-04-10',
    });
  });
});

describe('checkBookingDate', () => {
  const last = '2026-01-10';
  /** A left-leg course whose last session (which treated the left leg) was on `last`. */
  const course = (over: Partial<BookingFacts> = {}): BookingFacts => ({
    legs: ['left'],
    courseLastCompletedOn: last,
    treatments: [{ leg: 'left', on: last }],
    ...over,
  });
  it.each`
    day   | date            | allowed  | reasons                   | warnings
    ${0}  | ${'2026-01-10'} | ${false} | ${['INTERVAL_TOO_SHORT']} | ${[]}
    ${27} | ${'2026-02-06'} | ${false} | ${['INTERVAL_TOO_SHORT']} | ${[]}
    ${28} | ${'2026-02-07'} | ${true}  | ${[]}                     | ${[]}
    ${84} | ${'2026-04-04'} | ${true}  | ${[]}                     | ${[]}
    ${85} | ${'2026-04-05'} | ${true}  | ${[]}                     | ${['BEYOND_WINDOW']}
  `('day $day after the last session ($date)', ({ date, allowed, reasons, warnings }) => {
    const result = checkBookingDate(date, course());
    expect(result.allowed).toBe(allowed);
    expect(codes(result.reasons)).toEqual(reasons);
    expect(codes(result.warnings)).toEqual(warnings);
    expect(result.window).toEqual({ earliest: '2026-02-07', latest: '2026-04-04' });
  });

  it('tells reception the leg and the earliest date when refusing', () => {
    const [reason] = checkBookingDate('2026-02-06', course()).reasons;
    expect(reason).toMatchObject({ code: 'INTERVAL_TOO_SHORT', leg: 'left', opensOn: '2026-02-07' });
    expect(reason.message).toContain('7 February 2026');
  });

  it('the first session of a course on untreated legs has no interval', () => {
    expect(checkBookingDate('2026-01-10', course({ courseLastCompletedOn: null, treatments: [] }))).toEqual({
      allowed: true,
      window: null,
      reasons: [],
      warnings: [],
    });
  });

  it('counts the same leg treated in another course', () => {
    const facts = course({ courseLastCompletedOn: null, treatments: [{ leg: 'left', on: '2026-01-20' }] });
    expect(checkBookingDate('2026-02-16', facts).reasons.map((r) => [r.leg, r.opensOn])).toEqual([['left', '2026-02-17']]);
    expect(checkBookingDate('2026-02-17', facts).allowed).toBe(true);
  });

  it('ignores the other leg, and refuses for every leg of a two-leg course inside its interval', () => {
    expect(
      checkBookingDate('2026-01-20', course({ treatments: [{ leg: 'right', on: '2026-01-19' }], courseLastCompletedOn: null })).allowed,
    ).toBe(true);
    const both = course({
      legs: ['left', 'right'],
      treatments: [
        { leg: 'left', on: last },
        { leg: 'right', on: '2026-01-20' },
      ],
    });
    expect(checkBookingDate('2026-02-08', both).reasons.map((r) => r.leg)).toEqual(['right']);
  });

  it('opens the course window when every leg is past its interval, counting other courses', () => {
    const facts = course({
      treatments: [
        { leg: 'left', on: last },
        { leg: 'left', on: '2026-02-01' },
      ],
    });
    expect(checkBookingDate('2026-03-01', facts).window).toEqual({ earliest: '2026-03-01', latest: '2026-04-04' });
  });

  it('never closes the window before it opens', () => {
    // The course's last session was 80 days ago, but the leg was treated in another course since.
    const facts = course({ courseLastCompletedOn: '2026-01-01', treatments: [{ leg: 'left', on: '2026-03-15' }] });
    expect(checkBookingDate('2026-04-12', facts).window).toEqual({ earliest: '2026-04-12', latest: '2026-04-12' });
  });

  it('counts calendar days across the clock change', () => {
    // 28 calendar days after 1 March 2026 is 29 March, the day the clocks go forward.
    const facts = course({ courseLastCompletedOn: '2026-03-01', treatments: [{ leg: 'left', on: '2026-03-01' }] });
    expect(checkBookingDate('2026-03-28', facts).allowed).toBe(false);
    expect(checkBookingDate('2026-03-29', facts).allowed).toBe(true);
  });

  it('counts across a leap day', () => {
    const facts = course({ courseLastCompletedOn: '2028-02-01', treatments: [{ leg: 'left', on: '2028-02-01' }] });
    expect(checkBookingDate('2028-02-28', facts).allowed).toBe(false);
    expect(checkBookingDate('2028-02-29', facts).allowed).toBe(true);
  });
});

describe('courseState', () => {
  const course = (over: Partial<CourseFacts> = {}): CourseFacts => ({
    status: 'active',
    plannedSessions: 3,
    sessions: [{ status: 'completed', date: '2026-01-10' }],
    ...over,
  });
  const sched = (date: string) => ({ status: 'scheduled' as const, date });

  it.each`
    name                                      | over                                                                                                             | on              | state
    ${'completed course'}                     | ${{ status: 'completed' }}                                                                                       | ${'2026-06-01'} | ${'completed'}
    ${'discontinued course'}                  | ${{ status: 'discontinued' }}                                                                                    | ${'2026-06-01'} | ${'discontinued'}
    ${'nothing completed yet'}                | ${{ sessions: [sched('2026-01-10')] }}                                                                           | ${'2026-01-01'} | ${'not_started'}
    ${'only a cancellation and a DNA'}        | ${{ sessions: [{ status: 'cancelled', date: '2026-01-03' }, { status: 'did_not_attend', date: '2026-01-10' }] }} | ${'2026-03-01'} | ${'not_started'}
    ${'day 27: before the window'}            | ${{}}                                                                                                            | ${'2026-02-06'} | ${'on_track'}
    ${'day 28: window open, nothing booked'}  | ${{}}                                                                                                            | ${'2026-02-07'} | ${'due'}
    ${'day 60: booked inside the window'}     | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-03-20')] }}                              | ${'2026-03-11'} | ${'on_track'}
    ${'day 84: booked for that day'}          | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-04-04')] }}                              | ${'2026-04-04'} | ${'on_track'}
    ${'day 84: nothing booked'}               | ${{}}                                                                                                            | ${'2026-04-04'} | ${'due'}
    ${'day 85: overdue'}                      | ${{}}                                                                                                            | ${'2026-04-05'} | ${'overdue'}
    ${'day 85: overdue even if booked later'} | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-04-20')] }}                              | ${'2026-04-05'} | ${'overdue'}
    ${'booked only after the window'}         | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-04-20')] }}                              | ${'2026-03-01'} | ${'due'}
    ${'stale booking in the past'}            | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-02-20')] }}                              | ${'2026-03-01'} | ${'due'}
    ${'new completion resets the window'}     | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, { status: 'completed', date: '2026-04-20' }] }}      | ${'2026-05-01'} | ${'on_track'}
    ${'all planned done while still active'}  | ${{ plannedSessions: 1 }}                                                                                        | ${'2026-06-01'} | ${'completed'}
  `('$name → $state', ({ over, on, state }) => {
    expect(courseState(course(over), on).state).toBe(state);
  });

  it('reports counts and the window', () => {
    const s = courseState(
      course({
        sessions: [
          { status: 'completed', date: '2026-01-10' },
          { status: 'cancelled', date: '2026-02-10' },
        ],
      }),
      '2026-02-20',
    );
    expect(s).toMatchObject({
      sessionsCompleted: 1,
      sessionsRemaining: 2,
      lastCompletedOn: '2026-01-10',
      nextWindow: { earliest: '2026-02-07', latest: '2026-04-04' },
      nextScheduledOn: null,
    });
    expect(s.message).toContain('4 April 2026');
  });

  it('uses the latest completed session whatever the input order', () => {
    const s = courseState(
      course({
        sessions: [
          { status: 'completed', date: '2026-04-20' },
          { status: 'completed', date: '2026-01-10' },
        ],
      }),
      '2026-05-01',
    );
    expect(s.lastCompletedOn).toBe('2026-04-20');
    expect(s.sessionsRemaining).toBe(1);
  });

  it('flags a booking that a completion left inside the interval, with the date to move it to', () => {
    // Sessions 2 and 3 were booked while session 1 was still ahead; session 1 then happened on 20 January.
    const s = courseState(
      course({
        legs: ['left'],
        sessions: [
          { id: 'one', status: 'completed', date: '2026-01-20' },
          { id: 'two', status: 'scheduled', date: '2026-02-10' },
          { id: 'three', status: 'scheduled', date: '2026-03-20' },
        ],
      }),
      '2026-01-21',
    );
    expect(s.bookingsInsideWindow.map((b) => [b.sessionId, b.date, b.reasons.map((r) => [r.leg, r.opensOn])])).toEqual([
      ['two', '2026-02-10', [['left', '2026-02-17']]],
    ]);
    expect(s.message).toBe(
      'Check the bookings: the next session is due between 17 February 2026 and 14 April 2026. The booking on 10 February 2026 falls inside the interval: move it to 17 February 2026 or later.',
    );
  });

  it('opens the window of a course when every leg is past its interval in every course', () => {
    const s = courseState(
      course({
        legs: ['left'],
        treatments: [
          { leg: 'left', on: '2026-01-10' },
          { leg: 'left', on: '2026-02-01' },
        ],
      }),
      '2026-02-10',
    );
    expect(s.nextWindow).toEqual({ earliest: '2026-03-01', latest: '2026-04-04' });
    expect(s.opensOn).toBe('2026-03-01');
  });

  it('tells when a course not started yet may start, after the leg was treated in another course', () => {
    const s = courseState(
      course({
        legs: ['right'],
        sessions: [],
        treatments: [
          { leg: 'right', on: '2026-01-10' },
          { leg: 'left', on: '2026-01-30' },
        ],
      }),
      '2026-01-20',
    );
    expect(s).toMatchObject({ state: 'not_started', opensOn: '2026-02-07', nextWindow: null });
    expect(s.message).toContain('the first session can be from 7 February 2026');
  });

  it.each`
    planned | completed | booked | expected
    ${2}    | ${0}      | ${1}   | ${[]}
    ${2}    | ${0}      | ${2}   | ${['COURSE_FULLY_BOOKED']}
    ${2}    | ${1}      | ${1}   | ${['COURSE_FULLY_BOOKED']}
    ${3}    | ${1}      | ${1}   | ${[]}
    ${3}    | ${3}      | ${0}   | ${['COURSE_FULLY_BOOKED']}
  `('a course of $planned with $completed done and $booked booked → $expected', ({ planned, completed, booked, expected }) => {
    expect(codes(bookingCapacityReasons(planned, completed, booked))).toEqual(expected);
  });

  it('courseStatusAfterCompletion closes the course when planned sessions are done', () => {
    expect(courseStatusAfterCompletion(3, 2)).toBe('active');
    expect(courseStatusAfterCompletion(3, 3)).toBe('completed');
  });

  it.each`
    status            | expected
    ${'active'}       | ${[]}
    ${'completed'}    | ${['COURSE_CLOSED']}
    ${'discontinued'} | ${['COURSE_CLOSED']}
  `('a $status course → $expected', ({ status, expected }) => {
    expect(codes(courseClosedReasons(status))).toEqual(expected);
  });
});
