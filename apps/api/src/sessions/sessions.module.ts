import { Module } from '@nestjs/common';
import { AdverseEventsModule } from '../adverse-events/adverse-events.module';
import { MessagesModule } from '../messages/messages.module';
import { SettingsModule } from '../settings/settings.module';
import { BookingRepository } from './booking.repository';
import { CompletionRepository } from './completion.repository';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Sessions: booking inside the interval window, completion behind the clinical gate, aftercare. Courses read sessions through the repository. */
@Module({
  imports: [SettingsModule, AdverseEventsModule, MessagesModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository, BookingRepository, CompletionRepository],
  exports: [SessionsRepository],
})
export class SessionsModule {}
