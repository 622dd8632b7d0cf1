import type { SessionNote } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const noteExample: SessionNote = {
  id: '3d2c1b0a-9f8e-4d7c-a6b5-c4d3e2f1a0b9',
  version: 1,
  createdAt: '2026-04-14T10:12:00.000Z',
  updatedAt: '2026-04-14T10:12:00.000Z',
  sessionId: 'e4d3c2b1-a098-4765-8321-0fedcba98765',
  text: 'Tolerated well. Mild erythema at the injection sites, settled before she left.',
  status: 'draft',
  authorId: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21',
  authorName: 'Dr Sarah Lind',
  signedAt: null,
  addenda: [],
};

export const signedNoteExample: SessionNote = { ...noteExample, version: 2, status: 'signed', signedAt: '2026-04-14T10:20:00.000Z' };

export const noteWithAddendumExample: SessionNote = {
  ...signedNoteExample,
  addenda: [
    {
      id: '4e3d2c1b-0a9f-4e8d-b7c6-d5e4f3a2b1c0',
      text: 'Correction: 12 injections, not 10.',
      authorId: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21',
      authorName: 'Dr Sarah Lind',
      at: '2026-04-15T08:45:00.000Z',
    },
  ],
};
