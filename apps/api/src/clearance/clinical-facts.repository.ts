/**
 * Facts the clinical rules need, gathered from the database in a few set-based queries.
 * Nothing here decides anything: the decisions are @venule/clinical-rules'.
 * Always called with the transaction's manager (the embedded database has one connection).
 */
import type { IsoDate, Leg } from '@venule/api-contract';
import {
  makePolicy,
  type LegTreatment,
  type ClearanceFacts,
  type ClinicalPolicy,
  type MedicalHistoryFacts,
  type ScanFacts,
  type ScanLegFacts,
} from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { SettingsRepository } from '../settings/settings.repository';

/** Stateless (every method takes the transaction), so these free functions share one. */
const settings = new SettingsRepository();

/** The clinic's policy: DEFAULT_POLICY with the settings row laid over it. */
export async function loadPolicy(tx: EntityManager): Promise<ClinicalPolicy> {
  return makePolicy((await settings.policy(tx)) ?? {});
}

/** One row per leg of each completed session of the patients in `patientIds` (an SQL uuid[] expression). */
const legTreatmentRows = (patientIds: string) => `
  SELECT c.patient_id, s.id AS session_id, leg, s.completed_on::text AS on
    FROM courses c
    JOIN sessions s ON s.course_id = c.id AND s.status = 'completed'
    CROSS JOIN LATERAL unnest(s.legs) AS leg
   WHERE c.patient_id = ANY(${patientIds})`;

/**
 * `loadLegTreatments` of one patient as a JSON array of LegTreatment, for a statement that reads
 * more. `patientId` is a parameter (`$1::uuid`): a column of the outer query could be shadowed.
 */
export const legTreatmentsJson = (patientId: string) => `
  (SELECT coalesce(json_agg(json_build_object('leg', t.leg, 'on', t.on, 'sessionId', t.session_id) ORDER BY t.on), '[]'::json)
     FROM (${legTreatmentRows(`ARRAY[${patientId}]`)}) t)`;

/**
 * Every leg the patients had treated, in any course (the interval is per leg, SPEC §1.4): one
 * entry per leg of each completed session, on its treatment date. Empty for a patient never treated.
 */
export async function loadLegTreatments(tx: EntityManager, patientIds: readonly string[]): Promise<Map<string, LegTreatment[]>> {
  const byPatient = new Map<string, LegTreatment[]>(patientIds.map((id) => [id, []]));
  if (patientIds.length === 0) return byPatient;
  const rows: { patient_id: string; session_id: string; leg: Leg; on: IsoDate }[] = await tx.query(
    `${legTreatmentRows('$1::uuid[]')} ORDER BY s.completed_on`,
    [patientIds],
  );
  for (const r of rows) byPatient.get(r.patient_id)?.push({ leg: r.leg, on: r.on, sessionId: r.session_id });
  return byPatient;
}

/**
 * Every scan of the patient, oldest first (recording order breaks same-date ties, as the rules
 * expect: `seq`). Reads the scans feature's tables: `scans`, one `scan_legs` row per scanned leg.
 */
export async function loadScanFacts(tx: EntityManager, patientId: string): Promise<ScanFacts[]> {
  const rows: ScanRow[] = await tx.query(`${SCAN_ROWS} WHERE s.patient_id = $1 ORDER BY s.performed_on, s.seq`, [patientId]);
  return rows.map(scanFactsOf);
}

interface ScanRow {
  id: string;
  performed_on: IsoDate;
  legs: Record<string, ScanLegFacts> | null;
}

/** A scan's facts, with its recording order (`seq`) to sort by. */
const SCAN_ROWS = `
  SELECT s.id, s.performed_on::text AS performed_on, s.seq,
         (SELECT jsonb_object_agg(l.leg, jsonb_build_object('conclusion', l.conclusion))
            FROM scan_legs l WHERE l.scan_id = s.id) AS legs
    FROM scans s`;

const scanFactsOf = (r: ScanRow): ScanFacts => ({ id: r.id, performedOn: r.performed_on, legs: r.legs ?? {} });

/** The patient row `loadClearanceFacts` reads: from `patients p LEFT JOIN medical_histories h`. */
const CLEARANCE_COLUMNS = `p.date_of_birth::text AS date_of_birth, h.id AS history_id, h.conditions, h.acknowledgements,
  h.weight_kg::float8 AS weight_kg, h.weight_measured_on::text AS weight_measured_on`;

interface ClearanceRow {
  date_of_birth: IsoDate;
  history_id: string | null;
  conditions: string[] | null;
  acknowledgements: Record<string, string> | null;
  weight_kg: number | null;
  weight_measured_on: IsoDate | null;
}

function clearanceFactsOf(p: ClearanceRow, scans: ScanFacts[]): ClearanceFacts {
  const medicalHistory: MedicalHistoryFacts | null = p.history_id
    ? {
        conditions: (p.conditions ?? []) as MedicalHistoryFacts['conditions'],
        acknowledgements: p.acknowledgements ?? {},
        weightKg: p.weight_kg,
        weightMeasuredOn: p.weight_measured_on,
      }
    : null;
  return { dateOfBirth: p.date_of_birth, medicalHistory, scans };
}

/** Date of birth, medical history and scans of a patient; null when the patient does not exist. */
export async function loadClearanceFacts(tx: EntityManager, patientId: string): Promise<ClearanceFacts | null> {
  const [p] = await tx.query(
    `SELECT ${CLEARANCE_COLUMNS} FROM patients p LEFT JOIN medical_histories h ON h.patient_id = p.id WHERE p.id = $1`,
    [patientId],
  );
  if (!p) return null;
  return clearanceFactsOf(p, await loadScanFacts(tx, patientId));
}

/**
 * `loadClearanceFacts` of one patient as one JSON value, for a statement that reads more; read it
 * with `clearanceFactsFromJson`. `patientId` is a parameter (`$1::uuid`): inside, `p` is the
 * patient read, so an outer `p.id` would name it instead.
 */
export const clearanceFactsJson = (patientId: string) => `
  (SELECT json_build_object(
            'patient', row_to_json(x),
            'scans', (SELECT coalesce(json_agg(s ORDER BY s.performed_on, s.seq), '[]'::json)
                        FROM (${SCAN_ROWS} WHERE s.patient_id = ${patientId}) s))
     FROM (SELECT ${CLEARANCE_COLUMNS} FROM patients p LEFT JOIN medical_histories h ON h.patient_id = p.id WHERE p.id = ${patientId}) x)`;

export function clearanceFactsFromJson(json: { patient: ClearanceRow; scans: ScanRow[] } | null): ClearanceFacts | null {
  return json ? clearanceFactsOf(json.patient, json.scans.map(scanFactsOf)) : null;
}

/**
 * Clearance facts of every patient not archived who has a medical history, by clinic number, in
 * one statement (the demo clinic picks the patients its courses can treat from these).
 */
export async function loadClearanceFactsOfPatientsWithHistory(tx: EntityManager): Promise<{ id: string; facts: ClearanceFacts }[]> {
  const rows: {
    id: string;
    dob: string;
    conditions: string[];
    acknowledgements: Record<string, string>;
    weight_kg: number | null;
    weight_measured_on: string | null;
    scans: { id: string; performedOn: string; legs: Record<string, ScanLegFacts> | null }[];
  }[] = await tx.query(
    `SELECT p.id, p.date_of_birth::text AS dob, h.conditions, h.acknowledgements, h.weight_kg::float8 AS weight_kg,
            h.weight_measured_on::text AS weight_measured_on,
            coalesce((SELECT json_agg(json_build_object('id', s.id, 'performedOn', s.performed_on::text,
                        'legs', (SELECT json_object_agg(l.leg, json_build_object('conclusion', l.conclusion)) FROM scan_legs l WHERE l.scan_id = s.id))
                      ORDER BY s.performed_on, s.seq)
                      FROM scans s WHERE s.patient_id = p.id), '[]'::json) AS scans
       FROM patients p JOIN medical_histories h ON h.patient_id = p.id
      WHERE NOT p.archived
      ORDER BY p.clinic_number`,
  );
  return rows.map((r) => ({
    id: r.id,
    facts: {
      dateOfBirth: r.dob,
      medicalHistory: {
        conditions: r.conditions,
        acknowledgements: r.acknowledgements,
        weightKg: r.weight_kg,
        weightMeasuredOn: r.weight_measured_on,
      },
      scans: r.scans.map((s) => ({ id: s.id, performedOn: s.performedOn, legs: s.legs ?? {} })),
    },
  }));
}
