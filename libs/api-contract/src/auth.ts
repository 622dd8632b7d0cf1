import type { Role } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

/** `GET /api/auth/me` and the login response. */
export interface SessionInfo {
  user: StaffMember;
  /** When the session ends if nothing else happens (idle timeout). */
  expiresAt: string;
  idleTimeoutMinutes: number;
  /** The clinic's IANA time zone: the dashboard shows dates and times on this wall clock. */
  clinicTimeZone: string;
  /** An admin reset the password: nothing but changing it works until it is changed. */
  mustChangePassword: boolean;
}

/** `POST /api/auth/password`: a member of staff changes their own password. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
export const SESSION_COOKIE = 'venule_session';
