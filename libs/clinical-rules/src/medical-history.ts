/**
 * Sanity checks the API runs when a medical history is saved (PUT /patients/:id/medical-history).
 * Reasons carry the offending `field` so the API can answer 400 VALIDATION_FAILED per field.
 */
import type { InvalidInputCode, IsoDate, Reason } from '@venule/api-contract';
import { acknowledgementRequiredReason, unacknowledgedRelative, unknownConditionReason, unknownConditions } from './contraindications';
import { compareDates, formatDate, isIsoDate } from './dates';
import { formatNumber } from './dose';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

export interface FieldReason extends Reason<InvalidInputCode> {
  /** Dotted path of the field, e.g. `weightKg`, `acknowledgements`. */
  field: string;
}

export interface MedicalHistoryInput {
  conditions: readonly string[];
  acknowledgements?: Readonly<Record<string, string | null | undefined>> | null;
  weightKg?: number | null;
  weightMeasuredOn?: IsoDate | null;
}

/**
 * Weight checks: plausible range (`policy.weightRangeKg`, inclusive), the measurement date
 * given together with the weight, a real date, and not after `on` (today's clinic date).
 */
export function checkWeight(
  weightKg: number | null | undefined,
  weightMeasuredOn: IsoDate | null | undefined,
  on: IsoDate,
  policy: ClinicalPolicy = DEFAULT_POLICY,
): FieldReason[] {
  const reasons: FieldReason[] = [];
  const hasWeight = weightKg !== null && weightKg !== undefined;
  const hasDate = weightMeasuredOn !== null && weightMeasuredOn !== undefined && weightMeasuredOn !== '';
  const { min, max } = policy.weightRangeKg;
  if (hasWeight && !(typeof weightKg === 'number' && Number.isFinite(weightKg) && weightKg >= min && weightKg <= max)) {
    reasons.push({
      code: 'WEIGHT_OUT_OF_RANGE',
      field: 'weightKg',
      message: `The weight must be between ${min} and ${max} kg${typeof weightKg === 'number' && Number.isFinite(weightKg) ? ` (got ${formatNumber(weightKg)} kg)` : ''}.`,
    });
  }
  if (hasWeight && !hasDate) {
    reasons.push({ code: 'INVALID_VALUE', field: 'weightMeasuredOn', message: 'Give the date the weight was measured.' });
  }
  if (!hasWeight && hasDate) {
    reasons.push({ code: 'INVALID_VALUE', field: 'weightKg', message: 'A weight measurement date was given without a weight.' });
  }
  if (hasDate) {
    if (!isIsoDate(weightMeasuredOn)) {
      reasons.push({ code: 'INVALID_VALUE', field: 'weightMeasuredOn', message: 'The weight date must be a real date (YYYY-MM-DD).' });
    } else if (compareDates(weightMeasuredOn, on) > 0) {
      reasons.push({
        code: 'DATE_IN_FUTURE',
        field: 'weightMeasuredOn',
        message: `The weight cannot have been measured after today (${formatDate(on)}).`,
      });
    }
  }
  return reasons;
}

/** All checks for a medical history being saved on `on`. Empty when it can be stored. */
export function checkMedicalHistory(history: MedicalHistoryInput, on: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): FieldReason[] {
  const conditionReasons: FieldReason[] = [
    ...unknownConditions(history.conditions).map((code) => ({ ...unknownConditionReason(code), field: 'conditions' })),
    ...unknownConditions(Object.keys(history.acknowledgements ?? {})).map((code) => ({
      ...unknownConditionReason(code, true),
      field: 'acknowledgements',
    })),
    ...unacknowledgedRelative(history.conditions, history.acknowledgements).map((code) => ({
      ...acknowledgementRequiredReason(code),
      field: `acknowledgements.${code}`,
    })),
  ];
  return [...conditionReasons, ...checkWeight(history.weightKg, history.weightMeasuredOn, on, policy)];
}
