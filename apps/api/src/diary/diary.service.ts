import { retryOnDeadlock } from '../platform/database/retry-on-deadlock';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClinicianOption, Diary, DiaryLane, Page } from '@venule/api-contract';
import { addDays, clinicDate, clinicWallTime, daysBetween, formatClinicTime, formatDate } from '@venule/clinical-rules';
import { DataSource } from 'typeorm';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, validationFailed } from '../platform/errors/domain-error';
import { DiaryRepository, type Clash } from './diary.repository';

/** PostgreSQL's exclusion_violation: the clinician's diary already holds a booking at that time. */
const EXCLUSION_VIOLATION = '23P01';
const MAX_DAYS = 31;

export interface Slot {
  clinicianId: string | null | undefined;
  startsAt: string;
  endsAt: string;
}

@Injectable()
export class DiaryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly diary: DiaryRepository,
    private readonly clock: ClinicClock,
  ) {}

  async clinicians(): Promise<Page<ClinicianOption>> {
    const items = await this.diary.clinicians(this.db.manager);
    return { items, total: items.length, limit: items.length, offset: 0 };
  }

  /** One lane per active clinician (or the one asked for), plus one for bookings with no clinician yet. */
  async get(from: string, to: string, clinicianId?: string): Promise<Diary> {
    if (to < from) throw validationFailed('to', 'must not be before from');
    if (daysBetween(from, to) >= MAX_DAYS) throw validationFailed('to', `must be less than ${MAX_DAYS} days after from`);
    const zone = this.clock.timeZone;
    const start = clinicWallTime(from, '00:00', zone);
    const end = clinicWallTime(addDays(to, 1), '00:00', zone);
    const { clinicians, bookings } = await this.diary.day(this.db.manager, start, end, clinicianId);
    if (clinicianId && clinicians.length === 0) throw validationFailed('clinicianId', 'must be the id of a clinician');
    const lanes = new Map<string, DiaryLane>(clinicians.map((c) => [c.id, { clinicianId: c.id, clinicianName: c.name, appointments: [] }]));
    // A booking whose clinician has no lane (no longer active) is shown with those not yet assigned.
    const unassigned: DiaryLane = { clinicianId: null, clinicianName: null, appointments: [] };
    for (const { clinicianId: id, appointment } of bookings) {
      ((id !== null && lanes.get(id)) || unassigned).appointments.push(appointment);
    }
    const shown = [...lanes.values()];
    if (!clinicianId && unassigned.appointments.length) shown.push(unassigned);
    return { from, to, timeZone: zone, lanes: shown };
  }

  /**
   * Runs a booking's transaction; when the database refuses it for an overlap in the clinician's
   * diary (also the loser of a race), answers 422 DOUBLE_BOOKED naming the booking it clashes with,
   * read after the failed transaction has rolled back. A transaction PostgreSQL aborted to break a
   * deadlock (two bookings of one slot inserted at once) runs again.
   */
  async refuseDoubleBooking<T>(slot: Slot, work: () => Promise<T>): Promise<T> {
    try {
      return await retryOnDeadlock(work);
    } catch (e) {
      if ((e as { code?: string }).code !== EXCLUSION_VIOLATION || !slot.clinicianId) throw e;
      throw doubleBooked(await this.diary.clashAt(this.db.manager, slot.clinicianId, slot.startsAt, slot.endsAt), this.clock.timeZone);
    }
  }
}

export function doubleBooked(clash: Clash | null, zone: string): DomainError {
  const what = clash
    ? `${clash.clinicianName} already has a ${clash.kind} on ${formatDate(clinicDate(clash.startsAt, zone))} from ` +
      `${formatClinicTime(clash.startsAt, zone)} to ${formatClinicTime(clash.endsAt, zone)}.`
    : 'The clinician already has a booking at that time.';
  const message = `${what} Choose another time or clinician.`;
  return new DomainError('DOUBLE_BOOKED', message, {
    reasons: [
      {
        code: 'DOUBLE_BOOKED',
        message,
        ...(clash ? { clash: { kind: clash.kind, id: clash.id, startsAt: clash.startsAt, endsAt: clash.endsAt } } : {}),
      },
    ],
  });
}
