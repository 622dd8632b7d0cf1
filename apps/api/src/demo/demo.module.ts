import { Module } from '@nestjs/common';
import { DemoClinicRepository } from './demo-clinic.repository';
import { DemoClinicService } from './demo-clinic.service';

@Module({ providers: [DemoClinicService, DemoClinicRepository] })
export class DemoModule {}
