import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction } from '@venule/api-contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRecordingRepository, type AuditRow } from './audit-recording.repository';
import { currentPageView } from './page-view';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  patientId?: string | null;
  /** Names of the fields written; never their values. */
  fields?: string[];
  /** When what the row records happened, if not now (a treatment recorded late). */
  occurredAt?: string | null;
  /** The client's network address, for sign-in events. */
  address?: string | null;
  /** Values before and after, field by field: only for records that hold no patient data (clinic settings). */
  changes?: AuditChanges | null;
}

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * Appends to the audit trail. Pass the transaction's manager for writes, so the audit row commits
 * or rolls back with the change it describes. The API's database role may only INSERT and SELECT
 * the table (migration RuntimeRole), and a trigger refuses UPDATE and DELETE even to its owner.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRecordingRepository,
  ) {}

  async record(event: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await this.recordMany([event], manager);
  }

  /**
   * Several events in one statement, e.g. one per patient whose clearance a list showed.
   *
   * A dashboard page fetches a patient's record in four to six requests (patient, clearance,
   * history, scans, courses, sessions); each is a read, and each carries the page's view id
   * (X-Audit-View). The first read of a patient in a view inserts the "viewed" row; the unique
   * index makes the others conflict and insert nothing, so every read is still covered by a row
   * naming who viewed whose record and when, and no row is ever updated (the trail is
   * append-only). Reads without a view id, and every write, get a row of their own.
   */
  async recordMany(events: readonly AuditRecord[], manager: EntityManager = this.db.manager): Promise<void> {
    if (events.length === 0) return;
    await this.audit.insertMany(manager, this.rowsOf(events));
  }

  /** The rows `recordMany` inserts, for a caller that writes them inside a statement of its own. */
  rowsOf(events: readonly AuditRecord[]): AuditRow[] {
    const view = currentPageView();
    return events.map((e) => ({ ...e, viewId: e.action === 'read' && e.patientId && e.actorId ? view : null }));
  }
}
