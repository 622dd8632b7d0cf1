import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Message, Page } from '@venule/api-contract';
import { DataSource } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, notFound } from '../platform/errors/domain-error';
import type { ListMessagesQuery } from './dto/list-messages.dto';
import { MessagesRepository } from './messages.repository';

/** The outbox as reception sees it (SPEC §4): what is queued, sent, failed or cancelled, and resending a failed message. */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: ClinicClock,
    private readonly audit: AuditService,
    private readonly messages: MessagesRepository,
  ) {}

  async list(query: ListMessagesQuery): Promise<Page<Message>> {
    const { items, total } = await this.messages.list(this.db.manager, query, query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** A failed message (including one never sent for want of a mail server) goes back in the queue, due now. */
  async resend(id: string, staff: SignedInStaff): Promise<Message> {
    return this.db.transaction(async (tx) => {
      const locked = await this.messages.lockState(tx, id);
      if (!locked) throw notFound('The message');
      if (locked.state !== 'failed') {
        throw new DomainError('MESSAGE_NOT_FAILED', `This message is ${locked.state}; only a failed message can be sent again.`);
      }
      await this.messages.requeue(tx, id, this.clock.now());
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'message', entityId: id, patientId: locked.patient_id, fields: ['state'] },
        tx,
      );
      return (await this.messages.find(tx, id)) as Message;
    });
  }
}
