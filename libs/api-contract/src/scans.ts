import type { IsoDate, IsoInstant, Leg, RecordMeta } from './common';
import type { ClinicalRefusalCode, Reason } from './errors';

/**
 * Coded duplex-scan findings of one leg (SPEC §2). Every code but `reticular_veins` and
 * `telangiectasia` is underlying venous disease, which a `clear` conclusion contradicts
 * (see `SCAN_FINDING_INFO` in @venule/clinical-rules for labels and the rule).
 */
export const SCAN_FINDINGS = [
  'gsv_reflux',
  'ssv_reflux',
  'accessory_saphenous_reflux',
  'perforator_incompetence',
  'deep_reflux',
  'deep_obstruction',
  'dvt',
  'reticular_veins',
  'telangiectasia',
] as const;
export type ScanFinding = (typeof SCAN_FINDINGS)[number];

export const SCAN_CONCLUSIONS = ['clear', 'underlying_disease', 'inconclusive'] as const;
export type ScanConclusion = (typeof SCAN_CONCLUSIONS)[number];

/** Clearance status of one leg on a date (SPEC §1.3). */
export const LEG_STATUSES = ['cleared', 'no_scan', 'expired', 'referred', 'inconclusive'] as const;
export type LegStatus = (typeof LEG_STATUSES)[number];

/** One scanned leg. A leg left out of a scan was not scanned. */
export interface ScanLegInput {
  findings: ScanFinding[];
  notes?: string | null;
  conclusion: ScanConclusion;
}

/** `POST /api/patients/:id/scans` (clinicians). At least one leg; `performedOn` not after today (clinic time zone). */
export interface RecordScanRequest {
  performedOn: IsoDate;
  /** Who performed it: the clinic's vascular lab or an outside service. */
  performedBy: string;
  legs: { left?: ScanLegInput; right?: ScanLegInput };
}

export interface ScanLeg {
  findings: ScanFinding[];
  notes: string | null;
  conclusion: ScanConclusion;
}

/** A scan report file: PDF, PNG or JPEG, at most `SCAN_FILE_MAX_BYTES`. */
export interface ScanFile {
  id: string;
  scanId: string;
  originalName: string;
  mediaType: ScanFileMediaType;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: IsoInstant;
}

/** `GET /api/patients/:id/scans` items (newest first) and the `POST` answer. Clinicians and managers only. */
export interface Scan extends RecordMeta {
  patientId: string;
  performedOn: IsoDate;
  performedBy: string;
  recordedBy: string;
  legs: { left?: ScanLeg; right?: ScanLeg };
  files: ScanFile[];
}

/** `POST /api/scans/:id/files`: multipart/form-data with one file field named `file`. */
export const SCAN_FILE_FIELD = 'file';
export const SCAN_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const SCAN_FILE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ScanFileMediaType = (typeof SCAN_FILE_MEDIA_TYPES)[number];

/** Clearance of one leg. No scan findings here: reception reads it too. */
export interface LegClearanceView {
  status: LegStatus;
  /** Last day the deciding clear scan is valid (`cleared` and `expired`). */
  validUntil?: IsoDate;
  /** The scan that decided the status (absent for `no_scan`). */
  scanId?: string;
  /** Why the leg cannot be treated; empty when cleared. */
  reasons: Reason[];
}

/** A patient-level blocker: MEDICAL_HISTORY_REQUIRED, CONTRAINDICATED or UNDER_18. */
export interface ClearanceBlocker {
  /** MEDICAL_HISTORY_REQUIRED, CONTRAINDICATED or UNDER_18. */
  code: ClinicalRefusalCode;
  message: string;
}

/** `GET /api/patients/:id/clearance?on=YYYY-MM-DD` (reception, clinicians, managers). `on` defaults to today in the clinic time zone. */
export interface Clearance {
  patientId: string;
  on: IsoDate;
  /** At least one leg cleared and no blocker. */
  eligible: boolean;
  legs: Record<Leg, LegClearanceView>;
  blockers: ClearanceBlocker[];
}

/** `GET /api/clearance?patientIds=a,b,c&on=YYYY-MM-DD`: a badge per search-result row in one request. */
export interface ClearanceBatchQuery {
  /** Comma-separated patient ids, at most `CLEARANCE_BATCH_MAX`. Unknown ids are left out of the answer. */
  patientIds: string;
  on?: IsoDate;
}
export const CLEARANCE_BATCH_MAX = 100;

export interface ClearanceSummaryLeg {
  status: LegStatus;
  validUntil?: IsoDate;
}

export interface ClearanceSummary {
  patientId: string;
  eligible: boolean;
  legs: Record<Leg, ClearanceSummaryLeg>;
  blockers: ClearanceBlocker[];
}

/** Items in the order the ids were asked for (duplicates once, unknown ids left out). */
export interface ClearanceBatch {
  on: IsoDate;
  items: ClearanceSummary[];
}
