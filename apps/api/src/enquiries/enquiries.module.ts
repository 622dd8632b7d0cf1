import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { DiaryModule } from '../diary/diary.module';
import { PatientsModule } from '../patients/patients.module';
import { SettingsModule } from '../settings/settings.module';
import { EnquiriesController, EnquiryPageController } from './enquiries.controller';
import { EnquiriesRepository } from './enquiries.repository';
import { EnquiriesService } from './enquiries.service';

/** The public enquiry page and form, and reception's inbox with conversion (SPEC §2). */
@Module({
  imports: [AuthModule, PatientsModule, ConsultationsModule, DiaryModule, SettingsModule],
  controllers: [EnquiriesController, EnquiryPageController],
  providers: [EnquiriesService, EnquiriesRepository],
})
export class EnquiriesModule {}
