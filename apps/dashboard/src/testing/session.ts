import { TestBed } from '@angular/core/testing';
import type { ErrorCode, Role, SessionInfo } from '@venule/api-contract';
import { Session } from '../app/core/session';

export function sessionFor(role: Role): SessionInfo {
  return {
    user: { id: `${role}-id`, email: `${role}@demo.venule`, displayName: `Demo ${role}`, role },
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    idleTimeoutMinutes: 30,
    clinicTimeZone: 'Europe/London',
    mustChangePassword: false,
  };
}

/** Pretend the start-up `GET /api/auth/me` found this role signed in. */
export function signInAs(role: Role): Session {
  const session = TestBed.inject(Session);
  session.info.set(sessionFor(role));
  return session;
}

export function problem(status: number, code: ErrorCode, detail: string, extras: object = {}) {
  return { type: 'about:blank', title: code, status, detail, code, ...extras };
}
