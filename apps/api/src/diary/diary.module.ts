import { Module } from '@nestjs/common';
import { CliniciansController, DiaryController } from './diary.controller';
import { DiaryRepository } from './diary.repository';
import { DiaryService } from './diary.service';

/** The one diary of sessions and consultations, and the double-booking refusal every booking shares. */
@Module({
  controllers: [DiaryController, CliniciansController],
  providers: [DiaryService, DiaryRepository],
  exports: [DiaryService],
})
export class DiaryModule {}
