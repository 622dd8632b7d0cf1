import type { ConsultationStatus, ConsultationType, EnquiryStatus, IsoDate, PaymentKind, PaymentMethod } from '@venule/api-contract';
import { addDays, clinicWallTime, initialConsultationStatus } from '@venule/clinical-rules';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { ConsultationsRepository } from '../consultations/consultations.repository';
import { DiaryRepository } from '../diary/diary.repository';
import { EnquiriesRepository } from '../enquiries/enquiries.repository';
import { SettingsRepository } from '../settings/settings.repository';
import type { DemoStaff } from './demo-staff';
import type { DemoPatientKey } from './patients.demo';

/** Stateless repositories (every method takes the transaction): the ones the features write with. */
const settings = new SettingsRepository();
const consultations = new ConsultationsRepository();
const enquiries = new EnquiriesRepository();
const diary = new DiaryRepository();

interface DemoConsultation {
  patient: DemoPatientKey;
  /** 0: the demo clinician, 1: the second clinician. */
  doctor: 0 | 1;
  day: number;
  /** Preferred clinic wall-clock time; moved on by half-hours if a session is booked then. */
  at: string;
  type: ConsultationType;
  status: ConsultationStatus;
  payments?: { kind: PaymentKind; method: PaymentMethod; amount: 'deposit' | 'balance'; reference?: string }[];
  reason?: string;
}

/**
 * A week of consultations around today for both clinicians: arrivals today with balances due,
 * one awaiting its deposit, one cancelled with its deposit kept, one missed, one paid in full.
 */
const CONSULTATIONS: DemoConsultation[] = [
  { patient: 'niamh', doctor: 0, day: -3, at: '13:00', type: 'free', status: 'attended' },
  {
    patient: 'chloe',
    doctor: 1,
    day: -2,
    at: '13:30',
    type: 'named_doctor',
    status: 'attended',
    payments: [
      { kind: 'deposit', method: 'card', amount: 'deposit', reference: 'TERM-30411' },
      { kind: 'balance', method: 'cash', amount: 'balance' },
    ],
  },
  {
    patient: 'rebecca',
    doctor: 0,
    day: -1,
    at: '14:30',
    type: 'named_doctor',
    status: 'did_not_attend',
    payments: [{ kind: 'deposit', method: 'card', amount: 'deposit', reference: 'TERM-30577' }],
  },
  { patient: 'sophie', doctor: 0, day: 0, at: '09:00', type: 'free', status: 'booked' },
  {
    patient: 'leah',
    doctor: 1,
    day: 0,
    at: '11:30',
    type: 'named_doctor',
    status: 'booked',
    payments: [{ kind: 'deposit', method: 'transfer', amount: 'deposit', reference: 'BACS LG0412' }],
  },
  {
    patient: 'roisin',
    doctor: 0,
    day: 0,
    at: '15:00',
    type: 'named_doctor',
    status: 'booked',
    payments: [{ kind: 'deposit', method: 'card', amount: 'deposit' }],
  },
  { patient: 'olivia', doctor: 1, day: 1, at: '13:00', type: 'free', status: 'booked' },
  { patient: 'isabel', doctor: 0, day: 2, at: '14:00', type: 'named_doctor', status: 'awaiting_deposit' },
  {
    patient: 'mei',
    doctor: 1,
    day: 3,
    at: '11:00',
    type: 'named_doctor',
    status: 'cancelled',
    reason: 'Moving abroad; deposit kept (non-refundable)',
    payments: [{ kind: 'deposit', method: 'card', amount: 'deposit' }],
  },
  { patient: 'lucy', doctor: 0, day: 4, at: '16:30', type: 'free', status: 'booked' },
  {
    patient: 'hannah',
    doctor: 1,
    day: 5,
    at: '10:30',
    type: 'named_doctor',
    status: 'booked',
    payments: [{ kind: 'deposit', method: 'card', amount: 'deposit' }],
  },
  { patient: 'deborah', doctor: 0, day: 6, at: '09:30', type: 'free', status: 'booked' },
];

interface DemoEnquiry {
  name: string;
  email?: string;
  phone?: string;
  message: string;
  preferredClinician?: 0 | 1;
  status: EnquiryStatus;
  hoursAgo: number;
  note?: string;
  /** A converted enquiry: the patient whose consultation it became. */
  converted?: DemoPatientKey;
}

const ENQUIRIES: DemoEnquiry[] = [
  {
    name: 'Tamsin Hale',
    email: 'tamsin.hale@example.org',
    message:
      'I have thread veins around both knees that have got worse since my pregnancy. Do you treat these, and what does a consultation involve?',
    status: 'new',
    hoursAgo: 2,
  },
  {
    name: 'Josie Parker',
    phone: '07700 900777',
    message: 'Could I book a free consultation on a Saturday? Evenings are hard with work.',
    preferredClinician: 1,
    status: 'new',
    hoursAgo: 20,
  },
  {
    name: 'Rachel Osei',
    email: 'r.osei@example.org',
    phone: '07700 900888',
    message: 'Spider veins on my ankles. How many sessions would I need, and is there a cost for the scan?',
    status: 'contacted',
    hoursAgo: 50,
    note: 'Called back, sending the price list; she will ring to book.',
  },
  {
    name: 'Sophie Turner-Blake',
    email: 'sophie.tb@example.org',
    message: 'I would like a free consultation please, thread veins on my thighs.',
    status: 'booked',
    hoursAgo: 72,
    converted: 'sophie',
  },
  {
    name: 'Dan Whitmore',
    email: 'dan.w@example.org',
    message: 'Large bulging veins on my calf that ache in the evening.',
    status: 'closed',
    hoursAgo: 120,
    note: 'Varicose veins with symptoms: advised to see his GP for a vascular referral; not for micro-sclerotherapy.',
  },
];

/** Consultations with their ledger, and the enquiry inbox in every state. */
export async function seedDemoFrontDesk(
  tx: EntityManager,
  staff: DemoStaff,
  patients: Record<DemoPatientKey, string>,
  today: IsoDate,
  timeZone: string,
): Promise<void> {
  const { reception } = staff;
  const { namedDoctorFeePence: fee, depositPence: deposit } = await settings.fees(tx);
  const doctors = [staff.clinician, staff.secondClinician];
  const clinicians = await settings.clinicians(tx);
  const names = doctors.map((id) => clinicians.find((c) => c.clinicianId === id)?.displayName ?? null);
  const consultationOf = new Map<DemoPatientKey, string>();

  for (const c of CONSULTATIONS) {
    const doctor = doctors[c.doctor];
    const starts = await freeTime(tx, doctor, clinicWallTime(addDays(today, c.day), c.at, timeZone));
    const ends = DateTime.fromISO(starts).plus({ minutes: 30 }).toUTC().toISO() as string;
    const feePence = c.type === 'named_doctor' ? fee : 0;
    const depositPence = c.type === 'named_doctor' ? deposit : 0;
    const opened = initialConsultationStatus(c.type, depositPence);
    const booked = DateTime.fromISO(starts).minus({ days: 6 }).toUTC().toISO() as string;
    const id = await consultations.insertPastConsultation(tx, {
      type: c.type,
      patientId: patients[c.patient],
      clinicianId: doctor,
      startsAt: starts,
      endsAt: ends,
      status: c.status,
      feePence,
      depositPence,
      statusReason: c.reason ?? null,
      statusChangedAt: c.status === opened ? null : starts,
      statusChangedBy: c.status === opened ? null : reception,
      bookedBy: reception,
      bookedAt: booked,
      version: c.status === opened ? 1 : 2,
    });
    consultationOf.set(c.patient, id);
    for (const [i, p] of (c.payments ?? []).entries()) {
      const amountPence = p.amount === 'deposit' ? depositPence : feePence - depositPence;
      await consultations.addPayment(
        tx,
        id,
        { kind: p.kind, amountPence, method: p.method, reference: p.reference ?? null },
        reception,
        i === 0 ? booked : starts,
      );
    }
  }

  for (const e of ENQUIRIES) {
    const at = DateTime.fromISO(clinicWallTime(today, '12:00', timeZone))
      .minus({ hours: e.hoursAgo })
      .toUTC()
      .toISO() as string;
    await enquiries.insertPastEnquiry(tx, {
      name: e.name,
      email: e.email ?? null,
      phone: e.phone ?? null,
      message: e.message,
      preferredClinician: e.preferredClinician === undefined ? null : names[e.preferredClinician],
      status: e.status,
      note: e.note ?? null,
      patientId: e.converted ? patients[e.converted] : null,
      consultationId: e.converted ? (consultationOf.get(e.converted) ?? null) : null,
      version: e.status === 'new' ? 1 : 2,
      receivedAt: at,
    });
  }
}

/** The first half-hour from `start` on that the clinician's diary is free (demo sessions are booked first). */
async function freeTime(tx: EntityManager, clinicianId: string, start: string): Promise<string> {
  for (let step = 0; ; step += 1) {
    const from = DateTime.fromISO(start)
      .plus({ minutes: 30 * step })
      .toUTC()
      .toISO() as string;
    const to = DateTime.fromISO(from).plus({ minutes: 30 }).toUTC().toISO() as string;
    if (!(await diary.clashAt(tx, clinicianId, from, to))) return from;
  }
}
