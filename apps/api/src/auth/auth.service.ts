import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SessionInfo } from '@venule/api-contract';
import { Repository } from 'typeorm';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError } from '../platform/errors/domain-error';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';
import { UserEntity } from '../users/user.entity';
import { verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';

/** Failed sign-ins allowed per account, and per address, inside one window. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 };

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly limits: RateLimitService,
    private readonly clock: ClinicClock,
  ) {}

  async login(email: string, password: string, meta: { ip: string; userAgent?: string }) {
    const normalised = email.trim().toLowerCase();
    const accountKey = `login-failures:account:${normalised}`;
    const addressKey = `login-failures:address:${meta.ip}`;
    const [account, address] = await Promise.all([this.limits.peek(accountKey), this.limits.peek(addressKey)]);
    if (account.hits >= LOGIN_LIMITS.perAccount || address.hits >= LOGIN_LIMITS.perAddress) {
      const retryAfterSeconds = Math.max(account.retryAfterSeconds, address.retryAfterSeconds);
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed sign-ins. Try again in a few minutes.', { retryAfterSeconds });
    }
    const user = await this.users.findOne({ where: { email: normalised } });
    const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
    if (!ok || !user) {
      await Promise.all([
        this.limits.hit(accountKey, LOGIN_LIMITS.windowSeconds),
        this.limits.hit(addressKey, LOGIN_LIMITS.windowSeconds),
      ]);
      throw new DomainError('UNAUTHENTICATED', 'The email or password is wrong.');
    }
    await this.limits.reset(accountKey);
    const session = await this.sessions.open(user.id, meta);
    return { token: session.token, info: await this.info(user, session.expiresAt) };
  }

  async info(user: Pick<UserEntity, 'id' | 'email' | 'displayName' | 'role'>, expiresAt: Date): Promise<SessionInfo> {
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      expiresAt: expiresAt.toISOString(),
      idleTimeoutMinutes: await this.sessions.idleTimeoutMinutes(),
      clinicTimeZone: this.clock.timeZone,
    };
  }
}
