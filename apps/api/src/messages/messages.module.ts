import { Module } from '@nestjs/common';
import { PatientContactHooks } from '../patients/patient-contact-hooks';
import { PatientsModule } from '../patients/patients.module';
import { SettingsModule } from '../settings/settings.module';
import { Couriers, EmailSender, LoggingSmsProvider, SmsProvider } from './delivery';
import { DeliverySchedule, MessageSender } from './message-sender';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { OutboxService } from './outbox.service';

/**
 * The message outbox (SPEC §2 Message): features that book and complete sessions write messages
 * through `OutboxService` in their own transaction; the sender delivers them when due.
 */
@Module({
  imports: [SettingsModule, PatientsModule],
  controllers: [MessagesController],
  providers: [
    MessagesService,
    MessagesRepository,
    OutboxService,
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
