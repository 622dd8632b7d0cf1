import { Injectable } from '@nestjs/common';
import type { Enquiry, EnquiryStatus } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

interface EnquiryRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  name: string;
  email: string | null;
  phone: string | null;
  message: string;
  preferred_clinician: string | null;
  status: EnquiryStatus;
  note: string | null;
  patient_id: string | null;
  consultation_id: string | null;
}

const COLUMNS = `id, version, created_at, updated_at, name, email, phone, message, preferred_clinician, status, note, patient_id, consultation_id`;

const toEnquiry = (r: EnquiryRow): Enquiry => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  name: r.name,
  email: r.email,
  phone: r.phone,
  message: r.message,
  preferredClinician: r.preferred_clinician,
  status: r.status,
  note: r.note,
  patientId: r.patient_id,
  consultationId: r.consultation_id,
});

/** The enquiry inbox: all its SQL and the mapping to the contract. */
/** An enquiry received in the past and the state it has reached since (the demo clinic's inbox). */
export interface PastEnquiry {
  name: string;
  email: string | null;
  phone: string | null;
  message: string;
  preferredClinician: string | null;
  status: EnquiryStatus;
  note: string | null;
  patientId: string | null;
  consultationId: string | null;
  version: number;
  receivedAt: string;
}

@Injectable()
export class EnquiriesRepository {
  async insert(
    m: EntityManager,
    e: { name: string; email: string | null; phone: string | null; message: string; preferredClinician: string | null },
  ): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO enquiries (name, email, phone, message, preferred_clinician) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [e.name, e.email, e.phone, e.message, e.preferredClinician],
    );
    return id;
  }

  async insertPastEnquiry(m: EntityManager, e: PastEnquiry): Promise<void> {
    await m.query(
      `INSERT INTO enquiries (name, email, phone, message, preferred_clinician, status, note, patient_id, consultation_id, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
      [e.name, e.email, e.phone, e.message, e.preferredClinician, e.status, e.note, e.patientId, e.consultationId, e.version, e.receivedAt],
    );
  }

  async find(m: EntityManager, id: string, lock = false): Promise<Enquiry | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM enquiries WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toEnquiry(row) : null;
  }

  /** Newest first, so the inbox opens on what just came in. */
  async list(
    m: EntityManager,
    status: EnquiryStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: Enquiry[]; total: number }> {
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM enquiries WHERE ($1::text IS NULL OR status = $1)`, [
      status ?? null,
    ]);
    const rows: EnquiryRow[] = await m.query(
      `SELECT ${COLUMNS} FROM enquiries WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [status ?? null, limit, offset],
    );
    return { items: rows.map(toEnquiry), total };
  }

  /** false when the version was stale. */
  async update(m: EntityManager, id: string, version: number, change: { status?: EnquiryStatus; note?: string | null }): Promise<boolean> {
    const [rows] = await m.query(
      `UPDATE enquiries SET status = coalesce($3, status), note = CASE WHEN $4 THEN $5 ELSE note END,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, change.status ?? null, change.note !== undefined, change.note ?? null],
    );
    return rows.length === 1;
  }

  async markBooked(m: EntityManager, id: string, patientId: string, consultationId: string): Promise<void> {
    await m.query(
      `UPDATE enquiries SET status = 'booked', patient_id = $2, consultation_id = $3, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, patientId, consultationId],
    );
  }

  /** The active clinicians' names, for the public form's preferred doctor. */
  async clinicianNames(m: EntityManager): Promise<string[]> {
    const rows: { display_name: string }[] = await m.query(
      `SELECT display_name FROM users WHERE role = 'clinician' AND active ORDER BY display_name`,
    );
    return rows.map((r) => r.display_name);
  }
}
