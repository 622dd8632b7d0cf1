import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Sessions: booking inside the interval window, completion behind the clinical gate, aftercare, adverse events. */
@Module({
  imports: [SettingsModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository],
})
export class SessionsModule {}
