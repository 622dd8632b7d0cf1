import type { Role } from '@venule/api-contract';

/**
 * What each role may use (SPEC §3, deny by default). The API enforces it; the dashboard
 * uses the same table to hide what a role cannot use.
 */
export const ACCESS = {
  readPatients: ['reception', 'clinician', 'manager', 'admin'],
  writePatients: ['reception', 'clinician'],
  readMedicalHistory: ['clinician', 'manager'],
  writeMedicalHistory: ['clinician'],
  readClearance: ['reception', 'clinician', 'manager'],
  readScans: ['clinician', 'manager'],
  writeScans: ['clinician'],
  readCourses: ['reception', 'clinician', 'manager'],
  bookSessions: ['reception', 'clinician'],
  readClinicalDetail: ['clinician', 'manager'],
  writeClinical: ['clinician'],
  readAftercare: ['reception', 'clinician', 'manager'],
  readAudit: ['manager', 'admin'],
  readReports: ['manager', 'admin'],
  readRecallList: ['reception', 'clinician', 'manager'],
  manageStaff: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof ACCESS;

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return !!role && (ACCESS[capability] as readonly Role[]).includes(role);
}
