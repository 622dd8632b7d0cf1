import type { Role } from './roles';
import type { IsoInstant } from './common';

/**
 * `login_failed` and `login_throttled` have no actor (nobody proved who they were): their entity is
 * the account tried, `user` with its id, or `email` with a SHA-256 of an address no account has.
 */
export const AUDIT_ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'sign',
  'login',
  'logout',
  'login_failed',
  'login_throttled',
  'export',
] as const;

/**
 * Sent by the dashboard on every read a page makes, one UUID per page view: the reads of one
 * patient in one view make one "viewed" row in the trail.
 */
export const AUDIT_VIEW_HEADER = 'X-Audit-View';

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  id: string;
  at: IsoInstant;
  actorId: string | null;
  actorEmail: string | null;
  /** The actor's display name (added for the audit screen). */
  actorName: string | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  /** The patient's clinic number when `patientId` is set (added for the audit screen). */
  patientClinicNumber: string | null;
  /** The patient's first and last name when `patientId` is set. */
  patientName: string | null;
  /** Names of the fields written; never their values. For `login_throttled`, the limit that refused. */
  fields: string[];
  /** When what the row records happened, when that is not `at` (a treatment recorded late). */
  occurredAt: IsoInstant | null;
  /** The client's network address, on sign-in events. */
  address: string | null;
  /** A clinic settings change: each value before and after (never set for patient records). */
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

/**
 * `GET /api/audit` (manager, admin), newest first. `from` is inclusive, `to` exclusive; either may
 * be an instant with an offset or a calendar date `YYYY-MM-DD` (a whole day in the clinic's time
 * zone: `to=2026-03-01` includes all of 1 March).
 */
export interface AuditQuery {
  patientId?: string;
  actorId?: string;
  from?: IsoInstant | string;
  to?: IsoInstant | string;
  entity?: string;
  action?: AuditAction;
  limit?: number;
  offset?: number;
}

/** `GET /api/audit/staff` (manager, admin): every staff account, to filter the trail by, by name. */
export interface AuditStaffMember {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  active: boolean;
}
