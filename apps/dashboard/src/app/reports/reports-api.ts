import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CourseProgressPage,
  CourseProgressQuery,
  OutcomesQuery,
  OutcomesReport,
  OverdueReport,
  RecallCall,
  RecallCallInput,
} from '@venule/api-contract';
import { Observable } from 'rxjs';

function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}

export type ReportName = 'course-progress' | 'overdue' | 'outcomes';

@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  courseProgress(query: CourseProgressQuery): Observable<CourseProgressPage> {
    return this.http.get<CourseProgressPage>('/api/reports/course-progress', { params: params(query) });
  }

  overdue(): Observable<OverdueReport> {
    return this.http.get<OverdueReport>('/api/reports/overdue');
  }

  recordCall(input: RecallCallInput): Observable<RecallCall> {
    return this.http.post<RecallCall>('/api/reports/overdue/calls', input);
  }

  outcomes(query: OutcomesQuery = {}): Observable<OutcomesReport> {
    return this.http.get<OutcomesReport>('/api/reports/outcomes', { params: params(query) });
  }

  /** The report as CSV (same filters; every matching row). */
  csv(report: ReportName, query: object = {}): Observable<Blob> {
    return this.http.get(`/api/reports/${report}`, { params: params(query), headers: { Accept: 'text/csv' }, responseType: 'blob' });
  }
}

/** Hands a downloaded file to the browser as `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
