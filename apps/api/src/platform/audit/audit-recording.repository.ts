import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditRecord } from './audit.service';

/** An audit event with the page view it counts towards (null: a row of its own). */
export type AuditRow = AuditRecord & { viewId: string | null };

/** Inserts the rows of `auditRecordset(...)` in `param`: a statement of its own, or a data-modifying CTE of another. */
export const insertAuditSql = (param: string) =>
  `INSERT INTO audit_events (actor_id, action, entity, entity_id, patient_id, fields, occurred_at, address, view_id, changes)
       SELECT e.actor_id, e.action, e.entity, e.entity_id, e.patient_id, ARRAY(SELECT jsonb_array_elements_text(e.fields)), e.occurred_at,
              e.address, e.view_id, e.changes
       FROM jsonb_to_recordset(${param}::jsonb)
         AS e(actor_id uuid, action text, entity text, entity_id text, patient_id uuid, fields jsonb, occurred_at timestamptz, address text,
              view_id uuid, changes jsonb)
       ON CONFLICT (view_id, actor_id, patient_id) WHERE view_id IS NOT NULL DO NOTHING`;

/** The parameter of `insertAuditSql`. */
export const auditRecordset = (rows: readonly AuditRow[]) =>
  JSON.stringify(
    rows.map((e) => ({
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      patient_id: e.patientId ?? null,
      fields: e.fields ?? [],
      occurred_at: e.occurredAt ?? null,
      address: e.address ?? null,
      view_id: e.viewId,
      changes: e.changes ?? null,
    })),
  );

/** Writing the audit trail (reading it is audit/audit.repository.ts): append-only, so the one statement here inserts. */
@Injectable()
export class AuditRecordingRepository {
  /** All rows in one statement; a read already covered by its page view inserts nothing. */
  async insertMany(m: EntityManager, rows: readonly AuditRow[]): Promise<void> {
    await m.query(insertAuditSql('$1'), [auditRecordset(rows)]);
  }

  /**
   * The trail that registering `patientIds` (by `receptionId`), recording their histories (by
   * `clinicianId`) and archiving the archived ones would have left, dated from the rows themselves:
   * for records written in the past, as the demo clinic's are.
   */
  async insertRegistrationTrail(m: EntityManager, receptionId: string, clinicianId: string, patientIds: readonly string[]): Promise<void> {
    await m.query(
      `INSERT INTO audit_events (at, actor_id, action, entity, entity_id, patient_id, fields)
       SELECT p.created_at, $1::uuid, 'create', 'patient', p.id::text, p.id,
              ARRAY['firstName', 'lastName', 'dateOfBirth', 'sex', 'phone', 'email', 'address', 'postcode'] || CASE WHEN p.gp_name IS NULL THEN '{}'::text[] ELSE ARRAY['gpName'] END
       FROM patients p WHERE p.id = ANY($3::uuid[])
       UNION ALL
       SELECT h.created_at, $2::uuid, 'create', 'medical_history', h.id::text, h.patient_id,
              ARRAY['conditions', 'acknowledgements', 'weightKg', 'weightMeasuredOn', 'ceap']
       FROM medical_histories h WHERE h.patient_id = ANY($3::uuid[])
       UNION ALL
       SELECT h.updated_at, $2::uuid, 'update', 'medical_history', h.id::text, h.patient_id, ARRAY['weightKg', 'weightMeasuredOn']
       FROM medical_histories h WHERE h.patient_id = ANY($3::uuid[]) AND h.version = 2
       UNION ALL
       SELECT now() - interval '30 days', $1::uuid, 'update', 'patient', p.id::text, p.id, ARRAY['archived']
       FROM patients p WHERE p.id = ANY($3::uuid[]) AND p.archived
       ORDER BY 1`,
      [receptionId, clinicianId, patientIds],
    );
  }
}
