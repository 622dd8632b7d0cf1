/** Staff roles. What each may do is the capability table in `access.ts` (SPEC §3). */
export const ROLES = ['reception', 'clinician', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  reception: 'Reception',
  clinician: 'Clinician',
  manager: 'Manager',
  admin: 'Admin',
};
