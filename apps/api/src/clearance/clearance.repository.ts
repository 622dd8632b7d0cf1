import { Injectable } from '@nestjs/common';
import type { Leg, ScanConclusion } from '@venule/api-contract';
import type { ClearanceFacts } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { auditRecordset, insertAuditSql, type AuditRow } from '../platform/audit/audit-recording.repository';
import { queryPrepared } from '../platform/database/prepared';

interface FactsRow {
  id: string;
  dateOfBirth: string;
  hasHistory: boolean;
  conditions: string[] | null;
  acknowledgements: Record<string, string> | null;
  scans: { id: string; performedOn: string; legs: Partial<Record<Leg, { conclusion: ScanConclusion }>> | null }[];
  scanValidityMonths: number;
}

/**
 * Everything clearance (SPEC §1.1–1.3) needs, for any number of patients, in ONE statement:
 * date of birth, medical history conditions, every scan with its legs' conclusions (in recording
 * order, as the rule wants), and the clinic's scan validity setting. Findings are never read here.
 */
const FACTS_SQL = `
  SELECT p.id,
         to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
         (mh.id IS NOT NULL) AS "hasHistory",
         mh.conditions,
         mh.acknowledgements,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'id', s.id,
                    'performedOn', to_char(s.performed_on, 'YYYY-MM-DD'),
                    'legs', (SELECT json_object_agg(l.leg, json_build_object('conclusion', l.conclusion))
                             FROM scan_legs l WHERE l.scan_id = s.id))
                  ORDER BY s.performed_on, s.seq)
           FROM scans s WHERE s.patient_id = p.id), '[]'::json) AS scans,
         cs.scan_validity_months AS "scanValidityMonths"
  FROM patients p
  LEFT JOIN medical_histories mh ON mh.patient_id = p.id
  CROSS JOIN clinic_settings cs
  WHERE p.id = ANY($1::uuid[])`;

/** One patient's clearance facts and the clinic's scan validity setting. */
export interface PatientClearanceFacts {
  patientId: string;
  facts: ClearanceFacts;
  scanValidityMonths: number;
}

/** The facts clearance reads: the SQL, and the one mapping to the rules' shape. */
@Injectable()
export class ClearanceRepository {
  /** Facts of the given patients; absent ids are simply missing. */
  async facts(m: EntityManager, patientIds: readonly string[]): Promise<PatientClearanceFacts[]> {
    const rows: FactsRow[] = patientIds.length ? await queryPrepared(m, FACTS_SQL, [patientIds]) : [];
    return rows.map(toFacts);
  }

  /**
   * `facts` for a clinical read, with the read's audit rows written by the same statement (a
   * data-modifying WITH): of the rows given, those whose patient was found, so an id of no
   * patient leaves no row. The answer is only ever built after its audit rows are written, and
   * a failed audit answers nothing.
   */
  async factsAudited(m: EntityManager, patientIds: readonly string[], audit: readonly AuditRow[]): Promise<PatientClearanceFacts[]> {
    if (!patientIds.length) return [];
    const rows: FactsRow[] = await queryPrepared(
      m,
      `WITH facts AS (${FACTS_SQL}), audit AS (
         ${insertAuditSql(`(SELECT jsonb_agg(e) FROM jsonb_array_elements($2::jsonb) e WHERE (e->>'patient_id')::uuid IN (SELECT id FROM facts))`)}
       )
       SELECT * FROM facts`,
      [patientIds, auditRecordset(audit)],
    );
    return rows.map(toFacts);
  }
}

const toFacts = (row: FactsRow): PatientClearanceFacts => ({
  patientId: row.id,
  scanValidityMonths: row.scanValidityMonths,
  facts: {
    dateOfBirth: row.dateOfBirth,
    medicalHistory: row.hasHistory ? { conditions: row.conditions ?? [], acknowledgements: row.acknowledgements ?? {} } : null,
    scans: row.scans.map((s) => ({ id: s.id, performedOn: s.performedOn, legs: s.legs ?? {} })),
  },
});
