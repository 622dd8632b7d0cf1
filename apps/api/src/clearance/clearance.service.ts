import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LEGS,
  type Clearance,
  type ClearanceBatch,
  type ClearanceBlocker,
  type ClearanceSummary,
  type IsoDate,
  type Role,
} from '@venule/api-contract';
import { clearance, makePolicy, type ClearanceFacts, type ClearanceResult, type ClinicalPolicy } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { notFound } from '../platform/errors/domain-error';
import { ClearanceRepository, type PatientClearanceFacts } from './clearance.repository';
import { reasonsForReader } from './reasons-for-reader';

/**
 * Gathers clearance facts from the database and asks @venule/clinical-rules; no rule lives here.
 * Other features (course planning, session booking and completion) call `evaluate` inside their
 * own transaction.
 */
@Injectable()
export class ClearanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly clearanceFacts: ClearanceRepository,
  ) {}

  /** Facts and the clinic's policy for the given patients (absent ids are simply missing from the map). */
  async loadFacts(
    patientIds: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, { facts: ClearanceFacts; policy: ClinicalPolicy }>> {
    return factsByPatient(await this.clearanceFacts.facts(manager, patientIds));
  }

  /** The full rule result for one patient on `on`, or null when there is no such patient. */
  async evaluate(patientId: string, on: IsoDate, manager: EntityManager = this.db.manager): Promise<ClearanceResult | null> {
    const found = (await this.loadFacts([patientId], manager)).get(patientId);
    return found ? clearance(found.facts, on, found.policy) : null;
  }

  /**
   * `GET /patients/:id/clearance`: audited read. One statement reads the facts and writes the
   * audit row, so no transaction is needed: an answer is only ever sent after its audit row is
   * committed, and a failed audit answers nothing.
   */
  async forPatient(patientId: string, on: IsoDate | undefined, staff: SignedInStaff): Promise<Clearance> {
    const day = on ?? this.clock.today();
    const found = (await this.loadAudited([patientId], staff)).get(patientId);
    if (!found) throw notFound('The patient');
    const result = clearance(found.facts, day, found.policy);
    return {
      patientId,
      on: day,
      eligible: result.eligible,
      legs: { left: result.legs.left, right: result.legs.right },
      blockers: blockersFor(result, staff.role),
    };
  }

  /** `GET /clearance?patientIds=`: one statement for the facts and the audit rows of the patients found (as above). */
  async forPatients(patientIds: readonly string[], on: IsoDate | undefined, staff: SignedInStaff): Promise<ClearanceBatch> {
    const day = on ?? this.clock.today();
    const ids = [...new Set(patientIds.map((id) => id.toLowerCase()))];
    const facts = await this.loadAudited(ids, staff);
    const items = ids
      .filter((id) => facts.has(id))
      .map((id): ClearanceSummary => {
        const { facts: f, policy } = facts.get(id) as { facts: ClearanceFacts; policy: ClinicalPolicy };
        const result = clearance(f, day, policy);
        const legs = Object.fromEntries(
          LEGS.map((leg) => {
            const { status, validUntil } = result.legs[leg];
            return [leg, validUntil ? { status, validUntil } : { status }];
          }),
        ) as ClearanceSummary['legs'];
        return { patientId: id, eligible: result.eligible, legs, blockers: blockersFor(result, staff.role) };
      });
    return { on: day, items };
  }

  /** Facts of the patients, each one found audited as a clearance read by `staff`, in one statement. */
  private async loadAudited(patientIds: readonly string[], staff: SignedInStaff) {
    const audit = this.audit.rowsOf(
      patientIds.map((id) => ({ actorId: staff.id, action: 'read', entity: 'clearance', entityId: id, patientId: id, fields: ['on'] })),
    );
    return factsByPatient(await this.clearanceFacts.factsAudited(this.db.manager, patientIds, audit));
  }
}

const factsByPatient = (rows: PatientClearanceFacts[]): Map<string, { facts: ClearanceFacts; policy: ClinicalPolicy }> =>
  new Map(rows.map((row) => [row.patientId, { facts: row.facts, policy: makePolicy({ scanValidityMonths: row.scanValidityMonths }) }]));

/** Patient-level blockers as `{code, message}`, as the reader's role may see them. */
function blockersFor(result: ClearanceResult, role: Role): ClearanceBlocker[] {
  return reasonsForReader(result.blockers, role).map(({ code, message }) => ({ code, message }));
}
