import type { IsoDate, Leg, ScanConclusion, ScanFinding } from '@venule/api-contract';
import { addDays, addMonths } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { ScansRepository } from '../scans/scans.repository';
import type { DemoPatientKey } from './patients.demo';

interface DemoLeg {
  findings: ScanFinding[];
  notes?: string;
  conclusion: ScanConclusion;
}

interface DemoScan {
  /** Scan date relative to today. */
  ago: { months?: number; days?: number };
  performedBy: string;
  legs: Partial<Record<Leg, DemoLeg>>;
}

const LAB = 'Venule vascular lab';
const OUTSIDE = 'Harley Street Vascular Imaging';

const clear = (notes?: string, findings: ScanFinding[] = ['telangiectasia']): DemoLeg => ({ findings, notes, conclusion: 'clear' });

/** Scans of both legs (or one), clear. */
const both = (ago: DemoScan['ago'], performedBy = LAB, notes?: string): DemoScan[] => [
  { ago, performedBy, legs: { left: clear(notes), right: clear('No truncal or deep venous reflux.', []) } },
];
const one = (leg: Leg, ago: DemoScan['ago'], performedBy = LAB): DemoScan[] => [{ ago, performedBy, legs: { [leg]: clear() } }];

/**
 * One clearance story per demo patient, so every badge and status shows: cleared (2–5 months
 * ago), one leg cleared only, expiring within 30 days, expired, referred over an older clear
 * scan, referred with nothing older, inconclusive, cleared but blocked (pregnancy, under 18);
 * patients not listed have no scan at all.
 */
const STORIES: Partial<Record<DemoPatientKey, DemoScan[]>> = {
  siobhan: both({ months: 4, days: 10 }, LAB, 'GSV and SSV competent. Thread veins lateral thigh.'),
  aoife: one('left', { months: 3 }),
  ciara: both({ months: 2, days: 15 }, OUTSIDE),
  zoe: both({ months: 3, days: 20 }),
  maryOneill: both({ months: 5 }, LAB, 'Old left calf DVT: deep veins recanalised, competent. No superficial reflux.'),
  priya: both({ months: 2 }, OUTSIDE),
  grace: both({ months: 4 }),
  // Expired: the clear scan is 14 months old.
  emma: both({ months: 14, days: 3 }, OUTSIDE),
  // Inconclusive: poor views, repeat advised.
  chloe: [
    {
      ago: { days: 19 },
      performedBy: OUTSIDE,
      legs: {
        left: { findings: [], notes: 'Poor views of the SSV; repeat scan advised.', conclusion: 'inconclusive' },
        right: { findings: ['telangiectasia'], notes: 'Poor views of the SSV; repeat scan advised.', conclusion: 'inconclusive' },
      },
    },
  ],
  // Cleared, but pregnant: blocked by the medical history.
  fatima: both({ months: 1, days: 10 }),
  // Expiring within 30 days: performed about 11.5 months ago.
  margaret: both({ months: 12, days: -15 }),
  // Cleared, but 17: blocked until her 18th birthday.
  ella: both({ days: 7 }),
  sarah: both({ months: 4 }),
  joanne: one('right', { months: 5 }),
  agnieszka: both({ months: 2, days: 5 }),
  // Referred: a newer scan found great saphenous reflux, outvoting the older clear scan.
  olivia: [
    ...one('left', { months: 9, days: 8 }),
    {
      ago: { months: 1, days: 6 },
      performedBy: LAB,
      legs: {
        left: {
          findings: ['gsv_reflux', 'telangiectasia'],
          notes: 'GSV reflux from the saphenofemoral junction, 2.1 s. Referred to vascular surgery.',
          conclusion: 'underlying_disease',
        },
      },
    },
  ],
  amara: both({ months: 3 }),
  lucy: one('right', { months: 2 }),
  catrin: one('left', { months: 4 }),
  isabel: both({ months: 4, days: 15 }),
  karen: both({ months: 4, days: 20 }, OUTSIDE),
  leah: one('left', { months: 1 }),
  bronwen: both({ months: 5 }),
  deborah: one('right', { months: 3 }),
  mei: both({ months: 2 }),
  roisin: one('left', { days: 21 }),
  helen: both({ months: 4 }),
  ayesha: both({ months: 4 }),
  claire: one('left', { months: 5 }),
  james: one('left', { months: 3 }),
  // Referred with no earlier scan: small saphenous reflux and an incompetent perforator.
  tom: [
    {
      ago: { months: 2 },
      performedBy: OUTSIDE,
      legs: {
        right: {
          findings: ['ssv_reflux', 'perforator_incompetence'],
          notes: 'SSV reflux 1.8 s; mid-calf perforator incompetent.',
          conclusion: 'underlying_disease',
        },
      },
    },
  ],
  david: both({ months: 4 }),
  alex: one('left', { months: 2 }),
  patricia: both({ months: 23 }),
  frances: both({ months: 11 }),
  ewa: both({ months: 11 }),
  yasmin: both({ months: 11 }),
  gillian: both({ months: 11 }),
  nkechi: both({ months: 11 }),
  harriet: both({ months: 11 }),
  beatriz: both({ months: 11 }),
};

/**
 * Duplex scans for the demo patients (ids from `seedDemoPatients`), recorded by `clinicianId`,
 * dated relative to `today` (the clinic's calendar date at seeding time).
 */
export async function seedDemoScans(
  tx: EntityManager,
  patients: Partial<Record<DemoPatientKey, string>>,
  clinicianId: string,
  today: IsoDate,
): Promise<void> {
  const rows = Object.entries(STORIES).flatMap(([key, scans]) => {
    const patientId = patients[key as DemoPatientKey];
    if (!patientId) return [];
    return (scans ?? []).map((scan) => ({
      patient_id: patientId,
      performed_on: addDays(addMonths(today, -(scan.ago.months ?? 0)), -(scan.ago.days ?? 0)),
      performed_by: scan.performedBy,
      legs: Object.entries(scan.legs).map(([leg, l]) => ({ leg, findings: l.findings, notes: l.notes ?? null, conclusion: l.conclusion })),
    }));
  });
  await new ScansRepository().insertPastScans(tx, rows, clinicianId);
}
