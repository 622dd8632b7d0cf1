import type { Course, SessionBooking, SessionDetail } from '@venule/api-contract';

/** Records shaped as the API sends them, for component tests. */
export function booking(overrides: Partial<SessionBooking> = {}): SessionBooking {
  return {
    id: 's-1',
    version: 1,
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T09:00:00Z',
    courseId: 'c-1',
    patientId: 'p-1',
    sequence: 1,
    scheduledFor: '2026-03-02T10:00:00Z',
    endsAt: '2026-03-02T10:30:00Z',
    scheduledOn: '2026-03-02',
    clinicianId: null,
    clinicianName: null,
    status: 'scheduled',
    statusChangedAt: null,
    completedAt: null,
    treatedAt: null,
    completedOn: null,
    completedByName: null,
    ...overrides,
  };
}

export function completedDetail(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    ...booking({
      status: 'completed',
      completedAt: '2026-03-02T10:25:00Z',
      treatedAt: '2026-03-02T10:25:00Z',
      completedOn: '2026-03-02',
      completedByName: 'Dr Amara Okafor',
    }),
    completedBy: 'clinician-id',
    legs: ['left'],
    areas: ['calf'],
    agent: 'polidocanol',
    product: 'Asclera',
    batchNumber: 'PD1',
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
    ...overrides,
  };
}

export function course(overrides: Partial<Course> = {}): Course {
  return {
    id: 'c-1',
    version: 1,
    createdAt: '2026-02-20T12:00:00Z',
    updatedAt: '2026-02-20T12:00:00Z',
    patientId: 'p-1',
    legs: ['left'],
    areas: ['calf'],
    plannedSessions: 3,
    status: 'active',
    discontinuedReason: null,
    closedAt: null,
    state: 'not_started',
    progress: {
      state: 'not_started',
      message: 'No session completed yet.',
      sessionsCompleted: 0,
      sessionsRemaining: 3,
      lastCompletedOn: null,
      nextWindow: null,
      nextScheduledOn: null,
      opensOn: null,
      bookingsInsideWindow: [],
    },
    consented: true,
    sessions: [],
    ...overrides,
  };
}
