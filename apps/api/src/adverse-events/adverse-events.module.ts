import { Module } from '@nestjs/common';
import { AdverseEventsController } from './adverse-events.controller';
import { AdverseEventsRepository } from './adverse-events.repository';
import { AdverseEventsService } from './adverse-events.service';

/** Adverse events of completed sessions; the repository also serves the session detail. */
@Module({
  controllers: [AdverseEventsController],
  providers: [AdverseEventsService, AdverseEventsRepository],
  exports: [AdverseEventsRepository],
})
export class AdverseEventsModule {}
