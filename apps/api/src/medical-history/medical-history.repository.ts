import { Injectable } from '@nestjs/common';
import type { MedicalHistory } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

const SELECT = `
  SELECT h.id, h.patient_id AS "patientId", h.conditions, h.acknowledgements, h.weight_kg AS "weightKg",
         to_char(h.weight_measured_on, 'YYYY-MM-DD') AS "weightMeasuredOn", h.ceap, h.recorded_by AS "recordedBy",
         h.version, h.created_at AS "createdAt", h.updated_at AS "updatedAt"
  FROM medical_histories h`;

interface HistoryRow extends Omit<MedicalHistory, 'weightKg' | 'createdAt' | 'updatedAt' | 'ceap'> {
  weightKg: string | null;
  ceap: MedicalHistory['ceap'] | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a PUT stores: the history replaced whole. */
export type StoredHistory = Pick<MedicalHistory, 'conditions' | 'acknowledgements' | 'weightKg' | 'weightMeasuredOn' | 'ceap'>;

const toHistory = (r: HistoryRow): MedicalHistory => ({
  id: r.id,
  patientId: r.patientId,
  conditions: r.conditions,
  acknowledgements: r.acknowledgements,
  weightKg: r.weightKg === null ? null : Number(r.weightKg),
  weightMeasuredOn: r.weightMeasuredOn,
  ceap: r.ceap ?? {},
  recordedBy: r.recordedBy,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const columns = (h: StoredHistory, recordedBy: string) => [
  h.conditions,
  JSON.stringify(h.acknowledgements),
  h.weightKg,
  h.weightMeasuredOn,
  JSON.stringify(h.ceap),
  recordedBy,
];

/**
 * A history recorded `days_ago` days ago (the demo clinic's): a weight measured later than the
 * history (`updated_days_ago` < `days_ago`) made it a second version then.
 */
export interface PastHistoryRow {
  patient_id: string;
  conditions: string[];
  acknowledgements: Record<string, string>;
  weight_kg: number | null;
  weight_measured_on: string | null;
  ceap: Record<string, unknown>;
  days_ago: number;
  updated_days_ago: number;
}

/** Medical histories, one per patient: all the SQL, and the one mapping to the contract. */
@Injectable()
export class MedicalHistoryRepository {
  /** The patient's history, locked for a replacement when `forUpdate`; null when none is recorded. */
  async ofPatient(m: EntityManager, patientId: string, forUpdate = false): Promise<MedicalHistory | null> {
    const [row] = await m.query(`${SELECT} WHERE h.patient_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [patientId]);
    return row ? toHistory(row) : null;
  }

  /** Returns the new history's id, or null when another one was recorded for the patient meanwhile. */
  async insert(m: EntityManager, patientId: string, history: StoredHistory, recordedBy: string): Promise<string | null> {
    const inserted = await m.query(
      `INSERT INTO medical_histories (patient_id, conditions, acknowledgements, weight_kg, weight_measured_on, ceap, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (patient_id) DO NOTHING RETURNING id`,
      [patientId, ...columns(history, recordedBy)],
    );
    return inserted[0]?.id ?? null;
  }

  async replace(m: EntityManager, patientId: string, version: number, history: StoredHistory, recordedBy: string): Promise<void> {
    await m.query(
      `UPDATE medical_histories SET conditions = $3, acknowledgements = $4, weight_kg = $5, weight_measured_on = $6, ceap = $7,
         recorded_by = $8, version = version + 1, updated_at = now()
       WHERE patient_id = $1 AND version = $2`,
      [patientId, version, ...columns(history, recordedBy)],
    );
  }

  /** Histories recorded in the past, in one statement. */
  async insertPastHistories(m: EntityManager, rows: readonly PastHistoryRow[], recordedBy: string): Promise<void> {
    await m.query(
      `INSERT INTO medical_histories (patient_id, conditions, acknowledgements, weight_kg, weight_measured_on, ceap, recorded_by, version, created_at, updated_at)
       SELECT r.patient_id, ARRAY(SELECT jsonb_array_elements_text(r.conditions)), r.acknowledgements, r.weight_kg, r.weight_measured_on, r.ceap, $2,
              CASE WHEN r.updated_days_ago < r.days_ago THEN 2 ELSE 1 END,
              now() - make_interval(days => r.days_ago), now() - make_interval(days => r.updated_days_ago)
       FROM jsonb_to_recordset($1::jsonb) AS r(patient_id uuid, conditions jsonb, acknowledgements jsonb, weight_kg numeric, weight_measured_on date,
            ceap jsonb, days_ago int, updated_days_ago int)`,
      [JSON.stringify(rows), recordedBy],
    );
  }
}
