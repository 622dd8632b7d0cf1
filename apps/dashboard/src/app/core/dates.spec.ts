import { ageOn, clinicInstant, formatDate, formatInstant, todayIso, useClinicTimeZone } from './dates';

describe('dashboard dates', () => {
  it("today is the clinic's date, not UTC's: 23:30 UTC in summer is already tomorrow in London", () => {
    expect(todayIso(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('a booking time carries the clinic offset of its own day, either side of a clock change', () => {
    expect(clinicInstant('2026-03-28', '09:30')).toBe('2026-03-28T09:30:00+00:00');
    expect(clinicInstant('2026-03-30', '09:30')).toBe('2026-03-30T09:30:00+01:00');
  });

  it('shows instants on the clinic wall clock', () => {
    expect(formatInstant('2026-07-01T08:05:00Z')).toBe('Wed, 01/07/2026, 09:05');
    expect(formatInstant(null)).toBe('');
  });

  it('ages turn on the birthday, and a half-typed date has no age', () => {
    expect(ageOn('1980-11-25', '2026-11-24')).toBe(45);
    expect(ageOn('1980-11-25', '2026-11-25')).toBe(46);
    expect(ageOn('1980-11', '2026-11-25')).toBeNull();
  });

  it('prints dates the British way', () => {
    expect(formatDate('2026-03-09')).toBe('09/03/2026');
    expect(formatDate(undefined)).toBe('');
  });

  describe('in a clinic whose CLINIC_TIMEZONE is New York', () => {
    beforeEach(() => useClinicTimeZone('America/New_York'));
    afterEach(() => useClinicTimeZone('Europe/London'));

    it("follows New York's wall clock for today, times shown and times booked", () => {
      expect(todayIso(new Date('2026-07-01T02:00:00Z'))).toBe('2026-06-30');
      expect(formatInstant('2026-07-01T13:05:00Z')).toBe('Wed, 01/07/2026, 09:05');
      expect(clinicInstant('2026-07-01', '09:30')).toBe('2026-07-01T09:30:00-04:00');
    });
  });
});
