import type { Role } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { StaffAccountsRepository } from '../auth/staff-accounts.repository';

export const DEMO_PASSWORD = 'demo-venule';

/** The demo accounts' ids by role; `secondClinician` is Dr Imran Shah. */
export type DemoStaff = Record<Role, string> & { secondClinician: string };

const STAFF: { role: Role; email: string; displayName: string }[] = [
  { role: 'reception', email: 'reception@demo.venule', displayName: 'Rosa Reception' },
  { role: 'clinician', email: 'clinician@demo.venule', displayName: 'Dr Claire Hughes' },
  { role: 'manager', email: 'manager@demo.venule', displayName: 'Mark Manning' },
  { role: 'admin', email: 'admin@demo.venule', displayName: 'Ada Admin' },
  { role: 'clinician', email: 'imran.shah@demo.venule', displayName: 'Dr Imran Shah' },
];

/**
 * The four demo accounts of SPEC §5, plus a second clinician so workload views have two people,
 * written through the staff accounts' repository as an admin's account creation writes them.
 */
export async function seedDemoStaff(tx: EntityManager): Promise<DemoStaff> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = new StaffAccountsRepository();
  const ids: string[] = [];
  for (const s of STAFF)
    ids.push((await accounts.insert(tx, { email: s.email, displayName: s.displayName, role: s.role, passwordHash })).id);
  const [reception, clinician, manager, admin, secondClinician] = ids;
  return { reception, clinician, manager, admin, secondClinician };
}
