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

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The password was reset: only changing it (and signing out) works until then. */
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  DUPLICATE_PATIENT: 409,
  VERSION_CONFLICT: 409,
  CONFLICT: 409,
  /** Completing a session that is cancelled, missed or already completed. */
  SESSION_NOT_BOOKED: 409,
  /** A consultation's status cannot change that way (e.g. attended before its day, or once cancelled). */
  STATUS_CHANGE_REFUSED: 409,
  /** A payment the consultation cannot take now (a deposit once cancelled, a balance before the day). */
  PAYMENT_REFUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  ...(Object.fromEntries(CLINICAL_REFUSAL_CODES.map((c) => [c, 422])) as Record<ClinicalRefusalCode, 422>),
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** One reason a request was refused (or a warning); `leg` when the reason is about one leg. */
export interface Reason {
  code: string;
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
  const words = FIELD_LABELS[last] ?? last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
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
