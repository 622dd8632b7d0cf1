import type { IsoDate, RecordMeta } from './common';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** How the patient wants the clinic's messages: by email, by text message, or none at all (opted out). */
export const CONTACT_PREFERENCES = ['email', 'sms', 'none'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export interface PatientInput {
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  sex: Sex;
  /** At least one of phone and email: the clinic must be able to reach the patient. */
  phone: string | null;
  email: string | null;
  address?: string | null;
  postcode?: string | null;
  gpName?: string | null;
  /** `email` needs an email address, `sms` a phone number. Registration defaults to email when given, else sms. */
  contactPreference?: ContactPreference;
}

/** `POST /api/patients`. A same name + date of birth match answers 409 DUPLICATE_PATIENT unless confirmed. */
export interface RegisterPatientRequest extends PatientInput {
  confirmDuplicate?: boolean;
}

/** `PATCH /api/patients/:id`: any subset of the fields, the record's current `version`, and archiving. */
export interface UpdatePatientRequest extends Partial<PatientInput> {
  version: number;
  archived?: boolean;
}

export interface Patient extends RecordMeta, PatientInput {
  clinicNumber: string;
  contactPreference: ContactPreference;
  archived: boolean;
}

/** One row of `GET /api/patients?q=`: enough for reception to pick the right person. */
export interface PatientSummary {
  id: string;
  clinicNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  phone: string | null;
  archived: boolean;
}

export interface PatientSearchQuery {
  q?: string;
  limit?: number;
  offset?: number;
  includeArchived?: boolean;
}

/** Body of the 409 DUPLICATE_PATIENT problem: the records that look like the same person. */
export interface DuplicatePatientProblemExtras {
  matches: PatientSummary[];
}
