import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, Patient, PatientSummary } from '@venule/api-contract';
import { compareDates } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, notFound, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { requireReachableAsPreferred, requireWayToReach, type RegisterPatientDto } from './dto/register-patient.dto';
import type { SearchPatientsQuery } from './dto/search-patients.dto';
import type { UpdatePatientDto } from './dto/update-patient.dto';
import type { SearchOptions } from './patient-search';
import { PatientContactHooks } from './patient-contact-hooks';
import { PATIENT_FIELDS, PatientsRepository, type PatientField } from './patients.repository';

const REQUIRED: PatientField[] = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'contactPreference', 'archived'];
/** Changing any of these changes where the patient's queued messages go. */
const ADDRESSING: PatientField[] = ['contactPreference', 'email', 'phone'];

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
    private readonly patients: PatientsRepository,
    private readonly contactHooks: PatientContactHooks,
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
    if (dto.contactPreference) {
      requireReachableAsPreferred(
        { phone: dto.phone ?? null, email: dto.email ?? null, contactPreference: dto.contactPreference },
        'contactPreference',
      );
    }
    // Two receptionists registering the same person at once: the second waits and sees the first.
    await this.patients.lockRegistration(tx, dto.firstName, dto.lastName, dto.dateOfBirth);
    const matches = await this.patients.sameNameAndBirth(tx, dto.firstName, dto.lastName, dto.dateOfBirth);
    if (matches.length > 0 && dto.confirmDuplicate !== true) {
      throw new DomainError(
        'DUPLICATE_PATIENT',
        `${matches.length === 1 ? 'A patient' : `${matches.length} patients`} with the same name and date of birth ${matches.length === 1 ? 'is' : 'are'} already registered (${matches.map((m) => m.clinicNumber).join(', ')}). Open the existing record, or register anyway if this is a different person.`,
        { matches },
      );
    }
    const id = await this.patients.insert(tx, dto, actorId);
    const fields = PATIENT_FIELDS.filter((f) => f !== 'archived' && dto[f] !== undefined && dto[f] !== null);
    await this.audit.record({ actorId, action: 'create', entity: 'patient', entityId: id, patientId: id, fields }, tx);
    return this.load(id, tx);
  }

  /** Reading a patient's record is audited (who looked at whom), like clinical reads. */
  /** An audited read: the record, then its audit row, committed before the answer (so no transaction is needed). */
  /** An audited read in one statement: the record and its audit row, so no transaction is needed. */
  async get(id: string, actorId: string): Promise<Patient> {
    const audit = this.audit.rowsOf([{ actorId, action: 'read', entity: 'patient', entityId: id, patientId: id }]);
    const patient = await this.patients.findAudited(this.db.manager, id, audit);
    if (!patient) throw notFound('The patient');
    return patient;
  }

  async update(id: string, dto: UpdatePatientDto, actorId: string): Promise<Patient> {
    const given = PATIENT_FIELDS.filter((f) => dto[f] !== undefined);
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
        throw validationFailed(
          dto.phone === null ? 'phone' : 'email',
          'cannot be removed: the clinic needs a phone number or an email address',
        );
      }
      const contactPreference = dto.contactPreference ?? current.contactPreference;
      requireReachableAsPreferred(
        { phone, email, contactPreference },
        dto.contactPreference !== undefined ? 'contactPreference' : dto.email === null ? 'email' : 'phone',
      );
      if (changed.length === 0) return current;
      const written = await this.patients.update(tx, id, dto.version, Object.fromEntries(changed.map((f) => [f, dto[f] ?? null])));
      if (!written) throw versionConflict('The patient record');
      await this.audit.record({ actorId, action: 'update', entity: 'patient', entityId: id, patientId: id, fields: changed }, tx);
      // The messages still waiting go where the patient now wants them, or not at all (opted out).
      if (changed.some((f) => ADDRESSING.includes(f))) await this.contactHooks.changed(tx, id);
      return this.load(id, tx);
    });
  }

  async search(query: SearchPatientsQuery): Promise<Page<PatientSummary>> {
    const options: SearchOptions = { includeArchived: query.includeArchived ?? false, limit: query.limit, offset: query.offset };
    const { items, total } = await this.patients.search(this.db.manager, query.q ?? '', options);
    return { items, total, limit: options.limit, offset: options.offset };
  }

  private async load(id: string, tx: EntityManager = this.db.manager, forUpdate = false): Promise<Patient> {
    const patient = await this.patients.find(tx, id, forUpdate);
    if (!patient) throw notFound('The patient');
    return patient;
  }
}
