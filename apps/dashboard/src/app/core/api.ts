import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditEvent,
  AuditQuery,
  AuditStaffMember,
  CreateUserRequest,
  MedicalHistory,
  MedicalHistoryInput,
  Page,
  Patient,
  PatientSearchQuery,
  PasswordReset,
  PatientSummary,
  RegisterPatientRequest,
  UpdatePatientRequest,
  UpdateUserRequest,
  User,
} from '@venule/api-contract';
import { Observable } from 'rxjs';

function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(limit = 100, offset = 0): Observable<Page<User>> {
    return this.http.get<Page<User>>('/api/users', { params: params({ limit, offset }) });
  }

  create(body: CreateUserRequest): Observable<User> {
    return this.http.post<User>('/api/users', body);
  }

  update(id: string, body: UpdateUserRequest): Observable<User> {
    return this.http.patch<User>(`/api/users/${encodeURIComponent(id)}`, body);
  }

  resetPassword(id: string, version: number): Observable<PasswordReset> {
    return this.http.post<PasswordReset>(`/api/users/${encodeURIComponent(id)}/password-reset`, { version });
  }
}

@Injectable({ providedIn: 'root' })
export class PatientsApi {
  private readonly http = inject(HttpClient);

  search(query: PatientSearchQuery): Observable<Page<PatientSummary>> {
    return this.http.get<Page<PatientSummary>>('/api/patients', { params: params(query) });
  }

  get(id: string): Observable<Patient> {
    return this.http.get<Patient>(`/api/patients/${encodeURIComponent(id)}`);
  }

  register(body: RegisterPatientRequest): Observable<Patient> {
    return this.http.post<Patient>('/api/patients', body);
  }

  update(id: string, body: UpdatePatientRequest): Observable<Patient> {
    return this.http.patch<Patient>(`/api/patients/${encodeURIComponent(id)}`, body);
  }

  medicalHistory(id: string): Observable<MedicalHistory> {
    return this.http.get<MedicalHistory>(`/api/patients/${encodeURIComponent(id)}/medical-history`);
  }

  saveMedicalHistory(id: string, body: MedicalHistoryInput): Observable<MedicalHistory> {
    return this.http.put<MedicalHistory>(`/api/patients/${encodeURIComponent(id)}/medical-history`, body);
  }
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<Page<AuditEvent>> {
    return this.http.get<Page<AuditEvent>>('/api/audit', { params: params(query) });
  }

  /** Staff to filter by, by name. */
  staff(): Observable<AuditStaffMember[]> {
    return this.http.get<AuditStaffMember[]>('/api/audit/staff');
  }

  /** Every matching row as CSV (paging does not apply). */
  csv(query: AuditQuery): Observable<Blob> {
    const { limit: _limit, offset: _offset, ...filters } = query;
    return this.http.get('/api/audit', { params: params(filters), headers: { Accept: 'text/csv' }, responseType: 'blob' });
  }
}
