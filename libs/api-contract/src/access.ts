import { ROLES, type Role } from './roles';

/**
 * Who may do what: SPEC §3 as one table, capability → roles, deny by default. The API's guard
 * reads it through `@Allow(capability)` on every handler and chooses role-shaped views with
 * `can(role, …)`; the dashboard uses the same table to hide what a role cannot use.
 */
export const ACCESS = {
  /** Their own session (`/auth/me`). */
  signedIn: ROLES,
  /** Demographics and search. */
  readPatients: ['reception', 'clinician', 'manager', 'admin'],
  writePatients: ['reception', 'clinician'],
  /** Clearance status (never findings; a contraindication is named only with `readClinical`). */
  readClearance: ['reception', 'clinician', 'manager'],
  /** Scans, medical history, consent, sessions' clinical detail, notes, adverse events, outcomes. */
  readClinical: ['clinician', 'manager'],
  writeClinical: ['clinician'],
  /** Courses and sessions as bookings (dates, status, clinician), the diary, the message outbox. */
  readBookings: ['reception', 'clinician', 'manager'],
  /** Booking, cancelling and marking sessions as not attended; resending a failed message. */
  bookSessions: ['reception', 'clinician'],
  /** Aftercare plans and pre-treatment advice, to hand to the patient. */
  readAftercare: ['reception', 'clinician', 'manager'],
  /** The recall list (`/api/reports/overdue`), without clinical detail for reception. */
  readRecallList: ['reception', 'clinician', 'manager'],
  /** Reports other than the recall list. */
  readReports: ['manager', 'admin'],
  readAudit: ['manager', 'admin'],
  /** Staff accounts and clinic settings. */
  manageStaff: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof ACCESS;

export const CAPABILITIES = Object.keys(ACCESS) as Capability[];

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return !!role && (ACCESS[capability] as readonly Role[]).includes(role);
}
