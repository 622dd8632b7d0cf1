import type { ConvertedEnquiry, ConvertEnquiryRequest, Enquiry, EnquiryRequest, UpdateEnquiryRequest } from '@venule/api-contract';
import { consultationExample } from '../consultations/consultations.examples';
import { patientExample, registerPatientExample } from '../patients/patients.examples';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const enquiryRequestExample: EnquiryRequest = {
  name: 'Margaret Okafor',
  email: 'margaret.okafor@example.org',
  phone: '07700 900123',
  message: 'I have thread veins on both thighs and would like a consultation.',
  preferredClinician: 'Dr Lind',
};

export const enquiryExample: Enquiry = {
  id: '11223344-5566-4778-899a-abbccddeeff0',
  version: 1,
  createdAt: '2026-02-27T18:42:00.000Z',
  updatedAt: '2026-02-27T18:42:00.000Z',
  name: 'Margaret Okafor',
  email: 'margaret.okafor@example.org',
  phone: '07700 900123',
  message: 'I have thread veins on both thighs and would like a consultation.',
  preferredClinician: 'Dr Lind',
  status: 'new',
  note: null,
  patientId: null,
  consultationId: null,
};

export const updateEnquiryExample: UpdateEnquiryRequest = { version: 1, status: 'contacted', note: 'Called back; booking next week.' };

export const convertEnquiryExample: ConvertEnquiryRequest = {
  patient: registerPatientExample,
  consultation: {
    type: 'free',
    clinicianId: consultationExample.clinicianId ?? undefined,
    startsAt: '2026-03-10T14:00:00.000Z',
    durationMinutes: 30,
  },
};

export const convertedEnquiryExample: ConvertedEnquiry = {
  enquiry: { ...enquiryExample, version: 2, status: 'booked', patientId: patientExample.id, consultationId: consultationExample.id },
  patient: patientExample,
  consultation: { ...consultationExample, type: 'free', status: 'booked', feePence: 0, depositPence: 0, balanceDuePence: 0 },
};
