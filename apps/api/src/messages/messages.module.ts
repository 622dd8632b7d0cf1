import { Module } from '@nestjs/common';
import { PatientContactHooks } from '../patients/patient-contact-hooks';
import { PatientsModule } from '../patients/patients.module';
import { SettingsModule } from '../settings/settings.module';
import { Couriers, EmailSender, LoggingSmsProvider, SmsProvider } from './delivery';
import { MessageRenderer } from './message-renderer';
import { DeliverySchedule, MessageSender } from './message-sender';
import { MessageTemplatesController } from './message-templates.controller';
import { MessageTemplatesRepository } from './message-templates.repository';
import { MessageTemplatesService } from './message-templates.service';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { OutboxService } from './outbox.service';

/**
 * The message outbox (SPEC §2 Message): features that book and complete sessions write messages
 * through `OutboxService` in their own transaction, in the clinic's words for each template (which
 * the admin edits here); the sender delivers them when due.
 */
@Module({
  imports: [SettingsModule, PatientsModule],
  controllers: [MessagesController, MessageTemplatesController],
  providers: [
    MessagesService,
    MessagesRepository,
    OutboxService,
    MessageRenderer,
    MessageTemplatesService,
    MessageTemplatesRepository,
    MessageSender,
    DeliverySchedule,
    EmailSender,
    Couriers,
    { provide: SmsProvider, useClass: LoggingSmsProvider },
  ],
  exports: [OutboxService, MessagesRepository, MessageSender],
})
export class MessagesModule {
  constructor(contact: PatientContactHooks, outbox: OutboxService) {
    // A patient's new contact preference or details re-address their queued messages in the same transaction.
    contact.onChange((tx, patientId) => outbox.readdressQueued(tx, patientId));
  }
}
