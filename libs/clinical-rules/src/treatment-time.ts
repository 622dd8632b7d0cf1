/**
 * When a treatment was given (SPEC §1.9). A session is usually recorded as it happens, but may be
 * recorded later, up to `lateEntryDays` after; every dated rule is then evaluated on the treatment
 * date, never on the day it was typed in.
 */
import type { IsoDate, IsoInstant, Refusal } from '@venule/api-contract';
import { addDays, clinicDate, compareDates, formatClinicTime, formatDate } from './dates';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

export interface TreatmentTiming {
  /** When the treatment was given (defaults to `recordedAt` in the API). */
  treatedAt: IsoInstant;
  /** When it is being recorded: the server's clock. */
  recordedAt: IsoInstant;
  /** When the session was booked for. */
  scheduledFor: IsoInstant;
  timeZone: string;
}

/** The clinic date of the treatment: the date every dated rule is evaluated on. */
export function treatmentDate(timing: Pick<TreatmentTiming, 'treatedAt' | 'timeZone'>): IsoDate {
  return clinicDate(timing.treatedAt, timing.timeZone);
}

/**
 * Problems with the treatment time (INVALID_VALUE naming `treatedAt`): in the future, before the
 * booked day, or more than `lateEntryDays` calendar days before the day it is recorded.
 */
export function checkTreatmentTime(timing: TreatmentTiming, policy: ClinicalPolicy = DEFAULT_POLICY): Refusal[] {
  const { treatedAt, recordedAt, scheduledFor, timeZone } = timing;
  const treatedOn = clinicDate(treatedAt, timeZone);
  const bookedOn = clinicDate(scheduledFor, timeZone);
  const recordedOn = clinicDate(recordedAt, timeZone);
  const invalid = (message: string): Refusal => ({ code: 'INVALID_VALUE', field: 'treatedAt', message });
  const reasons: Refusal[] = [];
  if (Date.parse(treatedAt) > Date.parse(recordedAt)) {
    reasons.push(invalid(`The treatment time (${formatDate(treatedOn)} ${formatClinicTime(treatedAt, timeZone)}) is in the future.`));
  }
  if (compareDates(treatedOn, bookedOn) < 0) {
    reasons.push(
      invalid(
        `This session is booked for ${formatDate(bookedOn)}; a treatment given before that day cannot be recorded against it. Move the booking to the day it was given.`,
      ),
    );
  }
  const oldest = addDays(recordedOn, -policy.lateEntryDays);
  if (compareDates(treatedOn, oldest) < 0) {
    reasons.push(
      invalid(
        `A session can be recorded up to ${policy.lateEntryDays} days after the treatment (from ${formatDate(oldest)}); ${formatDate(treatedOn)} is too long ago.`,
      ),
    );
  }
  return reasons;
}
