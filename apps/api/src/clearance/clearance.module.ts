import { Module } from '@nestjs/common';
import { ClearanceController } from './clearance.controller';
import { ClearanceService } from './clearance.service';
import { ClearanceRepository } from './clearance.repository';

/** Clearance for treatment (SPEC §1.1–1.3). ClearanceService.evaluate is exported for courses and sessions. */
@Module({
  controllers: [ClearanceController],
  providers: [ClearanceService, ClearanceRepository],
  exports: [ClearanceService],
})
export class ClearanceModule {}
