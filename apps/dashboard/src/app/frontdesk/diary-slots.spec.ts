import type { DiaryAppointment, OpeningHours } from '@venule/api-contract';
import { clinicWallTime } from '@venule/clinical-rules';
import { dayEntries, openingOn, slotTimes, weekDates, weekStart } from './diary-slots';

const london = (date: string, time: string) => clinicWallTime(date, time, 'Europe/London');

function appointment(startsAt: string, endsAt: string, patientName = 'Sophie Turner'): DiaryAppointment {
  return {
    kind: 'consultation',
    id: startsAt,
    startsAt,
    endsAt,
    status: 'booked',
    patientId: 'p1',
    patientName,
    clinicNumber: 'VN-000001',
  };
}

describe('the diary day', () => {
  const newYear = new Date('2026-01-01T00:00:00Z');

  it('offers every half hour of opening hours when nobody is booked', () => {
    const entries = dayEntries('2026-12-02', [], london, newYear);
    expect(entries.map((e) => (e.kind === 'free' ? e.time : ''))).toEqual(slotTimes());
    expect(entries[0]).toMatchObject({ time: '09:00', startsAt: '2026-12-02T09:00:00+00:00' });
    expect(entries.at(-1)).toMatchObject({ time: '17:30' });
  });

  it('puts appointments in time order and offers no slot that overlaps one', () => {
    const booked = appointment(london('2026-12-02', '10:15'), london('2026-12-02', '11:00'));
    const entries = dayEntries('2026-12-02', [booked], london, newYear);
    const labels = entries.map((e) => (e.kind === 'free' ? e.time : `booked ${e.appointment.patientName}`));
    expect(labels.slice(0, 5)).toEqual(['09:00', '09:30', 'booked Sophie Turner', '11:00', '11:30']);
    expect(labels).not.toContain('10:00');
    expect(labels).not.toContain('10:30');
  });

  it('shows appointments outside opening hours too', () => {
    const early = appointment(london('2026-12-02', '08:00'), london('2026-12-02', '08:30'), 'Early Bird');
    const entries = dayEntries('2026-12-02', [early], london, newYear);
    expect(entries[0]).toMatchObject({ kind: 'appointment' });
    expect(entries[1]).toMatchObject({ kind: 'free', time: '09:00' });
  });

  it('does not offer slots that have already begun', () => {
    const afterLunch = new Date(london('2026-12-02', '13:10'));
    const entries = dayEntries('2026-12-02', [], london, afterLunch);
    expect(entries[0]).toMatchObject({ time: '13:30' });
  });

  it("offers the clinic's own opening hours for the weekday, and nothing on a day it is closed", () => {
    const weekday = { opens: '08:30', closes: '12:00' };
    const hours: OpeningHours = {
      monday: weekday,
      tuesday: weekday,
      wednesday: { opens: '13:00', closes: '19:30' },
      thursday: weekday,
      friday: weekday,
      saturday: null,
      sunday: null,
    };
    const wednesday = dayEntries('2026-12-02', [], london, newYear, openingOn('2026-12-02', hours));
    expect(wednesday.map((e) => (e.kind === 'free' ? e.time : ''))).toEqual([
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
      '17:30',
      '18:00',
      '18:30',
      '19:00',
    ]);
    expect(openingOn('2026-12-05', hours)).toBeNull();
    const saturday = dayEntries(
      '2026-12-05',
      [appointment(london('2026-12-05', '10:00'), london('2026-12-05', '10:30'))],
      london,
      newYear,
      null,
    );
    expect(saturday.map((e) => e.kind)).toEqual(['appointment']);
    expect(openingOn('2026-12-07', hours)).toEqual(weekday);
    expect(openingOn('2026-12-07', null)).toMatchObject({ opens: '09:00', closes: '18:00' });
  });

  it('offers wall-clock times in summer time too', () => {
    const entries = dayEntries('2026-06-02', [], london, newYear);
    expect(entries[0]).toMatchObject({ time: '09:00', startsAt: '2026-06-02T09:00:00+01:00' });
  });
});

describe('the diary week', () => {
  it('starts on Monday', () => {
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(weekDates('2026-11-30')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });
});
