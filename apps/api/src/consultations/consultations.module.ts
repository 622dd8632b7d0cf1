import { Module } from '@nestjs/common';
import { DiaryModule } from '../diary/diary.module';
import { MessagesModule } from '../messages/messages.module';
import { SettingsModule } from '../settings/settings.module';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

/** Consultations with the deposit and the payment ledger (SPEC §2). */
@Module({
  imports: [DiaryModule, MessagesModule, SettingsModule],
  controllers: [ConsultationsController],
  providers: [ConsultationsService, ConsultationsRepository],
  exports: [ConsultationsService],
})
export class ConsultationsModule {}
