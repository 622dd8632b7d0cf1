import type { Patient, PatientSummary, RegisterPatientRequest, UpdatePatientRequest } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const PATIENT_ID = '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10';

export const registerPatientExample: RegisterPatientRequest = {
  firstName: 'Margaret',
  lastName: 'Okafor',
  dateOfBirth: '1971-05-14',
  sex: 'female',
  phone: '07700 900123',
  email: 'margaret.okafor@example.org',
  postcode: 'SW1A 1AA',
};

export const patientExample: Patient = {
  id: PATIENT_ID,
  version: 1,
  createdAt: '2026-03-02T09:15:00.000Z',
  updatedAt: '2026-03-02T09:15:00.000Z',
  clinicNumber: 'V-000142',
  firstName: 'Margaret',
  lastName: 'Okafor',
  dateOfBirth: '1971-05-14',
  sex: 'female',
  phone: '07700 900123',
  email: 'margaret.okafor@example.org',
  address: null,
  postcode: 'SW1A 1AA',
  gpName: null,
  contactPreference: 'email',
  archived: false,
};

export const updatePatientExample: UpdatePatientRequest = { version: 1, phone: '07700 900456' };

export const patientSummaryExample: PatientSummary = {
  id: PATIENT_ID,
  clinicNumber: 'V-000142',
  firstName: 'Margaret',
  lastName: 'Okafor',
  dateOfBirth: '1971-05-14',
  phone: '07700 900123',
  archived: false,
};
