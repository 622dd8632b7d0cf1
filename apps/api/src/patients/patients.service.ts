import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, Patient, PatientSummary } from '@venule/api-contract';
import { compareDates } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, notFound, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { requireWayToReach, type RegisterPatientDto } from './dto/register-patient.dto';
import type { SearchPatientsQuery } from './dto/search-patients.dto';
import type { UpdatePatientDto } from './dto/update-patient.dto';
import { runSearch, type SearchDb, type SearchOptions } from './patient-search';

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
  archived: 'archived',
} as const;
type PatientField = keyof typeof COLUMNS;
const REQUIRED: PatientField[] = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'archived'];

const PATIENT_SELECT = `
  SELECT p.id, p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.clinic_number AS "clinicNumber",
         p.first_name AS "firstName", p.last_name AS "lastName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
         p.sex, p.phone, p.email, p.address, p.postcode, p.gp_name AS "gpName", p.archived
  FROM patients p`;

const SUMMARY_SELECT = `
  SELECT p.id, p.clinic_number AS "clinicNumber", p.first_name AS "firstName", p.last_name AS "lastName",
         to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.phone, p.archived
  FROM patients p`;

type PatientRow = Omit<Patient, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

const toPatient = (r: PatientRow): Patient => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });
const toSummary = (r: PatientSummary & { total?: number }): PatientSummary => ({
  id: r.id,
  clinicNumber: r.clinicNumber,
  firstName: r.firstName,
  lastName: r.lastName,
  dateOfBirth: r.dateOfBirth,
  phone: r.phone,
  archived: r.archived,
});

/**
 * The patient registry (SPEC §2): registration with the duplicate warning, demographics with
 * optimistic concurrency, archiving (never deleting), and reception's search.
 */
@Injectable()
export class PatientsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
  ) {}


  private checkBirthDate(dateOfBirth: string | undefined | null): void {
    if (dateOfBirth && compareDates(dateOfBirth, this.clock.today()) > 0) {
      throw validationFailed('dateOfBirth', 'cannot be in the future');
    }
  }

  async register(dto: RegisterPatientDto, actorId: string): Promise<Patient> {
    return this.db.transaction((tx) => this.registerIn(tx, dto, actorId));
  }

  /** Registers inside the caller's transaction (converting an enquiry books a consultation in the same one). */
  async registerIn(tx: EntityManager, dto: RegisterPatientDto, actorId: string): Promise<Patient> {
    this.checkBirthDate(dto.dateOfBirth);
    requireWayToReach(dto);
    // Two receptionists registering the same person at once: the second waits and sees the first.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(venule_fold($1) || '|' || venule_fold($2) || '|' || $3))`, [
      dto.firstName,
      dto.lastName,
      dto.dateOfBirth,
    ]);
    const matches: PatientSummary[] = await tx.query(
      `${SUMMARY_SELECT}
       WHERE venule_fold(p.last_name) = venule_fold($2) AND venule_fold(p.first_name) = venule_fold($1) AND p.date_of_birth = $3::date
       ORDER BY p.created_at`,
      [dto.firstName, dto.lastName, dto.dateOfBirth],
    );
    if (matches.length > 0 && dto.confirmDuplicate !== true) {
      throw new DomainError(
        'DUPLICATE_PATIENT',
        `${matches.length === 1 ? 'A patient' : `${matches.length} patients`} with the same name and date of birth ${matches.length === 1 ? 'is' : 'are'} already registered (${matches.map((m) => m.clinicNumber).join(', ')}). Open the existing record, or register anyway if this is a different person.`,
        { matches: matches.map(toSummary) },
      );
    }
    const [row] = await tx.query(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email, address, postcode, gp_name, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [dto.firstName, dto.lastName, dto.dateOfBirth, dto.sex, dto.phone ?? null, dto.email ?? null, dto.address ?? null, dto.postcode ?? null, dto.gpName ?? null, actorId],
    );
    const fields = (Object.keys(COLUMNS) as PatientField[]).filter((f) => f !== 'archived' && dto[f] !== undefined && dto[f] !== null);
    await this.audit.record({ actorId, action: 'create', entity: 'patient', entityId: row.id, patientId: row.id, fields }, tx);
    return this.load(row.id, tx);
  }

  /** Reading a patient's record is audited (who looked at whom), like clinical reads. */
  async get(id: string, actorId: string): Promise<Patient> {
    return this.db.transaction(async (tx) => {
      const patient = await this.load(id, tx);
      await this.audit.record({ actorId, action: 'read', entity: 'patient', entityId: id, patientId: id }, tx);
      return patient;
    });
  }

  async update(id: string, dto: UpdatePatientDto, actorId: string): Promise<Patient> {
    const given = (Object.keys(COLUMNS) as PatientField[]).filter((f) => dto[f] !== undefined);
    const cleared = given.find((f) => dto[f] === null && REQUIRED.includes(f));
    if (cleared) throw validationFailed(cleared, 'is required and cannot be removed');
    this.checkBirthDate(dto.dateOfBirth);
    return this.db.transaction(async (tx) => {
      const current = await this.load(id, tx, true);
      if (current.version !== dto.version) throw versionConflict('The patient record');
      const changed = given.filter((f) => (dto[f] ?? null) !== (current[f] ?? null));
      const phone = dto.phone === undefined ? current.phone : dto.phone;
      const email = dto.email === undefined ? current.email : dto.email;
      if (phone === null && email === null) {
        throw validationFailed(dto.phone === null ? 'phone' : 'email', 'cannot be removed: the clinic needs a phone number or an email address');
      }
      if (changed.length === 0) return current;
      const sets = changed.map((f, i) => `${COLUMNS[f]} = $${i + 3}`);
      const result = await tx.query(
        `UPDATE patients SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
        [id, dto.version, ...changed.map((f) => dto[f] ?? null)],
      );
      if (result[0].length === 0) throw versionConflict('The patient record');
      await this.audit.record({ actorId, action: 'update', entity: 'patient', entityId: id, patientId: id, fields: changed }, tx);
      return this.load(id, tx);
    });
  }

  async search(query: SearchPatientsQuery): Promise<Page<PatientSummary>> {
    const options: SearchOptions = { includeArchived: query.includeArchived ?? false, limit: query.limit, offset: query.offset };
    const db: SearchDb = {
      query: (sql, params) => this.db.query(sql, params),
      transaction: (work) => this.db.transaction((tx) => work((sql, params) => tx.query(sql, params))),
    };
    const { rows, total } = await runSearch(db, query.q ?? '', options);
    return { items: rows.map(toSummary), total, limit: options.limit, offset: options.offset };
  }

  private async load(id: string, tx: EntityManager, forUpdate = false): Promise<Patient> {
    const [row] = await tx.query(`${PATIENT_SELECT} WHERE p.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) throw notFound('The patient');
    return toPatient(row);
  }
}
