import type { ChangePasswordRequest, LoginRequest, SessionInfo } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const loginExample: LoginRequest = { email: 'reception@demo.venule', password: 'demo-venule' };

export const sessionInfoExample: SessionInfo = {
  user: { id: '7d3e2c1b-5a4f-4e3d-9c2b-1a0f9e8d7c6b', email: 'reception@demo.venule', displayName: 'Rita Reception', role: 'reception' },
  expiresAt: '2026-03-02T10:00:00.000Z',
  idleTimeoutMinutes: 30,
  clinicTimeZone: 'Europe/London',
  mustChangePassword: false,
};

export const changePasswordExample: ChangePasswordRequest = { currentPassword: 'demo-venule', newPassword: 'a longer new password' };
