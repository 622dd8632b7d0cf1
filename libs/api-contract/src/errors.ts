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
  leg?: 'left' | 'right';
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
