/**
 * The clinic as printed on everything handed to a patient (aftercare sheet, pre-treatment advice,
 * receipt) and on the public enquiry page. Read by any signed-in member of staff at
 * `GET /api/clinic`; edited by admin with the other clinic settings.
 */
export interface ClinicIdentity {
  name: string;
  address: string;
  phone: string;
  /** The number a patient calls about a reaction when the clinic is closed. */
  outOfHoursPhone: string;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day's opening, clinic wall-clock times `HH:MM` (24-hour); `opens` is before `closes`. */
export interface OpeningTimes {
  opens: string;
  closes: string;
}

/** The clinic's week: a day with `null` is closed. */
export type OpeningHours = Record<Weekday, OpeningTimes | null>;

/**
 * `GET /api/clinic`: the identity, and the opening hours the diary offers free slots in (null
 * until an admin sets them).
 */
export interface ClinicInfo extends ClinicIdentity {
  openingHours: OpeningHours | null;
}

/** A clinician and the weekdays they work (booking on another day warns, never refuses). */
export interface ClinicianWorkingDays {
  clinicianId: string;
  /** Read-only in a PUT: the clinician's display name, for the form. */
  displayName?: string;
  workingDays: Weekday[];
}

/**
 * Every value SPEC marks *setting*, with the clinic's identity: `GET|PUT /api/settings` (admin).
 * A PUT sends the whole document with the `version` it read; a stale one answers 409
 * VERSION_CONFLICT. Each change is audited with its values before and after.
 */
export interface ClinicSettings {
  version: number;
  updatedAt: string;
  clinic: ClinicIdentity;
  /** A clear duplex scan is valid for this many months (SPEC §1.1; 1–60). */
  scanValidityMonths: number;
  /** The shortest interval between treatments of a leg, days (SPEC §1.4; 1–365). */
  minIntervalDays: number;
  /** After this many days from a course's last session the course is overdue (SPEC §1.4; ≥ the shortest interval, ≤ 730). */
  maxIntervalDays: number;
  /** A session may be recorded up to this many days after it was given (SPEC §1.9; 0–31). */
  lateEntryDays: number;
  /** A staff session ends after this many idle minutes (SPEC §4; 5–720). */
  sessionIdleMinutes: number;
  /** A named-doctor consultation's fee and the deposit that confirms it, in pence (deposit ≤ fee). */
  namedDoctorFeePence: number;
  consultationDepositPence: number;
  /** Null until an admin first sets them; until then no booking is checked against them. */
  openingHours: OpeningHours | null;
  /** Every active clinician. A PUT may list some of them; those left out keep their days. */
  clinicians: ClinicianWorkingDays[];
}

/** A PUT always sends the week (the form starts from the usual hours when none are set). */
export type UpdateClinicSettingsRequest = Omit<ClinicSettings, 'updatedAt' | 'openingHours'> & { openingHours: OpeningHours };
