import { can, type Reason, type Role } from '@venule/api-contract';

/** What a reader without `readClinical` gets instead of the name of a recorded contraindication. */
const UNNAMED_CONTRAINDICATION: Reason<'CONTRAINDICATED'> = {
  code: 'CONTRAINDICATED',
  message: 'The medical history records a condition that rules out treatment. A clinician must review it with the patient.',
};

/**
 * Clearance blockers and booking warnings as `role` may read them (SPEC §3): a contraindication is
 * named only to readers of clinical data; others get one CONTRAINDICATED saying a clinician must
 * review the patient, in the place of the first.
 */
export function reasonsForReader<T extends Reason>(reasons: readonly T[], role: Role): (T | typeof UNNAMED_CONTRAINDICATION)[] {
  if (can(role, 'readClinical')) return [...reasons];
  const first = reasons.findIndex((r) => r.code === 'CONTRAINDICATED');
  return reasons
    .filter((r, i) => r.code !== 'CONTRAINDICATED' || i === first)
    .map((r) => (r.code === 'CONTRAINDICATED' ? UNNAMED_CONTRAINDICATION : r));
}
