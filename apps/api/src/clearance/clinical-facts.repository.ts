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
import { POLICY_SQL, SettingsRepository, toPolicySettings, type PolicyRow } from '../settings/settings.repository';

/** Stateless (every method takes the transaction), so these free functions share one. */
const settings = new SettingsRepository();

/*
 * The statements below are written from these pieces, and so are the JSON expressions that read
 * the same facts inside a larger statement (completing a session reads all its facts in one).
 */

interface LegTreatmentRow {
  patient_id: string;
  session_id: string;
  leg: Leg;
  on: IsoDate;
}
const LEG_TREATMENT_COLUMNS = `c.patient_id, s.id AS session_id, leg, s.completed_on::text AS on`;
const LEG_TREATMENTS = `courses c
       JOIN sessions s ON s.course_id = c.id AND s.status = 'completed'
       CROSS JOIN LATERAL unnest(s.legs) AS leg`;
const LEG_TREATMENTS_ORDER = `s.completed_on`;
const toLegTreatment = (r: LegTreatmentRow): LegTreatment => ({ leg: r.leg, on: r.on, sessionId: r.session_id });

interface ScanRow {
  id: string;
  performed_on: IsoDate;
  legs: Record<string, ScanLegFacts> | null;
}
const SCAN_COLUMNS = `s.id, s.performed_on::text AS performed_on,
            (SELECT jsonb_object_agg(l.leg, jsonb_build_object('conclusion', l.conclusion))
               FROM scan_legs l WHERE l.scan_id = s.id) AS legs`;
const SCANS_ORDER = `s.performed_on, s.seq`;
const toScanFacts = (r: ScanRow): ScanFacts => ({ id: r.id, performedOn: r.performed_on, legs: r.legs ?? {} });

interface PatientFactsRow {
  date_of_birth: IsoDate;
  history_id: string | null;
  conditions: string[] | null;
  acknowledgements: Record<string, string> | null;
  weight_kg: number | null;
  weight_measured_on: IsoDate | null;
}
const patientFactsSql = (patientId: string) =>
  `SELECT p.date_of_birth::text AS date_of_birth, h.id AS history_id, h.conditions, h.acknowledgements,
            h.weight_kg::float8 AS weight_kg, h.weight_measured_on::text AS weight_measured_on
       FROM patients p LEFT JOIN medical_histories h ON h.patient_id = p.id
      WHERE p.id = ${patientId}`;

function toClearanceFacts(p: PatientFactsRow, scans: ScanFacts[]): ClearanceFacts {
  const medicalHistory: MedicalHistoryFacts | null = p.history_id
    ? {
        conditions: p.conditions ?? [],
        acknowledgements: p.acknowledgements ?? {},
        weightKg: p.weight_kg,
        weightMeasuredOn: p.weight_measured_on,
      }
    : null;
  return { dateOfBirth: p.date_of_birth, medicalHistory, scans };
}

/** The clinic's policy: DEFAULT_POLICY with the settings row laid over it. */
export async function loadPolicy(tx: EntityManager): Promise<ClinicalPolicy> {
  return makePolicy((await settings.policy(tx)) ?? {});
}

/** `loadPolicy` as an SQL expression (JSON, `policyOf` reads it), to read with other facts. */
export const POLICY_JSON = `(SELECT to_json(x) FROM (${POLICY_SQL}) x)`;

export const policyOf = (json: PolicyRow | null): ClinicalPolicy => makePolicy(json ? toPolicySettings(json) : {});

/**
 * Every leg the patients had treated, in any course (the interval is per leg, SPEC §1.4): one
 * entry per leg of each completed session, on its treatment date. Empty for a patient never treated.
 */
export async function loadLegTreatments(tx: EntityManager, patientIds: readonly string[]): Promise<Map<string, LegTreatment[]>> {
  const byPatient = new Map<string, LegTreatment[]>(patientIds.map((id) => [id, []]));
  if (patientIds.length === 0) return byPatient;
  const rows: LegTreatmentRow[] = await tx.query(
    `SELECT ${LEG_TREATMENT_COLUMNS}
       FROM ${LEG_TREATMENTS}
      WHERE c.patient_id = ANY($1::uuid[])
      ORDER BY ${LEG_TREATMENTS_ORDER}`,
    [patientIds],
  );
  for (const r of rows) byPatient.get(r.patient_id)?.push(toLegTreatment(r));
  return byPatient;
}

/** `loadLegTreatments` of one patient as an SQL expression (a JSON array, `legTreatmentsOf` reads it), to read with other facts. */
export const legTreatmentsJson = (patientId: string) =>
  `(SELECT coalesce(json_agg(t ORDER BY ${LEG_TREATMENTS_ORDER}), '[]')
      FROM ${LEG_TREATMENTS} CROSS JOIN LATERAL (SELECT ${LEG_TREATMENT_COLUMNS}) t
     WHERE c.patient_id = ${patientId})`;

export const legTreatmentsOf = (json: LegTreatmentRow[]): LegTreatment[] => json.map(toLegTreatment);

/**
 * Every scan of the patient, oldest first (recording order breaks same-date ties, as the rules
 * expect: `seq`). Reads the scans feature's tables: `scans`, one `scan_legs` row per scanned leg.
 */
export async function loadScanFacts(tx: EntityManager, patientId: string): Promise<ScanFacts[]> {
  const rows: ScanRow[] = await tx.query(`SELECT ${SCAN_COLUMNS} FROM scans s WHERE s.patient_id = $1 ORDER BY ${SCANS_ORDER}`, [
    patientId,
  ]);
  return rows.map(toScanFacts);
}

/** Date of birth, medical history and scans of a patient; null when the patient does not exist. */
export async function loadClearanceFacts(tx: EntityManager, patientId: string): Promise<ClearanceFacts | null> {
  const [p] = await tx.query(patientFactsSql('$1'), [patientId]);
  return p ? toClearanceFacts(p, await loadScanFacts(tx, patientId)) : null;
}

/**
 * `loadClearanceFacts` as an SQL expression (JSON, `clearanceFactsOf` reads it), to read with
 * other facts in one statement: the patient row (null when there is none) and the scans.
 */
export const clearanceFactsJson = (patientId: string) =>
  `json_build_object(
     'patient', (SELECT to_json(p) FROM (${patientFactsSql(patientId)}) p),
     'scans', (SELECT coalesce(json_agg(x ORDER BY ${SCANS_ORDER}), '[]')
                 FROM scans s CROSS JOIN LATERAL (SELECT ${SCAN_COLUMNS}) x
                WHERE s.patient_id = ${patientId}))`;

export const clearanceFactsOf = (json: { patient: PatientFactsRow | null; scans: ScanRow[] }): ClearanceFacts | null =>
  json.patient ? toClearanceFacts(json.patient, json.scans.map(toScanFacts)) : null;

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
