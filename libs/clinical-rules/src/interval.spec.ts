import { checkBookingDate, courseState, courseStatusAfterCompletion, courseClosedReasons, makePolicy, nextSessionWindow, type CourseFacts } from './index';

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
    expect(nextSessionWindow('2026-01-10', makePolicy({ minIntervalDays: 42, maxIntervalDays: 90 }))).toEqual({ earliest: '2026-02-21', latest: '2026-04-10' });
  });
});

describe('checkBookingDate', () => {
  const last = '2026-01-10';
  it.each`
    day   | date            | allowed  | reasons                   | warnings
    ${0}  | ${'2026-01-10'} | ${false} | ${['INTERVAL_TOO_SHORT']} | ${[]}
    ${27} | ${'2026-02-06'} | ${false} | ${['INTERVAL_TOO_SHORT']} | ${[]}
    ${28} | ${'2026-02-07'} | ${true}  | ${[]}                     | ${[]}
    ${84} | ${'2026-04-04'} | ${true}  | ${[]}                     | ${[]}
    ${85} | ${'2026-04-05'} | ${true}  | ${[]}                     | ${['BEYOND_WINDOW']}
  `('day $day after the last session ($date)', ({ date, allowed, reasons, warnings }) => {
    const result = checkBookingDate(date, last);
    expect(result.allowed).toBe(allowed);
    expect(codes(result.reasons)).toEqual(reasons);
    expect(codes(result.warnings)).toEqual(warnings);
    expect(result.window).toEqual({ earliest: '2026-02-07', latest: '2026-04-04' });
  });

  it('tells reception the earliest date when refusing', () => {
    expect(checkBookingDate('2026-02-06', last).reasons[0].message).toContain('7 February 2026');
  });

  it('the first session of a course has no interval', () => {
    expect(checkBookingDate('2026-01-10', null)).toEqual({ allowed: true, window: null, reasons: [], warnings: [] });
  });

  it('counts calendar days across the clock change', () => {
    // 28 calendar days after 1 March 2026 is 29 March, the day the clocks go forward.
    expect(checkBookingDate('2026-03-28', '2026-03-01').allowed).toBe(false);
    expect(checkBookingDate('2026-03-29', '2026-03-01').allowed).toBe(true);
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
    name                                       | over                                                                                           | on              | state
    ${'completed course'}                      | ${{ status: 'completed' }}                                                                     | ${'2026-06-01'} | ${'completed'}
    ${'discontinued course'}                   | ${{ status: 'discontinued' }}                                                                  | ${'2026-06-01'} | ${'discontinued'}
    ${'nothing completed yet'}                 | ${{ sessions: [sched('2026-01-10')] }}                                                          | ${'2026-01-01'} | ${'not_started'}
    ${'only a cancellation and a DNA'}         | ${{ sessions: [{ status: 'cancelled', date: '2026-01-03' }, { status: 'did_not_attend', date: '2026-01-10' }] }} | ${'2026-03-01'} | ${'not_started'}
    ${'day 27: before the window'}             | ${{}}                                                                                          | ${'2026-02-06'} | ${'on_track'}
    ${'day 28: window open, nothing booked'}   | ${{}}                                                                                          | ${'2026-02-07'} | ${'due'}
    ${'day 60: booked inside the window'}      | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-03-20')] }}             | ${'2026-03-11'} | ${'on_track'}
    ${'day 84: booked for that day'}           | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-04-04')] }}             | ${'2026-04-04'} | ${'on_track'}
    ${'day 84: nothing booked'}                | ${{}}                                                                                          | ${'2026-04-04'} | ${'due'}
    ${'day 85: overdue'}                       | ${{}}                                                                                          | ${'2026-04-05'} | ${'overdue'}
    ${'day 85: overdue even if booked later'}  | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-04-20')] }}             | ${'2026-04-05'} | ${'overdue'}
    ${'booked only after the window'}          | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-04-20')] }}             | ${'2026-03-01'} | ${'due'}
    ${'stale booking in the past'}             | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, sched('2026-02-20')] }}             | ${'2026-03-01'} | ${'due'}
    ${'new completion resets the window'}      | ${{ sessions: [{ status: 'completed', date: '2026-01-10' }, { status: 'completed', date: '2026-04-20' }] }} | ${'2026-05-01'} | ${'on_track'}
    ${'all planned done while still active'}   | ${{ plannedSessions: 1 }}                                                                      | ${'2026-06-01'} | ${'completed'}
  `('$name → $state', ({ over, on, state }) => {
    expect(courseState(course(over), on).state).toBe(state);
  });

  it('reports counts and the window', () => {
    const s = courseState(course({ sessions: [{ status: 'completed', date: '2026-01-10' }, { status: 'cancelled', date: '2026-02-10' }] }), '2026-02-20');
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
    const s = courseState(course({ sessions: [{ status: 'completed', date: '2026-04-20' }, { status: 'completed', date: '2026-01-10' }] }), '2026-05-01');
    expect(s.lastCompletedOn).toBe('2026-04-20');
    expect(s.sessionsRemaining).toBe(1);
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
