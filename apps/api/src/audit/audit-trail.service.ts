import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent, AuditStaffMember, Page } from '@venule/api-contract';
import { isIsoDate } from '@venule/clinical-rules';
import { DateTime } from 'luxon';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { validationFailed } from '../platform/errors/domain-error';
import { AuditRepository, type AuditFilter } from './audit.repository';
import type { AuditQueryDto } from './dto/audit-query.dto';

/**
 * The read side of the audit trail (SPEC §2 "Audit event"): managers and admins page through who
 * did what, newest first, or download it. Downloading it is itself audited.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly events: AuditRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A date is a whole day in the clinic's zone: `from` its start, `to` the start of the next day. */
  private bound(value: string, end: boolean): string {
    if (!isIsoDate(value)) return DateTime.fromISO(value, { setZone: true }).toUTC().toISO() as string;
    const day = DateTime.fromISO(value, { zone: this.config.clinicTimeZone }).startOf('day');
    return (end ? day.plus({ days: 1 }) : day).toUTC().toISO() as string;
  }

  private filter(query: AuditQueryDto): AuditFilter {
    const from = query.from ? this.bound(query.from, false) : undefined;
    const to = query.to ? this.bound(query.to, true) : undefined;
    if (from && to && from >= to) throw validationFailed('to', 'must be after from');
    return { patientId: query.patientId, actorId: query.actorId, from, to, entity: query.entity, action: query.action };
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEvent>> {
    const filter = this.filter(query);
    const total = await this.events.count(filter);
    const items = await this.events.list(filter, query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Every matching row, for the CSV download; the download leaves a row of its own. */
  async export(query: AuditQueryDto, staff: SignedInStaff): Promise<AuditEvent[]> {
    const rows = await this.events.list(this.filter(query));
    await this.audit.record({ actorId: staff.id, action: 'export', entity: 'audit_trail', patientId: query.patientId ?? null });
    return rows;
  }

  /** Who the trail can be filtered by: names, not ids. */
  staff(): Promise<AuditStaffMember[]> {
    return this.events.staff();
  }
}
