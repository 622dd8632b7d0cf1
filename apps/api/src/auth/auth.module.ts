import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';
import { UserEntity } from '../users/user.entity';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SignInSessionsService } from './sign-in-sessions.service';
import { SignInSessionsRepository } from './sign-in-sessions.repository';
import { SignInThrottle } from './sign-in-throttle';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [AuthController],
  providers: [AuthService, SignInSessionsService, SignInSessionsRepository, RateLimitService, SignInThrottle, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SignInSessionsService, RateLimitService],
})
export class AuthModule {}
