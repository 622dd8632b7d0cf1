import { AFTERCARE_CODES } from '@venule/api-contract';
import { aftercarePlan, preTreatmentAdvice } from './index';

const untilOf = (plan: ReturnType<typeof aftercarePlan>) => Object.fromEntries(plan.items.map((i) => [i.code, i.until]));

describe('aftercarePlan', () => {
  it.each`
    name                                               | completedAt                    | zone                  | d               | dayNight        | daytime         | d14             | d28
    ${'ordinary weekday in London'}                    | ${'2026-02-10T11:00:00Z'}      | ${'Europe/London'}    | ${'2026-02-10'} | ${'2026-02-13'} | ${'2026-02-20'} | ${'2026-02-24'} | ${'2026-03-10'}
    ${'Saturday before spring forward, morning'}       | ${'2026-03-28T10:00:00Z'}      | ${'Europe/London'}    | ${'2026-03-28'} | ${'2026-03-31'} | ${'2026-04-07'} | ${'2026-04-11'} | ${'2026-04-25'}
    ${'Saturday before spring forward, 23:30 GMT'}     | ${'2026-03-28T23:30:00Z'}      | ${'Europe/London'}    | ${'2026-03-28'} | ${'2026-04-01'} | ${'2026-04-08'} | ${'2026-04-11'} | ${'2026-04-25'}
    ${'Saturday before fall back, 23:30 BST'}          | ${'2026-10-24T23:30:00+01:00'} | ${'Europe/London'}    | ${'2026-10-24'} | ${'2026-10-27'} | ${'2026-11-03'} | ${'2026-11-07'} | ${'2026-11-21'}
    ${'00:30 BST, the clocks go back within the 72 h'} | ${'2026-10-23T00:30:00+01:00'} | ${'Europe/London'}    | ${'2026-10-23'} | ${'2026-10-25'} | ${'2026-11-01'} | ${'2026-11-06'} | ${'2026-11-20'}
    ${'month end'}                                     | ${'2026-01-31T15:00:00Z'}      | ${'Europe/London'}    | ${'2026-01-31'} | ${'2026-02-03'} | ${'2026-02-10'} | ${'2026-02-14'} | ${'2026-02-28'}
    ${'late evening BST is still the same day'}        | ${'2026-06-30T23:30:00+01:00'} | ${'Europe/London'}    | ${'2026-06-30'} | ${'2026-07-03'} | ${'2026-07-10'} | ${'2026-07-14'} | ${'2026-07-28'}
    ${'UTC midnight is already tomorrow in BST'}       | ${'2026-06-30T23:30:00Z'}      | ${'Europe/London'}    | ${'2026-07-01'} | ${'2026-07-04'} | ${'2026-07-11'} | ${'2026-07-15'} | ${'2026-07-29'}
    ${'New York, Saturday before spring forward'}      | ${'2026-03-07T23:30:00-05:00'} | ${'America/New_York'} | ${'2026-03-07'} | ${'2026-03-11'} | ${'2026-03-18'} | ${'2026-03-21'} | ${'2026-04-04'}
    ${'leap-year February'}                            | ${'2028-02-27T10:00:00Z'}      | ${'Europe/London'}    | ${'2028-02-27'} | ${'2028-03-01'} | ${'2028-03-08'} | ${'2028-03-12'} | ${'2028-03-26'}
  `('$name', ({ completedAt, zone, d, dayNight, daytime, d14, d28 }) => {
    const plan = aftercarePlan(completedAt, zone);
    expect(plan.completedOn).toBe(d);
    expect(untilOf(plan)).toEqual({
      walk: d,
      hosiery_day_and_night: dayNight,
      hosiery_daytime: daytime,
      avoid_heat: d14,
      avoid_sun: d28,
      avoid_high_impact: d14,
      avoid_waxing: d28,
      elevate_legs: d14,
    });
  });

  it('lists every aftercare item once, in leaflet order', () => {
    expect(aftercarePlan('2026-02-10T11:00:00Z').items.map((i) => i.code)).toEqual([...AFTERCARE_CODES]);
  });

  it('names real dates and the clinic wall-clock time in the texts', () => {
    const plan = aftercarePlan('2026-03-28T10:00:00Z', 'Europe/London');
    const text = Object.fromEntries(plan.items.map((i) => [i.code, i.text]));
    expect(text['walk']).toMatch(/10 minutes/);
    // 72 elapsed hours after 10:00 GMT is 11:00 BST after the clocks go forward.
    expect(text['hosiery_day_and_night']).toBe(
      'Wear your support stockings day and night for 72 hours, until 11:00 on Tuesday 31 March 2026.',
    );
    expect(text['hosiery_daytime']).toMatch(/5–7 days.*Tuesday 7 April 2026/);
    expect(text['avoid_heat']).toMatch(/saunas.*Saturday 11 April 2026/);
    expect(text['avoid_sun']).toContain('Saturday 25 April 2026');
  });

  it('gives the next session window from the completion date', () => {
    expect(aftercarePlan('2026-02-10T11:00:00Z').nextWindow).toEqual({ earliest: '2026-03-10', latest: '2026-05-05' });
  });
});

describe('preTreatmentAdvice', () => {
  it.each`
    scheduledFor                   | zone                  | from                               | fromDate        | text
    ${'2026-03-30T09:30:00+01:00'} | ${'Europe/London'}    | ${'2026-03-29T09:30:00.000+01:00'} | ${'2026-03-29'} | ${'from 09:30 on Sunday 29 March 2026'}
    ${'2026-03-29T10:00:00+01:00'} | ${'Europe/London'}    | ${'2026-03-28T09:00:00.000+00:00'} | ${'2026-03-28'} | ${'from 09:00 on Saturday 28 March 2026'}
    ${'2026-02-02T08:00:00Z'}      | ${'Europe/London'}    | ${'2026-02-01T08:00:00.000+00:00'} | ${'2026-02-01'} | ${'from 08:00 on Sunday 1 February 2026'}
    ${'2026-03-08T10:00:00-04:00'} | ${'America/New_York'} | ${'2026-03-07T09:00:00.000-05:00'} | ${'2026-03-07'} | ${'from 09:00 on Saturday 7 March 2026'}
  `('for $scheduledFor the no-lotion rule starts $from', ({ scheduledFor, zone, from, fromDate, text }) => {
    const advice = preTreatmentAdvice(scheduledFor, zone, '2026-01-01T00:00:00Z');
    const lotions = advice.items.find((i) => i.code === 'no_lotions');
    expect(lotions).toMatchObject({ from, fromDate });
    expect(lotions?.text).toContain(text);
    expect(advice.items.map((i) => i.code)).toEqual(['no_lotions', 'loose_clothing', 'bring_stockings']);
  });

  it.each`
    name                                               | scheduledFor                   | now                       | from                               | fromDate
    ${'booked the same day'}                           | ${'2026-11-30T15:00:00Z'}      | ${'2026-11-30T09:10:00Z'} | ${'2026-11-30T09:10:00.000+00:00'} | ${'2026-11-30'}
    ${'booked the evening before'}                     | ${'2026-12-01T09:00:00Z'}      | ${'2026-11-30T18:00:00Z'} | ${'2026-11-30T18:00:00.000+00:00'} | ${'2026-11-30'}
    ${'the Saturday the clocks go forward, 23 h left'} | ${'2026-03-29T10:00:00+01:00'} | ${'2026-03-28T12:00:00Z'} | ${'2026-03-28T12:00:00.000+00:00'} | ${'2026-03-28'}
  `('with less than 24 hours left ($name) the no-lotion rule starts now', ({ scheduledFor, now, from, fromDate }) => {
    const lotions = preTreatmentAdvice(scheduledFor, 'Europe/London', now).items[0];
    expect(lotions).toMatchObject({ code: 'no_lotions', from, fromDate });
    expect(lotions.text).toMatch(
      /^Do not put any lotion, cream or oil on your legs from now until your appointment at \d{2}:\d{2} on \w+day /,
    );
  });

  it.each`
    name                                    | now
    ${'at the appointment time'}            | ${'2026-11-30T09:00:00Z'}
    ${'with the patient at the desk, late'} | ${'2026-11-30T09:25:00Z'}
  `('once the appointment time has come ($name) it no longer says "until your appointment"', ({ now }) => {
    const lotions = preTreatmentAdvice('2026-11-30T09:00:00Z', 'Europe/London', now).items[0];
    expect(lotions).toMatchObject({ code: 'no_lotions', fromDate: '2026-11-30' });
    expect(lotions.text).toBe(
      'Do not put any lotion, cream or oil on your legs before your treatment (booked for 09:00 on Monday 30 November 2026).',
    );
  });

  it('keeps the day-before wording while more than 24 hours are left', () => {
    const lotions = preTreatmentAdvice('2026-12-02T14:00:00Z', 'Europe/London', '2026-11-30T09:00:00Z').items[0];
    expect(lotions.text).toBe(
      'Do not put any lotion, cream or oil on your legs from 14:00 on Tuesday 1 December 2026 (24 hours before your appointment at 14:00 on Wednesday 2 December 2026).',
    );
  });
});
