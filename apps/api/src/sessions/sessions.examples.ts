import type {
  Aftercare,
  BookedSession,
  BookSessionRequest,
  CompletedSession,
  CompleteSessionRequest,
  CompletionFacts,
  MoveSessionRequest,
  PreTreatmentAdvice,
  SessionBooking,
  SessionDetail,
} from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
const PATIENT_ID = '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10';
const CLINICIAN_ID = '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21';
export const COURSE_ID = '9a7c3e15-2b6d-4f80-8e1a-4c5d6e7f8091';
export const SESSION_ID = 'e4d3c2b1-a098-4765-8321-0fedcba98765';

export const bookSessionExample: BookSessionRequest = {
  scheduledFor: '2026-04-14T09:30:00.000Z',
  clinicianId: CLINICIAN_ID,
  durationMinutes: 30,
};

export const sessionBookingExample: SessionBooking = {
  id: SESSION_ID,
  version: 1,
  createdAt: '2026-03-17T11:02:00.000Z',
  updatedAt: '2026-03-17T11:02:00.000Z',
  courseId: COURSE_ID,
  patientId: PATIENT_ID,
  sequence: 2,
  scheduledFor: '2026-04-14T09:30:00.000Z',
  endsAt: '2026-04-14T10:00:00.000Z',
  scheduledOn: '2026-04-14',
  clinicianId: CLINICIAN_ID,
  clinicianName: 'Dr Sarah Lind',
  status: 'scheduled',
  statusChangedAt: null,
  completedAt: null,
  treatedAt: null,
  completedOn: null,
  completedByName: null,
};

export const sessionDetailExample: SessionDetail = {
  ...sessionBookingExample,
  version: 2,
  updatedAt: '2026-04-14T10:05:00.000Z',
  status: 'completed',
  statusChangedAt: '2026-04-14T10:05:00.000Z',
  completedAt: '2026-04-14T10:05:00.000Z',
  treatedAt: '2026-04-14T10:05:00.000Z',
  completedOn: '2026-04-14',
  completedByName: 'Dr Sarah Lind',
  completedBy: CLINICIAN_ID,
  legs: ['left'],
  areas: ['lateral thigh'],
  agent: 'polidocanol',
  product: 'Asclera',
  batchNumber: 'PD-24-0117',
  concentrationPercent: 0.5,
  form: 'liquid',
  volumeMl: 4,
  injections: 12,
  doseMg: 20,
  compression: { mmHg: 20, hours: 72 },
  checklist: { noLotions: true, stockingsBrought: true },
  confirmations: [],
  immediateReactions: null,
  adverseEvents: [],
};

export const preTreatmentExample: PreTreatmentAdvice = {
  scheduledFor: '2026-04-14T09:30:00.000Z',
  scheduledOn: '2026-04-14',
  items: [
    { code: 'no_lotions', fromDate: '2026-04-14', text: 'Do not put lotion or cream on your legs on the day of treatment.' },
    { code: 'loose_clothing', text: 'Wear loose clothing.' },
    { code: 'bring_stockings', text: 'Bring your compression stockings.' },
  ],
};

export const bookedSessionExample: BookedSession = {
  ...sessionBookingExample,
  window: { earliest: '2026-04-14', latest: '2026-06-09' },
  warnings: [],
  preTreatment: preTreatmentExample,
};

export const moveSessionExample: MoveSessionRequest = { scheduledFor: '2026-04-16T14:00:00.000Z', version: 1 };

export const completeSessionExample: CompleteSessionRequest = {
  legs: ['left'],
  areas: ['lateral thigh'],
  agent: 'polidocanol',
  product: 'Asclera',
  batchNumber: 'PD-24-0117',
  concentrationPercent: 0.5,
  form: 'liquid',
  volumeMl: 4,
  injections: 12,
  compression: { mmHg: 20, hours: 72 },
  checklist: { noLotions: true, stockingsBrought: true },
};

export const aftercareExample: Aftercare = {
  sessionId: SESSION_ID,
  completedAt: '2026-04-14T10:05:00.000Z',
  treatedAt: '2026-04-14T10:05:00.000Z',
  completedOn: '2026-04-14',
  items: [
    { code: 'walk', until: '2026-04-14', text: 'Walk for 30 minutes straight after treatment.' },
    { code: 'hosiery_day_and_night', until: '2026-04-17', text: 'Wear your stockings day and night.' },
    { code: 'avoid_sun', until: '2026-05-12', text: 'Keep the treated skin out of strong sun.' },
  ],
  nextWindow: { earliest: '2026-05-12', latest: '2026-07-07' },
};

export const completedSessionExample: CompletedSession = {
  ...sessionDetailExample,
  warnings: [],
  aftercare: aftercareExample,
  courseStatus: 'active',
};

export const completionFactsExample: CompletionFacts = {
  on: '2026-04-14',
  polidocanolMgSameDay: 0,
  completedSessionsBefore: 1,
  weightKg: 68,
  weightMeasuredOn: '2026-03-02',
  conditions: [],
};
