import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SESSION_COOKIE, can, type Capability } from '@venule/api-contract';
import { DomainError } from '../platform/errors/domain-error';
import { BEFORE_PASSWORD_CHANGE_KEY, CAPABILITY_KEY, PUBLIC_KEY } from './access.decorators';
import { SignInSessionsService } from './sign-in-sessions.service';
import type { StaffRequest } from './staff';

/**
 * Deny by default: a handler that declares neither @Allow nor @Public is refused for everyone,
 * and a test walks every route to make sure none is left undeclared.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SignInSessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const capability = this.reflector.getAllAndOverride<Capability | undefined>(CAPABILITY_KEY, targets);
    if (!capability) throw new DomainError('FORBIDDEN', 'This route declares no capability, so nobody may use it.');

    const request = context.switchToHttp().getRequest<StaffRequest>();
    const token = request.cookies?.[SESSION_COOKIE];
    const staff = token ? await this.sessions.resume(token) : null;
    if (!staff) {
      throw new DomainError('UNAUTHENTICATED', token ? 'Your session has expired. Please sign in again.' : 'Please sign in.');
    }
    request.staff = staff;
    if (staff.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Your password was reset. Choose a new password before you go on.');
    }
    if (!can(staff.role, capability)) {
      throw new DomainError('FORBIDDEN', `The ${staff.role} role may not use this.`);
    }
    return true;
  }
}
