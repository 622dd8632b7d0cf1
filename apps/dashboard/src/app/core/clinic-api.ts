import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClinicIdentity, ClinicSettings, UpdateClinicSettingsRequest } from '@venule/api-contract';
import { Observable } from 'rxjs';

/** The clinic as printed for patients (any signed-in member of staff), and its settings (admin). */
@Injectable({ providedIn: 'root' })
export class ClinicApi {
  private readonly http = inject(HttpClient);

  identity(): Observable<ClinicIdentity> {
    return this.http.get<ClinicIdentity>('/api/clinic');
  }

  settings(): Observable<ClinicSettings> {
    return this.http.get<ClinicSettings>('/api/settings');
  }

  saveSettings(body: UpdateClinicSettingsRequest): Observable<ClinicSettings> {
    return this.http.put<ClinicSettings>('/api/settings', body);
  }
}
