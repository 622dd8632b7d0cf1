import type { EntityManager } from 'typeorm';
import { notFound } from '../platform/errors/domain-error';

/** 404 unless the patient exists (archived or not): every clinical record hangs off one. */
export async function requirePatient(tx: EntityManager, patientId: string): Promise<void> {
  const [row] = await tx.query(`SELECT 1 FROM patients WHERE id = $1`, [patientId]);
  if (!row) throw notFound('The patient');
}
