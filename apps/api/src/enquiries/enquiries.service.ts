import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClinicIdentity, ConvertedEnquiry, Enquiry, Page } from '@venule/api-contract';
import { DataSource, type EntityManager } from 'typeorm';
import { ConsultationsService } from '../consultations/consultations.service';
import { DiaryService } from '../diary/diary.service';
import { PatientsService } from '../patients/patients.service';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, notFound, refuse, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';
import { SettingsRepository } from '../settings/settings.repository';
import type { ConvertEnquiryDto } from './dto/convert-enquiry.dto';
import type { EnquiryDto } from './dto/enquiry.dto';
import type { ListEnquiriesQuery } from './dto/list-enquiries.dto';
import type { UpdateEnquiryDto } from './dto/update-enquiry.dto';
import { EnquiriesRepository } from './enquiries.repository';

/** Enquiries per address per window: a person sends one or two; a burst is a robot. */
export const ENQUIRY_LIMIT = { hits: 5, windowSeconds: 15 * 60 };

/**
 * The public enquiry form and reception's inbox (SPEC §2): rate-limited per address, a honeypot
 * that is answered as accepted and never stored, and conversion into a patient and a
 * consultation in one transaction.
 */
@Injectable()
export class EnquiriesService {
  private readonly logger = new Logger('Enquiries');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enquiries: EnquiriesRepository,
    private readonly patients: PatientsService,
    private readonly consultations: ConsultationsService,
    private readonly diary: DiaryService,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
    private readonly settings: SettingsRepository,
  ) {}

  /** Stores a real enquiry; a robot's (honeypot filled) is counted against its address and dropped. */
  async receive(dto: EnquiryDto, address: string): Promise<void> {
    const window = await this.limits.hit(`enquiry:${address}`, ENQUIRY_LIMIT.windowSeconds);
    if (window.hits > ENQUIRY_LIMIT.hits) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many enquiries from this address. Please try again later, or call the clinic.', {
        retryAfterSeconds: window.retryAfterSeconds,
      });
    }
    if (dto.website?.trim()) {
      this.logger.warn('Dropped an enquiry whose honeypot field was filled');
      return;
    }
    if (!dto.email && !dto.phone) throw validationFailed('email', 'give an email address or a phone number so the clinic can reply');
    await this.db.transaction(async (tx) => {
      const id = await this.enquiries.insert(tx, {
        name: dto.name,
        email: dto.email ?? null,
        phone: dto.phone ?? null,
        message: dto.message,
        preferredClinician: dto.preferredClinician ?? null,
      });
      await this.audit.record({ actorId: null, action: 'create', entity: 'enquiry', entityId: id, fields: Object.keys(dto) }, tx);
    });
  }

  async list(q: ListEnquiriesQuery): Promise<Page<Enquiry>> {
    const { items, total } = await this.enquiries.list(this.db.manager, q.status, q.limit, q.offset);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async get(id: string): Promise<Enquiry> {
    return this.require(this.db.manager, id);
  }

  async update(id: string, dto: UpdateEnquiryDto, staffId: string): Promise<Enquiry> {
    return this.db.transaction(async (tx) => {
      const current = await this.require(tx, id, true);
      if (current.version !== dto.version) throw versionConflict('The enquiry');
      if (dto.status && current.status === 'booked') {
        refuse([{ code: 'STATUS_CHANGE_REFUSED', message: 'This enquiry was converted into a booking; its status stays booked.' }], '');
      }
      if (!(await this.enquiries.update(tx, id, dto.version, { status: dto.status, note: dto.note }))) throw versionConflict('The enquiry');
      const fields = Object.keys(dto).filter((f) => f !== 'version');
      await this.audit.record({ actorId: staffId, action: 'update', entity: 'enquiry', entityId: id, fields }, tx);
      return this.require(tx, id);
    });
  }

  /**
   * Registers the patient (with the duplicate check) and books the consultation in one
   * transaction: a duplicate patient or a clash in the diary leaves nothing behind.
   */
  async convert(id: string, dto: ConvertEnquiryDto, staffId: string): Promise<ConvertedEnquiry> {
    const c = dto.consultation;
    const slot = {
      clinicianId: c.clinicianId,
      startsAt: c.startsAt,
      endsAt: new Date(new Date(c.startsAt).getTime() + c.durationMinutes * 60_000).toISOString(),
    };
    return this.diary.refuseDoubleBooking(slot, () =>
      this.db.transaction(async (tx) => {
        const enquiry = await this.require(tx, id, true);
        if (enquiry.status === 'booked') {
          refuse([{ code: 'STATUS_CHANGE_REFUSED', message: 'This enquiry was already converted into a booking.' }], '');
        }
        const patient = await this.patients.registerIn(tx, dto.patient, staffId);
        const consultation = await this.consultations.bookIn(tx, { ...c, patientId: patient.id }, staffId);
        await this.enquiries.markBooked(tx, id, patient.id, consultation.id);
        await this.audit.record(
          {
            actorId: staffId,
            action: 'update',
            entity: 'enquiry',
            entityId: id,
            patientId: patient.id,
            fields: ['status', 'patientId', 'consultationId'],
          },
          tx,
        );
        return { enquiry: await this.require(tx, id), patient, consultation };
      }),
    );
  }

  /** What the public page shows: the clinic as printed for patients, and whom one may ask for. */
  async publicFacts(): Promise<{ clinic: ClinicIdentity; clinicians: string[] }> {
    return this.db.transaction('REPEATABLE READ', async (tx) => ({
      clinic: await this.settings.identity(tx),
      clinicians: await this.enquiries.clinicianNames(tx),
    }));
  }

  private async require(m: EntityManager, id: string, lock = false): Promise<Enquiry> {
    const enquiry = await this.enquiries.find(m, id, lock);
    if (!enquiry) throw notFound('The enquiry');
    return enquiry;
  }
}
