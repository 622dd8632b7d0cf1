import type { EntityManager } from 'typeorm';
import { notFound } from '../platform/errors/domain-error';
import { PatientsRepository } from './patients.repository';

// The repository holds no state, so the modules that call this need not import PatientsModule.
const patients = new PatientsRepository();

/** 404 unless the patient exists (archived or not): every clinical record hangs off one. */
export async function requirePatient(tx: EntityManager, patientId: string): Promise<void> {
  if (!(await patients.exists(tx, patientId))) throw notFound('The patient');
}
