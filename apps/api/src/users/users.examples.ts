import type { CreateUserRequest, PasswordReset, ResetPasswordRequest, UpdateUserRequest, User } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const CLINICIAN_ID = '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21';

export const userExample: User = {
  id: CLINICIAN_ID,
  version: 1,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
  email: 'sarah.lind@clinic.example',
  displayName: 'Dr Sarah Lind',
  role: 'clinician',
  active: true,
  mustChangePassword: false,
};

export const createUserExample: CreateUserRequest = {
  email: 'sarah.lind@clinic.example',
  displayName: 'Dr Sarah Lind',
  role: 'clinician',
  password: 'a long first password',
};

export const updateUserExample: UpdateUserRequest = { version: 1, role: 'manager' };

export const resetPasswordExample: ResetPasswordRequest = { version: 1 };

export const passwordResetExample: PasswordReset = {
  user: { ...userExample, version: 2, mustChangePassword: true },
  temporaryPassword: 'plum-orbit-canal-7412',
};
