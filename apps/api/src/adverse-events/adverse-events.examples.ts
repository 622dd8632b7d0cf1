import type { AdverseEvent } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const adverseEventExample: AdverseEvent = {
  id: '2f4e6a8c-1b3d-4f5a-9c7e-0a2b4c6d8e10',
  version: 1,
  createdAt: '2026-04-28T14:10:00.000Z',
  updatedAt: '2026-04-28T14:10:00.000Z',
  sessionId: 'e4d3c2b1-a098-4765-8321-0fedcba98765',
  type: 'hyperpigmentation',
  severity: 'mild',
  onsetOn: '2026-04-27',
  resolved: false,
  resolvedOn: null,
  notes: 'Light brown staining along the treated vein, left calf.',
  recordedBy: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21',
};
