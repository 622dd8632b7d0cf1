import type { IsoInstant } from './common';

export const AUDIT_ACTIONS = ['create', 'read', 'update', 'delete', 'sign', 'login', 'logout', 'export'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  id: string;
  at: IsoInstant;
  actorId: string | null;
  actorEmail: string | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  /** Names of the fields written; never their values. */
  fields: string[];
}

export interface AuditQuery {
  patientId?: string;
  actorId?: string;
  from?: IsoInstant;
  to?: IsoInstant;
  limit?: number;
  offset?: number;
}
