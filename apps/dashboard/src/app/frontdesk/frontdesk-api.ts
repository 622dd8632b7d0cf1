import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BookConsultationRequest,
  ClinicInfo,
  Consultation,
  ConvertEnquiryRequest,
  ConvertedEnquiry,
  Diary,
  Enquiry,
  EnquiryStatus,
  IsoDate,
  Page,
  RecordPaymentRequest,
  UpdateConsultationRequest,
  UpdateEnquiryRequest,
} from '@venule/api-contract';
import { Observable, catchError, map, of } from 'rxjs';

/** A clinician to book with, as the diary lists them. */
export interface Clinician {
  id: string;
  name: string;
}

/** The most enquiries one inbox page shows. */
export const ENQUIRY_PAGE_SIZE = 50;

const one = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

@Injectable({ providedIn: 'root' })
export class FrontdeskApi {
  private readonly http = inject(HttpClient);

  diary(from: IsoDate, to: IsoDate, clinicianId?: string): Observable<Diary> {
    let params = new HttpParams().set('from', from).set('to', to);
    if (clinicianId) params = params.set('clinicianId', clinicianId);
    return this.http.get<Diary>('/api/diary', { params });
  }

  /** Active clinicians: the diary has one lane for each. */
  clinicians(on: IsoDate): Observable<Clinician[]> {
    return this.diary(on, on).pipe(
      map((diary) => diary.lanes.flatMap((lane) => (lane.clinicianId ? [{ id: lane.clinicianId, name: lane.clinicianName ?? '' }] : []))),
    );
  }

  consultation(id: string): Observable<Consultation> {
    return this.http.get<Consultation>(one('/api/consultations', id));
  }

  book(body: BookConsultationRequest): Observable<Consultation> {
    return this.http.post<Consultation>('/api/consultations', body);
  }

  updateConsultation(id: string, body: UpdateConsultationRequest): Observable<Consultation> {
    return this.http.patch<Consultation>(one('/api/consultations', id), body);
  }

  pay(id: string, body: RecordPaymentRequest): Observable<Consultation> {
    return this.http.post<Consultation>(`${one('/api/consultations', id)}/payments`, body);
  }

  enquiries(status: EnquiryStatus | null, offset = 0): Observable<Page<Enquiry>> {
    let params = new HttpParams().set('limit', ENQUIRY_PAGE_SIZE).set('offset', offset);
    if (status) params = params.set('status', status);
    return this.http.get<Page<Enquiry>>('/api/enquiries', { params });
  }

  /** How many enquiries nobody has answered yet. */
  newEnquiryCount(): Observable<number> {
    const params = new HttpParams().set('status', 'new').set('limit', 1);
    return this.http.get<Page<Enquiry>>('/api/enquiries', { params }).pipe(map((page) => page.total));
  }

  enquiry(id: string): Observable<Enquiry> {
    return this.http.get<Enquiry>(one('/api/enquiries', id));
  }

  updateEnquiry(id: string, body: UpdateEnquiryRequest): Observable<Enquiry> {
    return this.http.patch<Enquiry>(one('/api/enquiries', id), body);
  }

  convert(id: string, body: ConvertEnquiryRequest): Observable<ConvertedEnquiry> {
    return this.http.post<ConvertedEnquiry>(`${one('/api/enquiries', id)}/convert`, body);
  }

  /** The clinic's name and numbers for printed sheets, and its opening hours; null when the server has none to give. */
  clinic(): Observable<ClinicInfo | null> {
    return this.http.get<ClinicInfo>('/api/clinic').pipe(catchError(() => of(null)));
  }
}
