import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitRepository } from '../platform/rate-limit/rate-limit.repository';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SignInSessionsService } from './sign-in-sessions.service';
import { SignInSessionsRepository } from './sign-in-sessions.repository';
import { SignInThrottle } from './sign-in-throttle';
import { StaffAccountsRepository } from './staff-accounts.repository';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SignInSessionsService,
    SignInSessionsRepository,
    StaffAccountsRepository,
    RateLimitService,
    RateLimitRepository,
    SignInThrottle,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [SignInSessionsService, StaffAccountsRepository, RateLimitService],
})
export class AuthModule {}
