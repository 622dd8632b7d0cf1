import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  SCAN_FILE_FIELD,
  type Clearance,
  type ClearanceBatch,
  type IsoDate,
  type Page,
  type RecordScanRequest,
  type Scan,
  type ScanFile,
} from '@venule/api-contract';
import { Observable } from 'rxjs';

/** The most scans a patient page shows; a patient has a handful in practice. */
export const SCAN_HISTORY_LIMIT = 100;

const patientUrl = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

@Injectable({ providedIn: 'root' })
export class ScansApi {
  private readonly http = inject(HttpClient);

  list(patientId: string): Observable<Page<Scan>> {
    return this.http.get<Page<Scan>>(`${patientUrl(patientId)}/scans`, { params: new HttpParams().set('limit', SCAN_HISTORY_LIMIT) });
  }

  record(patientId: string, body: RecordScanRequest): Observable<Scan> {
    return this.http.post<Scan>(`${patientUrl(patientId)}/scans`, body);
  }

  attachFile(scanId: string, file: File): Observable<ScanFile> {
    const form = new FormData();
    form.append(SCAN_FILE_FIELD, file, file.name);
    return this.http.post<ScanFile>(`/api/scans/${encodeURIComponent(scanId)}/files`, form);
  }

  /** A plain link downloads the report: the session cookie goes with it. */
  fileUrl(file: ScanFile): string {
    return `/api/scans/${encodeURIComponent(file.scanId)}/files/${encodeURIComponent(file.id)}`;
  }

  clearance(patientId: string, on?: IsoDate): Observable<Clearance> {
    const params = on ? new HttpParams().set('on', on) : undefined;
    return this.http.get<Clearance>(`${patientUrl(patientId)}/clearance`, { params });
  }

  /** One request for every row of a result list (at most `CLEARANCE_BATCH_MAX` ids). */
  clearanceBatch(patientIds: readonly string[], on?: IsoDate): Observable<ClearanceBatch> {
    let params = new HttpParams().set('patientIds', patientIds.join(','));
    if (on) params = params.set('on', on);
    return this.http.get<ClearanceBatch>('/api/clearance', { params });
  }
}
