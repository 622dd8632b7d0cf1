import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Consultation, Page, Warning } from '@venule/api-contract';
import {
  addDays,
  appointmentHoursWarnings,
  clinicDate,
  clinicWallTime,
  initialConsultationStatus,
  paidPence,
  paymentReasons,
  statusAfterPayment,
  statusChangeReasons,
  type ConsultationFacts,
} from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import { DiaryService } from '../diary/diary.service';
import { OutboxService } from '../messages/outbox.service';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { SettingsRepository } from '../settings/settings.repository';
import { notFound, refuse, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { ConsultationsRepository, toConsultation, type ConsultationRow } from './consultations.repository';
import type { BookConsultationDto } from './dto/book-consultation.dto';
import type { ListConsultationsQuery } from './dto/list-consultations.dto';
import type { RecordPaymentDto } from './dto/record-payment.dto';
import type { UpdateConsultationDto } from './dto/update-consultation.dto';

const endOf = (startsAt: string, minutes: number) => new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString();

/**
 * Consultations (SPEC §2): booked into the one diary, a named-doctor one confirmed by its deposit,
 * paid through a ledger that is only ever appended to.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly consultations: ConsultationsRepository,
    private readonly settings: SettingsRepository,
    private readonly diary: DiaryService,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly outbox: OutboxService,
  ) {}

  async list(q: ListConsultationsQuery): Promise<Page<Consultation>> {
    const zone = this.clock.timeZone;
    const filter = {
      patientId: q.patientId,
      clinicianId: q.clinicianId,
      status: q.status,
      from: q.from ? clinicWallTime(q.from, '00:00', zone) : undefined,
      to: q.to ? clinicWallTime(addDays(q.to, 1), '00:00', zone) : undefined,
    };
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const { rows, total } = await this.consultations.list(tx, filter, q.limit, q.offset);
      const items = await this.shape(tx, rows);
      return { items, total, limit: q.limit, offset: q.offset };
    });
  }

  async get(id: string): Promise<Consultation> {
    return this.db.transaction((tx) => this.load(tx, id));
  }

  async book(dto: BookConsultationDto, staffId: string): Promise<Consultation> {
    const slot = { clinicianId: dto.clinicianId, startsAt: dto.startsAt, endsAt: endOf(dto.startsAt, dto.durationMinutes) };
    return this.diary.refuseDoubleBooking(slot, () => this.db.transaction((tx) => this.bookIn(tx, dto, staffId)));
  }

  /**
   * Books inside the caller's transaction (converting an enquiry books with the new patient). The
   * fee and deposit come from the clinic settings of today. The caller maps a diary overlap to
   * DOUBLE_BOOKED with `DiaryService.refuseDoubleBooking`.
   */
  async bookIn(tx: EntityManager, dto: BookConsultationDto, staffId: string): Promise<Consultation> {
    this.checkStart(dto.startsAt);
    if (dto.type === 'named_doctor' && !dto.clinicianId)
      throw validationFailed('clinicianId', 'is required for a named-doctor consultation');
    if (dto.clinicianId) await this.checkClinician(tx, dto.clinicianId);
    if (!(await this.consultations.patientExists(tx, dto.patientId)))
      throw validationFailed('patientId', 'must be the id of a registered patient');
    const fees = await this.settings.fees(tx);
    const feePence = dto.type === 'named_doctor' ? fees.namedDoctorFeePence : 0;
    const depositPence = dto.type === 'named_doctor' ? fees.depositPence : 0;
    const id = await this.consultations.insert(tx, {
      type: dto.type,
      patientId: dto.patientId,
      clinicianId: dto.clinicianId ?? null,
      startsAt: dto.startsAt,
      durationMinutes: dto.durationMinutes,
      status: initialConsultationStatus(dto.type, depositPence),
      feePence,
      depositPence,
      bookedBy: staffId,
    });
    await this.audit.record(
      { actorId: staffId, action: 'create', entity: 'consultation', entityId: id, patientId: dto.patientId, fields: Object.keys(dto) },
      tx,
    );
    const consultation = await this.load(tx, id);
    await this.outbox.remindOfConsultation(tx, consultation);
    return { ...consultation, warnings: await this.hoursWarnings(tx, consultation) };
  }

  /** Moves it, changes its clinician, or records the day's outcome or a cancellation (which keeps the deposit). */
  async update(id: string, dto: UpdateConsultationDto, staffId: string): Promise<Consultation> {
    const current = await this.db.transaction((tx) => this.require(tx, id));
    const startsAt = dto.startsAt ?? current.starts_at.toISOString();
    const minutes = dto.durationMinutes ?? Math.round((current.ends_at.getTime() - current.starts_at.getTime()) / 60_000);
    const slot = { clinicianId: dto.clinicianId ?? current.clinician_id, startsAt, endsAt: endOf(startsAt, minutes) };
    return this.diary.refuseDoubleBooking(slot, () =>
      this.db.transaction(async (tx) => {
        const row = await this.require(tx, id, true);
        if (row.version !== dto.version) throw versionConflict('The consultation');
        const facts = this.facts(row);
        const moving = dto.startsAt !== undefined || dto.durationMinutes !== undefined || dto.clinicianId !== undefined;
        if (moving && facts.status !== 'awaiting_deposit' && facts.status !== 'booked') {
          refuse(
            [{ code: 'STATUS_CHANGE_REFUSED', message: `This consultation is ${facts.status.replace(/_/g, ' ')}; it cannot be moved.` }],
            '',
          );
        }
        if (dto.startsAt !== undefined) this.checkStart(dto.startsAt);
        if (dto.clinicianId !== undefined) await this.checkClinician(tx, dto.clinicianId);
        if (dto.reason !== undefined && dto.status === undefined) throw validationFailed('reason', 'is given with a status');
        if (dto.status) {
          const reasons = statusChangeReasons(facts, dto.status, this.clock.today());
          if (reasons.length) refuse(reasons, 'The consultation cannot change that way.');
        }
        const written = await this.consultations.update(tx, id, dto.version, {
          clinicianId: dto.clinicianId,
          startsAt: dto.startsAt,
          durationMinutes: dto.durationMinutes,
          status: dto.status,
          statusReason: dto.reason ?? null,
          changedBy: staffId,
        });
        if (!written) throw versionConflict('The consultation');
        const fields = Object.keys(dto).filter((f) => f !== 'version');
        await this.audit.record(
          { actorId: staffId, action: 'update', entity: 'consultation', entityId: id, patientId: row.patient_id, fields },
          tx,
        );
        const consultation = await this.load(tx, id);
        // Moved: the reminder moves; cancelled, missed or attended: it is not sent.
        await this.outbox.remindOfConsultation(tx, consultation);
        return moving ? { ...consultation, warnings: await this.hoursWarnings(tx, consultation) } : consultation;
      }),
    );
  }

  /**
   * Appends to the ledger (never edits it). The deposit confirms a named-doctor consultation; a
   * reversal corrects a mistake and, taking the deposit back, leaves it awaiting its deposit again.
   */
  async recordPayment(id: string, dto: RecordPaymentDto, staffId: string): Promise<Consultation> {
    return this.db.transaction(async (tx) => {
      const row = await this.require(tx, id, true);
      const facts = this.facts(row);
      const before = paidPence((await this.consultations.payments(tx, [id])).map((p) => ({ kind: p.kind, amountPence: p.amount_pence })));
      const reasons = paymentReasons(facts, dto, before, this.clock.today());
      if (reasons.length) refuse(reasons, 'The payment cannot be taken.');
      const paymentId = await this.consultations.addPayment(tx, id, dto, staffId);
      await this.audit.record(
        {
          actorId: staffId,
          action: 'create',
          entity: 'consultation_payment',
          entityId: paymentId,
          patientId: row.patient_id,
          fields: Object.keys(dto),
        },
        tx,
      );
      const after = before + (dto.kind === 'reversal' ? -dto.amountPence : dto.amountPence);
      const status = statusAfterPayment(facts, after);
      if (status !== facts.status) {
        await this.consultations.update(tx, id, row.version, { status, changedBy: staffId });
        await this.audit.record(
          { actorId: staffId, action: 'update', entity: 'consultation', entityId: id, patientId: row.patient_id, fields: ['status'] },
          tx,
        );
      }
      const consultation = await this.load(tx, id);
      // The reminder names what is still to pay, so it is rewritten with each payment.
      await this.outbox.remindOfConsultation(tx, consultation);
      return consultation;
    });
  }

  /** Outside the clinic's opening hours, or on a day its clinician does not work: said, never refused. */
  private async hoursWarnings(tx: EntityManager, c: Consultation): Promise<Warning[]> {
    const hours = await this.settings.bookingHours(tx, c.clinicianId);
    return appointmentHoursWarnings({ startsAt: c.startsAt, endsAt: c.endsAt, ...hours }, this.clock.timeZone);
  }

  private checkStart(startsAt: string): void {
    if (clinicDate(startsAt, this.clock.timeZone) < this.clock.today()) throw validationFailed('startsAt', 'must not be in the past');
  }

  private async checkClinician(tx: EntityManager, clinicianId: string): Promise<void> {
    if (!(await this.consultations.isActiveClinician(tx, clinicianId)))
      throw validationFailed('clinicianId', 'must be an active clinician');
  }

  private facts(row: ConsultationRow): ConsultationFacts {
    return {
      type: row.type,
      status: row.status,
      feePence: row.fee_pence,
      depositPence: row.deposit_pence,
      startsOn: clinicDate(row.starts_at.toISOString(), this.clock.timeZone),
    };
  }

  private async require(tx: EntityManager, id: string, lock = false): Promise<ConsultationRow> {
    const row = await this.consultations.find(tx, id, lock);
    if (!row) throw notFound('The consultation');
    return row;
  }

  private async load(tx: EntityManager, id: string): Promise<Consultation> {
    const [consultation] = await this.shape(tx, [await this.require(tx, id)]);
    return consultation;
  }

  private async shape(tx: EntityManager, rows: ConsultationRow[]): Promise<Consultation[]> {
    const payments = await this.consultations.payments(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toConsultation(r, payments, this.clock.timeZone));
  }
}
