import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction } from '@venule/api-contract';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  patientId?: string | null;
  /** Names of the fields written; never their values. */
  fields?: string[];
}

/**
 * Appends to the audit trail. Pass the transaction's manager for writes, so the audit row commits
 * or rolls back with the change it describes. The table refuses UPDATE and DELETE by trigger.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(event: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events (actor_id, action, entity, entity_id, patient_id, fields)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [event.actorId, event.action, event.entity, event.entityId ?? null, event.patientId ?? null, event.fields ?? []],
    );
  }
}
