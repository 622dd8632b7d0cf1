import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdverseEvent,
  AdverseEventInput,
  AdverseEventResolution,
  Aftercare,
  BookSessionRequest,
  MoveSessionRequest,
  BookedSession,
  CompleteSessionRequest,
  ClinicianOption,
  CompletedSession,
  CompletionFacts,
  Consent,
  ConsentInput,
  Consultation,
  Course,
  CreateCourseRequest,
  IsoDate,
  Outcome,
  OutcomeInput,
  Page,
  PreTreatmentAdvice,
  SessionBooking,
  SessionDetail,
  SessionNote,
  UpdateCourseRequest,
} from '@venule/api-contract';
import { Observable } from 'rxjs';

export type AnySession = SessionBooking | SessionDetail;

const enc = encodeURIComponent;

/** Courses, sessions, notes, adverse events and aftercare (`apps/api/src/courses|sessions|notes`). */
@Injectable({ providedIn: 'root' })
export class CoursesApi {
  private readonly http = inject(HttpClient);

  forPatient(patientId: string): Observable<Page<Course>> {
    return this.http.get<Page<Course>>(`/api/patients/${enc(patientId)}/courses`, { params: { limit: 100 } });
  }

  plan(patientId: string, body: CreateCourseRequest): Observable<Course> {
    return this.http.post<Course>(`/api/patients/${enc(patientId)}/courses`, body);
  }

  get(id: string): Observable<Course> {
    return this.http.get<Course>(`/api/courses/${enc(id)}`);
  }

  update(id: string, body: UpdateCourseRequest): Observable<Course> {
    return this.http.patch<Course>(`/api/courses/${enc(id)}`, body);
  }

  recordConsent(id: string, body: ConsentInput): Observable<Consent> {
    return this.http.post<Consent>(`/api/courses/${enc(id)}/consent`, body);
  }

  recordOutcome(id: string, body: OutcomeInput): Observable<Outcome> {
    return this.http.post<Outcome>(`/api/courses/${enc(id)}/outcomes`, body);
  }

  /** The consultation a first session is booked from (its patient and clinician carry over). */
  consultation(id: string): Observable<Consultation> {
    return this.http.get<Consultation>(`/api/consultations/${enc(id)}`);
  }

  /** The patient's consultations, latest first as the API lists them by start time. */
  consultationsOf(patientId: string): Observable<Page<Consultation>> {
    return this.http.get<Page<Consultation>>('/api/consultations', { params: { patientId, limit: 50 } });
  }

  book(courseId: string, body: BookSessionRequest): Observable<BookedSession> {
    return this.http.post<BookedSession>(`/api/courses/${enc(courseId)}/sessions`, body);
  }

  session(id: string): Observable<AnySession> {
    return this.http.get<AnySession>(`/api/sessions/${enc(id)}`);
  }

  /** The active clinicians a session can be booked with. */
  clinicians(): Observable<Page<ClinicianOption>> {
    return this.http.get<Page<ClinicianOption>>('/api/clinicians');
  }

  /** The facts the completion form checks as it is typed, for a treatment given at `treatedAt` (default now). */
  completionFacts(id: string, treatedAt?: string): Observable<CompletionFacts> {
    return this.http.get<CompletionFacts>(`/api/sessions/${enc(id)}/completion-facts`, { params: treatedAt ? { treatedAt } : {} });
  }

  complete(id: string, body: CompleteSessionRequest): Observable<CompletedSession> {
    return this.http.post<CompletedSession>(`/api/sessions/${enc(id)}/complete`, body);
  }

  /** Moves a booking to another time (the API checks it as a new booking). */
  move(id: string, body: MoveSessionRequest): Observable<BookedSession> {
    return this.http.post<BookedSession>(`/api/sessions/${enc(id)}/move`, body);
  }

  cancel(id: string, version: number): Observable<AnySession> {
    return this.http.post<AnySession>(`/api/sessions/${enc(id)}/cancel`, { version });
  }

  didNotAttend(id: string, version: number): Observable<AnySession> {
    return this.http.post<AnySession>(`/api/sessions/${enc(id)}/did-not-attend`, { version });
  }

  logAdverseEvent(sessionId: string, body: AdverseEventInput): Observable<AdverseEvent> {
    return this.http.post<AdverseEvent>(`/api/sessions/${enc(sessionId)}/adverse-events`, body);
  }

  resolveAdverseEvent(id: string, resolvedOn: IsoDate): Observable<AdverseEvent> {
    return this.http.post<AdverseEvent>(`/api/adverse-events/${enc(id)}/resolve`, { resolvedOn } satisfies AdverseEventResolution);
  }

  aftercare(sessionId: string): Observable<Aftercare> {
    return this.http.get<Aftercare>(`/api/sessions/${enc(sessionId)}/aftercare`);
  }

  preTreatment(sessionId: string): Observable<PreTreatmentAdvice> {
    return this.http.get<PreTreatmentAdvice>(`/api/sessions/${enc(sessionId)}/pre-treatment`);
  }

  notes(sessionId: string): Observable<Page<SessionNote>> {
    return this.http.get<Page<SessionNote>>(`/api/sessions/${enc(sessionId)}/notes`);
  }

  addNote(sessionId: string, text: string): Observable<SessionNote> {
    return this.http.post<SessionNote>(`/api/sessions/${enc(sessionId)}/notes`, { text });
  }

  editNote(id: string, text: string, version: number): Observable<SessionNote> {
    return this.http.patch<SessionNote>(`/api/notes/${enc(id)}`, { text, version });
  }

  signNote(id: string): Observable<SessionNote> {
    return this.http.post<SessionNote>(`/api/notes/${enc(id)}/sign`, null);
  }

  addAddendum(id: string, text: string): Observable<SessionNote> {
    return this.http.post<SessionNote>(`/api/notes/${enc(id)}/addenda`, { text });
  }
}
