import type { Leg } from './common';

/** Error codes carried by every problem+json body (SPEC §4). The dashboard switches on these. */
export const CLINICAL_REFUSAL_CODES = [
  'SCAN_REQUIRED',
  'SCAN_EXPIRED',
  'REFERRED_FOR_UNDERLYING_DISEASE',
  'SCAN_INCONCLUSIVE',
  'MEDICAL_HISTORY_REQUIRED',
  'CONTRAINDICATED',
  'UNDER_18',
  'CONSENT_REQUIRED',
  'INTERVAL_TOO_SHORT',
  'COURSE_CLOSED',
  'DOSE_LIMIT_EXCEEDED',
  'WEIGHT_REQUIRED',
  'CONFIRMATION_REQUIRED',
  'NOTE_SIGNED',
  'DOUBLE_BOOKED',
  'COURSE_FULLY_BOOKED',
] as const;
export type ClinicalRefusalCode = (typeof CLINICAL_REFUSAL_CODES)[number];

/**
 * Reason codes that make a request invalid. A request with one is refused 400 VALIDATION_FAILED
 * (that is the problem's `code`); each reason keeps its own code and names its `field`.
 * - INVALID_VALUE: a value missing, out of range or not of its kind (the message says which).
 * - INVALID_SETTING: a clinical policy an admin is about to save contradicts itself.
 * - UNKNOWN_CONDITION: a medical-history condition (or acknowledgement) not in the catalogue.
 * - ACKNOWLEDGEMENT_REQUIRED: a relative contraindication without the clinician's note.
 * - DATE_IN_FUTURE: a scan or weight dated after today.
 * - WEIGHT_OUT_OF_RANGE: a body weight outside the clinic's plausible range.
 * - CONTRADICTORY_CONCLUSION: a scan leg concluded clear with findings of underlying disease.
 */
export const INVALID_INPUT_CODES = [
  'INVALID_VALUE',
  'INVALID_SETTING',
  'UNKNOWN_CONDITION',
  'ACKNOWLEDGEMENT_REQUIRED',
  'DATE_IN_FUTURE',
  'WEIGHT_OUT_OF_RANGE',
  'CONTRADICTORY_CONCLUSION',
] as const;
export type InvalidInputCode = (typeof INVALID_INPUT_CODES)[number];

/**
 * Warnings: they never refuse a request; they come back in `warnings` for staff to act on. (A
 * booking's clearance warnings reuse the clinical refusal codes: SCAN_REQUIRED, UNDER_18, ….)
 * - BEYOND_WINDOW: the date is after the latest day of the leg's window (SPEC §1.4).
 * - OUTSIDE_OPENING_HOURS: the appointment falls on a closed day or outside the opening hours.
 * - CLINICIAN_NOT_WORKING: the clinician does not work on that weekday.
 */
export const WARNING_CODES = ['BEYOND_WINDOW', 'OUTSIDE_OPENING_HOURS', 'CLINICIAN_NOT_WORKING'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Every code and the HTTP status of a request refused with it. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The password was reset: only changing it (and signing out) works until then. */
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The record does not exist (or the reader may not know it does). */
  NOT_FOUND: 404,
  /** The session has not been completed, so it has no aftercare plan yet. */
  NO_AFTERCARE_YET: 404,
  /** The session is not booked (cancelled, missed or completed): pre-treatment advice is for booked sessions. */
  NO_PRE_TREATMENT_ADVICE: 404,
  DUPLICATE_PATIENT: 409,
  VERSION_CONFLICT: 409,
  /** A unique value already taken (a staff account's email), or a conflict the framework reports. */
  CONFLICT: 409,
  /** Completing, moving, cancelling or marking not attended a session that is cancelled, missed or already completed. */
  SESSION_NOT_BOOKED: 409,
  /** Marking not attended a session whose time has not come yet (cancel it instead). */
  SESSION_NOT_DUE: 409,
  /** Recording an adverse event against a session that has not been completed. */
  SESSION_NOT_COMPLETED: 409,
  /** Resending a message that has not failed: it is still queued, already sent, or cancelled with its booking. */
  MESSAGE_NOT_FAILED: 409,
  /** Resolving an adverse event already marked resolved. */
  ADVERSE_EVENT_ALREADY_RESOLVED: 409,
  /** An addendum to a note that is still a draft (its author edits it instead). */
  NOTE_NOT_SIGNED: 409,
  /** A consultation's (or enquiry's) status cannot change that way (e.g. attended before its day, or once cancelled). */
  STATUS_CHANGE_REFUSED: 409,
  /** A payment the consultation cannot take now (a deposit once cancelled, a balance before the day). */
  PAYMENT_REFUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  ...(Object.fromEntries(CLINICAL_REFUSAL_CODES.map((c) => [c, 422])) as Record<ClinicalRefusalCode, 422>),
  ...(Object.fromEntries(INVALID_INPUT_CODES.map((c) => [c, 400])) as Record<InvalidInputCode, 400>),
} as const;

/** The `code` of a problem+json body: every code of the table but the reasons of an invalid request (those come as VALIDATION_FAILED). */
export type ErrorCode = Exclude<keyof typeof ERROR_STATUS, InvalidInputCode>;

/** Codes a refusal reason can carry: the clinical refusals, invalid input, and refusals of a record's state. */
export type RefusalCode = ClinicalRefusalCode | InvalidInputCode | 'SESSION_NOT_BOOKED' | 'STATUS_CHANGE_REFUSED' | 'PAYMENT_REFUSED';

/** Every code a `Reason` can carry: a refusal's, or a warning's. */
export type ReasonCode = RefusalCode | WarningCode;

/** One reason a request was refused (or a warning); `leg` when the reason is about one leg. */
export interface Reason<Code extends ReasonCode = ReasonCode> {
  code: Code;
  message: string;
  leg?: Leg;
  /** The request field at fault, for reasons that make the request invalid (400). */
  field?: string;
  /** INTERVAL_TOO_SHORT: the first date the leg may be treated again. */
  opensOn?: string;
  /** A warning about another session (a booking that now falls inside a window). */
  sessionId?: string;
  /** DOUBLE_BOOKED: the appointment already in the clinician's diary at that time. */
  clash?: { kind: 'session' | 'consultation'; id: string; startsAt: string; endsAt: string };
}

/** A reason that refuses the request, as the rules give it (a warning's code is not one). */
export type Refusal = Reason<RefusalCode>;

export interface FieldError {
  /** Dotted path of the offending field, e.g. `legs.left.conclusion`. */
  field: string;
  messages: string[];
}

/** RFC 9457 problem details, as every error response of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  reasons?: Reason[];
}

/**
 * The request fields as the dashboard's forms label them, for messages a person reads. `field`
 * in `errors` stays the API's name (clients match it to their controls); these are for `detail`.
 */
export const FIELD_LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  postcode: 'Postcode',
  gpName: 'GP',
  displayName: 'Name',
  role: 'Role',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  scheduledFor: 'Date and time',
  startsAt: 'Date and time',
  treatedAt: 'Date and time of the treatment',
  durationMinutes: 'Length',
  clinicianId: 'Clinician',
  plannedSessions: 'Planned sessions',
  legs: 'Legs',
  areas: 'Areas',
  conclusion: 'Conclusion',
  findings: 'Findings',
  performedOn: 'Scan date',
  performedBy: 'Performed by',
  consentedOn: 'Signed on',
  formVersion: 'Form version',
  weightKg: 'Weight',
  weightMeasuredOn: 'Weight measured on',
  conditions: 'Conditions',
  acknowledgements: 'Acknowledgements',
  agent: 'Agent',
  product: 'Product',
  batchNumber: 'Batch number',
  concentrationPercent: 'Concentration',
  volumeMl: 'Total volume',
  injections: 'Injections',
  immediateReactions: 'Immediate reactions',
  confirmations: 'Confirmations',
  onsetOn: 'Onset',
  resolvedOn: 'Resolved on',
  improvementPercent: 'Improvement',
  ratedBy: 'Rated by',
  discontinuedReason: 'Reason for discontinuing',
  amountPence: 'Amount',
  method: 'Payment method',
  text: 'Note',
  message: 'Message',
  name: 'Name',
  note: 'Note',
  version: 'Record version',
  body: 'The request',
};

const LEG_WORDS: Record<string, string> = { left: 'Left leg', right: 'Right leg' };

/** `legs.left.conclusion` → "Left leg conclusion"; `injections.1.volumeMl` → "Total volume (row 2)"; unknown names in words. */
export function fieldLabel(field: string): string {
  const parts = field.split('.');
  const last = parts[parts.length - 1];
  const words =
    FIELD_LABELS[last] ??
    last
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase());
  const leg = parts.find((p) => p in LEG_WORDS);
  const row = parts.slice(0, -1).find((p) => /^\d+$/.test(p));
  const label = leg && last !== leg ? `${LEG_WORDS[leg]} ${words.toLowerCase()}` : words;
  return row === undefined ? label : `${label} (row ${Number(row) + 1})`;
}

/** One sentence per message: "Date and time must not be in the past." A message that is a sentence already stays as it is. */
export function describeFieldError(field: string, messages: readonly string[]): string {
  return messages
    .map((m) => m.trim())
    .filter(Boolean)
    .map((m) => (/^[A-Z]/.test(m) ? m : `${fieldLabel(field)} ${m}`))
    .map((m) => (/[.!?]$/.test(m) ? m : `${m}.`))
    .join(' ');
}
