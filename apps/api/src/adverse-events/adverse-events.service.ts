import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdverseEvent, Page } from '@venule/api-contract';
import { formatDate } from '@venule/clinical-rules';
import { DataSource } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, notFound, validationFailed } from '../platform/errors/domain-error';
import { AdverseEventsRepository } from './adverse-events.repository';
import type { RecordAdverseEventDto } from './dto/record-adverse-event.dto';

/** Adverse events: logged against a completed session, at onset or once resolved, and resolved later. */
@Injectable()
export class AdverseEventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly events: AdverseEventsRepository,
  ) {}

  async ofSession(sessionId: string, staff: SignedInStaff): Promise<Page<AdverseEvent>> {
    return this.db.transaction(async (tx) => {
      const session = await this.events.session(tx, sessionId);
      if (!session) throw notFound('The session');
      const items = await this.events.ofSessions(tx, [sessionId]);
      await this.audit.record(
        { actorId: staff.id, action: 'read', entity: 'adverse_event', entityId: null, patientId: session.patient_id },
        tx,
      );
      return { items, total: items.length, limit: items.length, offset: 0 };
    });
  }

  async record(sessionId: string, dto: RecordAdverseEventDto, staff: SignedInStaff): Promise<AdverseEvent> {
    return this.db.transaction(async (tx) => {
      const session = await this.events.session(tx, sessionId);
      if (!session) throw notFound('The session');
      if (session.status !== 'completed' || !session.completed_on) {
        throw new DomainError('SESSION_NOT_COMPLETED', 'Adverse events are recorded against a completed session.');
      }
      const today = this.clock.today();
      if (dto.onsetOn < session.completed_on)
        throw validationFailed('onsetOn', `must not be before the session (${formatDate(session.completed_on)})`);
      if (dto.onsetOn > today) throw validationFailed('onsetOn', 'must not be in the future');
      if (dto.resolvedOn !== undefined && !dto.resolved) throw validationFailed('resolvedOn', 'is only given for a resolved event');
      if (dto.resolvedOn !== undefined) checkResolvedOn(dto.resolvedOn, dto.onsetOn, today);
      if (dto.type === 'other' && !dto.notes?.trim()) throw validationFailed('notes', 'must describe an event of type other');
      const event = await this.events.insert(tx, sessionId, dto, staff.id);
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'create',
          entity: 'adverse_event',
          entityId: event.id,
          patientId: session.patient_id,
          fields: Object.keys(dto),
        },
        tx,
      );
      return event;
    });
  }

  /** Events are logged at onset and resolved weeks later (hyperpigmentation can take months). */
  async resolve(id: string, resolvedOn: string, staff: SignedInStaff): Promise<AdverseEvent> {
    return this.db.transaction(async (tx) => {
      const event = await this.events.lockForResolving(tx, id);
      if (!event) throw notFound('The adverse event');
      if (event.resolved) throw new DomainError('ADVERSE_EVENT_ALREADY_RESOLVED', 'This adverse event is already marked resolved.');
      checkResolvedOn(resolvedOn, event.onset_on, this.clock.today());
      const resolved = await this.events.resolve(tx, id, resolvedOn);
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'update',
          entity: 'adverse_event',
          entityId: id,
          patientId: event.patient_id,
          fields: ['resolved', 'resolvedOn'],
        },
        tx,
      );
      return resolved;
    });
  }
}

/** An event resolves on a day from its onset to today, whether logged resolved or marked later. */
function checkResolvedOn(resolvedOn: string, onsetOn: string, today: string): void {
  if (resolvedOn < onsetOn || resolvedOn > today)
    throw validationFailed('resolvedOn', `must be between the onset (${formatDate(onsetOn)}) and today`);
}
