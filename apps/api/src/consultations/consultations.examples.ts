import type { BookConsultationRequest, Consultation, RecordPaymentRequest, UpdateConsultationRequest } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
const PATIENT_ID = '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10';
const CLINICIAN_ID = '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21';
const RECEPTION_ID = '7d3e2c1b-5a4f-4e3d-9c2b-1a0f9e8d7c6b';

export const bookConsultationExample: BookConsultationRequest = {
  type: 'named_doctor',
  patientId: PATIENT_ID,
  clinicianId: CLINICIAN_ID,
  startsAt: '2026-03-10T14:00:00.000Z',
  durationMinutes: 30,
};

export const consultationExample: Consultation = {
  id: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  version: 1,
  createdAt: '2026-03-02T09:20:00.000Z',
  updatedAt: '2026-03-02T09:20:00.000Z',
  type: 'named_doctor',
  patientId: PATIENT_ID,
  patientName: 'Margaret Okafor',
  clinicNumber: 'V-000142',
  clinicianId: CLINICIAN_ID,
  clinicianName: 'Dr Sarah Lind',
  startsAt: '2026-03-10T14:00:00.000Z',
  endsAt: '2026-03-10T14:30:00.000Z',
  startsOn: '2026-03-10',
  durationMinutes: 30,
  status: 'awaiting_deposit',
  statusReason: null,
  feePence: 5000,
  depositPence: 2500,
  paidPence: 0,
  balanceDuePence: 5000,
  payments: [],
};

export const updateConsultationExample: UpdateConsultationRequest = { version: 1, startsAt: '2026-03-11T10:00:00.000Z' };

export const movedConsultationExample: Consultation = {
  ...consultationExample,
  version: 2,
  startsAt: '2026-03-11T10:00:00.000Z',
  endsAt: '2026-03-11T10:30:00.000Z',
  startsOn: '2026-03-11',
};

export const recordPaymentExample: RecordPaymentRequest = {
  kind: 'deposit',
  amountPence: 2500,
  method: 'card',
  reference: 'Terminal 1 #4471',
};

export const paidConsultationExample: Consultation = {
  ...consultationExample,
  version: 2,
  status: 'booked',
  paidPence: 2500,
  balanceDuePence: 2500,
  payments: [
    {
      id: 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d',
      kind: 'deposit',
      amountPence: 2500,
      method: 'card',
      reference: 'Terminal 1 #4471',
      recordedBy: RECEPTION_ID,
      recordedAt: '2026-03-02T09:25:00.000Z',
    },
  ],
};
