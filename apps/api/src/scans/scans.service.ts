import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LEGS, type Page, type Scan, type ScanFile, type ScanFileMediaType } from '@venule/api-contract';
import { checkScanRecord } from '@venule/clinical-rules';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, invalidFields, notFound } from '../platform/errors/domain-error';
import { FILE_STORE, FileNotFoundError, type FileStore } from '../platform/files/file-store';
import { sniffMediaType } from '../platform/files/media-type';
import type { Upload } from '../platform/files/upload';
import type { RecordScanDto } from './dto/record-scan.dto';
import { requirePatient } from '../patients/require-patient';

/** One scan with its legs and files: the list, and the answer to POST. */
const SCAN_SQL = `
  SELECT s.id, s.patient_id AS "patientId", to_char(s.performed_on, 'YYYY-MM-DD') AS "performedOn",
         s.performed_by AS "performedBy", s.recorded_by AS "recordedBy",
         s.version, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
         COALESCE((SELECT json_object_agg(l.leg, json_build_object('findings', l.findings, 'notes', l.notes, 'conclusion', l.conclusion))
                   FROM scan_legs l WHERE l.scan_id = s.id), '{}'::json) AS legs,
         COALESCE((SELECT json_agg(json_build_object(
                            'id', f.id, 'scanId', f.scan_id, 'originalName', f.original_name, 'mediaType', f.media_type,
                            'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'uploadedBy', f.uploaded_by, 'createdAt', f.created_at)
                          ORDER BY f.created_at, f.id)
                   FROM scan_files f WHERE f.scan_id = s.id), '[]'::json) AS files
  FROM scans s`;

const fileColumns = (t: string) => `${t}.id, ${t}.scan_id AS "scanId", ${t}.original_name AS "originalName",
  ${t}.media_type AS "mediaType", ${t}.size_bytes AS "sizeBytes", ${t}.sha256, ${t}.uploaded_by AS "uploadedBy", ${t}.created_at AS "createdAt"`;

type ScanRow = Omit<Scan, 'createdAt' | 'updatedAt' | 'files'> & { createdAt: Date; updatedAt: Date; files: (Omit<ScanFile, 'createdAt'> & { createdAt: string })[] };
type FileRow = Omit<ScanFile, 'createdAt'> & { createdAt: Date | string; storageKey?: string; patientId?: string };

const iso = (at: Date | string) => new Date(at).toISOString();
const toFile = ({ storageKey: _key, patientId: _patient, ...f }: FileRow): ScanFile => ({ ...f, createdAt: iso(f.createdAt) });
const toScan = (row: ScanRow): Scan => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt), files: row.files.map(toFile) });

export interface StoredFile {
  file: ScanFile;
  content: Readable;
}

@Injectable()
export class ScansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    @Inject(FILE_STORE) private readonly files: FileStore,
  ) {}

  async record(patientId: string, dto: RecordScanDto, staff: SignedInStaff): Promise<Scan> {
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const problems = checkScanRecord(dto, this.clock.today());
      if (problems.length) throw invalidFields(problems);
      const [{ id }] = await tx.query(
        `INSERT INTO scans (patient_id, performed_on, performed_by, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [patientId, dto.performedOn, dto.performedBy, staff.id],
      );
      const legs = LEGS.filter((leg) => dto.legs[leg]);
      await tx.query(
        `INSERT INTO scan_legs (scan_id, leg, findings, notes, conclusion)
         SELECT $1, l.leg, ARRAY(SELECT jsonb_array_elements_text(l.findings)), l.notes, l.conclusion
         FROM jsonb_to_recordset($2::jsonb) AS l(leg text, findings jsonb, notes text, conclusion text)`,
        [id, JSON.stringify(legs.map((leg) => ({ leg, findings: dto.legs[leg]?.findings, notes: dto.legs[leg]?.notes || null, conclusion: dto.legs[leg]?.conclusion })))],
      );
      const fields = ['performedOn', 'performedBy', ...legs.flatMap((leg) => [`legs.${leg}.findings`, `legs.${leg}.conclusion`, ...(dto.legs[leg]?.notes ? [`legs.${leg}.notes`] : [])])];
      await this.audit.record({ actorId: staff.id, action: 'create', entity: 'scan', entityId: id, patientId, fields }, tx);
      const [row] = await tx.query(`${SCAN_SQL} WHERE s.id = $1`, [id]);
      return toScan(row);
    });
  }

  /** A patient's scans, newest first (scan date, then recording order), with legs and files. */
  async list(patientId: string, limit: number, offset: number, staff: SignedInStaff): Promise<Page<Scan>> {
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM scans WHERE patient_id = $1`, [patientId]);
      const rows: ScanRow[] = await tx.query(`${SCAN_SQL} WHERE s.patient_id = $1 ORDER BY s.performed_on DESC, s.seq DESC LIMIT $2 OFFSET $3`, [
        patientId,
        limit,
        offset,
      ]);
      await this.audit.record({ actorId: staff.id, action: 'read', entity: 'scan', patientId, fields: ['findings', 'conclusion', 'notes', 'files'] }, tx);
      return { items: rows.map(toScan), total, limit, offset };
    });
  }

  /**
   * Stores a report file for a scan: PDF, PNG or JPEG by its first bytes. `read` receives the
   * upload (HTTP stays in the controller); it is only called once the scan is known to exist.
   */
  async attachFile(scanId: string, read: () => Promise<Upload>, staff: SignedInStaff): Promise<ScanFile> {
    const patientId = await this.patientOfScan(scanId, this.db.manager);
    const upload = await read();
    const mediaType = sniffMediaType(upload.bytes);
    if (!mediaType) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'A scan report must be a PDF, PNG or JPEG file.');
    }
    const fileId = randomUUID();
    const storageKey = `scans/${scanId}/${fileId}`;
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    // The bytes are written before the row commits, and removed again if it does not.
    await this.files.put(storageKey, upload.bytes);
    try {
      return await this.db.transaction(async (tx) => {
        const [row]: FileRow[] = await tx.query(
          `INSERT INTO scan_files (id, scan_id, original_name, media_type, size_bytes, sha256, storage_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${fileColumns('scan_files')}`,
          [fileId, scanId, upload.originalName, mediaType satisfies ScanFileMediaType, upload.bytes.length, sha256, storageKey, staff.id],
        );
        await this.audit.record(
          { actorId: staff.id, action: 'create', entity: 'scan_file', entityId: fileId, patientId, fields: ['originalName', 'mediaType', 'sizeBytes', 'content'] },
          tx,
        );
        return toFile(row);
      });
    } catch (error) {
      await this.files.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** A report file's metadata and bytes (audited read). */
  async openFile(scanId: string, fileId: string, staff: SignedInStaff): Promise<StoredFile> {
    const row = await this.db.transaction(async (tx) => {
      const [found]: FileRow[] = await tx.query(
        `SELECT ${fileColumns('f')}, f.storage_key AS "storageKey", s.patient_id AS "patientId"
         FROM scan_files f JOIN scans s ON s.id = f.scan_id WHERE f.id = $1 AND f.scan_id = $2`,
        [fileId, scanId],
      );
      if (!found) throw notFound('The scan report');
      await this.audit.record({ actorId: staff.id, action: 'read', entity: 'scan_file', entityId: fileId, patientId: found.patientId, fields: ['content'] }, tx);
      return found;
    });
    try {
      return { file: toFile(row), content: await this.files.get(row.storageKey as string) };
    } catch (error) {
      if (error instanceof FileNotFoundError) throw new DomainError('NOT_FOUND', 'The scan report is recorded but its file is missing from the file store.');
      throw error;
    }
  }

  private async patientOfScan(scanId: string, manager: EntityManager): Promise<string> {
    const [row] = await manager.query(`SELECT patient_id AS "patientId" FROM scans WHERE id = $1`, [scanId]);
    if (!row) throw notFound('The scan');
    return row.patientId;
  }
}
