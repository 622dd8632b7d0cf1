/**
 * Sclerosant dose (SPEC §1.6). Dose mg = concentration % (w/v) × 10 × volume mL.
 *
 * Designed to run on every keystroke in the dashboard: it never throws, impossible input
 * gives an `INVALID_VALUE` reason.
 */
import type { ConfirmationInput, IsoDate, Refusal } from '@venule/api-contract';
import { isConfirmed } from './confirmations';
import { compareDates, formatDate, isIsoDate, lastDayWithinMonths } from './dates';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';
import type { SclerosantAgent as Agent, SclerosantForm as Form } from '@venule/api-contract';
import { AGENT_LABELS, isAgent, isForm } from './sclerosants';

/** Hard sanity bounds (not clinic settings): beyond these the figure is a typing error. */
export const DOSE_SANITY = Object.freeze({ maxConcentrationPercent: 5, maxVolumeMl: 100 });

export interface DoseInput {
  agent: Agent;
  form: Form;
  concentrationPercent: number;
  volumeMl: number;
  /** Polidocanol mg already given to the patient in other completed sessions the same clinic day (all courses). */
  otherPolidocanolMgSameDay?: number;
  confirmations?: readonly ConfirmationInput[];
}

export interface DosePatient {
  weightKg?: number | null;
  weightMeasuredOn?: IsoDate | null;
}

export interface DoseCheck {
  /** This session's dose in mg (NaN-free: 0 when the inputs are not numbers). */
  doseMg: number;
  /** Polidocanol daily limit for this patient (absent without a usable weight, or for STS). */
  limitMg?: number;
  /** What is left of the daily limit after this session (never below 0). */
  remainingMg?: number;
  /** Refusals: DOSE_LIMIT_EXCEEDED, WEIGHT_REQUIRED, CONFIRMATION_REQUIRED, INVALID_VALUE. */
  reasons: Refusal[];
}

/** Rounds away floating-point noise (0.3 × 10 × 3 = 9, not 9.000000000000002). */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;
/** Figures for messages: up to 2 decimals, no trailing zeros. */
export const formatNumber = (n: number) => String(Math.round(n * 100) / 100);

export function doseMg(concentrationPercent: number, volumeMl: number): number {
  return tidy(concentrationPercent * 10 * volumeMl);
}

const isPositive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/**
 * The weight usable for the dose limit on `on`: plausible, not measured after `on`, and still
 * within `weightValidityMonths` of its date on `on`, by the same rule as a scan's validity
 * (SPEC rule 10): a weight of 30 November 2025 counts through 29 November 2026.
 */
export function usableWeight(
  patient: DosePatient,
  on: IsoDate,
  policy: ClinicalPolicy = DEFAULT_POLICY,
): { weightKg: number } | { reason: Refusal } {
  const { weightKg, weightMeasuredOn } = patient;
  const required = (why: string): { reason: Refusal } => ({
    reason: {
      code: 'WEIGHT_REQUIRED',
      message: `${why} Polidocanol needs a body weight recorded within the last ${policy.weightValidityMonths} months.`,
    },
  });
  if (!isPositive(weightKg) || !weightMeasuredOn || !isIsoDate(weightMeasuredOn)) {
    return required('No body weight is recorded.');
  }
  if (weightKg < policy.weightRangeKg.min || weightKg > policy.weightRangeKg.max) {
    return required(`The recorded weight of ${formatNumber(weightKg)} kg is not plausible; please weigh the patient.`);
  }
  if (compareDates(weightMeasuredOn, on) > 0) {
    return required(`The weight was recorded on ${formatDate(weightMeasuredOn)}, after ${formatDate(on)}.`);
  }
  if (compareDates(on, lastDayWithinMonths(weightMeasuredOn, policy.weightValidityMonths)) > 0) {
    return required(`The weight was last measured on ${formatDate(weightMeasuredOn)}.`);
  }
  return { weightKg };
}

export function checkDose(input: DoseInput, patient: DosePatient, on: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): DoseCheck {
  const reasons: Refusal[] = [];
  const invalid = (message: string) => reasons.push({ code: 'INVALID_VALUE', message });
  const { agent, form, concentrationPercent: c, volumeMl: v } = input;
  const other = input.otherPolidocanolMgSameDay ?? 0;

  if (!isAgent(agent)) invalid('Choose the sclerosant: polidocanol or sodium tetradecyl sulfate.');
  if (!isForm(form)) invalid('Choose the form: liquid or foam.');
  const cOk = isPositive(c) && c <= DOSE_SANITY.maxConcentrationPercent;
  const vOk = isPositive(v) && v <= DOSE_SANITY.maxVolumeMl;
  if (!cOk) invalid(`The concentration must be above 0 and at most ${DOSE_SANITY.maxConcentrationPercent} %.`);
  if (!vOk) invalid(`The volume must be above 0 and at most ${DOSE_SANITY.maxVolumeMl} mL.`);
  if (!(typeof other === 'number' && Number.isFinite(other) && other >= 0)) {
    invalid('The polidocanol already given today must be a number of mg, 0 or more.');
  }
  const mg = cOk && vOk ? doseMg(c, v) : 0;
  const result: DoseCheck = { doseMg: mg, reasons };
  if (!isAgent(agent)) return result;

  if (form === 'foam' && vOk && v > policy.maxFoamVolumeMlPerSession) {
    reasons.push({
      code: 'DOSE_LIMIT_EXCEEDED',
      message: `${formatNumber(v)} mL of foam would exceed the ${formatNumber(policy.maxFoamVolumeMlPerSession)} mL limit per session.`,
    });
  }

  const range = policy.usualConcentration[agent];
  if (cOk && (c < range.minPercent || c > range.maxPercent) && !isConfirmed(input.confirmations, 'UNUSUAL_CONCENTRATION')) {
    reasons.push({
      code: 'CONFIRMATION_REQUIRED',
      message: `${formatNumber(c)} % is outside the usual ${formatNumber(range.minPercent)}–${formatNumber(range.maxPercent)} % for ${AGENT_LABELS[agent]} on thread veins: confirm with a reason.`,
    });
  }

  if (agent === 'polidocanol') {
    const weight = usableWeight(patient, on, policy);
    if ('reason' in weight) {
      reasons.push(weight.reason);
    } else {
      const limitMg = tidy(policy.polidocanolMgPerKgPerDay * weight.weightKg);
      const total = tidy(mg + (Number.isFinite(other) && other > 0 ? other : 0));
      result.limitMg = limitMg;
      result.remainingMg = Math.max(0, tidy(limitMg - total));
      if (total > limitMg) {
        const sameDay = total !== mg ? ` (${formatNumber(mg)} mg now plus ${formatNumber(total - mg)} mg earlier today)` : '';
        reasons.push({
          code: 'DOSE_LIMIT_EXCEEDED',
          message: `${formatNumber(total)} mg of polidocanol${sameDay} would exceed the ${formatNumber(limitMg)} mg daily limit for ${formatNumber(weight.weightKg)} kg.`,
        });
      }
    }
  }
  return result;
}
