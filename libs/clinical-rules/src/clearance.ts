/**
 * Duplex-scan clearance, per leg and per date (SPEC §1.1–1.3).
 */
import { LEGS } from '@venule/api-contract';
import type { ClinicalRefusalCode, IsoDate, Leg, LegStatus, Reason, ScanConclusion } from '@venule/api-contract';
import { absoluteContraindicationReasons, foamOnlyReasons } from './contraindications';
import { ageOn, compareDates, daysBetween, formatDate, lastDayWithinMonths } from './dates';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

export interface ScanLegFacts {
  conclusion: ScanConclusion;
}

export interface ScanFacts {
  id: string;
  performedOn: IsoDate;
  /** A leg absent (or null) was not scanned. */
  legs: { left?: ScanLegFacts | null; right?: ScanLegFacts | null };
}

export interface MedicalHistoryFacts {
  conditions: readonly string[];
  acknowledgements?: Readonly<Record<string, string | null | undefined>> | null;
  weightKg?: number | null;
  weightMeasuredOn?: IsoDate | null;
}

export interface ClearanceFacts {
  dateOfBirth: IsoDate;
  medicalHistory: MedicalHistoryFacts | null;
  /** In recording order: on a same-date tie the later entry wins. */
  scans: readonly ScanFacts[];
}

export interface LegClearance {
  status: LegStatus;
  /** Last day the deciding clear scan is valid (cleared and expired). */
  validUntil?: IsoDate;
  /** The scan that decided the status (absent for `no_scan`). */
  scanId?: string;
  /** Empty when cleared. */
  reasons: Reason<ClinicalRefusalCode>[];
}

export interface ClearanceResult {
  on: IsoDate;
  /** At least one leg cleared and no patient-level blocker. */
  eligible: boolean;
  legs: Record<Leg, LegClearance>;
  /** MEDICAL_HISTORY_REQUIRED, CONTRAINDICATED (absolute, except foam-only), UNDER_18. */
  blockers: Reason<ClinicalRefusalCode>[];
  /** Conditions that forbid FOAM only (symptomatic PFO): liquid may still be used. */
  foamBlockers: Reason<ClinicalRefusalCode>[];
}

const legName = (leg: Leg) => `${leg} leg`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Last day a scan performed on `performedOn` is valid (SPEC rule 10, `lastDayWithinMonths`):
 * 2024-02-29 → 2025-02-28; 2025-01-31 with 1 month → 2025-02-28.
 */
export function scanValidUntil(performedOn: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): IsoDate {
  return lastDayWithinMonths(performedOn, policy.scanValidityMonths);
}

/**
 * The scan that decides `leg` on `on`: the latest scan of that leg dated on or before `on`;
 * on the same date the later one in the array (recorded later) wins. Scans dated after
 * `on` are ignored.
 */
export function decidingScan(scans: readonly ScanFacts[], leg: Leg, on: IsoDate): ScanFacts | null {
  let best: ScanFacts | null = null;
  for (const scan of scans) {
    if (!scan.legs[leg]) continue;
    if (compareDates(scan.performedOn, on) > 0) continue;
    if (best === null || compareDates(scan.performedOn, best.performedOn) >= 0) best = scan;
  }
  return best;
}

/** Clearance of one leg on `on`. */
export function legClearance(scans: readonly ScanFacts[], leg: Leg, on: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): LegClearance {
  const scan = decidingScan(scans, leg, on);
  const who = capitalise(legName(leg));
  if (!scan) {
    return {
      status: 'no_scan',
      reasons: [
        {
          code: 'SCAN_REQUIRED',
          leg,
          message: `${who}: no duplex scan on or before ${formatDate(on)}. A clear scan is needed before treatment.`,
        },
      ],
    };
  }
  const conclusion = scan.legs[leg]?.conclusion;
  const scanned = formatDate(scan.performedOn);
  if (conclusion === 'clear') {
    const validUntil = scanValidUntil(scan.performedOn, policy);
    if (compareDates(on, validUntil) <= 0) {
      return { status: 'cleared', validUntil, scanId: scan.id, reasons: [] };
    }
    return {
      status: 'expired',
      validUntil,
      scanId: scan.id,
      reasons: [
        {
          code: 'SCAN_EXPIRED',
          leg,
          message: `${who}: the clear scan of ${scanned} was valid until ${formatDate(validUntil)}. A new scan is needed.`,
        },
      ],
    };
  }
  if (conclusion === 'underlying_disease') {
    return {
      status: 'referred',
      scanId: scan.id,
      reasons: [
        {
          code: 'REFERRED_FOR_UNDERLYING_DISEASE',
          leg,
          message: `${who}: the scan of ${scanned} found underlying venous disease. It needs treating first and a new clear scan.`,
        },
      ],
    };
  }
  // 'inconclusive' and any unexpected value never clear.
  return {
    status: 'inconclusive',
    scanId: scan.id,
    reasons: [{ code: 'SCAN_INCONCLUSIVE', leg, message: `${who}: the scan of ${scanned} was inconclusive. A repeat scan is needed.` }],
  };
}

/** Patient-level blockers on `on` (not leg-specific). Foam-only conditions are excluded. */
export function patientBlockers(
  facts: Pick<ClearanceFacts, 'dateOfBirth' | 'medicalHistory'>,
  on: IsoDate,
  policy: ClinicalPolicy = DEFAULT_POLICY,
): Reason<ClinicalRefusalCode>[] {
  const blockers: Reason<ClinicalRefusalCode>[] = [];
  if (!facts.medicalHistory) {
    blockers.push({
      code: 'MEDICAL_HISTORY_REQUIRED',
      message: 'No medical history on file. A clinician must record it before treatment.',
    });
  } else {
    blockers.push(...absoluteContraindicationReasons(facts.medicalHistory.conditions, null));
  }
  const age = ageOn(facts.dateOfBirth, on);
  if (age < policy.minimumAgeYears) {
    blockers.push({
      code: 'UNDER_18',
      message: `The patient is ${Math.max(age, 0)} on ${formatDate(on)}; treatment is only for patients aged ${policy.minimumAgeYears} or over.`,
    });
  }
  return blockers;
}

/** Clearance of both legs and the patient on `on` (a clinic calendar date). */
export function clearance(facts: ClearanceFacts, on: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): ClearanceResult {
  const legs = {
    left: legClearance(facts.scans, 'left', on, policy),
    right: legClearance(facts.scans, 'right', on, policy),
  };
  const blockers = patientBlockers(facts, on, policy);
  const foamBlockers = facts.medicalHistory ? foamOnlyReasons(facts.medicalHistory.conditions) : [];
  const eligible = blockers.length === 0 && LEGS.some((leg) => legs[leg].status === 'cleared');
  return { on, eligible, legs, blockers, foamBlockers };
}

export type ClearanceBadgeKind = 'cleared' | 'expiring' | 'blocked';

export interface ClearanceBadge {
  badge: ClearanceBadgeKind;
  /** One sentence for reception. */
  message: string;
  /** The reasons behind a `blocked` badge (blockers first, then legs). */
  reasons: Reason<ClinicalRefusalCode>[];
}

/**
 * The dashboard badge. `blocked` when not eligible; `expiring` when eligible but a cleared
 * leg's `validUntil` is within `warnDays` days of `on` (inclusive); otherwise `cleared`.
 */
export function clearanceBadge(result: ClearanceResult, on: IsoDate = result.on, warnDays = 30): ClearanceBadge {
  const cleared = LEGS.filter((leg) => result.legs[leg].status === 'cleared');
  if (!result.eligible) {
    const reasons = [...result.blockers, ...LEGS.flatMap((leg) => result.legs[leg].reasons)];
    return {
      badge: 'blocked',
      message: `Not cleared for treatment on ${formatDate(result.on)}: ${reasons.map((r) => r.message).join(' ')}`,
      reasons,
    };
  }
  const expiring = cleared
    .map((leg) => ({ leg, until: result.legs[leg].validUntil as IsoDate }))
    .filter(({ until }) => daysBetween(on, until) <= warnDays)
    .sort((a, b) => compareDates(a.until, b.until));
  const notCleared = LEGS.filter((leg) => result.legs[leg].status !== 'cleared');
  const tail = notCleared.length ? ` The ${notCleared.map(legName).join(' and ')} is not cleared.` : '';
  if (expiring.length) {
    const first = expiring[0];
    const days = daysBetween(on, first.until);
    const when = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
    return {
      badge: 'expiring',
      message: `Cleared, but the ${legName(first.leg)} scan runs out ${when} (valid until ${formatDate(first.until)}): book a new scan.${tail}`,
      reasons: [],
    };
  }
  const untils = cleared.map((leg) => `${legName(leg)} until ${formatDate(result.legs[leg].validUntil as IsoDate)}`);
  return { badge: 'cleared', message: `Cleared for treatment: ${untils.join(', ')}.${tail}`, reasons: [] };
}
