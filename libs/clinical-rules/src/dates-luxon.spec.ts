/**
 * The hand-written date arithmetic in dates.ts answers exactly as the Luxon computation it replaced:
 * the same value, or the same error, for every input (random dates over the years 0000–9999,
 * leap days, month ends, instants in every spelling around each DST change of awkward zones).
 */
import fc from 'fast-check';
import { DateTime, IANAZone, Info } from 'luxon';
import * as dates from './dates';

/** The previous implementation, Luxon throughout, kept here as the reference. */
const luxon = (() => {
  const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
  const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
  const isIsoDate = (value: unknown) =>
    typeof value === 'string' && ISO_DATE_RE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
  const isIsoInstant = (value: unknown) =>
    typeof value === 'string' && ISO_INSTANT_RE.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
  const isValidTimeZone = (zone: unknown) => typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
  const toCalendar = (date: string) => {
    if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
    return DateTime.fromISO(date, { zone: 'utc' });
  };
  const toInstant = (instant: string) => {
    if (!isIsoInstant(instant)) throw new RangeError(`Not an ISO 8601 instant with an offset: ${String(instant)}`);
    return DateTime.fromISO(instant, { setZone: true });
  };
  const checkZone = (timeZone: string) => {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${String(timeZone)}`);
    return timeZone;
  };
  const addDays = (date: string, days: number) => toCalendar(date).plus({ days }).toISODate();
  const addMonths = (date: string, months: number) => {
    const start = toCalendar(date);
    const target = start.startOf('month').plus({ months });
    if (start.day > (target.daysInMonth ?? 31)) return target.plus({ months: 1 }).toISODate();
    return target.set({ day: start.day }).toISODate();
  };
  const compareDates = (a: string, b: string) => {
    toCalendar(a);
    toCalendar(b);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const formatDate = (date: string) => {
    const d = toCalendar(date);
    return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
  };
  return {
    isIsoDate,
    isIsoInstant,
    isValidTimeZone,
    addDays,
    addMonths,
    lastDayWithinMonths: (from: string, months: number) => addDays(addMonths(from, months) as string, -1),
    compareDates,
    daysBetween: (from: string, to: string) => Math.round(toCalendar(to).diff(toCalendar(from), 'days').days),
    ageOn: (dateOfBirth: string, on: string) => {
      const dob = toCalendar(dateOfBirth);
      const day = toCalendar(on);
      let age = day.year - dob.year;
      if (day.month < dob.month || (day.month === dob.month && day.day < dob.day)) age -= 1;
      return age;
    },
    formatDate,
    formatDateWithWeekday: (date: string) => `${WEEKDAYS[toCalendar(date).weekday - 1]} ${formatDate(date)}`,
    clinicDate: (instant: string, timeZone = 'Europe/London') => toInstant(instant).setZone(checkZone(timeZone)).toISODate(),
    addHours: (instant: string, hours: number) => toInstant(instant).toUTC().plus({ hours }).toISO(),
    inClinicZone: (instant: string, timeZone = 'Europe/London') => toInstant(instant).setZone(checkZone(timeZone)).toISO(),
    clinicWallTime: (date: string, time: string, timeZone = 'Europe/London') => {
      const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
      if (!hhmm) throw new RangeError(`Not a time of day (HH:mm): ${String(time)}`);
      const day = toCalendar(date);
      return DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: Number(hhmm[1]), minute: Number(hhmm[2]) },
        { zone: checkZone(timeZone) },
      ).toISO({ suppressMilliseconds: true });
    },
    formatClinicTime: (instant: string, timeZone = 'Europe/London') => toInstant(instant).setZone(checkZone(timeZone)).toFormat('HH:mm'),
  };
})();

/** A value or the error thrown, so that failures are compared too. */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

const same = (fast: () => unknown, reference: () => unknown) => expect(outcome(fast)).toEqual(outcome(reference));

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Any `YYYY-MM-DD` shape, real or not (month and day 00–99). */
const dateShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

/** 0000-01-01T00:00:00Z (Date.UTC reads the years 0–99 as 1900–1999). */
const YEAR_0 = -62_167_219_200_000;
const EDGE_YEARS = [0, 1, 4, 99, 100, 400, 1582, 1900, 1969, 1970, 2000, 2024, 2025, 2100, 9998, 9999];
/** Real dates, biased to month ends, leap days and the first and last representable years. */
const realDate = fc.oneof(
  fc.integer({ min: YEAR_0, max: Date.UTC(9999, 11, 31) }).map((ms) => {
    const d = new Date(Math.floor(ms / 86_400_000) * 86_400_000);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  }),
  fc
    .tuple(fc.constantFrom(...EDGE_YEARS), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 27, 28, 29, 30, 31))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    .filter((s) => luxon.isIsoDate(s)),
  fc.integer({ min: 0, max: 20_000 }).map((n) => luxon.addDays('2000-01-01', n) as string),
);
const anyDate = fc.oneof(
  realDate,
  dateShaped,
  fc.string({ maxLength: 12 }),
  fc.constantFrom('2026-1-1', '26-01-01', '2026-01-01T00:00:00Z', '２０２６-01-01'),
);
const dayCount = fc.oneof(
  fc.integer({ min: -800, max: 800 }),
  fc.integer({ min: -4_000_000, max: 4_000_000 }),
  fc.constantFrom(0, -0, 0.5, -1.5, Number.NaN, 1e15, -1e15),
);
const monthCount = fc.oneof(
  fc.integer({ min: -30, max: 30 }),
  fc.integer({ min: -130_000, max: 130_000 }),
  fc.constantFrom(0.5, -2.5, Number.NaN),
);

const ZONES = [
  'Europe/London',
  'Europe/Dublin',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Asia/Kolkata',
  'Africa/Casablanca',
  'Etc/GMT+12',
  'UTC',
  'utc',
  'GMT',
  'europe/london',
];
const zoneName = fc.oneof(fc.constantFrom(...ZONES), fc.constantFrom('Europe/Atlantis', '', 'UTC+3', 'local', 'default', '+01:00'));

/** Every offset change of each zone in 2026, found hour by hour, for instants right beside them. */
const TRANSITIONS = ZONES.flatMap((zone) => {
  const z = Info.normalizeZone(zone);
  const found: number[] = [];
  let before = z.offset(Date.UTC(2026, 0, 1));
  for (let t = Date.UTC(2026, 0, 1, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
    const offset = z.offset(t);
    if (offset !== before) found.push(t);
    before = offset;
  }
  return found;
});

const instantMs = fc.oneof(
  fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
  fc.integer({ min: YEAR_0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -7_200_000, max: 7_200_000 })).map(([t, d]) => t + d),
);

/** An instant written as toISOString does, with an offset, without seconds, and in spellings only Luxon reads. */
const instantText = fc
  .tuple(
    instantMs,
    fc.integer({ min: -14 * 60, max: 14 * 60 }),
    fc.constantFrom('iso', 'offset', 'minutes', 'fraction', 'lower', 'compact', 'hour24', 'second60', 'bigOffset'),
    fc.integer({ min: 1, max: 9 }),
  )
  .map(([ms, offsetMinutes, style, digits]) => {
    if (style === 'iso') return new Date(ms).toISOString();
    const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const off = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60), 2)}:${pad(Math.abs(offsetMinutes) % 60, 2)}`;
    switch (style) {
      case 'offset':
        return `${local.slice(0, 19)}${off}`;
      case 'minutes':
        return `${local.slice(0, 16)}${off}`;
      case 'fraction':
        return `${local.slice(0, 19)}.${String(Math.abs(ms) % 1_000_000_000)
          .padStart(9, '7')
          .slice(0, digits)}${off}`;
      case 'lower':
        return `${local.slice(0, 10)}t${local.slice(11)}z`;
      case 'compact':
        return `${local}${off.replace(':', '')}`;
      case 'hour24':
        return `${local.slice(0, 10)}T24:00:00Z`;
      case 'second60':
        return `${local.slice(0, 17)}60Z`;
      default:
        return `${local}+${pad(24 + (Math.abs(offsetMinutes) % 76), 2)}:${pad(Math.abs(offsetMinutes) % 100, 2)}`;
    }
  });
const anyInstant = fc.oneof(instantText, fc.constantFrom('2026-03-29T10:00:00', '2026-03-29', 'yesterday', '', '2025-02-29T10:00:00Z'));

const RUNS = { numRuns: 2000 };

describe('calendar dates: the same answers as Luxon', () => {
  it('isIsoDate agrees on every month 00–13 and day 00–32 of edge years, and on anything else', () => {
    for (const y of EDGE_YEARS) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (dates.isIsoDate(s) !== luxon.isIsoDate(s)) throw new Error(`isIsoDate(${s}) differs`);
        }
      }
    }
    fc.assert(
      fc.property(fc.oneof(anyDate, fc.anything()), (v) => expect(dates.isIsoDate(v)).toBe(luxon.isIsoDate(v))),
      RUNS,
    );
  });

  it('every function of one date, on every day of the leap, century and first and last years', () => {
    for (const y of [0, 4, 100, 1900, 2000, 2024, 2025, 9999]) {
      for (let n = 0; n < 366; n++) {
        const date = luxon.addDays(`${pad(y, 4)}-01-01`, n) as string;
        same(
          () => [
            dates.formatDate(date),
            dates.formatDateWithWeekday(date),
            dates.ageOn(date, '2026-02-28'),
            dates.ageOn('2008-02-29', date),
          ],
          () => [
            luxon.formatDate(date),
            luxon.formatDateWithWeekday(date),
            luxon.ageOn(date, '2026-02-28'),
            luxon.ageOn('2008-02-29', date),
          ],
        );
        same(
          () => [dates.addDays(date, 1), dates.lastDayWithinMonths(date, 12), dates.daysBetween('2000-02-29', date)],
          () => [luxon.addDays(date, 1), luxon.lastDayWithinMonths(date, 12), luxon.daysBetween('2000-02-29', date)],
        );
      }
    }
  });

  it('addDays, addMonths and lastDayWithinMonths', () => {
    fc.assert(
      fc.property(anyDate, dayCount, monthCount, (date, days, months) => {
        same(
          () => dates.addDays(date, days),
          () => luxon.addDays(date, days),
        );
        same(
          () => dates.addMonths(date, months),
          () => luxon.addMonths(date, months),
        );
        same(
          () => dates.lastDayWithinMonths(date, months),
          () => luxon.lastDayWithinMonths(date, months),
        );
      }),
      RUNS,
    );
  });

  it('compareDates, daysBetween, ageOn and the formatting', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        same(
          () => dates.compareDates(a, b),
          () => luxon.compareDates(a, b),
        );
        same(
          () => dates.daysBetween(a, b),
          () => luxon.daysBetween(a, b),
        );
        same(
          () => dates.ageOn(a, b),
          () => luxon.ageOn(a, b),
        );
        same(
          () => dates.formatDate(a),
          () => luxon.formatDate(a),
        );
        same(
          () => dates.formatDateWithWeekday(a),
          () => luxon.formatDateWithWeekday(a),
        );
      }),
      RUNS,
    );
  });
});

describe('instants and zones: the same answers as Luxon', () => {
  it('isIsoInstant', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, fc.string(), fc.anything()), (v) => expect(dates.isIsoInstant(v)).toBe(luxon.isIsoInstant(v))),
      RUNS,
    );
  });

  it('clinicDate, formatClinicTime and inClinicZone, beside every DST change', () => {
    fc.assert(
      fc.property(anyInstant, zoneName, (instant, zone) => {
        same(
          () => dates.clinicDate(instant, zone),
          () => luxon.clinicDate(instant, zone),
        );
        same(
          () => dates.formatClinicTime(instant, zone),
          () => luxon.formatClinicTime(instant, zone),
        );
        same(
          () => dates.inClinicZone(instant, zone),
          () => luxon.inClinicZone(instant, zone),
        );
        expect(dates.isValidTimeZone(zone)).toBe(luxon.isValidTimeZone(zone));
      }),
      RUNS,
    );
  });

  it('addHours and clinicWallTime', () => {
    const time = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`),
      fc.constantFrom('9:30', '24:00', '00:60', ''),
    );
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -10_000, max: 10_000 }), anyDate, time, zoneName, (instant, hours, date, hhmm, zone) => {
        same(
          () => dates.addHours(instant, hours),
          () => luxon.addHours(instant, hours),
        );
        same(
          () => dates.clinicWallTime(date, hhmm, zone),
          () => luxon.clinicWallTime(date, hhmm, zone),
        );
      }),
      RUNS,
    );
  });

  it('addHours and inClinicZone across the first and last plain years, where the writing changes', () => {
    const edges = [
      '0000-01-01T00:30:00Z',
      '0000-01-01T05:00:00+05:00',
      '9999-12-31T23:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '9999-12-31T20:00:00-05:00',
    ];
    for (const instant of edges) {
      for (const hours of [-25, -1, 0, 1, 25]) {
        same(
          () => dates.addHours(instant, hours),
          () => luxon.addHours(instant, hours),
        );
      }
      for (const zone of ZONES) {
        same(
          () => dates.inClinicZone(instant, zone),
          () => luxon.inClinicZone(instant, zone),
        );
      }
    }
  });
});
