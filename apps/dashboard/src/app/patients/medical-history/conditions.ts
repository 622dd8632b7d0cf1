import {
  ABSOLUTE_CONTRAINDICATIONS,
  RELATIVE_CONTRAINDICATIONS,
  type AbsoluteContraindication,
  type ConditionCode,
  type RelativeContraindication,
} from '@venule/api-contract';

/** Plain-language labels of the contraindication questionnaire (SPEC §2, from the sclerosants' labels). */
export const CONDITION_LABELS: Record<ConditionCode, string> = {
  sclerosant_allergy: 'Known allergy to the sclerosant',
  acute_thrombosis: 'Acute or recent DVT, pulmonary embolism or superficial thrombophlebitis',
  acute_serious_illness: 'Acute serious illness or uncontrolled systemic disease',
  local_infection: 'Local infection or cellulitis in the area',
  immobile: 'Bedridden or unable to walk',
  severe_arterial_disease: 'Severe arterial disease (Fontaine III–IV)',
  pregnancy: 'Pregnancy',
  symptomatic_pfo: 'Known symptomatic patent foramen ovale (foam only)',
  breastfeeding: 'Breast-feeding',
  past_dvt: 'Past DVT',
  thrombophilia: 'Thrombophilia',
  hormonal_therapy: 'Hormonal contraception or HRT',
  obesity: 'Obesity',
  smoking: 'Smoking',
  anticoagulants: 'Takes anticoagulants',
  recent_surgery: 'Recent surgery',
  migraine_with_aura: 'Migraine with aura',
  allergy_tendency: 'Allergy tendency',
};

export const ABSOLUTE: readonly AbsoluteContraindication[] = ABSOLUTE_CONTRAINDICATIONS;
export const RELATIVE: readonly RelativeContraindication[] = RELATIVE_CONTRAINDICATIONS;

export function isRelative(code: ConditionCode): code is RelativeContraindication {
  return (RELATIVE_CONTRAINDICATIONS as readonly string[]).includes(code);
}

export const CEAP_CLINICAL = ['C0', 'C1', 'C2', 'C3', 'C4a', 'C4b', 'C4c', 'C5', 'C6'] as const;
