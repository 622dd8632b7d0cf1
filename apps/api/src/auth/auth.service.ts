import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SessionInfo } from '@venule/api-contract';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError } from '../platform/errors/domain-error';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';
import { hashPassword, verifyPassword } from './passwords';
import { SignInSessionsService } from './sign-in-sessions.service';
import { StaffAccountsRepository, type StaffAccount } from './staff-accounts.repository';
import { SignInThrottle } from './sign-in-throttle';
import type { SignedInStaff } from './staff';

/** Guesses at one's own current password, per 15 minutes, before changing it is refused for a while. */
const PASSWORD_CHANGE_ATTEMPTS = { max: 5, windowSeconds: 15 * 60 };

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly sessions: SignInSessionsService,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly counters: RateLimitService,
  ) {}

  /**
   * The attempt is counted before the password is checked, so simultaneous guesses cannot all get
   * past the limits; every outcome is audited, with the account tried but never the password.
   */
  async login(email: string, password: string, meta: ClientMeta) {
    const normalised = email.trim().toLowerCase();
    await Promise.all([this.throttle.sweep(), this.sessions.deleteExpired()]);
    const user = await this.accounts.byEmail(this.db.manager, normalised);
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

  /**
   * A member of staff changes their own password: the current one proves it is them (a session left
   * open on a shared computer is not enough), guesses at it are limited, and every other session of
   * theirs ends. Also how a reset password is replaced.
   */
  async changePassword(staff: SignedInStaff, currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const key = `password-change:${staff.id}`;
    const { hits, retryAfterSeconds } = await this.counters.hit(key, PASSWORD_CHANGE_ATTEMPTS.windowSeconds);
    if (hits > PASSWORD_CHANGE_ATTEMPTS.max) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many wrong current passwords. Try again in a few minutes.', { retryAfterSeconds });
    }
    const user = await this.accounts.byId(this.db.manager, staff.id);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Your account no longer exists.');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError('VALIDATION_FAILED', 'The current password is wrong.', {
        errors: [{ field: 'currentPassword', messages: ['is not your current password'] }],
      });
    }
    await this.counters.reset(key);
    if (currentPassword === newPassword) {
      throw new DomainError('VALIDATION_FAILED', 'The new password must differ from the current one.', {
        errors: [{ field: 'newPassword', messages: ['must differ from the current password'] }],
      });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await this.accounts.update(tx, staff.id, null, { passwordHash, mustChangePassword: false });
      await this.sessions.closeOthersOf(staff.id, staff.sessionId, tx);
      await this.audit.record({ actorId: staff.id, action: 'update', entity: 'user', entityId: staff.id, fields: ['password'] }, tx);
    });
    return this.info({ ...user, mustChangePassword: false }, staff.expiresAt);
  }

  /** `idleTimeoutMinutes` when the caller already read it with the session (the sign-in check), else read here. */
  async info(
    user: Pick<StaffAccount, 'id' | 'email' | 'displayName' | 'role' | 'mustChangePassword'>,
    expiresAt: Date,
    idleTimeoutMinutes?: number,
  ): Promise<SessionInfo> {
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      mustChangePassword: user.mustChangePassword,
      expiresAt: expiresAt.toISOString(),
      idleTimeoutMinutes: idleTimeoutMinutes ?? (await this.sessions.idleTimeoutMinutes()),
      clinicTimeZone: this.clock.timeZone,
    };
  }
}
