import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { sessionFor } from '../../testing/session';
import { todayIso, useClinicTimeZone } from './dates';
import { AUTH_URLS, Session } from './session';

describe('Session', () => {
  let session: Session;
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    session = TestBed.inject(Session);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => useClinicTimeZone('Europe/London'));

  // 2026-07-01 02:00 UTC: still 30 June in New York, already 1 July in London and Tokyo.
  const night = new Date('2026-07-01T02:00:00Z');

  it("takes the clinic's time zone from the start-up check", async () => {
    const loading = session.load();
    http.expectOne(AUTH_URLS.me).flush({ ...sessionFor('reception'), clinicTimeZone: 'America/New_York' });
    await loading;
    expect(session.role()).toBe('reception');
    expect(todayIso(night)).toBe('2026-06-30');
  });

  it("takes the clinic's time zone from a sign-in", async () => {
    const signingIn = firstValueFrom(session.signIn({ email: 'clinician@demo.venule', password: 'x' }));
    http.expectOne(AUTH_URLS.login).flush({ ...sessionFor('clinician'), clinicTimeZone: 'Asia/Tokyo' });
    await signingIn;
    expect(todayIso(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('is signed out, not failed, when the start-up check answers 401', async () => {
    const loading = session.load();
    http.expectOne(AUTH_URLS.me).flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await loading;
    expect(session.signedIn()).toBe(false);
    expect(session.startupError()).toBeNull();
    expect(todayIso(night)).toBe('2026-07-01');
  });
});
