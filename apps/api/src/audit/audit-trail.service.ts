import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEvent, Page } from '@venule/api-contract';
import { isIsoDate } from '@venule/clinical-rules';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { validationFailed } from '../platform/errors/domain-error';
import type { AuditQueryDto } from './dto/audit-query.dto';

/**
 * The read side of the audit trail (SPEC §2 "Audit event"): managers and admins page through who
 * did what, newest first. Recording lives in platform/audit; nothing here writes.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A date is a whole day in the clinic's zone: `from` its start, `to` the start of the next day. */
  private bound(value: string, end: boolean): string {
    if (!isIsoDate(value)) return DateTime.fromISO(value, { setZone: true }).toUTC().toISO() as string;
    const day = DateTime.fromISO(value, { zone: this.config.clinicTimeZone }).startOf('day');
    return (end ? day.plus({ days: 1 }) : day).toUTC().toISO() as string;
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEvent>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    const from = query.from ? this.bound(query.from, false) : undefined;
    const to = query.to ? this.bound(query.to, true) : undefined;
    if (from && to && from >= to) throw validationFailed('to', 'must be after from');
    if (query.patientId) add('e.patient_id = ?', query.patientId);
    if (query.actorId) add('e.actor_id = ?', query.actorId);
    if (from) add('e.at >= ?::timestamptz', from);
    if (to) add('e.at < ?::timestamptz', to);
    if (query.entity) add('e.entity = ?', query.entity);
    if (query.action) add('e.action = ?', query.action);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_events e ${filter}`, params);
    const rows = await this.db.query(
      `SELECT e.id::text AS id, e.at, e.actor_id AS "actorId", u.email AS "actorEmail", u.display_name AS "actorName",
              e.action, e.entity, e.entity_id AS "entityId", e.patient_id AS "patientId",
              p.clinic_number AS "patientClinicNumber", e.fields, e.occurred_at AS "occurredAt", e.address
       FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_id
       LEFT JOIN patients p ON p.id = e.patient_id
       ${filter}
       ORDER BY e.at DESC, e.id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return {
      items: rows.map((r: Omit<AuditEvent, 'at' | 'occurredAt'> & { at: Date; occurredAt: Date | null }) => ({
        ...r,
        at: r.at.toISOString(),
        occurredAt: r.occurredAt ? r.occurredAt.toISOString() : null,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
