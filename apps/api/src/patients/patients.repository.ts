import { Injectable } from '@nestjs/common';
import type { ContactPreference, Patient, PatientSummary } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';
import { auditRecordset, insertAuditSql, type AuditRow } from '../platform/audit/audit-recording.repository';
import type { RegisterPatientDto } from './dto/register-patient.dto';
import type { SearchOptions, SummaryRow } from './patient-search';
import { runSearch, type SearchDb } from './patient-search.repository';
import { queryPrepared } from '../platform/database/prepared';

/** Demographic fields and their columns; the order is the order audit events list them in. */
const COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  dateOfBirth: 'date_of_birth',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  address: 'address',
  postcode: 'postcode',
  gpName: 'gp_name',
  contactPreference: 'contact_preference',
  archived: 'archived',
} as const;
export type PatientField = keyof typeof COLUMNS;
export const PATIENT_FIELDS = Object.keys(COLUMNS) as PatientField[];

const PATIENT_SELECT = `
  SELECT p.id, p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.clinic_number AS "clinicNumber",
         p.first_name AS "firstName", p.last_name AS "lastName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
         p.sex, p.phone, p.email, p.address, p.postcode, p.gp_name AS "gpName",
         p.contact_preference AS "contactPreference", p.archived
  FROM patients p`;

const SUMMARY_SELECT = `
  SELECT p.id, p.clinic_number AS "clinicNumber", p.first_name AS "firstName", p.last_name AS "lastName",
         to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.phone, p.archived
  FROM patients p`;

type PatientRow = Omit<Patient, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

const toPatient = (r: PatientRow): Patient => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });
const toSummary = (r: SummaryRow): PatientSummary => ({
  id: r.id,
  clinicNumber: r.clinicNumber,
  firstName: r.firstName,
  lastName: r.lastName,
  dateOfBirth: r.dateOfBirth,
  phone: r.phone,
  archived: r.archived,
});

/** A registration made in the past (the demo clinic's patients): `ord` orders the clinic numbers. */
export interface PastRegistrationRow {
  first_name: string;
  last_name: string;
  date_of_birth: string;
  sex: string;
  phone: string;
  email: string | null;
  address: string;
  postcode: string;
  gp_name: string | null;
  archived: boolean;
  registered_days_ago: number;
  ord: number;
  /** Defaults as at registration: email when there is an address, else sms. */
  contact_preference?: ContactPreference;
}

/** The patient registry: all the SQL, and the one mapping to the contract. */
@Injectable()
export class PatientsRepository {
  /** The patient, locked for a change when `forUpdate`; null when there is no such patient. */
  async find(m: EntityManager, id: string, forUpdate = false): Promise<Patient | null> {
    const [row] = await m.query(`${PATIENT_SELECT} WHERE p.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toPatient(row) : null;
  }

  /**
   * `find` for a read, with its audit rows written by the same statement (a data-modifying WITH),
   * only when the patient exists: the record is only ever answered after its audit row is
   * written, and a failed audit answers nothing.
   */
  async findAudited(m: EntityManager, id: string, audit: readonly AuditRow[]): Promise<Patient | null> {
    const [row] = await queryPrepared(
      m,
      `WITH found AS (${PATIENT_SELECT} WHERE p.id = $1), audit AS (
         ${insertAuditSql('(CASE WHEN EXISTS (SELECT 1 FROM found) THEN $2 END)')}
       )
       SELECT * FROM found`,
      [id, auditRecordset(audit)],
    );
    return row ? toPatient(row) : null;
  }

  /** Whether the patient exists, archived or not. */
  async exists(m: EntityManager, id: string): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM patients WHERE id = $1`, [id]);
    return row !== undefined;
  }

  /** Holds, until the transaction ends, everyone registering the same name and date of birth. */
  async lockRegistration(m: EntityManager, firstName: string, lastName: string, dateOfBirth: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext(venule_fold($1) || '|' || venule_fold($2) || '|' || $3))`, [
      firstName,
      lastName,
      dateOfBirth,
    ]);
  }

  /** Patients with the same name (accents and case folded) and date of birth, oldest registration first. */
  async sameNameAndBirth(m: EntityManager, firstName: string, lastName: string, dateOfBirth: string): Promise<PatientSummary[]> {
    const rows: SummaryRow[] = await m.query(
      `${SUMMARY_SELECT}
       WHERE venule_fold(p.last_name) = venule_fold($2) AND venule_fold(p.first_name) = venule_fold($1) AND p.date_of_birth = $3::date
       ORDER BY p.created_at`,
      [firstName, lastName, dateOfBirth],
    );
    return rows.map(toSummary);
  }

  /** Returns the new patient's id. */
  async insert(m: EntityManager, dto: RegisterPatientDto, createdBy: string): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email, address, postcode, gp_name, created_by, contact_preference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, CASE WHEN $6::text IS NULL THEN 'sms' ELSE 'email' END))
       RETURNING id`,
      [
        dto.firstName,
        dto.lastName,
        dto.dateOfBirth,
        dto.sex,
        dto.phone ?? null,
        dto.email ?? null,
        dto.address ?? null,
        dto.postcode ?? null,
        dto.gpName ?? null,
        createdBy,
        dto.contactPreference ?? null,
      ],
    );
    return row.id;
  }

  /** Writes the changed fields if the record is still at `version`; false when it is not. */
  async update(m: EntityManager, id: string, version: number, changes: Partial<Record<PatientField, unknown>>): Promise<boolean> {
    const changed = PATIENT_FIELDS.filter((f) => f in changes);
    const sets = changed.map((f, i) => `${COLUMNS[f]} = $${i + 3}`);
    const result = await m.query(
      `UPDATE patients SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, ...changed.map((f) => changes[f] ?? null)],
    );
    return result[0].length > 0;
  }

  /** Reception's search (see patient-search.ts); the fuzzy pass runs in a transaction of its own. */
  async search(m: EntityManager, q: string, options: SearchOptions): Promise<{ items: PatientSummary[]; total: number }> {
    const db: SearchDb = {
      query: (sql, params) => m.query(sql, params),
      transaction: (work) => m.transaction((tx) => work((sql, params) => tx.query(sql, params))),
    };
    const { rows, total } = await runSearch(db, q, options);
    return { items: rows.map(toSummary), total };
  }

  /**
   * Registrations made `registered_days_ago` days ago, in one statement and in `ord` order (the
   * clinic numbers follow it). Answers each new id with the name it was registered under.
   */
  async insertPastRegistrations(
    m: EntityManager,
    rows: readonly PastRegistrationRow[],
    createdBy: string,
  ): Promise<{ id: string; first_name: string; last_name: string }[]> {
    return m.query(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email, address, postcode, gp_name, archived, created_by, created_at, updated_at,
                             contact_preference)
       SELECT r.first_name, r.last_name, r.date_of_birth, r.sex, r.phone, r.email, r.address, r.postcode, r.gp_name, r.archived, $2,
              now() - make_interval(days => r.registered_days_ago), now() - make_interval(days => r.registered_days_ago),
              coalesce(r.contact_preference, CASE WHEN r.email IS NULL THEN 'sms' ELSE 'email' END)
       FROM jsonb_to_recordset($1::jsonb) AS r(first_name text, last_name text, date_of_birth date, sex text, phone text,
            email text, address text, postcode text, gp_name text, archived boolean, registered_days_ago int, ord int,
            contact_preference text)
       ORDER BY r.ord
       RETURNING id, first_name, last_name`,
      [JSON.stringify(rows), createdBy],
    );
  }
}
