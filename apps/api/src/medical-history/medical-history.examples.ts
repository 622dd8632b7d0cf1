import type { MedicalHistory, MedicalHistoryInput } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const putMedicalHistoryExample: MedicalHistoryInput = {
  conditions: ['smoking'],
  acknowledgements: { smoking: 'Ten a day; advised to stop around treatment.' },
  weightKg: 68,
  weightMeasuredOn: '2026-03-02',
  ceap: { left: { c: 'C1', assessedOn: '2026-03-02', symptomatic: false } },
};

export const medicalHistoryExample: MedicalHistory = {
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  version: 1,
  createdAt: '2026-03-02T09:40:00.000Z',
  updatedAt: '2026-03-02T09:40:00.000Z',
  patientId: '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10',
  recordedBy: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21',
  conditions: ['smoking'],
  acknowledgements: { smoking: 'Ten a day; advised to stop around treatment.' },
  weightKg: 68,
  weightMeasuredOn: '2026-03-02',
  ceap: { left: { c: 'C1', assessedOn: '2026-03-02', symptomatic: false } },
};
