import type { Clearance, ClearanceBlocker, ClinicalRefusalCode, Leg, LegClearanceView } from '@venule/api-contract';

const reasonFor: Record<string, { code: ClinicalRefusalCode; message: string }> = {
  no_scan: { code: 'SCAN_REQUIRED', message: 'no duplex scan. A clear scan is needed before treatment.' },
  expired: { code: 'SCAN_EXPIRED', message: 'the clear scan has expired. A new scan is needed.' },
  referred: { code: 'REFERRED_FOR_UNDERLYING_DISEASE', message: 'the scan found underlying venous disease.' },
  inconclusive: { code: 'SCAN_INCONCLUSIVE', message: 'the scan was inconclusive. A repeat scan is needed.' },
};

export function leg(status: LegClearanceView['status'], validUntil?: string, side: Leg = 'left'): LegClearanceView {
  const reason = reasonFor[status];
  const who = side === 'left' ? 'Left leg' : 'Right leg';
  return {
    status,
    ...(validUntil ? { validUntil } : {}),
    reasons: reason ? [{ code: reason.code, leg: side, message: `${who}: ${reason.message}` }] : [],
  };
}

/** A clearance as `GET /api/patients/:id/clearance` answers it. */
export function clearanceOf(
  left: LegClearanceView,
  right: LegClearanceView,
  blockers: Clearance['blockers'] = [],
  on = '2026-11-25',
): Clearance {
  const eligible = blockers.length === 0 && (left.status === 'cleared' || right.status === 'cleared');
  return {
    patientId: 'p-1',
    on,
    eligible,
    legs: { left, right: { ...right, reasons: right.reasons.map((r) => ({ ...r, leg: 'right' as const })) } },
    blockers,
  };
}

export const NO_HISTORY: ClearanceBlocker = {
  code: 'MEDICAL_HISTORY_REQUIRED',
  message: 'No medical history on file. A clinician must record it before treatment.',
};
