import { Module } from '@nestjs/common';
import { DemoClinicService } from './demo-clinic.service';

@Module({ providers: [DemoClinicService] })
export class DemoModule {}
