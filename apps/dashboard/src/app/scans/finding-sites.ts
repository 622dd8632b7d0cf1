import { LEGS, SCAN_FINDINGS, type Leg, type ScanFinding } from '@venule/api-contract';
import { SCAN_FINDING_INFO } from '@venule/clinical-rules';
import type { DiagramRegion, LegView } from '../shared/leg-diagram';

interface Site {
  view: LegView;
  u: number;
  v: number;
  short: string;
}

/** Where each finding sits on the leg diagram: roughly where the vein is examined. */
const SITES: Record<ScanFinding, Site> = {
  deep_obstruction: { view: 'front', u: 6, v: 16, short: 'DO' },
  accessory_saphenous_reflux: { view: 'front', u: -7, v: 56, short: 'AS' },
  gsv_reflux: { view: 'front', u: 13, v: 88, short: 'GSV' },
  telangiectasia: { view: 'front', u: -15, v: 112, short: 'TEL' },
  perforator_incompetence: { view: 'front', u: 11, v: 196, short: 'PER' },
  reticular_veins: { view: 'back', u: -13, v: 62, short: 'RET' },
  deep_reflux: { view: 'back', u: 0, v: 124, short: 'DR' },
  dvt: { view: 'back', u: -6, v: 158, short: 'DVT' },
  ssv_reflux: { view: 'back', u: 4, v: 192, short: 'SSV' },
};

export const findingShort = (finding: ScanFinding) => SITES[finding].short;
export const findingLabel = (finding: ScanFinding) => SCAN_FINDING_INFO[finding].label;
export const isUnderlyingDisease = (finding: ScanFinding) => SCAN_FINDING_INFO[finding].underlyingDisease;

/** The diagram's region id of a finding on a leg. */
export const regionId = (leg: Leg, finding: ScanFinding) => `${leg}:${finding}`;

export function parseRegionId(id: string): { leg: Leg; finding: ScanFinding } | null {
  const [leg, finding] = id.split(':');
  return LEGS.includes(leg as Leg) && SCAN_FINDINGS.includes(finding as ScanFinding)
    ? { leg: leg as Leg, finding: finding as ScanFinding }
    : null;
}

/** The findings markers of the given legs. */
export function findingRegions(legs: readonly Leg[]): DiagramRegion[] {
  return legs.flatMap((leg) =>
    SCAN_FINDINGS.map((finding) => ({ id: regionId(leg, finding), leg, label: findingLabel(finding), ...SITES[finding] })),
  );
}
