/**
 * Every check for completing a session (SPEC §1), returning ALL reasons that apply.
 * The API refuses with 422 when `reasons` is not empty; `warnings` never refuse.
 */
import { LEGS } from '@venule/api-contract';
import type { ConfirmationInput, CourseStatus, IsoDate, Leg, Refusal, SessionStatus, SessionWindow, Warning } from '@venule/api-contract';
import { clearance, type ClearanceFacts, type ClearanceResult } from './clearance';
import { CONTRAINDICATIONS, unacknowledgedRelative } from './contraindications';
import { courseClosedReasons } from './course-state';
import { compareDates, formatDate } from './dates';
import { checkDose, type DoseCheck, type DoseInput } from './dose';
import { checkBookingDate, type LegTreatment } from './interval';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';
import { checkTestInjection } from './test-injection';
import { checkTreatmentTime, type TreatmentTiming } from './treatment-time';

export interface SessionCompletionFacts {
  /** Clinic calendar date of the treatment (`treatmentDate(timing)`): every dated rule uses it. */
  on: IsoDate;
  /** The session's own state: only a booked session can be completed. */
  session?: { status: SessionStatus };
  /** When the treatment was given and is recorded (SPEC §1.9). */
  timing?: TreatmentTiming;
  /**
   * The course: its status, its legs (a session treats only those) and the date of its last
   * completed session (for the on-track window).
   */
  course: { status: CourseStatus; legs?: readonly Leg[]; lastCompletedOn: IsoDate | null };
  /** The course's consent; null when none is on file. A consent dated after `on` does not count. */
  consent: { consentedOn: IsoDate } | null;
  patient: ClearanceFacts;
  /** Legs treated in this session. */
  legs: readonly Leg[];
  /** The patient's completed treatments in every course (the interval is per leg, SPEC §1.4). */
  treatments: readonly LegTreatment[];
  /** Completed sessions of the patient before this one, across all courses (allergy test injection). */
  patientCompletedSessionsBefore: number;
  dose: Omit<DoseInput, 'confirmations'>;
  confirmations?: readonly ConfirmationInput[];
}

export interface SessionCompletionCheck {
  /** True when there is no refusal reason. */
  allowed: boolean;
  /**
   * Refusals, in this order: SESSION_NOT_BOOKED, COURSE_CLOSED, the treatment time
   * (INVALID_VALUE, field `treatedAt`), legs outside the course (INVALID_VALUE, field `legs`),
   * CONSENT_REQUIRED, patient blockers
   * (MEDICAL_HISTORY_REQUIRED, CONTRAINDICATED, UNDER_18), leg reasons for treated legs,
   * unacknowledged relative contraindications (CONTRAINDICATED), INTERVAL_TOO_SHORT,
   * dose (DOSE_LIMIT_EXCEEDED, WEIGHT_REQUIRED, CONFIRMATION_REQUIRED, INVALID_VALUE),
   * test injection (CONFIRMATION_REQUIRED).
   */
  reasons: Refusal[];
  /** Non-refusing: BEYOND_WINDOW. */
  warnings: Warning[];
  clearance: ClearanceResult;
  dose: DoseCheck;
  window: SessionWindow | null;
}

export function checkSessionCompletion(facts: SessionCompletionFacts, policy: ClinicalPolicy = DEFAULT_POLICY): SessionCompletionCheck {
  const { on, patient } = facts;
  const reasons: Refusal[] = [];

  const status = facts.session?.status ?? 'scheduled';
  if (status !== 'scheduled') {
    reasons.push({
      code: 'SESSION_NOT_BOOKED',
      message: `This session is ${status.replace(/_/g, ' ')}; only a booked session can be completed.`,
    });
  }
  reasons.push(...courseClosedReasons(facts.course.status));
  if (facts.timing) reasons.push(...checkTreatmentTime(facts.timing, policy));
  const courseLegs = facts.course.legs;
  if (courseLegs && facts.legs.some((leg) => !courseLegs.includes(leg))) {
    reasons.push({ code: 'INVALID_VALUE', field: 'legs', message: `This course covers the ${courseLegs.join(' and ')} leg only.` });
  }

  if (!facts.consent) {
    reasons.push({ code: 'CONSENT_REQUIRED', message: 'No consent is on file for this course. Record the signed consent first.' });
  } else if (compareDates(facts.consent.consentedOn, on) > 0) {
    reasons.push({
      code: 'CONSENT_REQUIRED',
      message: `The consent on file is dated ${formatDate(facts.consent.consentedOn)}, after this session (${formatDate(on)}).`,
    });
  }

  const clear = clearance(patient, on, policy);
  reasons.push(...clear.blockers);
  if (facts.dose.form === 'foam') reasons.push(...clear.foamBlockers);

  const legs = LEGS.filter((leg) => facts.legs.includes(leg));
  if (legs.length === 0) {
    reasons.push({ code: 'INVALID_VALUE', message: 'Record which leg was treated.' });
  }
  for (const leg of legs) reasons.push(...clear.legs[leg].reasons);

  // Documented choice: an unacknowledged relative contraindication refuses completion with
  // CONTRAINDICATED (a SPEC §4 refusal code the dashboard knows); ACKNOWLEDGEMENT_REQUIRED is
  // used when the questionnaire is saved (checkConditions / checkMedicalHistory).
  const history = patient.medicalHistory;
  if (history) {
    for (const code of unacknowledgedRelative(history.conditions, history.acknowledgements)) {
      reasons.push({
        code: 'CONTRAINDICATED',
        message: `${CONTRAINDICATIONS[code].label} is a relative contraindication that no clinician has acknowledged: add a note to the medical history before treating.`,
      });
    }
  }

  const interval = checkBookingDate(
    on,
    { legs, courseLastCompletedOn: facts.course.lastCompletedOn, treatments: facts.treatments },
    policy,
  );
  reasons.push(...interval.reasons);

  const dose = checkDose(
    { ...facts.dose, confirmations: facts.confirmations },
    { weightKg: history?.weightKg, weightMeasuredOn: history?.weightMeasuredOn },
    on,
    policy,
  );
  reasons.push(...dose.reasons);

  if (history) {
    reasons.push(
      ...checkTestInjection({
        conditions: history.conditions,
        patientCompletedSessionsBefore: facts.patientCompletedSessionsBefore,
        confirmations: facts.confirmations,
      }),
    );
  }

  return { allowed: reasons.length === 0, reasons, warnings: interval.warnings, clearance: clear, dose, window: interval.window };
}
