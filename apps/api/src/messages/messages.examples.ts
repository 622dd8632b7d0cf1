import type { Message } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const messageExample: Message = {
  id: '5a0c6f2e-8d1b-4c3a-9e7f-1b2c3d4e5f60',
  version: 2,
  createdAt: '2026-03-02T10:15:00.000Z',
  updatedAt: '2026-03-08T09:30:04.000Z',
  channel: 'email',
  to: 'margaret.okafor@example.org',
  template: 'session_reminder',
  subject: 'Your appointment at Bristol Vein Clinic on Tuesday 10 March 2026 at 09:30',
  state: 'sent',
  sendAt: '2026-03-08T09:30:00.000Z',
  sentAt: '2026-03-08T09:30:04.000Z',
  attempts: 1,
  lastError: null,
  patientId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  patientName: 'Margaret Okafor',
  clinicNumber: 'VN-000123',
  sessionId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
};

export const failedMessageExample: Message = {
  ...messageExample,
  version: 2,
  state: 'failed',
  sentAt: null,
  lastError: 'not sent: no mail server configured',
};

export const requeuedMessageExample: Message = { ...failedMessageExample, version: 3, state: 'queued', attempts: 0, lastError: null };
