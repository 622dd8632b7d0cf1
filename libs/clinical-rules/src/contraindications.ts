/**
 * The contraindications questionnaire (SPEC §2, from the sclerosants' product labels).
 *
 * Absolute conditions block treatment (`symptomatic_pfo` blocks FOAM only). Relative
 * conditions need a clinician's acknowledgement with a note before a session is completed.
 */
// The code lists are the API contract's; the rules add what each one means.
import type {
  AbsoluteContraindication,
  ConditionCode,
  Reason,
  Refusal,
  RelativeContraindication,
  SclerosantForm,
} from '@venule/api-contract';

export interface ContraindicationInfo {
  code: ConditionCode;
  kind: 'absolute' | 'relative';
  /** Blocks foam sclerotherapy only (liquid may still be used). */
  foamOnly: boolean;
  /** Short label for the questionnaire. */
  label: string;
  /** One sentence for the clinician: why it matters. */
  explanation: string;
}

const info = (
  code: ConditionCode,
  kind: 'absolute' | 'relative',
  label: string,
  explanation: string,
  foamOnly = false,
): ContraindicationInfo => ({ code, kind, foamOnly, label, explanation });

/** The whole catalogue, in questionnaire order. */
export const CONTRAINDICATIONS: Readonly<Record<ConditionCode, ContraindicationInfo>> = Object.freeze({
  sclerosant_allergy: info(
    'sclerosant_allergy',
    'absolute',
    'Known allergy to the sclerosant',
    'A previous allergic reaction to polidocanol or sodium tetradecyl sulfate can recur more severely.',
  ),
  acute_thrombosis: info(
    'acute_thrombosis',
    'absolute',
    'Acute or recent DVT, pulmonary embolism or superficial thrombophlebitis',
    'Sclerotherapy can extend an active clot; wait until the thrombosis has been treated and resolved.',
  ),
  acute_serious_illness: info(
    'acute_serious_illness',
    'absolute',
    'Acute serious illness or uncontrolled systemic disease',
    'Cosmetic vein treatment waits until the patient is well.',
  ),
  local_infection: info(
    'local_infection',
    'absolute',
    'Local infection or cellulitis in the area',
    'Injecting through infected skin risks spreading the infection.',
  ),
  immobile: info(
    'immobile',
    'absolute',
    'Bedridden or unable to walk',
    'Walking straight after treatment is needed to protect the deep veins from clotting.',
  ),
  severe_arterial_disease: info(
    'severe_arterial_disease',
    'absolute',
    'Severe arterial disease (Fontaine III–IV)',
    'Poor arterial supply risks skin breakdown, and compression stockings may be unsafe.',
  ),
  pregnancy: info(
    'pregnancy',
    'absolute',
    'Pregnancy',
    'Sclerosants are not used in pregnancy; thread veins often improve after the birth.',
  ),
  symptomatic_pfo: info(
    'symptomatic_pfo',
    'absolute',
    'Known symptomatic patent foramen ovale (foam only)',
    'Foam bubbles can cross a PFO to the brain; liquid sclerotherapy may still be used.',
    true,
  ),
  breastfeeding: info(
    'breastfeeding',
    'relative',
    'Breast-feeding',
    'Usually deferred until breast-feeding has stopped; discuss with the patient.',
  ),
  past_dvt: info('past_dvt', 'relative', 'Past deep vein thrombosis', 'A raised risk of a further clot; consider preventive measures.'),
  thrombophilia: info(
    'thrombophilia',
    'relative',
    'Thrombophilia or several thrombosis risk factors',
    'A raised risk of clotting after treatment; consider preventive measures.',
  ),
  hormonal_therapy: info(
    'hormonal_therapy',
    'relative',
    'Hormonal contraception or HRT',
    'A thrombosis risk factor, especially together with others.',
  ),
  obesity: info('obesity', 'relative', 'Obesity', 'A thrombosis risk factor, especially together with others.'),
  smoking: info('smoking', 'relative', 'Smoking', 'A thrombosis risk factor, especially together with others.'),
  anticoagulants: info(
    'anticoagulants',
    'relative',
    'Taking anticoagulants',
    'More bruising is likely; do not stop anticoagulants for cosmetic treatment.',
  ),
  recent_surgery: info('recent_surgery', 'relative', 'Recent surgery', 'A raised risk of clotting in the weeks after an operation.'),
  migraine_with_aura: info(
    'migraine_with_aura',
    'relative',
    'Migraine with aura',
    'Visual disturbance or migraine may follow treatment, more often with foam.',
  ),
  allergy_tendency: info('allergy_tendency', 'relative', 'Allergy tendency', 'A single test injection is given at the first session.'),
});

export function isConditionCode(value: unknown): value is ConditionCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONTRAINDICATIONS, value);
}

export function isAbsolute(code: ConditionCode): code is AbsoluteContraindication {
  return CONTRAINDICATIONS[code].kind === 'absolute';
}

export function isRelative(code: ConditionCode): code is RelativeContraindication {
  return CONTRAINDICATIONS[code].kind === 'relative';
}

/** Known codes of `conditions`, de-duplicated, in input order (unknown codes are dropped). */
export function knownConditions(conditions: readonly string[]): ConditionCode[] {
  return [...new Set(conditions)].filter(isConditionCode);
}

const hasNote = (note: unknown): boolean => typeof note === 'string' && note.trim().length > 0;

/**
 * `CONTRAINDICATED` reasons for the absolute conditions present. `symptomatic_pfo` is only
 * included when `form` is `'foam'` (pass `form: 'foam'` to get just the foam view, or
 * `form: null` to leave foam-only conditions out).
 */
export function absoluteContraindicationReasons(
  conditions: readonly string[],
  form: SclerosantForm | null = null,
): Reason<'CONTRAINDICATED'>[] {
  return knownConditions(conditions)
    .filter(isAbsolute)
    .filter((code) => !CONTRAINDICATIONS[code].foamOnly || form === 'foam')
    .map((code) => ({
      code: 'CONTRAINDICATED' as const,
      message: CONTRAINDICATIONS[code].foamOnly
        ? `${CONTRAINDICATIONS[code].label}: foam must not be used. ${CONTRAINDICATIONS[code].explanation}`
        : `${CONTRAINDICATIONS[code].label} is an absolute contraindication. ${CONTRAINDICATIONS[code].explanation}`,
    }));
}

/** `CONTRAINDICATED` reasons for foam-only conditions (shown as a caution while liquid is allowed). */
export function foamOnlyReasons(conditions: readonly string[]): Reason<'CONTRAINDICATED'>[] {
  return absoluteContraindicationReasons(
    knownConditions(conditions).filter((c) => CONTRAINDICATIONS[c].foamOnly),
    'foam',
  );
}

/** Relative conditions present without a non-empty acknowledgement note. */
export function unacknowledgedRelative(
  conditions: readonly string[],
  acknowledgements: Readonly<Record<string, string | null | undefined>> | null | undefined,
): RelativeContraindication[] {
  const notes = acknowledgements ?? {};
  return knownConditions(conditions)
    .filter(isRelative)
    .filter((code) => !hasNote(Object.prototype.hasOwnProperty.call(notes, code) ? notes[code] : undefined));
}

/**
 * Checks a medical-history questionnaire as the clinician saves it:
 * - `UNKNOWN_CONDITION` for a condition (or acknowledgement key) that is not in the catalogue;
 * - `ACKNOWLEDGEMENT_REQUIRED` for each relative condition without a non-empty note.
 */
export function checkConditions(
  conditions: readonly string[],
  acknowledgements: Readonly<Record<string, string | null | undefined>> | null | undefined = {},
): Refusal[] {
  return [
    ...unknownConditions(conditions).map((code) => unknownConditionReason(code)),
    ...unknownConditions(Object.keys(acknowledgements ?? {})).map((code) => unknownConditionReason(code, true)),
    ...unacknowledgedRelative(conditions, acknowledgements).map(acknowledgementRequiredReason),
  ];
}

/** Codes not in the catalogue, de-duplicated. */
export function unknownConditions(codes: readonly string[]): string[] {
  return [...new Set(codes)].filter((code) => !isConditionCode(code));
}

export function unknownConditionReason(code: string, inAcknowledgements = false): Reason<'UNKNOWN_CONDITION'> {
  return {
    code: 'UNKNOWN_CONDITION',
    message: inAcknowledgements
      ? `An acknowledgement was given for “${code}”, which is not a condition on the questionnaire.`
      : `“${code}” is not a condition on the questionnaire.`,
  };
}

export function acknowledgementRequiredReason(code: RelativeContraindication): Reason<'ACKNOWLEDGEMENT_REQUIRED'> {
  return {
    code: 'ACKNOWLEDGEMENT_REQUIRED',
    message: `${CONTRAINDICATIONS[code].label} is a relative contraindication: a clinician must acknowledge it with a note.`,
  };
}
