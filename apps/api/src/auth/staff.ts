import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffMember } from '@venule/api-contract';
import type { FastifyRequest } from 'fastify';

/** The signed-in staff member, attached to the request by the AccessGuard. */
export interface SignedInStaff extends StaffMember {
  sessionId: string;
  expiresAt: Date;
  mustChangePassword: boolean;
  /** The clinic's idle timeout, read with the session so that answering who is signed in needs no second query. */
  idleTimeoutMinutes: number;
}

export type StaffRequest = FastifyRequest & { staff?: SignedInStaff };

export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInStaff => {
  const staff = ctx.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new Error('CurrentStaff used on a route that is not role-protected');
  return staff;
});
