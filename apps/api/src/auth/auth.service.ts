import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SessionInfo } from '@venule/api-contract';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError } from '../platform/errors/domain-error';
import { UserEntity } from '../users/user.entity';
import { verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';
import { SignInThrottle } from './sign-in-throttle';

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
  ) {}

  /**
   * The attempt is counted before the password is checked, so simultaneous guesses cannot all get
   * past the limits; every outcome is audited, with the account tried but never the password.
   */
  async login(email: string, password: string, meta: ClientMeta) {
    const normalised = email.trim().toLowerCase();
    await Promise.all([this.throttle.sweep(), this.sessions.deleteExpired()]);
    const user = await this.users.findOne({ where: { email: normalised } });
    const account = user
      ? { entity: 'user', entityId: user.id }
      : { entity: 'email', entityId: createHash('sha256').update(normalised).digest('hex') };

    const admission = await this.throttle.admit(normalised, meta.ip);
    if (!admission.admitted) {
      // Recorded once per window and limit, so a flood of refused attempts cannot flood the trail.
      if (admission.firstRefusal) {
        await this.audit.record({ actorId: null, action: 'login_throttled', ...account, fields: [admission.limit], address: meta.ip });
      }
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed sign-ins. Try again in a few minutes.', {
        retryAfterSeconds: admission.retryAfterSeconds,
      });
    }

    const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
    if (!ok || !user) {
      await this.audit.record({ actorId: null, action: 'login_failed', ...account, address: meta.ip });
      throw new DomainError('UNAUTHENTICATED', 'The email or password is wrong.');
    }
    await this.throttle.succeeded(normalised, meta.ip, admission);
    const session = await this.sessions.open(user.id, meta);
    await this.audit.record({ actorId: user.id, action: 'login', entity: 'staff_session', entityId: session.id, address: meta.ip });
    return { token: session.token, info: await this.info(user, session.expiresAt) };
  }

  async logout(token: string, meta: ClientMeta): Promise<void> {
    const closed = await this.sessions.close(token);
    if (closed) {
      await this.audit.record({ actorId: closed.userId, action: 'logout', entity: 'staff_session', entityId: closed.id, address: meta.ip });
    }
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
