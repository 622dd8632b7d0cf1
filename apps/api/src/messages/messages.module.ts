import { Module } from '@nestjs/common';
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
  imports: [SettingsModule],
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
export class MessagesModule {}
