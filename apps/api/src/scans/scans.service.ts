import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LEGS, type Page, type Scan, type ScanFile } from '@venule/api-contract';
import { checkScanRecord } from '@venule/clinical-rules';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, invalidFields, notFound } from '../platform/errors/domain-error';
import { FILE_STORE, FileNotFoundError, type FileStore } from '../platform/files/file-store';
import { sniffMediaType } from '../platform/files/media-type';
import type { Upload } from '../platform/files/upload';
import type { RecordScanDto } from './dto/record-scan.dto';
import { requirePatient } from '../patients/require-patient';
import { ScansRepository } from './scans.repository';

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
    private readonly scans: ScansRepository,
  ) {}

  async record(patientId: string, dto: RecordScanDto, staff: SignedInStaff): Promise<Scan> {
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const problems = checkScanRecord(dto, this.clock.today());
      if (problems.length) throw invalidFields(problems);
      const legs = LEGS.filter((leg) => dto.legs[leg]);
      const id = await this.scans.insert(tx, {
        patientId,
        performedOn: dto.performedOn,
        performedBy: dto.performedBy,
        recordedBy: staff.id,
        legs: legs.flatMap((leg) => {
          const given = dto.legs[leg];
          return given ? [{ leg, ...given }] : [];
        }),
      });
      const fields = [
        'performedOn',
        'performedBy',
        ...legs.flatMap((leg) => [
          `legs.${leg}.findings`,
          `legs.${leg}.conclusion`,
          ...(dto.legs[leg]?.notes ? [`legs.${leg}.notes`] : []),
        ]),
      ];
      await this.audit.record({ actorId: staff.id, action: 'create', entity: 'scan', entityId: id, patientId, fields }, tx);
      return this.scans.view(tx, id);
    });
  }

  /** A patient's scans, newest first (scan date, then recording order), with legs and files. */
  async list(patientId: string, limit: number, offset: number, staff: SignedInStaff): Promise<Page<Scan>> {
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const total = await this.scans.countOfPatient(tx, patientId);
      const items = await this.scans.pageOfPatient(tx, patientId, limit, offset);
      await this.audit.record(
        { actorId: staff.id, action: 'read', entity: 'scan', patientId, fields: ['findings', 'conclusion', 'notes', 'files'] },
        tx,
      );
      return { items, total, limit, offset };
    });
  }

  /**
   * Stores a report file for a scan: PDF, PNG or JPEG by its first bytes. `read` receives the
   * upload (HTTP stays in the controller); it is only called once the scan is known to exist.
   */
  async attachFile(scanId: string, read: () => Promise<Upload>, staff: SignedInStaff): Promise<ScanFile> {
    const patientId = await this.scans.patientOf(this.db.manager, scanId);
    if (!patientId) throw notFound('The scan');
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
        const file = await this.scans.insertFile(tx, {
          id: fileId,
          scanId,
          originalName: upload.originalName,
          mediaType,
          sizeBytes: upload.bytes.length,
          sha256,
          storageKey,
          uploadedBy: staff.id,
        });
        await this.audit.record(
          {
            actorId: staff.id,
            action: 'create',
            entity: 'scan_file',
            entityId: fileId,
            patientId,
            fields: ['originalName', 'mediaType', 'sizeBytes', 'content'],
          },
          tx,
        );
        return file;
      });
    } catch (error) {
      await this.files.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** A report file's metadata and bytes (audited read). */
  async openFile(scanId: string, fileId: string, staff: SignedInStaff): Promise<StoredFile> {
    const row = await this.db.transaction(async (tx) => {
      const found = await this.scans.findFile(tx, scanId, fileId);
      if (!found) throw notFound('The scan report');
      await this.audit.record(
        { actorId: staff.id, action: 'read', entity: 'scan_file', entityId: fileId, patientId: found.patientId, fields: ['content'] },
        tx,
      );
      return found;
    });
    try {
      return { file: row.file, content: await this.files.get(row.storageKey) };
    } catch (error) {
      if (error instanceof FileNotFoundError)
        throw new DomainError('NOT_FOUND', 'The scan report is recorded but its file is missing from the file store.');
      throw error;
    }
  }
}
