import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  can,
  type CourseProgressPage,
  type CourseProgressRow,
  type OutcomeRater,
  type OutcomesReport,
  type OverdueReport,
  type RecallCall,
  type RecallRow,
} from '@venule/api-contract';
import { addDays, addMonths } from '@venule/clinical-rules';
import { DataSource } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { loadPolicy } from '../clearance/clinical-facts.repository';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { notFound, validationFailed } from '../platform/errors/domain-error';
import type { CourseProgressQueryDto } from './dto/course-progress-query.dto';
import type { OutcomesQueryDto } from './dto/outcomes-query.dto';
import type { RecallCallDto } from './dto/recall-call.dto';
import { PROMISE, ReportsRepository, type ReportClock } from './reports.repository';

/** The recall list looks this many days ahead for windows about to open. */
export const RECALL_DAYS = 14;
/** Clear scans running out within this many days are listed while sessions remain. */
export const SCAN_EXPIRY_DAYS = 30;

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * The managers' reports (issue 11). Every figure is computed in SQL by the repository on the
 * clinic's calendar and policy; this service checks the question, shapes the answer for the
 * reader's role and records the read in the audit trail.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsRepository,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
  ) {}

  async courseProgress(query: CourseProgressQueryDto, staff: SignedInStaff, all = false): Promise<CourseProgressPage> {
    if (query.from && query.to && query.from > query.to) throw validationFailed('to', 'must be on or after from');
    const sort = query.sort ?? 'daysOverdue';
    const { items, total } = await this.reports.courseProgress(await this.reportClock(), {
      clinicianId: query.clinicianId,
      state: query.state,
      from: query.from,
      to: query.to,
      leg: query.leg,
      sort,
      direction: query.direction ?? (sort === 'daysOverdue' ? 'desc' : 'asc'),
      limit: all ? null : query.limit,
      offset: all ? 0 : query.offset,
    });
    await this.audit.record({ actorId: staff.id, action: all ? 'export' : 'read', entity: 'report', entityId: 'course-progress' });
    // Admins read reports but no clinical data (SPEC §3): the ratings are left out.
    const shaped = can(staff.role, 'readClinical') ? items : items.map(withoutRatings);
    return { items: shaped, total, limit: all ? total : query.limit, offset: all ? 0 : query.offset };
  }

  async overdue(staff: SignedInStaff, exported = false): Promise<OverdueReport> {
    const clock = await this.reportClock();
    const [candidates, scanExpiring] = await Promise.all([
      this.reports.recallCandidates(clock, RECALL_DAYS),
      this.reports.scansExpiring(clock, SCAN_EXPIRY_DAYS),
    ]);
    const clinical = can(staff.role, 'readClinical');
    const shape = ({ list: _list, legs, sessionsCompleted, plannedSessions, ...row }: (typeof candidates)[number]): RecallRow =>
      clinical ? { ...row, clinical: { legs, sessionsCompleted, plannedSessions } } : row;
    await this.audit.record({ actorId: staff.id, action: exported ? 'export' : 'read', entity: 'report', entityId: 'overdue' });
    const overdue = candidates.filter((c) => c.list === 'overdue').map(shape);
    const recall = candidates.filter((c) => c.list === 'recall').map(shape);
    // The same rows as one list (SPEC §4: lists are pages), each saying which section it is from.
    const items: OverdueReport['items'] = [
      ...overdue.map((r) => ({ list: 'overdue' as const, ...r })),
      ...recall.map((r) => ({ list: 'recall' as const, ...r })),
      ...scanExpiring.map((r) => ({ list: 'scan_expiring' as const, ...r })),
    ];
    return {
      on: clock.on,
      items,
      total: items.length,
      limit: items.length,
      offset: 0,
      overdue,
      recall,
      recallDays: RECALL_DAYS,
      scanExpiring,
      scanExpiryDays: SCAN_EXPIRY_DAYS,
    };
  }

  /** One click on the "Who to phone" list: what came of the call, kept with the course and audited. */
  async recordCall(input: RecallCallDto, staff: SignedInStaff): Promise<RecallCall> {
    const note = input.note?.trim() || null;
    return this.db.transaction(async (tx) => {
      const call = await this.reports.recordCall(tx, { courseId: input.courseId, outcome: input.outcome, note, calledBy: staff.id });
      if (!call) throw notFound('The course');
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'create',
          entity: 'recall_call',
          entityId: call.id,
          patientId: call.patientId,
          fields: note ? ['outcome', 'note'] : ['outcome'],
        },
        tx,
      );
      return { outcome: input.outcome, note, calledAt: call.calledAt.toISOString(), calledByName: staff.displayName };
    });
  }

  async outcomes(query: OutcomesQueryDto, staff: SignedInStaff, exported = false): Promise<OutcomesReport> {
    const to = query.to ?? this.clock.today();
    const from = query.from ?? addDays(addMonths(to, -12), 1);
    if (from > to) throw validationFailed(query.to ? 'to' : 'from', 'the period must start on or before its end');
    const period = { from, to, clinicianId: query.clinicianId ?? null };
    const zone = this.clock.timeZone;
    const policy = await loadPolicy(this.db.manager);
    const [ratings, closed, months, events, attendance, scanToFirstTreatment, overdueByMonth] = await Promise.all([
      this.reports.improvementBySessions(period),
      this.reports.closedCourses(period, zone),
      this.reports.sessionsPerClinicianMonth(period),
      this.reports.adverseEvents(period),
      this.reports.attendance(period, zone),
      this.reports.scanToFirstTreatment(period),
      this.reports.overdueByMonth(period, zone, policy.maxIntervalDays),
    ]);
    const sessionsCompleted = months.reduce((n, m) => n + m.sessions, 0);
    const per100 = (events: number) => (sessionsCompleted > 0 ? Math.round((events / sessionsCompleted) * 10000) / 100 : 0);
    const totalEvents = events.reduce((n, e) => n + e.events, 0);
    const bySessions = [...new Set(ratings.map((r) => r.sessionsCompleted))].map((sessions) => {
      const of = (ratedBy: OutcomeRater) => {
        const r = ratings.find((x) => x.sessionsCompleted === sessions && x.ratedBy === ratedBy);
        return { meanPercent: r?.meanPercent ?? null, courses: r?.courses ?? 0, withinPromiseOrBetter: r?.withinPromiseOrBetter ?? 0 };
      };
      return { sessionsCompleted: sessions, patient: of('patient'), clinician: of('clinician') };
    });
    await this.audit.record({ actorId: staff.id, action: exported ? 'export' : 'read', entity: 'report', entityId: 'outcomes' });
    return {
      ...period,
      promise: { ...PROMISE },
      improvementBySessions: bySessions,
      courses: {
        ...closed,
        completionRate: rate(closed.completed, closed.completed + closed.discontinued),
        discontinuationRate: rate(closed.discontinued, closed.completed + closed.discontinued),
      },
      sessionsCompleted,
      adverseEvents: {
        total: totalEvents,
        per100Sessions: sessionsCompleted > 0 ? per100(totalEvents) : null,
        byTypeAndSeverity: events.map((e) => ({ ...e, per100Sessions: per100(e.events) })),
      },
      didNotAttend: { ...attendance, rate: rate(attendance.missed, attendance.missed + attendance.attended) },
      sessionsPerClinicianMonth: months,
      scanToFirstTreatment,
      overdueByMonth,
    };
  }

  private async reportClock(): Promise<ReportClock> {
    return { on: this.clock.today(), timeZone: this.clock.timeZone, policy: await loadPolicy(this.db.manager) };
  }
}

const withoutRatings = (row: CourseProgressRow): CourseProgressRow => ({
  ...row,
  patientRatedImprovement: null,
  clinicianRatedImprovement: null,
});
