import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';
import { UserEntity } from '../users/user.entity';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';
import { SignInThrottle } from './sign-in-throttle';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, RateLimitService, SignInThrottle, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionsService, RateLimitService],
})
export class AuthModule {}
