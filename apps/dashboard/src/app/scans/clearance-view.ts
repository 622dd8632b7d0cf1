import { LEGS, type ClearanceSummary, type IsoDate, type Leg, type LegStatus, type ScanConclusion } from '@venule/api-contract';
import { LEG_LABELS } from '../core/legs';
import { clearanceBadge, type ClearanceBadgeKind } from '@venule/clinical-rules';
import { formatDate } from '../core/dates';
import type { IconName } from '../core/icons';

export const LEG_STATUS_LABELS: Record<LegStatus, string> = {
  cleared: 'Cleared',
  no_scan: 'No scan',
  expired: 'Scan expired',
  referred: 'Referred',
  inconclusive: 'Inconclusive scan',
};

export const CONCLUSION_LABELS: Record<ScanConclusion, string> = {
  clear: 'Clear',
  underlying_disease: 'Underlying disease',
  inconclusive: 'Inconclusive',
};

/** Short names of the patient-level blockers, for a badge; the API's message says the rest. */
const BLOCKER_LABELS: Record<string, string> = {
  MEDICAL_HISTORY_REQUIRED: 'No medical history',
  CONTRAINDICATED: 'Contraindicated',
  UNDER_18: 'Under 18',
};

export type Tone = 'ok' | 'warn' | 'bad';

export const TONE_ICONS: Record<Tone, IconName> = { ok: 'check_circle', warn: 'schedule', bad: 'block' };

export function legTone(status: LegStatus): Tone {
  return status === 'cleared' ? 'ok' : 'bad';
}

export interface BadgeView {
  kind: ClearanceBadgeKind;
  tone: Tone;
  icon: IconName;
  /** What reception reads at a glance. */
  text: string;
  /** Read before `text` by screen readers, which do not see the colour or icon. */
  spoken: string;
  /** Every leg and blocker in words (tooltip). */
  detail: string;
}

const TONES: Record<ClearanceBadgeKind, Tone> = { cleared: 'ok', expiring: 'warn', blocked: 'bad' };

/** The badge for a clearance on `on`; the rules library decides cleared / expiring / blocked. */
export function badgeView(clearance: ClearanceSummary, on: IsoDate): BadgeView {
  const legs = {
    left: { ...clearance.legs.left, reasons: [] },
    right: { ...clearance.legs.right, reasons: [] },
  };
  const { badge } = clearanceBadge({ on, eligible: clearance.eligible, legs, blockers: clearance.blockers, foamBlockers: [] }, on);
  const tone = TONES[badge];
  const cleared = LEGS.filter((leg) => clearance.legs[leg].status === 'cleared');
  const detail = [
    ...clearance.blockers.map((b) => b.message),
    ...LEGS.map((leg) => `${LEG_LABELS[leg]}: ${legPhrase(clearance, leg)}.`),
  ].join(' ');

  if (badge === 'blocked') {
    const reasons = clearance.blockers.map((b) => BLOCKER_LABELS[b.code] ?? b.message);
    if (cleared.length === 0) reasons.unshift(...legReasons(clearance));
    return {
      kind: badge,
      tone,
      icon: TONE_ICONS[tone],
      text: reasons.join(' · ') || 'Not cleared',
      spoken: reasons.length ? 'Not cleared: ' : '',
      detail,
    };
  }
  const earliest = cleared.map((leg) => clearance.legs[leg].validUntil ?? '').sort()[0];
  const only = cleared.length === 1 ? ` (${cleared[0]} leg only)` : '';
  const text = `${badge === 'expiring' ? 'Expires' : 'Cleared until'} ${formatDate(earliest)}${only}`;
  return { kind: badge, tone, icon: TONE_ICONS[tone], text, spoken: badge === 'expiring' ? 'Cleared; ' : '', detail };
}

/** "No scan", or "Referred (left) · No scan (right)" when the legs differ. */
function legReasons(clearance: ClearanceSummary): string[] {
  const { left, right } = clearance.legs;
  if (left.status === right.status) return [LEG_STATUS_LABELS[left.status]];
  return LEGS.map((leg) => `${LEG_STATUS_LABELS[clearance.legs[leg].status]} (${leg})`);
}

function legPhrase(clearance: ClearanceSummary, leg: Leg): string {
  const { status, validUntil } = clearance.legs[leg];
  if (status === 'cleared') return `cleared until ${formatDate(validUntil)}`;
  if (status === 'expired') return `scan expired (valid until ${formatDate(validUntil)})`;
  return LEG_STATUS_LABELS[status].toLowerCase();
}
