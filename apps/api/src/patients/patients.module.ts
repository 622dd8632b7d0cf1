import { Module } from '@nestjs/common';
import { PatientContactHooks } from './patient-contact-hooks';
import { PatientsController } from './patients.controller';
import { PatientsService } from './patients.service';
import { PatientsRepository } from './patients.repository';

@Module({
  controllers: [PatientsController],
  providers: [PatientsService, PatientsRepository, PatientContactHooks],
  exports: [PatientsService, PatientContactHooks],
})
export class PatientsModule {}
