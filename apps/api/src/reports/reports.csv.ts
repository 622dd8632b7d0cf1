/** The columns of each report's CSV download: what a spreadsheet user sees, in order. */
import type { CourseProgressRow, OutcomesReport, OverdueReport, RecallCall } from '@venule/api-contract';
import { toCsv, type CsvColumn } from '../platform/http/csv';

const PROGRESS: CsvColumn<CourseProgressRow>[] = [
  { header: 'Clinic number', value: (r) => r.clinicNumber },
  { header: 'Patient', value: (r) => r.patientName },
  { header: 'Legs', value: (r) => r.legs.join(' and ') },
  { header: 'Clinician', value: (r) => r.clinicianName },
  { header: 'Planned on', value: (r) => r.plannedOn },
  { header: 'Sessions done', value: (r) => r.sessionsCompleted },
  { header: 'Sessions planned', value: (r) => r.plannedSessions },
  { header: 'Last session', value: (r) => r.lastSessionOn },
  { header: 'Next session', value: (r) => r.nextSessionOn },
  { header: 'State', value: (r) => r.state },
  { header: 'Days overdue', value: (r) => r.daysOverdue },
  { header: 'Patient-rated improvement %', value: (r) => r.patientRatedImprovement },
  { header: 'Clinician-rated improvement %', value: (r) => r.clinicianRatedImprovement },
  { header: 'Course id', value: (r) => r.courseId },
];

export const courseProgressCsv = (rows: readonly CourseProgressRow[]) => toCsv(PROGRESS, rows);

type OverdueLine = {
  list: string;
  clinicNumber: string;
  patientName: string;
  phone: string | null;
  detail: string;
  date: string;
  days: number | null;
  lastCall?: RecallCall | null;
};

const OVERDUE: CsvColumn<OverdueLine>[] = [
  { header: 'List', value: (r) => r.list },
  { header: 'Clinic number', value: (r) => r.clinicNumber },
  { header: 'Patient', value: (r) => r.patientName },
  { header: 'Phone', value: (r) => r.phone },
  { header: 'What', value: (r) => r.detail },
  { header: 'Date', value: (r) => r.date },
  { header: 'Days overdue', value: (r) => r.days },
  { header: 'Last call', value: (r) => r.lastCall && `${r.lastCall.outcome.replace('_', ' ')} ${r.lastCall.calledAt.slice(0, 10)}` },
];

/** One line per person to phone, whichever list they are on. */
export function overdueCsv(report: OverdueReport): string {
  const lines: OverdueLine[] = [
    ...report.overdue.map((r) => ({
      list: 'overdue',
      ...r,
      detail: 'next session was due by',
      date: r.windowClosesOn,
      days: r.daysOverdue,
    })),
    ...report.recall.map((r) => ({ list: 'recall', ...r, detail: 'next session window opens', date: r.windowOpensOn, days: null })),
    ...report.scanExpiring.map((r) => ({
      list: 'scan expiring',
      ...r,
      detail: `clear scan of the ${r.leg} leg valid until`,
      date: r.validUntil,
      days: null,
    })),
  ];
  return toCsv(OVERDUE, lines);
}

type OutcomeLine = { measure: string; breakdown: string; value: number | null; basis: number | null };

const OUTCOMES: CsvColumn<OutcomeLine>[] = [
  { header: 'Measure', value: (r) => r.measure },
  { header: 'Breakdown', value: (r) => r.breakdown },
  { header: 'Value', value: (r) => r.value },
  { header: 'Based on', value: (r) => r.basis },
];

/** The outcomes report as one long table: measure, breakdown, value, and how many it rests on. */
export function outcomesCsv(report: OutcomesReport): string {
  const lines: OutcomeLine[] = [
    ...report.improvementBySessions.flatMap((b) => [
      {
        measure: 'patient-rated improvement %',
        breakdown: `${b.sessionsCompleted} sessions`,
        value: b.patient.meanPercent,
        basis: b.patient.courses,
      },
      {
        measure: 'clinician-rated improvement %',
        breakdown: `${b.sessionsCompleted} sessions`,
        value: b.clinician.meanPercent,
        basis: b.clinician.courses,
      },
    ]),
    { measure: 'courses completed', breakdown: '', value: report.courses.completed, basis: null },
    { measure: 'courses discontinued', breakdown: '', value: report.courses.discontinued, basis: null },
    {
      measure: 'completion rate',
      breakdown: '',
      value: report.courses.completionRate,
      basis: report.courses.completed + report.courses.discontinued,
    },
    { measure: 'sessions completed', breakdown: '', value: report.sessionsCompleted, basis: null },
    {
      measure: 'adverse events per 100 sessions',
      breakdown: 'all',
      value: report.adverseEvents.per100Sessions,
      basis: report.sessionsCompleted,
    },
    ...report.adverseEvents.byTypeAndSeverity.map((e) => ({
      measure: 'adverse events per 100 sessions',
      breakdown: `${e.type} (${e.severity})`,
      value: e.per100Sessions,
      basis: report.sessionsCompleted,
    })),
    {
      measure: 'did-not-attend rate',
      breakdown: '',
      value: report.didNotAttend.rate,
      basis: report.didNotAttend.missed + report.didNotAttend.attended,
    },
    ...report.sessionsPerClinicianMonth.map((m) => ({
      measure: 'sessions',
      breakdown: `${m.clinicianName} ${m.month}`,
      value: m.sessions,
      basis: null,
    })),
    {
      measure: 'median days from first scan to first treatment',
      breakdown: '',
      value: report.scanToFirstTreatment.medianDays,
      basis: report.scanToFirstTreatment.patients,
    },
    ...report.overdueByMonth.map((m) => ({ measure: 'courses overdue', breakdown: m.on, value: m.overdue, basis: null })),
  ];
  return toCsv(OUTCOMES, lines);
}
