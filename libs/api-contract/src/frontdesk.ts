/**
 * The front desk (SPEC §2, §4): consultations with their payment ledger, the one diary of sessions
 * and consultations, and public enquiries. Money is integer pence.
 */
import type { IsoDate, IsoInstant, RecordMeta } from './common';
import type { Patient, RegisterPatientRequest } from './patients';
import type { SessionStatus, Warning } from './courses';

export const CONSULTATION_TYPES = ['free', 'named_doctor'] as const;
export type ConsultationType = (typeof CONSULTATION_TYPES)[number];

export const CONSULTATION_STATUSES = ['awaiting_deposit', 'booked', 'attended', 'cancelled', 'did_not_attend'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** What PATCH may set: the day's outcome, or a cancellation (which keeps any deposit). */
export const CONSULTATION_STATUS_CHANGES = ['attended', 'did_not_attend', 'cancelled'] as const;
export type ConsultationStatusChange = (typeof CONSULTATION_STATUS_CHANGES)[number];

export const PAYMENT_KINDS = ['deposit', 'balance', 'reversal'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_METHODS = ['card', 'cash', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Length of a consultation the API accepts, minutes. */
export const CONSULTATION_MINUTES = { min: 10, max: 240, default: 30 } as const;

/** `POST /api/consultations` (reception, clinicians). A named-doctor consultation names its clinician. */
export interface BookConsultationRequest {
  type: ConsultationType;
  patientId: string;
  clinicianId?: string;
  startsAt: IsoInstant;
  durationMinutes: number;
}

/** `PATCH /api/consultations/:id`: move it, change the clinician, or set its status. */
export interface UpdateConsultationRequest {
  version: number;
  startsAt?: IsoInstant;
  durationMinutes?: number;
  clinicianId?: string;
  status?: ConsultationStatusChange;
  /** Why it was cancelled or missed. */
  reason?: string;
}

/** `POST /api/consultations/:id/payments`. A reversal subtracts what was taken in error. */
export interface RecordPaymentRequest {
  kind: PaymentKind;
  amountPence: number;
  method: PaymentMethod;
  reference?: string;
}

export interface Payment {
  id: string;
  kind: PaymentKind;
  amountPence: number;
  method: PaymentMethod;
  reference: string | null;
  recordedBy: string;
  recordedAt: IsoInstant;
}

export interface Consultation extends RecordMeta {
  type: ConsultationType;
  patientId: string;
  patientName: string;
  clinicNumber: string;
  clinicianId: string | null;
  clinicianName: string | null;
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  /** The clinic calendar date of `startsAt`. */
  startsOn: IsoDate;
  durationMinutes: number;
  status: ConsultationStatus;
  statusReason: string | null;
  /** The fee and the deposit that confirms it, as quoted at booking (clinic settings then). */
  feePence: number;
  depositPence: number;
  /** Deposits and balances less reversals. */
  paidPence: number;
  /** What is still to take: the fee less what was paid; nothing for a cancelled or missed consultation. */
  balanceDuePence: number;
  payments: Payment[];
  /**
   * On the response of a booking or a move only: OUTSIDE_OPENING_HOURS, CLINICIAN_NOT_WORKING.
   * Warnings never refuse; the dashboard shows them.
   */
  warnings?: Warning[];
}

// ---------------------------------------------------------------------------------------------
// The diary

export interface DiaryAppointment {
  kind: 'session' | 'consultation';
  id: string;
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  status: SessionStatus | ConsultationStatus;
  patientId: string;
  patientName: string;
  clinicNumber: string;
  /** Sessions: the course and the session's number in it. */
  courseId?: string;
  sequence?: number;
  /** Consultations. */
  consultationType?: ConsultationType;
  balanceDuePence?: number;
}

/** `GET /api/clinicians`: the active clinicians a booking can name, by name. */
export interface ClinicianOption {
  id: string;
  name: string;
}

/** One clinician's day or week; `clinicianId` null is the lane of bookings with no clinician yet. */
export interface DiaryLane {
  clinicianId: string | null;
  clinicianName: string | null;
  appointments: DiaryAppointment[];
}

/** `GET /api/diary?from=&to=&clinicianId=`: clinic dates `from` to `to` inclusive, at most 31 days. */
export interface Diary {
  from: IsoDate;
  to: IsoDate;
  timeZone: string;
  lanes: DiaryLane[];
}

// ---------------------------------------------------------------------------------------------
// Enquiries

export const ENQUIRY_STATUSES = ['new', 'contacted', 'booked', 'closed'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

/** `POST /api/enquiries` (public; JSON or an HTML form). `website` is a honeypot: people leave it empty. */
export interface EnquiryRequest {
  name: string;
  email?: string;
  phone?: string;
  message: string;
  preferredClinician?: string;
  website?: string;
}

export interface Enquiry extends RecordMeta {
  name: string;
  email: string | null;
  phone: string | null;
  message: string;
  preferredClinician: string | null;
  status: EnquiryStatus;
  note: string | null;
  patientId: string | null;
  consultationId: string | null;
}

/** `PATCH /api/enquiries/:id`. `booked` is reached by converting. */
export interface UpdateEnquiryRequest {
  version: number;
  status?: Exclude<EnquiryStatus, 'booked'>;
  note?: string | null;
}

/** `POST /api/enquiries/:id/convert`: the patient (with the duplicate check) and a consultation, in one transaction. */
export interface ConvertEnquiryRequest {
  patient: RegisterPatientRequest;
  consultation: Omit<BookConsultationRequest, 'patientId'>;
}

export interface ConvertedEnquiry {
  enquiry: Enquiry;
  patient: Patient;
  consultation: Consultation;
}
