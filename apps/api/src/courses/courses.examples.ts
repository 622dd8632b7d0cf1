import type { Consent, Course, CreateCourseRequest, Outcome, UpdateCourseRequest } from '@venule/api-contract';
import { COURSE_ID, sessionDetailExample } from '../sessions/sessions.examples';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
const PATIENT_ID = '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10';
const CLINICIAN_ID = '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21';

export const createCourseExample: CreateCourseRequest = { legs: ['left', 'right'], areas: ['lateral thigh'], plannedSessions: 3 };

export const consentExample: Consent = {
  id: '6c5b4a39-2817-4f06-9e5d-4c3b2a190817',
  version: 1,
  createdAt: '2026-03-17T10:40:00.000Z',
  updatedAt: '2026-03-17T10:40:00.000Z',
  courseId: COURSE_ID,
  consentedOn: '2026-03-17',
  formVersion: 'MS-consent-2025-09',
  recordedBy: CLINICIAN_ID,
};

export const outcomeExample: Outcome = {
  id: '8e7d6c5b-4a39-4281-b7f6-e5d4c3b2a190',
  version: 1,
  createdAt: '2026-06-09T10:00:00.000Z',
  updatedAt: '2026-06-09T10:00:00.000Z',
  courseId: COURSE_ID,
  assessedOn: '2026-06-09',
  ratedBy: 'patient',
  improvementPercent: 70,
  notes: 'Pleased with the left thigh.',
  recordedBy: CLINICIAN_ID,
};

export const courseExample: Course = {
  id: COURSE_ID,
  version: 3,
  createdAt: '2026-03-17T10:30:00.000Z',
  updatedAt: '2026-04-14T10:05:00.000Z',
  patientId: PATIENT_ID,
  legs: ['left', 'right'],
  areas: ['lateral thigh'],
  plannedSessions: 3,
  status: 'active',
  discontinuedReason: null,
  closedAt: null,
  state: 'on_track',
  progress: {
    state: 'on_track',
    message: 'Next session from 12 May to 7 July.',
    sessionsCompleted: 1,
    sessionsRemaining: 2,
    lastCompletedOn: '2026-04-14',
    nextWindow: { earliest: '2026-05-12', latest: '2026-07-07' },
    nextScheduledOn: null,
    opensOn: '2026-05-12',
    bookingsInsideWindow: [],
  },
  consented: true,
  consent: consentExample,
  outcomes: [],
  sessions: [sessionDetailExample],
};

export const updateCourseExample: UpdateCourseRequest = { version: 3, plannedSessions: 4 };
