import type { Leg, Role, Warning } from '@venule/api-contract';
import { clearance, type ClinicalPolicy } from '@venule/clinical-rules';
import { reasonsForReader } from './reasons-for-reader';

/**
 * Every reason a leg of the course (or the patient) is not cleared on `on`: warnings, never
 * refusals, worded for the reader (a contraindication is named only to readers of clinical data).
 */
export function clearanceWarnings(
  facts: Parameters<typeof clearance>[0],
  legs: readonly Leg[],
  on: string,
  policy: ClinicalPolicy,
  reader: Role,
): Warning[] {
  const result = clearance(facts, on, policy);
  return reasonsForReader([...result.blockers, ...legs.flatMap((leg) => result.legs[leg].reasons)], reader);
}
