import { Injectable } from '@nestjs/common';
import type {
  ClinicIdentity,
  ClinicInfo,
  ClinicSettings,
  ClinicianWorkingDays,
  OpeningHours,
  UpdateClinicSettingsRequest,
  Weekday,
} from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

interface SettingsRow {
  version: number;
  updated_at: Date;
  clinic_name: string;
  address: string;
  phone: string;
  out_of_hours_phone: string;
  scan_validity_months: number;
  min_interval_days: number;
  max_interval_days: number;
  late_entry_days: number;
  session_idle_minutes: number;
  named_doctor_fee_pence: number;
  consultation_deposit_pence: number;
  opening_hours: OpeningHours | null;
}

/** The numbers the clinical rules read (SPEC §1's *settings*). */
export interface PolicySettings {
  scanValidityMonths: number;
  minIntervalDays: number;
  maxIntervalDays: number;
  lateEntryDays: number;
}

/** What the opening-hours rule needs about one booking: the week, and the clinician booked. */
export interface BookingHoursSettings {
  openingHours: OpeningHours | null;
  clinician: { name: string; workingDays: Weekday[] } | null;
}

/** The settings the clinical rules read, as a statement of their own or inside another (`loadPolicy`). */
export const POLICY_SQL = `SELECT scan_validity_months, min_interval_days, max_interval_days, late_entry_days FROM clinic_settings WHERE id = 1`;

export type PolicyRow = Pick<SettingsRow, 'scan_validity_months' | 'min_interval_days' | 'max_interval_days' | 'late_entry_days'>;

export const toPolicySettings = (r: PolicyRow): PolicySettings => ({
  scanValidityMonths: r.scan_validity_months,
  minIntervalDays: r.min_interval_days,
  maxIntervalDays: r.max_interval_days,
  lateEntryDays: r.late_entry_days,
});

/** The clinic's name and numbers, as messages name them (`identityOf` reads the row). */
export const IDENTITY_SQL = `SELECT clinic_name, address, phone, out_of_hours_phone FROM clinic_settings WHERE id = 1`;

export type IdentityRow = Pick<SettingsRow, 'clinic_name' | 'address' | 'phone' | 'out_of_hours_phone'>;

export const identityOf = (r: IdentityRow): ClinicIdentity => ({
  name: r.clinic_name,
  address: r.address,
  phone: r.phone,
  outOfHoursPhone: r.out_of_hours_phone,
});

/**
 * The clinic settings: the one row of `clinic_settings` and each clinician's working days (a column
 * of `users`). All the settings SQL, and the one mapping to the contract. Stateless: every method
 * takes the caller's transaction.
 */
@Injectable()
export class SettingsRepository {
  /** Every setting with the active clinicians' working days; `lock` holds the row until the transaction ends. */
  async read(m: EntityManager, lock = false): Promise<ClinicSettings> {
    const [r]: SettingsRow[] = await m.query(
      `SELECT version, updated_at, clinic_name, address, phone, out_of_hours_phone, scan_validity_months, min_interval_days,
              max_interval_days, late_entry_days, session_idle_minutes, named_doctor_fee_pence, consultation_deposit_pence, opening_hours
         FROM clinic_settings WHERE id = 1 ${lock ? 'FOR UPDATE' : ''}`,
    );
    return {
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
      clinic: identityOf(r),
      scanValidityMonths: r.scan_validity_months,
      minIntervalDays: r.min_interval_days,
      maxIntervalDays: r.max_interval_days,
      lateEntryDays: r.late_entry_days,
      sessionIdleMinutes: r.session_idle_minutes,
      namedDoctorFeePence: r.named_doctor_fee_pence,
      consultationDepositPence: r.consultation_deposit_pence,
      openingHours: r.opening_hours,
      clinicians: await this.clinicians(m),
    };
  }

  async identity(m: EntityManager): Promise<ClinicIdentity> {
    const [r] = await m.query(IDENTITY_SQL);
    return identityOf(r);
  }

  async info(m: EntityManager): Promise<ClinicInfo> {
    const [r] = await m.query(`SELECT clinic_name, address, phone, out_of_hours_phone, opening_hours FROM clinic_settings WHERE id = 1`);
    return { ...identityOf(r), openingHours: r.opening_hours };
  }

  async policy(m: EntityManager): Promise<PolicySettings | null> {
    const [r] = await m.query(POLICY_SQL);
    return r ? toPolicySettings(r) : null;
  }

  async fees(m: EntityManager): Promise<{ namedDoctorFeePence: number; depositPence: number }> {
    const [r] = await m.query(`SELECT named_doctor_fee_pence, consultation_deposit_pence FROM clinic_settings WHERE id = 1`);
    return { namedDoctorFeePence: r.named_doctor_fee_pence, depositPence: r.consultation_deposit_pence };
  }

  async bookingHours(m: EntityManager, clinicianId: string | null | undefined): Promise<BookingHoursSettings> {
    const [r] = await m.query(bookingHoursSql('$1::uuid'), [clinicianId ?? null]);
    return bookingHoursOf(r);
  }

  async clinicians(m: EntityManager): Promise<ClinicianWorkingDays[]> {
    const rows: { id: string; display_name: string; working_days: Weekday[] }[] = await m.query(
      `SELECT id, display_name, working_days FROM users WHERE role = 'clinician' AND active ORDER BY display_name, id`,
    );
    return rows.map((r) => ({ clinicianId: r.id, displayName: r.display_name, workingDays: r.working_days }));
  }

  /** Writes every setting if `version` is still current; false when someone saved first. */
  async update(m: EntityManager, s: UpdateClinicSettingsRequest): Promise<boolean> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await m.query(
      `UPDATE clinic_settings
          SET clinic_name = $2, address = $3, phone = $4, out_of_hours_phone = $5, scan_validity_months = $6, min_interval_days = $7,
              max_interval_days = $8, late_entry_days = $9, session_idle_minutes = $10, named_doctor_fee_pence = $11,
              consultation_deposit_pence = $12, opening_hours = $13::jsonb, version = version + 1, updated_at = now()
        WHERE id = 1 AND version = $1
        RETURNING 1`,
      [
        s.version,
        s.clinic.name,
        s.clinic.address,
        s.clinic.phone,
        s.clinic.outOfHoursPhone,
        s.scanValidityMonths,
        s.minIntervalDays,
        s.maxIntervalDays,
        s.lateEntryDays,
        s.sessionIdleMinutes,
        s.namedDoctorFeePence,
        s.consultationDepositPence,
        JSON.stringify(s.openingHours),
      ],
    );
    return rows.length === 1;
  }

  /** Ids among `ids` that are not active clinicians. */
  async notActiveClinicians(m: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT given.id FROM unnest($1::uuid[]) AS given(id)
        WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = given.id AND u.role = 'clinician' AND u.active)`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  async setWorkingDays(m: EntityManager, clinicians: readonly ClinicianWorkingDays[]): Promise<void> {
    if (clinicians.length === 0) return;
    await m.query(
      `UPDATE users u SET working_days = ARRAY(SELECT jsonb_array_elements_text(c.days)), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, days jsonb)
        WHERE u.id = c.id AND u.working_days IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(c.days))`,
      [JSON.stringify(clinicians.map((c) => ({ id: c.clinicianId, days: c.workingDays })))],
    );
  }
}

/** `bookingHours` of the clinician `clinicianId` (an SQL uuid expression, null for none): a statement of its own or inside another. */
export const bookingHoursSql = (clinicianId: string) =>
  `SELECT s.opening_hours, u.display_name, u.working_days
     FROM clinic_settings s LEFT JOIN users u ON u.id = ${clinicianId}
    WHERE s.id = 1`;

export const bookingHoursOf = (r: {
  opening_hours: OpeningHours | null;
  display_name: string | null;
  working_days: Weekday[];
}): BookingHoursSettings => ({
  openingHours: r.opening_hours,
  clinician: r.display_name ? { name: r.display_name, workingDays: r.working_days } : null,
});
