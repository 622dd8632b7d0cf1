import { Injectable } from '@nestjs/common';
import type { Consultation, ConsultationStatus, ConsultationType, Payment, PaymentKind, PaymentMethod } from '@venule/api-contract';
import { balanceDuePence, clinicDate, paidPence } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';

export interface ConsultationRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  type: ConsultationType;
  patient_id: string;
  patient_name: string;
  clinic_number: string;
  clinician_id: string | null;
  clinician_name: string | null;
  starts_at: Date;
  ends_at: Date;
  status: ConsultationStatus;
  status_reason: string | null;
  fee_pence: number;
  deposit_pence: number;
}

interface PaymentRow {
  id: string;
  consultation_id: string;
  kind: PaymentKind;
  amount_pence: number;
  method: PaymentMethod;
  reference: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface NewConsultation {
  type: ConsultationType;
  patientId: string;
  clinicianId: string | null;
  startsAt: string;
  durationMinutes: number;
  status: ConsultationStatus;
  feePence: number;
  depositPence: number;
  bookedBy: string;
}

/**
 * A consultation booked in the past (the demo clinic's), with the status it has reached since:
 * `statusChangedAt` and `statusChangedBy` are null while it keeps the status it opened with.
 */
export interface PastConsultation {
  type: ConsultationType;
  patientId: string;
  clinicianId: string;
  startsAt: string;
  endsAt: string;
  status: ConsultationStatus;
  feePence: number;
  depositPence: number;
  statusReason: string | null;
  statusChangedAt: string | null;
  statusChangedBy: string | null;
  bookedBy: string;
  bookedAt: string;
  version: number;
}

export interface ConsultationChange {
  clinicianId?: string | null;
  startsAt?: string;
  durationMinutes?: number;
  status?: ConsultationStatus;
  statusReason?: string | null;
  changedBy: string;
}

export interface ConsultationFilter {
  patientId?: string;
  clinicianId?: string;
  status?: ConsultationStatus;
  /** Instants bounding `starts_at`: [from, to). */
  from?: string;
  to?: string;
}

const SELECT = `
  SELECT k.id, k.version, k.created_at, k.updated_at, k.type, k.patient_id,
         p.first_name || ' ' || p.last_name AS patient_name, p.clinic_number,
         k.clinician_id, u.display_name AS clinician_name, k.starts_at, k.ends_at, k.status, k.status_reason,
         k.fee_pence, k.deposit_pence
    FROM consultations k
    JOIN patients p ON p.id = k.patient_id
    LEFT JOIN users u ON u.id = k.clinician_id`;

const PAYMENT_COLUMNS = 'id, consultation_id, kind, amount_pence, method, reference, recorded_by, recorded_at';

/** Consultations and their payment ledger: all the SQL, and the one mapping to the contract. */
@Injectable()
export class ConsultationsRepository {
  async isActiveClinician(m: EntityManager, id: string): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'clinician' AND active`, [id]);
    return Boolean(row);
  }

  async patientExists(m: EntityManager, id: string): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM patients WHERE id = $1`, [id]);
    return Boolean(row);
  }

  /** The insert's trigger writes the diary row; an overlap there fails it with exclusion_violation. */
  async insert(m: EntityManager, c: NewConsultation): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO consultations (type, patient_id, clinician_id, starts_at, ends_at, status, fee_pence, deposit_pence, booked_by)
       VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(mins => $5), $6, $7, $8, $9) RETURNING id`,
      [c.type, c.patientId, c.clinicianId, c.startsAt, c.durationMinutes, c.status, c.feePence, c.depositPence, c.bookedBy],
    );
    return id;
  }

  /** The insert's trigger writes the diary row of a live booking, as for `insert`. */
  async insertPastConsultation(m: EntityManager, c: PastConsultation): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO consultations (type, patient_id, clinician_id, starts_at, ends_at, status, fee_pence, deposit_pence, status_reason,
                                  status_changed_at, status_changed_by, booked_by, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
      [
        c.type,
        c.patientId,
        c.clinicianId,
        c.startsAt,
        c.endsAt,
        c.status,
        c.feePence,
        c.depositPence,
        c.statusReason,
        c.statusChangedAt,
        c.statusChangedBy,
        c.bookedBy,
        c.version,
        c.bookedAt,
      ],
    );
    return id;
  }

  async find(m: EntityManager, id: string, lock = false): Promise<ConsultationRow | null> {
    if (lock) await m.query(`SELECT 1 FROM consultations WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await m.query(`${SELECT} WHERE k.id = $1`, [id]);
    return row ?? null;
  }

  async list(m: EntityManager, f: ConsultationFilter, limit: number, offset: number): Promise<{ rows: ConsultationRow[]; total: number }> {
    const where = `WHERE ($1::uuid IS NULL OR k.patient_id = $1) AND ($2::uuid IS NULL OR k.clinician_id = $2)
        AND ($3::text IS NULL OR k.status = $3) AND ($4::timestamptz IS NULL OR k.starts_at >= $4)
        AND ($5::timestamptz IS NULL OR k.starts_at < $5)`;
    const params = [f.patientId ?? null, f.clinicianId ?? null, f.status ?? null, f.from ?? null, f.to ?? null];
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM consultations k ${where}`, params);
    const rows = await m.query(`${SELECT} ${where} ORDER BY k.starts_at, k.id LIMIT $6 OFFSET $7`, [...params, limit, offset]);
    return { rows, total };
  }

  async payments(m: EntityManager, consultationIds: string[]): Promise<PaymentRow[]> {
    if (consultationIds.length === 0) return [];
    return m.query(
      `SELECT ${PAYMENT_COLUMNS} FROM consultation_payments WHERE consultation_id = ANY($1::uuid[]) ORDER BY recorded_at, id`,
      [consultationIds],
    );
  }

  async addPayment(
    m: EntityManager,
    consultationId: string,
    p: { kind: PaymentKind; amountPence: number; method: PaymentMethod; reference?: string | null },
    recordedBy: string,
    recordedAt: string | null = null,
  ): Promise<string> {
    // `recordedAt` dates a payment taken in the past (the demo clinic's); otherwise the column's default.
    const [{ id }] = await m.query(
      `INSERT INTO consultation_payments (consultation_id, kind, amount_pence, method, reference, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, clock_timestamp())) RETURNING id`,
      [consultationId, p.kind, p.amountPence, p.method, p.reference ?? null, recordedBy, recordedAt],
    );
    return id;
  }

  /** Writes the given fields and bumps the version; false when the version was stale. */
  async update(m: EntityManager, id: string, version: number, c: ConsultationChange): Promise<boolean> {
    const [rows] = await m.query(
      `UPDATE consultations SET
          clinician_id = CASE WHEN $3 THEN $4::uuid ELSE clinician_id END,
          starts_at = coalesce($5::timestamptz, starts_at),
          ends_at = coalesce($5::timestamptz, starts_at) + coalesce(make_interval(mins => $6::int), ends_at - starts_at),
          status = coalesce($7, status),
          status_reason = CASE WHEN $7::text IS NULL THEN status_reason ELSE $8 END,
          status_changed_at = CASE WHEN $7::text IS NULL THEN status_changed_at ELSE now() END,
          status_changed_by = CASE WHEN $7::text IS NULL THEN status_changed_by ELSE $9::uuid END,
          version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        version,
        c.clinicianId !== undefined,
        c.clinicianId ?? null,
        c.startsAt ?? null,
        c.durationMinutes ?? null,
        c.status ?? null,
        c.statusReason ?? null,
        c.changedBy,
      ],
    );
    return rows.length === 1;
  }
}

export function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    kind: r.kind,
    amountPence: r.amount_pence,
    method: r.method,
    reference: r.reference,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
  };
}

export function toConsultation(r: ConsultationRow, ledger: PaymentRow[], timeZone: string): Consultation {
  const payments = ledger.filter((p) => p.consultation_id === r.id).map(toPayment);
  const paid = paidPence(payments);
  const startsAt = r.starts_at.toISOString();
  return {
    id: r.id,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    type: r.type,
    patientId: r.patient_id,
    patientName: r.patient_name,
    clinicNumber: r.clinic_number,
    clinicianId: r.clinician_id,
    clinicianName: r.clinician_name,
    startsAt,
    endsAt: r.ends_at.toISOString(),
    startsOn: clinicDate(startsAt, timeZone),
    durationMinutes: Math.round((r.ends_at.getTime() - r.starts_at.getTime()) / 60_000),
    status: r.status,
    statusReason: r.status_reason,
    feePence: r.fee_pence,
    depositPence: r.deposit_pence,
    paidPence: paid,
    balanceDuePence: balanceDuePence({ status: r.status, feePence: r.fee_pence }, paid),
    payments,
  };
}
