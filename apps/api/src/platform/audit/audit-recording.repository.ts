import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditRecord } from './audit.service';

/** An audit event with the page view it counts towards (null: a row of its own). */
export type AuditRow = AuditRecord & { viewId: string | null };

/** Writing the audit trail (reading it is audit/audit.repository.ts): append-only, so the one statement here inserts. */
@Injectable()
export class AuditRecordingRepository {
  /** All rows in one statement; a read already covered by its page view inserts nothing. */
  async insertMany(m: EntityManager, rows: readonly AuditRow[]): Promise<void> {
    await m.query(
      `INSERT INTO audit_events (actor_id, action, entity, entity_id, patient_id, fields, occurred_at, address, view_id, changes)
       SELECT e.actor_id, e.action, e.entity, e.entity_id, e.patient_id, ARRAY(SELECT jsonb_array_elements_text(e.fields)), e.occurred_at,
              e.address, e.view_id, e.changes
       FROM jsonb_to_recordset($1::jsonb)
         AS e(actor_id uuid, action text, entity text, entity_id text, patient_id uuid, fields jsonb, occurred_at timestamptz, address text,
              view_id uuid, changes jsonb)
       ON CONFLICT (view_id, actor_id, patient_id) WHERE view_id IS NOT NULL DO NOTHING`,
      [
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
        ),
      ],
    );
  }
}
