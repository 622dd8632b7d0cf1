import type { Role } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';

export const DEMO_PASSWORD = 'demo-venule';

const STAFF: { role: Role; displayName: string }[] = [
  { role: 'reception', displayName: 'Rosa Reception' },
  { role: 'clinician', displayName: 'Dr Claire Hughes' },
  { role: 'manager', displayName: 'Mark Manning' },
  { role: 'admin', displayName: 'Ada Admin' },
];

/** The four demo accounts of SPEC §5, plus a second clinician so workload views have two people. */
export async function seedDemoStaff(tx: EntityManager): Promise<Record<Role, string>> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = {} as Record<Role, string>;
  for (const s of STAFF) {
    const [row] = await tx.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [`${s.role}@demo.venule`, s.displayName, s.role, hash],
    );
    ids[s.role] = row.id;
  }
  await tx.query(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, 'clinician', $3)`,
    ['imran.shah@demo.venule', 'Dr Imran Shah', hash],
  );
  return ids;
}
