import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { Allow, Public } from './access.decorators';
import type { SignInSessionsService } from './sign-in-sessions.service';

class Undeclared {
  handler() {
    return 'reached';
  }
}
class Declared {
  @Public()
  open() {
    return 'reached';
  }
  @Allow('manageStaff')
  adminOnly() {
    return 'reached';
  }
}

function contextFor(cls: new () => object, method: string, cookies: Record<string, string> = {}): ExecutionContext {
  const request = { cookies };
  return {
    getHandler: () => (cls.prototype as Record<string, unknown>)[method],
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const sessions = { resume: async () => ({ id: 'u1', role: 'reception' }) } as unknown as SignInSessionsService;
  const guard = new AccessGuard(new Reflector(), sessions);

  it('refuses a route that declares no capability, even for a signed-in user', async () => {
    await expect(guard.canActivate(contextFor(Undeclared, 'handler', { venule_session: 't' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets anyone through a public route', async () => {
    await expect(guard.canActivate(contextFor(Declared, 'open'))).resolves.toBe(true);
  });

  it('refuses a role the capability table leaves out', async () => {
    await expect(guard.canActivate(contextFor(Declared, 'adminOnly', { venule_session: 't' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('asks a caller without a session to sign in', async () => {
    await expect(guard.canActivate(contextFor(Declared, 'adminOnly'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
