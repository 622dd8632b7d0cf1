/**
 * Checks the API runs when a clinician records a duplex scan (POST /patients/:id/scans).
 * Reasons carry the offending `field` (dotted, e.g. `legs.left.conclusion`) so the API can
 * answer 400 VALIDATION_FAILED per field.
 */
import { LEGS, SCAN_FINDINGS } from '@venule/api-contract';
import type { IsoDate, Leg, ScanFinding } from '@venule/api-contract';
import { compareDates, formatDate, isIsoDate } from './dates';
import type { FieldReason } from './medical-history';

export interface ScanFindingInfo {
  code: ScanFinding;
  label: string;
  /** Truncal or perforator reflux, deep venous disease or thrombosis: a `clear` conclusion contradicts it. */
  underlyingDisease: boolean;
}

const finding = (code: ScanFinding, label: string, underlyingDisease = true): ScanFindingInfo => ({ code, label, underlyingDisease });

/** The coded findings, in report order. */
export const SCAN_FINDING_INFO: Readonly<Record<ScanFinding, ScanFindingInfo>> = Object.freeze({
  gsv_reflux: finding('gsv_reflux', 'Great saphenous vein reflux'),
  ssv_reflux: finding('ssv_reflux', 'Small saphenous vein reflux'),
  accessory_saphenous_reflux: finding('accessory_saphenous_reflux', 'Accessory saphenous vein reflux'),
  perforator_incompetence: finding('perforator_incompetence', 'Perforator incompetence'),
  deep_reflux: finding('deep_reflux', 'Deep venous reflux'),
  deep_obstruction: finding('deep_obstruction', 'Deep venous obstruction'),
  dvt: finding('dvt', 'Deep vein thrombosis'),
  reticular_veins: finding('reticular_veins', 'Reticular veins', false),
  telangiectasia: finding('telangiectasia', 'Telangiectasia (thread veins)', false),
});

export function isScanFinding(value: unknown): value is ScanFinding {
  return typeof value === 'string' && (SCAN_FINDINGS as readonly string[]).includes(value);
}

/** The findings of `findings` that are underlying venous disease, de-duplicated, in input order. */
export function underlyingDiseaseFindings(findings: readonly string[]): ScanFinding[] {
  return [...new Set(findings)].filter(isScanFinding).filter((f) => SCAN_FINDING_INFO[f].underlyingDisease);
}

export interface ScanLegRecord {
  findings: readonly string[];
  conclusion: string;
}

export interface ScanRecordInput {
  performedOn: IsoDate;
  legs: Partial<Record<Leg, ScanLegRecord | null>>;
}

/**
 * Every problem with a scan being recorded on `today` (the clinic's calendar date):
 * - `legs`: no leg scanned;
 * - `performedOn`: not a real date, or after today;
 * - `legs.<leg>.findings`: an unknown finding code;
 * - `legs.<leg>.conclusion`: `clear` together with findings of underlying disease (contradictory).
 */
export function checkScanRecord(scan: ScanRecordInput, today: IsoDate): FieldReason[] {
  const reasons: FieldReason[] = [];
  if (!isIsoDate(scan.performedOn)) {
    reasons.push({ code: 'INVALID_VALUE', field: 'performedOn', message: 'The scan date must be a real date (YYYY-MM-DD).' });
  } else if (compareDates(scan.performedOn, today) > 0) {
    reasons.push({ code: 'DATE_IN_FUTURE', field: 'performedOn', message: `A scan cannot be dated after today (${formatDate(today)}).` });
  }
  const scanned = LEGS.filter((leg) => scan.legs[leg]);
  if (scanned.length === 0) {
    reasons.push({ code: 'INVALID_VALUE', field: 'legs', message: 'Record at least one scanned leg (left or right).' });
  }
  for (const leg of scanned) {
    const { findings, conclusion } = scan.legs[leg] as ScanLegRecord;
    const unknown = [...new Set(findings)].filter((f) => !isScanFinding(f));
    if (unknown.length) {
      reasons.push({
        code: 'INVALID_VALUE',
        field: `legs.${leg}.findings`,
        leg,
        message: `Unknown finding${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
      });
    }
    const disease = underlyingDiseaseFindings(findings);
    if (conclusion === 'clear' && disease.length) {
      reasons.push({
        code: 'CONTRADICTORY_CONCLUSION',
        field: `legs.${leg}.conclusion`,
        leg,
        message: `The ${leg} leg cannot be clear with ${disease.map((f) => SCAN_FINDING_INFO[f].label.toLowerCase()).join(', ')} found: choose “Underlying disease: refer” (or “Inconclusive: repeat the scan”) as the conclusion, or correct the findings.`,
      });
    }
  }
  return reasons;
}
