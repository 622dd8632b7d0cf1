/**
 * Clinic policy. Every number the SPEC marks as a *setting* is a field here with its
 * default in `DEFAULT_POLICY`; the API passes the clinic's settings, the rules never
 * hard-code them.
 */
import type { Reason, SclerosantAgent as Agent } from '@venule/api-contract';

export interface ConcentrationRange {
  /** Lowest usual concentration, % w/v, inclusive. */
  readonly minPercent: number;
  /** Highest usual concentration, % w/v, inclusive. */
  readonly maxPercent: number;
}

export interface ClinicalPolicy {
  /** A clear duplex scan is valid for this many calendar months (SPEC §1.1). */
  readonly scanValidityMonths: number;
  /** Minimum calendar days between completed sessions of a course (SPEC §1.4). */
  readonly minIntervalDays: number;
  /** Last calendar day (after the previous completed session) that is still on track. */
  readonly maxIntervalDays: number;
  /** A session may be recorded up to this many calendar days after the treatment was given (SPEC §1.9). */
  readonly lateEntryDays: number;
  /** Polidocanol daily maximum per kg of body weight, all courses together (SPEC §1.6). */
  readonly polidocanolMgPerKgPerDay: number;
  /** A body weight older than this many months cannot be used for the dose limit. */
  readonly weightValidityMonths: number;
  /** Maximum foam volume per session, mL (product labels). */
  readonly maxFoamVolumeMlPerSession: number;
  /** Usual concentration for thread/reticular veins; outside needs a confirmed reason. */
  readonly usualConcentration: Readonly<Record<Agent, ConcentrationRange>>;
  /** Patients younger than this on the treatment date are not treated. */
  readonly minimumAgeYears: number;
  /** Plausible body weight range for data entry (kg, inclusive). */
  readonly weightRangeKg: Readonly<{ min: number; max: number }>;
}

export const DEFAULT_POLICY: ClinicalPolicy = Object.freeze({
  scanValidityMonths: 12,
  minIntervalDays: 28,
  maxIntervalDays: 84,
  lateEntryDays: 7,
  polidocanolMgPerKgPerDay: 2,
  weightValidityMonths: 12,
  maxFoamVolumeMlPerSession: 10,
  usualConcentration: Object.freeze({
    polidocanol: Object.freeze({ minPercent: 0.25, maxPercent: 1 }),
    sodium_tetradecyl_sulfate: Object.freeze({ minPercent: 0.1, maxPercent: 0.5 }),
  }),
  minimumAgeYears: 18,
  weightRangeKg: Object.freeze({ min: 30, max: 250 }),
});

export type PolicyOverrides = Partial<Omit<ClinicalPolicy, 'usualConcentration' | 'weightRangeKg'>> & {
  usualConcentration?: Partial<Record<Agent, ConcentrationRange>>;
  weightRangeKg?: Partial<{ min: number; max: number }>;
};

/** The default policy with the clinic's settings laid over it. */
export function makePolicy(overrides: PolicyOverrides = {}): ClinicalPolicy {
  return {
    ...DEFAULT_POLICY,
    ...overrides,
    usualConcentration: { ...DEFAULT_POLICY.usualConcentration, ...overrides.usualConcentration },
    weightRangeKg: { ...DEFAULT_POLICY.weightRangeKg, ...overrides.weightRangeKg },
  };
}

/** Problems with a policy an admin is about to save (code `INVALID_SETTING`). */
export function checkPolicy(policy: ClinicalPolicy): Reason<'INVALID_SETTING'>[] {
  const reasons: Reason<'INVALID_SETTING'>[] = [];
  const bad = (message: string) => reasons.push({ code: 'INVALID_SETTING', message });
  const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
  if (!positiveInt(policy.scanValidityMonths)) bad('Scan validity must be a whole number of months, at least 1.');
  if (!positiveInt(policy.minIntervalDays)) bad('The minimum interval must be a whole number of days, at least 1.');
  if (!positiveInt(policy.maxIntervalDays) || policy.maxIntervalDays < policy.minIntervalDays) {
    bad('The on-track interval must be a whole number of days, no shorter than the minimum interval.');
  }
  if (!(Number.isInteger(policy.lateEntryDays) && policy.lateEntryDays >= 0))
    bad('The late-entry limit must be a whole number of days, 0 or more.');
  if (!(policy.polidocanolMgPerKgPerDay > 0)) bad('The polidocanol daily limit per kg must be above zero.');
  if (!positiveInt(policy.weightValidityMonths)) bad('Weight validity must be a whole number of months, at least 1.');
  if (!(policy.maxFoamVolumeMlPerSession > 0)) bad('The foam volume limit must be above zero.');
  for (const [agent, range] of Object.entries(policy.usualConcentration)) {
    if (!(range.minPercent > 0 && range.maxPercent >= range.minPercent)) {
      bad(`The usual concentration range for ${agent} must be positive, lowest first.`);
    }
  }
  if (!positiveInt(policy.minimumAgeYears)) bad('The minimum age must be a whole number of years.');
  if (!(policy.weightRangeKg.min > 0 && policy.weightRangeKg.max > policy.weightRangeKg.min)) {
    bad('The plausible weight range must be positive, lowest first.');
  }
  return reasons;
}
