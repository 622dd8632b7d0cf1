import { Injectable } from '@nestjs/common';
import type { Leg, Scan, ScanFile, ScanFileMediaType, ScanLegInput } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

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

type ScanRow = Omit<Scan, 'createdAt' | 'updatedAt' | 'files'> & {
  createdAt: Date;
  updatedAt: Date;
  files: (Omit<ScanFile, 'createdAt'> & { createdAt: string })[];
};
type FileRow = Omit<ScanFile, 'createdAt'> & { createdAt: Date | string; storageKey?: string; patientId?: string };

const iso = (at: Date | string) => new Date(at).toISOString();
const toFile = ({ storageKey: _key, patientId: _patient, ...f }: FileRow): ScanFile => ({ ...f, createdAt: iso(f.createdAt) });
const toScan = (row: ScanRow): Scan => ({
  ...row,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  files: row.files.map(toFile),
});

export interface NewScan {
  patientId: string;
  performedOn: string;
  performedBy: string;
  recordedBy: string;
  legs: (ScanLegInput & { leg: Leg })[];
}

export interface NewScanFile {
  id: string;
  scanId: string;
  originalName: string;
  mediaType: ScanFileMediaType;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
}

/** A report file's metadata, where its bytes are kept, and whose scan it belongs to. */
export interface FoundScanFile {
  file: ScanFile;
  storageKey: string;
  patientId: string;
}

/** Duplex scans, their legs and report files: all the SQL, and the one mapping to the contract. */
/** A scan recorded on the day it was performed, at 16:30 (the demo clinic's history). */
export interface PastScanRow {
  patient_id: string;
  performed_on: string;
  performed_by: string;
  legs: { leg: string; findings: string[]; notes: string | null; conclusion: string }[];
}

@Injectable()
export class ScansRepository {
  /** The scan and its legs; returns the new scan's id. */
  async insert(m: EntityManager, scan: NewScan): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO scans (patient_id, performed_on, performed_by, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [scan.patientId, scan.performedOn, scan.performedBy, scan.recordedBy],
    );
    await m.query(
      `INSERT INTO scan_legs (scan_id, leg, findings, notes, conclusion)
       SELECT $1, l.leg, ARRAY(SELECT jsonb_array_elements_text(l.findings)), l.notes, l.conclusion
       FROM jsonb_to_recordset($2::jsonb) AS l(leg text, findings jsonb, notes text, conclusion text)`,
      [id, JSON.stringify(scan.legs.map((l) => ({ leg: l.leg, findings: l.findings, notes: l.notes || null, conclusion: l.conclusion })))],
    );
    return id;
  }

  async view(m: EntityManager, id: string): Promise<Scan> {
    const [row] = await m.query(`${SCAN_SQL} WHERE s.id = $1`, [id]);
    return toScan(row);
  }

  async countOfPatient(m: EntityManager, patientId: string): Promise<number> {
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM scans WHERE patient_id = $1`, [patientId]);
    return total;
  }

  /** A patient's scans, newest first (scan date, then recording order). */
  async pageOfPatient(m: EntityManager, patientId: string, limit: number, offset: number): Promise<Scan[]> {
    const rows: ScanRow[] = await m.query(
      `${SCAN_SQL} WHERE s.patient_id = $1 ORDER BY s.performed_on DESC, s.seq DESC LIMIT $2 OFFSET $3`,
      [patientId, limit, offset],
    );
    return rows.map(toScan);
  }

  /** The patient whose scan it is; null when there is no such scan. */
  async patientOf(m: EntityManager, scanId: string): Promise<string | null> {
    const [row] = await m.query(`SELECT patient_id AS "patientId" FROM scans WHERE id = $1`, [scanId]);
    return row?.patientId ?? null;
  }

  async insertFile(m: EntityManager, file: NewScanFile): Promise<ScanFile> {
    const [row]: FileRow[] = await m.query(
      `INSERT INTO scan_files (id, scan_id, original_name, media_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${fileColumns('scan_files')}`,
      [file.id, file.scanId, file.originalName, file.mediaType, file.sizeBytes, file.sha256, file.storageKey, file.uploadedBy],
    );
    return toFile(row);
  }

  /** The file of that scan; null when the scan has no such file. */
  async findFile(m: EntityManager, scanId: string, fileId: string): Promise<FoundScanFile | null> {
    const [found]: FileRow[] = await m.query(
      `SELECT ${fileColumns('f')}, f.storage_key AS "storageKey", s.patient_id AS "patientId"
       FROM scan_files f JOIN scans s ON s.id = f.scan_id WHERE f.id = $1 AND f.scan_id = $2`,
      [fileId, scanId],
    );
    return found ? { file: toFile(found), storageKey: found.storageKey as string, patientId: found.patientId as string } : null;
  }

  /** Scans recorded in the past with their legs, in one statement; recording order follows the scan dates. */
  async insertPastScans(m: EntityManager, scans: readonly PastScanRow[], recordedBy: string): Promise<void> {
    await m.query(
      `WITH input AS (
         SELECT r.*, gen_random_uuid() AS id
         FROM jsonb_to_recordset($1::jsonb) AS r(patient_id uuid, performed_on date, performed_by text, legs jsonb)
       ), scans_in AS (
         INSERT INTO scans (id, patient_id, performed_on, performed_by, recorded_by, created_at, updated_at)
         SELECT id, patient_id, performed_on, performed_by, $2, performed_on + time '16:30', performed_on + time '16:30'
         FROM input ORDER BY performed_on
         RETURNING id
       )
       INSERT INTO scan_legs (scan_id, leg, findings, notes, conclusion, created_at, updated_at)
       SELECT i.id, l.leg, ARRAY(SELECT jsonb_array_elements_text(l.findings)), l.notes, l.conclusion,
              i.performed_on + time '16:30', i.performed_on + time '16:30'
       FROM input i JOIN scans_in s ON s.id = i.id
       CROSS JOIN LATERAL jsonb_to_recordset(i.legs) AS l(leg text, findings jsonb, notes text, conclusion text)`,
      [JSON.stringify(scans), recordedBy],
    );
  }
}
