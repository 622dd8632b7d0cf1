import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditEvent, AuditStaffMember } from '@venule/api-contract';
import { DataSource } from 'typeorm';

export interface AuditFilter {
  patientId?: string;
  actorId?: string;
  /** Instants, `from` inclusive and `to` exclusive. */
  from?: string;
  to?: string;
  entity?: string;
  action?: AuditAction;
}

type Row = Omit<AuditEvent, 'at' | 'occurredAt'> & { at: Date; occurredAt: Date | null };

/** Reads of the audit trail, with the names staff know: the actor's and the patient's. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private where(filter: AuditFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.patientId) add('e.patient_id = ?', filter.patientId);
    if (filter.actorId) add('e.actor_id = ?', filter.actorId);
    if (filter.from) add('e.at >= ?::timestamptz', filter.from);
    if (filter.to) add('e.at < ?::timestamptz', filter.to);
    if (filter.entity) add('e.entity = ?', filter.entity);
    if (filter.action) add('e.action = ?', filter.action);
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  async count(filter: AuditFilter): Promise<number> {
    const { sql, params } = this.where(filter);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_events e ${sql}`, params);
    return total;
  }

  /** Newest first; without `limit`, every matching row (the CSV export). */
  async list(filter: AuditFilter, limit?: number, offset = 0): Promise<AuditEvent[]> {
    const { sql, params } = this.where(filter);
    const page = limit === undefined ? '' : `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    const rows: Row[] = await this.db.query(
      `SELECT e.id::text AS id, e.at, e.actor_id AS "actorId", u.email AS "actorEmail", u.display_name AS "actorName",
              e.action, e.entity, e.entity_id AS "entityId", e.patient_id AS "patientId",
              p.clinic_number AS "patientClinicNumber",
              CASE WHEN p.id IS NULL THEN NULL ELSE p.first_name || ' ' || p.last_name END AS "patientName",
              e.fields, e.occurred_at AS "occurredAt", e.address, e.changes
       FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_id
       LEFT JOIN patients p ON p.id = e.patient_id
       ${sql}
       ORDER BY e.at DESC, e.id DESC
       ${page}`,
      limit === undefined ? params : [...params, limit, offset],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString(), occurredAt: r.occurredAt ? r.occurredAt.toISOString() : null }));
  }

  /** Every staff account, active ones first, by name. */
  staff(): Promise<AuditStaffMember[]> {
    return this.db.query(
      `SELECT id, display_name AS "displayName", email, role, active FROM users ORDER BY active DESC, display_name, email`,
    );
  }
}
