import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, type Page, type PasswordReset, type User } from '@venule/api-contract';
import { DataSource, QueryFailedError } from 'typeorm';
import { hashPassword, temporaryPassword } from '../auth/passwords';
import { SignInSessionsService } from '../auth/sign-in-sessions.service';
import { StaffAccountsRepository, toUser, type StaffAccountChanges } from '../auth/staff-accounts.repository';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, notFound, versionConflict } from '../platform/errors/domain-error';
import type { CreateUserDto } from './dto/create-user.dto';
import type { UpdateUserDto } from './dto/update-user.dto';

const emailTaken = (email: string) =>
  new DomainError('CONFLICT', `A staff account for ${email} already exists.`, {
    errors: [{ field: 'email', messages: ['is already used by another account'] }],
  });

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string }).code === '23505' &&
  (error.driverError as { constraint?: string }).constraint === constraint;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly sessions: SignInSessionsService,
    private readonly audit: AuditService,
  ) {}

  async list(limit: number, offset: number): Promise<Page<User>> {
    const { rows, total } = await this.accounts.page(this.db.manager, limit, offset);
    return { items: rows.map(toUser), total, limit, offset };
  }

  async create(dto: CreateUserDto, actorId: string): Promise<User> {
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.db.transaction(async (tx) => {
        const user = await this.accounts.insert(tx, { email: dto.email, displayName: dto.displayName, role: dto.role, passwordHash });
        await this.audit.record(
          { actorId, action: 'create', entity: 'user', entityId: user.id, fields: ['email', 'displayName', 'role'] },
          tx,
        );
        return toUser(user);
      });
    } catch (error) {
      // The unique index decides, so two admins creating one email at once get one account and a 409.
      if (isUniqueViolation(error, 'users_email_key')) throw emailTaken(dto.email);
      throw error;
    }
  }

  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<User> {
    const changes: StaffAccountChanges = {};
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (dto.role !== undefined) changes.role = dto.role;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.password !== undefined) changes.passwordHash = await hashPassword(dto.password);
    if (id === actorId && (dto.active === false || (dto.role && !can(dto.role, 'manageStaff')))) {
      throw new DomainError('VALIDATION_FAILED', 'You cannot deactivate your own account or take away your own right to manage staff.', {
        errors: [{ field: dto.active === false ? 'active' : 'role', messages: ['cannot be changed on your own account'] }],
      });
    }
    return this.db.transaction(async (tx) => {
      const user = await this.accounts.update(tx, id, dto.version, changes);
      if (!user) throw (await this.accounts.exists(tx, id)) ? versionConflict('The staff account') : notFound('The staff account');
      // A deactivated account, or one whose password or role changed, signs in afresh.
      if (dto.active === false || dto.password !== undefined || dto.role !== undefined) {
        await this.sessions.closeAllFor(id, tx);
      }
      const fields = Object.keys(dto).filter((k) => k !== 'version');
      await this.audit.record({ actorId, action: 'update', entity: 'user', entityId: id, fields }, tx);
      return toUser(user);
    });
  }

  /**
   * An admin resets someone's password to a temporary one shown once: every session of theirs ends,
   * and at their next sign-in nothing works until they choose their own.
   */
  async resetPassword(id: string, version: number, actorId: string): Promise<PasswordReset> {
    if (id === actorId) {
      throw new DomainError('VALIDATION_FAILED', 'To change your own password, use “Change password” in your account menu.', {
        errors: [{ field: 'id', messages: ['is your own account'] }],
      });
    }
    const temporary = temporaryPassword();
    const passwordHash = await hashPassword(temporary);
    return this.db.transaction(async (tx) => {
      const user = await this.accounts.update(tx, id, version, { passwordHash, mustChangePassword: true });
      if (!user) throw (await this.accounts.exists(tx, id)) ? versionConflict('The staff account') : notFound('The staff account');
      await this.sessions.closeAllFor(id, tx);
      await this.audit.record({ actorId, action: 'update', entity: 'user', entityId: id, fields: ['password', 'mustChangePassword'] }, tx);
      return { user: toUser(user), temporaryPassword: temporary };
    });
  }
}
