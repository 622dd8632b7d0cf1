import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Consultation, Course, Role } from '@venule/api-contract';
import { signInAs } from '../../testing/session';
import { PatientCourses } from './patient-courses';
import { completedDetail, course } from './testing-fixtures';

const overdue = course({
  id: 'c-2',
  legs: ['left', 'right'],
  areas: ['lateral thighs'],
  state: 'overdue',
  progress: {
    state: 'overdue',
    message: 'Overdue: the next session should have happened between 1 March 2026 and 24 May 2026.',
    sessionsCompleted: 1,
    sessionsRemaining: 3,
    lastCompletedOn: '2026-02-01',
    nextWindow: null,
    nextScheduledOn: null,
    opensOn: null,
    bookingsInsideWindow: [],
  },
  plannedSessions: 4,
  sessions: [completedDetail({ courseId: 'c-2' })],
});

async function open(role: Role, courses: Course[] = [overdue]) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  signInAs(role);
  const fixture = TestBed.createComponent(PatientCourses);
  fixture.componentRef.setInput('patientId', 'p-1');
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  if (role !== 'admin')
    http.expectOne((r) => r.url === '/api/patients/p-1/courses').flush({ items: courses, total: courses.length, limit: 100, offset: 0 });
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return { fixture, el, http };
}

const consultation = (over: Partial<Consultation>): Consultation => ({
  id: 'k-1',
  version: 1,
  createdAt: '2026-02-01T09:00:00Z',
  updatedAt: '2026-02-01T09:00:00Z',
  type: 'free',
  patientId: 'p-1',
  patientName: 'Ada Lovelace',
  clinicNumber: 'VN-000042',
  clinicianId: 'u-claire',
  clinicianName: 'Dr Claire Hughes',
  startsAt: '2026-02-10T10:00:00Z',
  endsAt: '2026-02-10T10:30:00Z',
  startsOn: '2026-02-10',
  durationMinutes: 30,
  status: 'attended',
  statusReason: null,
  feePence: 0,
  depositPence: 0,
  paidPence: 0,
  balanceDuePence: 0,
  payments: [],
  ...over,
});

describe('PatientCourses', () => {
  it('offers to book a new course’s first session with the clinician of the patient’s latest consultation', async () => {
    const { el, http, fixture } = await open('reception', [course()]);
    http
      .expectOne((r) => r.url === '/api/consultations' && r.params.get('patientId') === 'p-1')
      .flush({
        items: [
          consultation({ id: 'k-1', startsAt: '2026-02-10T10:00:00Z' }),
          consultation({ id: 'k-2', startsAt: '2026-02-20T10:00:00Z', clinicianName: 'Dr Imran Shah' }),
          consultation({ id: 'k-3', startsAt: '2026-03-01T10:00:00Z', status: 'cancelled', clinicianName: 'Dr Cancelled' }),
        ],
        total: 3,
        limit: 50,
        offset: 0,
      });
    await fixture.whenStable();
    const link = Array.from(el.querySelectorAll('a')).find((a) => a.textContent?.includes('Book the first session')) as HTMLAnchorElement;
    expect(link.textContent).toContain('with Dr Imran Shah');
    expect(link.getAttribute('href')).toBe('/courses/c-1?consultation=k-2');
  });

  it('does not offer it once the course has a session', async () => {
    const { el, http } = await open('reception');
    http.expectNone((r) => r.url === '/api/consultations');
    expect(el.textContent).not.toContain('Book the first session');
  });

  it('lists each course with its legs, sessions done and state', async () => {
    const { el } = await open('reception');
    const card = el.querySelector('a.course') as HTMLElement;
    expect(card.textContent).toContain('Both legs');
    expect(card.textContent).toContain('1 of 4 sessions done');
    expect(card.querySelector('vn-state-chip')?.textContent).toContain('Overdue');
    expect(card.getAttribute('href')).toBe('/courses/c-2');
    expect(el.textContent).not.toContain('Plan a course');
  });

  it('lets a clinician plan a course and shows the clearance warnings from the server', async () => {
    const { el, http, fixture } = await open('clinician', []);
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Plan a course'))
      ?.click();
    await fixture.whenStable();
    expect(el.querySelector('form')?.textContent).toContain('Consent is per course');
    el.querySelector<HTMLInputElement>('mat-checkbox input')?.click();
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const request = http.expectOne('/api/patients/p-1/courses');
    expect(request.request.body).toEqual({ legs: ['left'], areas: [], plannedSessions: 3 });
    request.flush(course({ warnings: [{ code: 'SCAN_REQUIRED', message: 'No duplex scan of the left leg.', leg: 'left' }] }));
    http
      .expectOne((r) => r.url === '/api/patients/p-1/courses' && r.method === 'GET')
      .flush({ items: [course()], total: 1, limit: 100, offset: 0 });
    await fixture.whenStable();
    const alert = el.querySelector('[role=alert]')?.textContent ?? '';
    expect(alert).toContain('Course planned');
    expect(alert).toContain('Left leg: No duplex scan of the left leg.');
    expect(el.querySelector('.consent-note')?.textContent).toContain('Consent is still needed');
  });

  it('on a submit with no leg ticked, sends nothing and puts the focus on the first leg', async () => {
    const { el, http, fixture } = await open('clinician', []);
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Plan a course'))
      ?.click();
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
    http.expectNone((r) => r.method === 'POST');
    expect(el.textContent).toContain('Choose at least one leg.');
    expect(document.activeElement).toBe(el.querySelector('.legs input'));
  });

  it('tells an admin that courses are not for their role', async () => {
    const { el } = await open('admin', []);
    expect(el.textContent).toContain('No access to treatment courses');
  });
});
