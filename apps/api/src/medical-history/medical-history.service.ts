import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LEGS, type ConditionCode, type MedicalHistory } from '@venule/api-contract';
import { checkMedicalHistory, compareDates, CONTRAINDICATIONS, isConditionCode, isRelative, makePolicy } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, invalidFields, versionConflict } from '../platform/errors/domain-error';
import type { PutMedicalHistoryDto } from './dto/put-medical-history.dto';
import { requirePatient } from '../patients/require-patient';
import { MedicalHistoryRepository, type StoredHistory } from './medical-history.repository';

const MAX_NOTE = 1000;
const CATALOGUE_ORDER = Object.keys(CONTRAINDICATIONS) as ConditionCode[];

/** Key-order-independent JSON, to tell which fields a replacement changed. */
const stable = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v ?? null)
    : Array.isArray(v)
      ? `[${v.map(stable).join(',')}]`
      : `{${Object.keys(v as object)
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;

/**
 * The contraindications questionnaire, weight and CEAP of a patient (SPEC §2). One per patient;
 * a PUT replaces it whole. Every read and write is audited.
 */
@Injectable()
export class MedicalHistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly histories: MedicalHistoryRepository,
  ) {}

  async get(patientId: string, actorId: string): Promise<MedicalHistory> {
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const history = await this.histories.ofPatient(tx, patientId);
      if (!history) throw new DomainError('NOT_FOUND', 'No medical history has been recorded for this patient yet.');
      await this.audit.record({ actorId, action: 'read', entity: 'medical_history', entityId: history.id, patientId }, tx);
      return history;
    });
  }

  /** Creates (`created: true`, answered 201) or replaces (200) the history. */
  async put(patientId: string, dto: PutMedicalHistoryDto, actorId: string): Promise<{ history: MedicalHistory; created: boolean }> {
    const next = this.validated(dto);
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const current = await this.histories.ofPatient(tx, patientId, true);
      if (!current) {
        if (dto.version !== undefined) {
          throw new DomainError(
            'VERSION_CONFLICT',
            'This patient has no medical history yet, so there is no version to replace. Leave version out to record the first one.',
          );
        }
        const id = await this.histories.insert(tx, patientId, next, actorId);
        if (id === null) throw this.alreadyRecorded();
        const fields = (Object.keys(next) as (keyof StoredHistory)[]).filter((k) => stable(next[k]) !== stable(EMPTY[k]));
        await this.audit.record({ actorId, action: 'create', entity: 'medical_history', entityId: id, patientId, fields }, tx);
        return { history: await this.load(patientId, tx), created: true };
      }
      if (dto.version === undefined) throw this.alreadyRecorded();
      if (current.version !== dto.version) throw versionConflict('The medical history');
      const fields = (Object.keys(next) as (keyof StoredHistory)[]).filter((k) => stable(next[k]) !== stable(current[k]));
      if (fields.length > 0) {
        await this.histories.replace(tx, patientId, dto.version, next, actorId);
        await this.audit.record({ actorId, action: 'update', entity: 'medical_history', entityId: current.id, patientId, fields }, tx);
      }
      return { history: await this.load(patientId, tx), created: false };
    });
  }

  private alreadyRecorded(): DomainError {
    return new DomainError(
      'VERSION_CONFLICT',
      'Someone else recorded a medical history for this patient since you opened it. Reload it and make your changes there.',
    );
  }

  /** Per-field problems (400 VALIDATION_FAILED naming every field), else the history to store. */
  private validated(dto: PutMedicalHistoryDto): StoredHistory {
    const today = this.clock.today();
    const acknowledgements = dto.acknowledgements ?? {};
    const problems: { field: string; message: string }[] = [];
    const add = (field: string, message: string) => problems.push({ field, message });

    for (const r of checkMedicalHistory(
      { conditions: dto.conditions, acknowledgements, weightKg: dto.weightKg, weightMeasuredOn: dto.weightMeasuredOn },
      today,
      makePolicy(),
    )) {
      add(r.field, r.message);
    }
    const present = new Set(dto.conditions);
    for (const [code, note] of Object.entries(acknowledgements)) {
      if (!isConditionCode(code)) continue; // reported above as unknown
      const field = `acknowledgements.${code}`;
      if (!isRelative(code))
        add(
          field,
          `${CONTRAINDICATIONS[code].label} is an absolute contraindication: it cannot be acknowledged, only removed once it no longer applies.`,
        );
      else if (!present.has(code)) add(field, `${CONTRAINDICATIONS[code].label} is not among the conditions: tick it or remove the note.`);
      else if (note !== undefined && note !== null && typeof note !== 'string') add(field, 'must be a text note');
      else if (typeof note === 'string' && note.trim().length > MAX_NOTE) add(field, `must be at most ${MAX_NOTE} characters`);
    }
    for (const leg of LEGS) {
      const on = dto.ceap?.[leg]?.assessedOn;
      if (on && compareDates(on, today) > 0) add(`ceap.${leg}.assessedOn`, 'cannot be in the future');
    }
    if (problems.length > 0) throw invalidFields(problems);

    const conditions = CATALOGUE_ORDER.filter((c) => present.has(c));
    const notes: Record<string, string> = {};
    for (const c of conditions) if (isRelative(c)) notes[c] = String(acknowledgements[c]).trim();
    const ceap: MedicalHistory['ceap'] = {};
    if (dto.ceap?.left) ceap.left = { ...dto.ceap.left };
    if (dto.ceap?.right) ceap.right = { ...dto.ceap.right };
    return {
      conditions,
      acknowledgements: notes,
      weightKg: dto.weightKg ?? null,
      weightMeasuredOn: dto.weightMeasuredOn ?? null,
      ceap,
    };
  }

  /** The history just written in this transaction, so it is there. */
  private async load(patientId: string, tx: EntityManager): Promise<MedicalHistory> {
    return (await this.histories.ofPatient(tx, patientId)) as MedicalHistory;
  }
}

const EMPTY: StoredHistory = { conditions: [], acknowledgements: {}, weightKg: null, weightMeasuredOn: null, ceap: {} };
