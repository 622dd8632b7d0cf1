/**
 * Allergy tendency (SPEC §1.6): a single test injection at the patient's first session,
 * a warning the clinician must confirm with `{code: 'TEST_INJECTION', reason}`.
 */
import type { ConfirmationInput, Refusal } from '@venule/api-contract';
import { isConfirmed } from './confirmations';

export interface TestInjectionFacts {
  conditions: readonly string[];
  /** Completed sessions of the patient before this one, across all courses. */
  patientCompletedSessionsBefore: number;
  confirmations?: readonly ConfirmationInput[];
}

/** True when this session needs the test injection (allergy tendency, first session of the patient). */
export function needsTestInjection(facts: Pick<TestInjectionFacts, 'conditions' | 'patientCompletedSessionsBefore'>): boolean {
  return facts.conditions.includes('allergy_tendency') && facts.patientCompletedSessionsBefore === 0;
}

/** `CONFIRMATION_REQUIRED` until the clinician confirms the test injection. */
export function checkTestInjection(facts: TestInjectionFacts): Refusal[] {
  if (!needsTestInjection(facts) || isConfirmed(facts.confirmations, 'TEST_INJECTION')) return [];
  return [
    {
      code: 'CONFIRMATION_REQUIRED',
      message: 'The patient has an allergy tendency and this is their first session: give a single test injection first and confirm it.',
    },
  ];
}
