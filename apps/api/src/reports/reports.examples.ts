import type {
  CourseProgressRow,
  OutcomesReport,
  OverdueReport,
  RecallCall,
  RecallCallInput,
  RecallRow,
  ScanExpiryRow,
} from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
const PATIENT_ID = '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10';
const COURSE_ID = '9a7c3e15-2b6d-4f80-8e1a-4c5d6e7f8091';
const CLINICIAN_ID = '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21';

export const courseProgressRowExample: CourseProgressRow = {
  courseId: COURSE_ID,
  patientId: PATIENT_ID,
  patientName: 'Margaret Okafor',
  clinicNumber: 'V-000142',
  legs: ['left', 'right'],
  clinicianId: CLINICIAN_ID,
  clinicianName: 'Dr Sarah Lind',
  plannedOn: '2026-03-17',
  sessionsCompleted: 1,
  plannedSessions: 3,
  lastSessionOn: '2026-04-14',
  nextSessionOn: null,
  state: 'overdue',
  daysOverdue: 9,
  patientRatedImprovement: null,
  clinicianRatedImprovement: null,
};

export const recallCallInputExample: RecallCallInput = {
  courseId: COURSE_ID,
  outcome: 'left_message',
  note: 'Voicemail; will try again Friday.',
};

export const recallCallExample: RecallCall = {
  outcome: 'left_message',
  note: 'Voicemail; will try again Friday.',
  calledAt: '2026-07-16T13:20:00.000Z',
  calledByName: 'Rita Reception',
};

const overdueRow: RecallRow = {
  courseId: COURSE_ID,
  patientId: PATIENT_ID,
  patientName: 'Margaret Okafor',
  clinicNumber: 'V-000142',
  phone: '07700 900123',
  lastSessionOn: '2026-04-14',
  windowOpensOn: '2026-05-12',
  windowClosesOn: '2026-07-07',
  daysOverdue: 9,
  clinical: { legs: ['left', 'right'], sessionsCompleted: 1, plannedSessions: 3 },
  lastCall: recallCallExample,
};

const scanExpiring: ScanExpiryRow = {
  patientId: PATIENT_ID,
  patientName: 'Margaret Okafor',
  clinicNumber: 'V-000142',
  phone: '07700 900123',
  leg: 'left',
  validUntil: '2026-08-01',
  sessionsRemaining: 2,
};

export const overdueReportExample: OverdueReport = {
  on: '2026-07-16',
  items: [
    { list: 'overdue', ...overdueRow },
    { list: 'scan_expiring', ...scanExpiring },
  ],
  total: 2,
  limit: 2,
  offset: 0,
  overdue: [overdueRow],
  recall: [],
  recallDays: 14,
  scanExpiring: [scanExpiring],
  scanExpiryDays: 30,
};

export const outcomesReportExample: OutcomesReport = {
  from: '2025-07-17',
  to: '2026-07-16',
  clinicianId: null,
  promise: { lowPercent: 60, highPercent: 80, minSessions: 2, maxSessions: 5 },
  improvementBySessions: [
    {
      sessionsCompleted: 3,
      patient: { meanPercent: 72, courses: 18, withinPromiseOrBetter: 15 },
      clinician: { meanPercent: 68, courses: 18, withinPromiseOrBetter: 14 },
    },
  ],
  courses: { completed: 18, discontinued: 2, completionRate: 0.9, discontinuationRate: 0.1 },
  sessionsCompleted: 61,
  adverseEvents: {
    total: 3,
    per100Sessions: 4.9,
    byTypeAndSeverity: [{ type: 'hyperpigmentation', severity: 'mild', events: 3, per100Sessions: 4.9 }],
  },
  didNotAttend: { missed: 2, attended: 61, rate: 0.032 },
  sessionsPerClinicianMonth: [{ clinicianId: CLINICIAN_ID, clinicianName: 'Dr Sarah Lind', month: '2026-06', sessions: 7 }],
  scanToFirstTreatment: { patients: 12, medianDays: 15 },
  overdueByMonth: [{ on: '2026-06-30', overdue: 1 }],
};
