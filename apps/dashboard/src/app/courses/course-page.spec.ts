import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { By } from '@angular/platform-browser';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CompletedSession, Course, Role } from '@venule/api-contract';
import { addDays } from '@venule/clinical-rules';
import { problem, signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { formatDate, todayIso } from '../core/dates';
import { CoursePage } from './course-page';
import { SessionCompleteForm } from './session-complete-form';
import { booking, completedDetail, course } from './testing-fixtures';

const today = todayIso();
const lastDone = addDays(today, -30);

/** One session done a month ago, the next booked for today. */
function inProgress(clinical: boolean): Course {
  const done = clinical
    ? completedDetail({
        id: 's-1',
        completedOn: lastDone,
        scheduledOn: lastDone,
        scheduledFor: `${lastDone}T10:00:00Z`,
        completedAt: `${lastDone}T10:25:00Z`,
      })
    : booking({
        id: 's-1',
        status: 'completed',
        completedOn: lastDone,
        scheduledOn: lastDone,
        scheduledFor: `${lastDone}T10:00:00Z`,
        completedAt: `${lastDone}T10:25:00Z`,
      });
  return course({
    state: 'on_track',
    progress: {
      state: 'on_track',
      message: 'On track: next session booked for today.',
      sessionsCompleted: 1,
      sessionsRemaining: 2,
      lastCompletedOn: lastDone,
      nextWindow: { earliest: addDays(lastDone, 28), latest: addDays(lastDone, 84) },
      nextScheduledOn: today,
      opensOn: addDays(lastDone, 28),
      bookingsInsideWindow: [],
    },
    sessions: [done, booking({ id: 's-2', sequence: 2, scheduledOn: today, scheduledFor: `${today}T12:00:00Z` })],
    ...(clinical ? { consent: null, outcomes: [] } : {}),
  });
}

async function open(role: Role, body: Course, url = '/courses/c-1') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'courses/:id', component: CoursePage }], withComponentInputBinding()),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideClinicDates(),
    ],
  });
  signInAs(role);
  const harness = await RouterTestingHarness.create(url);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/courses/c-1').flush(body);
  http.expectOne('/api/patients/p-1').flush({ id: 'p-1', firstName: 'Ann', lastName: 'Smith' });
  await harness.fixture.whenStable();
  const el = harness.routeNativeElement as HTMLElement;
  const buttons = () => Array.from(el.querySelectorAll('a, button')).map((b) => b.textContent?.trim() ?? '');
  const click = async (label: string) => {
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim().endsWith(label))
      ?.click();
    await harness.fixture.whenStable();
  };
  return { el, http, buttons, click, harness };
}

describe('CoursePage', () => {
  it('shows the timeline with the next window and the course state', async () => {
    const { el } = await open('clinician', inProgress(true));
    expect(el.querySelector('h1')?.textContent).toContain('Treatment course · Left leg');
    expect(el.querySelector('vn-state-chip')?.textContent).toContain('On track');
    expect(el.querySelector('.window')).not.toBeNull();
    expect(el.querySelectorAll('.marker')).toHaveLength(2);
    expect(el.textContent).toContain('Next session window:');
  });

  it('gives reception booking actions but no session form, clinical detail or notes', async () => {
    const { el, buttons } = await open('reception', inProgress(false));
    expect(buttons().some((b) => b.endsWith('Cancel booking'))).toBe(true);
    expect(buttons().some((b) => b.endsWith('Did not attend'))).toBe(true);
    expect(buttons().some((b) => b.endsWith('Record treatment'))).toBe(false);
    expect(buttons().some((b) => b.endsWith('Notes'))).toBe(false);
    expect(buttons().some((b) => b.endsWith('Aftercare sheet'))).toBe(true);
    expect(el.querySelector('vn-session-complete-form')).toBeNull();
    expect(el.querySelector('vn-course-admin')).toBeNull();
    expect(el.textContent).not.toContain('polidocanol');
  });

  it("lists a completed session's adverse events to clinicians and managers; only clinicians log them; reception sees none", async () => {
    const withEvent = (): Course => {
      const body = inProgress(true);
      const event = {
        id: 'ae-1',
        version: 1,
        createdAt: `${today}T09:00:00Z`,
        updatedAt: `${today}T09:00:00Z`,
        sessionId: 's-1',
        type: 'hyperpigmentation' as const,
        severity: 'mild' as const,
        onsetOn: addDays(lastDone, 14),
        resolved: false,
        resolvedOn: null,
        notes: null,
        recordedBy: 'clinician-id',
      };
      body.sessions[0] = { ...body.sessions[0], adverseEvents: [event] } as Course['sessions'][number];
      return body;
    };
    const seen: Record<string, { listed: boolean; log: boolean }> = {};
    for (const role of ['clinician', 'manager', 'reception'] as const) {
      TestBed.resetTestingModule();
      const { el, buttons } = await open(role, withEvent());
      const list = el.querySelector('article[aria-label="Session 1"] ul[aria-label="Adverse events of session 1"]');
      seen[role] = {
        listed: !!list?.textContent?.includes('Hyperpigmentation'),
        log: buttons().some((b) => b.endsWith('Log adverse event')),
      };
      if (role === 'reception') expect(el.querySelector('vn-adverse-events')).toBeNull();
    }
    expect(seen).toEqual({
      clinician: { listed: true, log: true },
      manager: { listed: true, log: false },
      reception: { listed: false, log: false },
    });
  });

  it('opens the completion form for a clinician on a session booked for today', async () => {
    const { el, http, buttons, harness } = await open('clinician', inProgress(true));
    expect(el.textContent).toContain('polidocanol 0.5 % liquid, 4 mL = 20 mg');
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim().endsWith('Record treatment'))
      ?.click();
    harness.detectChanges();
    // The form asks the API for the day's facts (the dose already given) before it settles.
    http
      .expectOne((r) => r.url.endsWith('/completion-facts'))
      .flush({ on: today, polidocanolMgSameDay: 0, completedSessionsBefore: 1, weightKg: 70, weightMeasuredOn: today, conditions: [] });
    await harness.fixture.whenStable();
    expect(el.querySelector('vn-session-complete-form')).not.toBeNull();
    expect(buttons().some((b) => b.endsWith('Complete session'))).toBe(true);
  });

  it('shows who gave a treatment, where and how it went, even when it was booked with no clinician', async () => {
    const body = inProgress(true);
    body.sessions[0] = {
      ...body.sessions[0],
      clinicianName: null,
      areas: ['medial calf', 'ankle'],
      immediateReactions: 'Mild urticaria, settled in 10 minutes',
    } as (typeof body.sessions)[0];
    const { el } = await open('clinician', body);
    const first = el.querySelector('article[aria-label="Session 1"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(first).toContain('treated by Dr Amara Okafor');
    expect(first).toContain('· medial calf, ankle');
    expect(first).toContain('Immediate reactions: Mild urticaria, settled in 10 minutes');
  });

  it('links every booked session to its printable pre-treatment sheet', async () => {
    const { el } = await open('reception', inProgress(false));
    const second = el.querySelector('article[aria-label="Session 2"]');
    expect(second?.querySelector('a[href="/sessions/s-2/pre-treatment"]')?.textContent).toContain('Pre-treatment sheet');
    expect(el.querySelector('article[aria-label="Session 1"] a[href$="/pre-treatment"]')).toBeNull();
  });

  it('lets reception choose the clinician a session is booked with', async () => {
    const notBooked = inProgress(false);
    notBooked.sessions = notBooked.sessions.slice(0, 1);
    const { el, http, harness } = await open('reception', notBooked);
    http.expectOne('/api/clinicians').flush({
      items: [
        { id: 'u-7', name: 'Dr Amara Okafor' },
        { id: 'u-8', name: 'Nurse Ffion Lloyd' },
      ],
      total: 2,
      limit: 2,
      offset: 0,
    });
    await harness.fixture.whenStable();
    el.querySelector<HTMLElement>('mat-select[formcontrolname=clinicianId] .mat-mdc-select-trigger')?.click();
    await harness.fixture.whenStable();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((o) => o.textContent?.trim())).toEqual(['Not chosen yet', 'Dr Amara Okafor', 'Nurse Ffion Lloyd']);
    options[1].click();
    await harness.fixture.whenStable();
    const date = el.querySelector<HTMLInputElement>('input[formcontrolname=date]') as HTMLInputElement;
    date.value = formatDate(addDays(lastDone, 30));
    date.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('form[aria-label="Book the next session"] button[type=submit]')?.click();
    expect(http.expectOne('/api/courses/c-1/sessions').request.body).toMatchObject({ clinicianId: 'u-7' });
  });

  it('after a session is completed, moves the focus to the success banner with the aftercare link', async () => {
    const { el, http, harness } = await open('clinician', inProgress(true));
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim().endsWith('Record treatment'))
      ?.click();
    harness.detectChanges();
    http
      .expectOne((r) => r.url.endsWith('/completion-facts'))
      .flush({ on: today, polidocanolMgSameDay: 0, completedSessionsBefore: 1, weightKg: 70, weightMeasuredOn: today, conditions: [] });
    await harness.fixture.whenStable();
    const form = harness.fixture.debugElement.query(By.directive(SessionCompleteForm)).componentInstance as SessionCompleteForm;
    const done = {
      ...completedDetail({
        id: 's-2',
        sequence: 2,
        completedOn: today,
        scheduledOn: today,
        scheduledFor: `${today}T12:00:00Z`,
        completedAt: `${today}T12:20:00Z`,
      }),
      warnings: [],
      courseStatus: 'active',
      aftercare: {
        sessionId: 's-2',
        completedAt: `${today}T12:20:00Z`,
        items: [],
        nextWindow: { earliest: addDays(today, 28), latest: addDays(today, 84) },
      },
    } as unknown as CompletedSession;
    form.completed.emit(done);
    http.expectOne('/api/courses/c-1').flush(inProgress(true));
    await harness.fixture.whenStable();
    const banner = el.querySelector('.completed-banner') as HTMLElement;
    expect(document.activeElement).toBe(banner);
    expect(banner.textContent).toContain('Book the next session between');
    expect(banner.querySelector('a')?.textContent).toContain('Aftercare sheet');
  });

  it('explains an INTERVAL_TOO_SHORT booking refusal in words', async () => {
    const notBooked = inProgress(false);
    notBooked.sessions = notBooked.sessions.slice(0, 1);
    const { el, http, harness } = await open('reception', notBooked);
    const date = el.querySelector<HTMLInputElement>('input[formcontrolname=date]') as HTMLInputElement;
    const book = () => el.querySelector<HTMLButtonElement>('form[aria-label="Book the next session"] button[type=submit]')?.click();
    // A day before the window is refused at the field, before anything is sent.
    date.value = formatDate(addDays(lastDone, 10));
    date.dispatchEvent(new Event('input'));
    book();
    await harness.fixture.whenStable();
    http.expectNone('/api/courses/c-1/sessions');
    expect(date.closest('mat-form-field')?.textContent).toContain(`Not before ${formatDate(today)}`);
    // The API has the last word: a leg treated in another course since the page was read.
    date.value = formatDate(today);
    date.dispatchEvent(new Event('input'));
    book();
    const request = http.expectOne('/api/courses/c-1/sessions');
    expect(request.request.body.scheduledFor).toMatch(/^\d{4}-\d{2}-\d{2}T10:00:00([+-]\d{2}:\d{2}|Z)$/);
    const message =
      'Sessions must be at least 28 days apart: the last session was on 1 February 2026, so the earliest date is 1 March 2026.';
    request.flush(
      problem(422, 'INTERVAL_TOO_SHORT', 'The session is booked too soon after the last one.', {
        reasons: [{ code: 'INTERVAL_TOO_SHORT', message }],
      }),
      { status: 422, statusText: 'Unprocessable Content' },
    );
    await harness.fixture.whenStable();
    const alert = el.querySelector('vn-book-session [role=alert]')?.textContent ?? '';
    expect(alert).toContain('booked too soon');
    expect(alert).toContain(message);
  });

  it('books the first session after a consultation with that consultation’s clinician', async () => {
    const { el, http, harness } = await open('reception', course(), '/courses/c-1?consultation=k-9');
    http
      .expectOne('/api/consultations/k-9')
      .flush({ id: 'k-9', patientId: 'p-1', clinicianId: 'u-imran', clinicianName: 'Dr Imran Shah', startsOn: '2026-02-20' });
    await harness.fixture.whenStable();
    expect(el.querySelector('vn-book-session [role=note]')?.textContent).toContain(
      'Follows the consultation on 20/02/2026 with Dr Imran Shah, who is filled in below.',
    );
    const date = el.querySelector<HTMLInputElement>('input[formcontrolname=date]') as HTMLInputElement;
    date.value = formatDate(addDays(today, 3));
    date.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('form[aria-label="Book the next session"] button[type=submit]')?.click();
    expect(http.expectOne('/api/courses/c-1/sessions').request.body).toMatchObject({ clinicianId: 'u-imran', consultationId: 'k-9' });
  });

  it('flags a booking left inside the interval and moves it to the first allowed day in one click, at the same time', async () => {
    const body = inProgress(false);
    const opensOn = addDays(today, 12);
    const message = `Left leg: treated on ${today}; a leg is treated at most once in 28 days, so it may be treated again from ${opensOn}.`;
    body.sessions[1] = booking({
      id: 's-2',
      sequence: 2,
      version: 3,
      scheduledOn: addDays(today, 5),
      scheduledFor: `${addDays(today, 5)}T14:30:00Z`,
    });
    body.progress = {
      ...body.progress,
      bookingsInsideWindow: [
        { sessionId: 's-2', date: addDays(today, 5), reasons: [{ code: 'INTERVAL_TOO_SHORT', leg: 'left', opensOn, message }] },
      ],
    };
    const { el, http, click, harness } = await open('reception', body);
    const article = el.querySelector('article[aria-label="Session 2"]') as HTMLElement;
    expect(article.querySelector('[role=alert]')?.textContent).toContain('This booking is inside the interval.');
    expect(article.textContent).toContain(message);
    expect(el.querySelector('.marker.inside')?.getAttribute('title')).toContain('inside the interval');
    expect(el.querySelector('vn-state-chip')?.textContent).toContain('Booking to move');

    const [dd, mm, yyyy] = [opensOn.slice(8), opensOn.slice(5, 7), opensOn.slice(0, 4)];
    await click(`Move to ${dd}/${mm}/${yyyy}`);
    const move = http.expectOne('/api/sessions/s-2/move');
    expect(move.request.body.version).toBe(3);
    expect(move.request.body.scheduledFor.slice(0, 10)).toBe(opensOn);
    expect(Date.parse(move.request.body.scheduledFor) - Date.parse(`${opensOn}T14:30:00Z`)).toBeLessThanOrEqual(3_600_000);
    move.flush({
      ...body.sessions[1],
      scheduledFor: `${opensOn}T14:30:00Z`,
      scheduledOn: opensOn,
      window: null,
      warnings: [],
      preTreatment: { items: [] },
    });
    await harness.fixture.whenStable();
    http.expectOne('/api/courses/c-1').flush({ ...body, progress: { ...body.progress, bookingsInsideWindow: [] } });
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('Session 2 moved to');
    expect(el.querySelector('article[aria-label="Session 2"] .inside')).toBeNull();
    expect(el.querySelector('vn-state-chip')?.textContent).toContain('On track');
  });
});
