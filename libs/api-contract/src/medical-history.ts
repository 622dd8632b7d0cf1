import type { IsoDate, RecordMeta } from './common';

export const ABSOLUTE_CONTRAINDICATIONS = [
  'sclerosant_allergy',
  'acute_thrombosis',
  'acute_serious_illness',
  'local_infection',
  'immobile',
  'severe_arterial_disease',
  'pregnancy',
  'symptomatic_pfo',
] as const;
export const RELATIVE_CONTRAINDICATIONS = [
  'breastfeeding',
  'past_dvt',
  'thrombophilia',
  'hormonal_therapy',
  'obesity',
  'smoking',
  'anticoagulants',
  'recent_surgery',
  'migraine_with_aura',
  'allergy_tendency',
] as const;
export type AbsoluteContraindication = (typeof ABSOLUTE_CONTRAINDICATIONS)[number];
export type RelativeContraindication = (typeof RELATIVE_CONTRAINDICATIONS)[number];
export type ConditionCode = AbsoluteContraindication | RelativeContraindication;

/** CEAP classification of one leg (thread veins are C1). */
export interface Ceap {
  c: string;
  e?: string;
  a?: string;
  p?: string;
  assessedOn?: IsoDate;
  symptomatic?: boolean;
}

/** `PUT /api/patients/:id/medical-history`. Every relative condition needs a clinician's note in `acknowledgements`. */
export interface MedicalHistoryInput {
  conditions: ConditionCode[];
  acknowledgements: Partial<Record<RelativeContraindication, string>>;
  weightKg: number | null;
  weightMeasuredOn: IsoDate | null;
  ceap?: { left?: Ceap; right?: Ceap };
  /** Present on a replacement: the version read. Absent on the first PUT. */
  version?: number;
}

export interface MedicalHistory extends RecordMeta, Omit<MedicalHistoryInput, 'version'> {
  patientId: string;
  recordedBy: string;
}
