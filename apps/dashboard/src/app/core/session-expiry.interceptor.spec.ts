import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { signInAs } from '../../testing/session';
import { sessionExpiryInterceptor } from './session-expiry.interceptor';

@Component({ selector: 'vn-stub', template: '' })
class Stub {}

describe('sessionExpiryInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([sessionExpiryInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Stub }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    harness = await RouterTestingHarness.create('/patients/p-7?tab=history');
  });

  it('sends a signed-in person whose session expired to sign-in, remembering the page', async () => {
    const session = signInAs('clinician');
    const failed = jest.fn();
    client.get('/api/patients/p-7').subscribe({ error: failed });
    http.expectOne('/api/patients/p-7').flush({ status: 401, code: 'UNAUTHENTICATED' }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(session.signedIn()).toBe(false);
    const router = TestBed.inject(Router);
    const tree = router.parseUrl(router.url);
    expect(tree.root.children['primary'].segments.map((s) => s.path)).toEqual(['sign-in']);
    expect(tree.queryParams).toEqual({ reason: 'expired', returnUrl: '/patients/p-7?tab=history' });
    expect(failed).toHaveBeenCalled();
  });

  it('leaves a wrong password on the sign-in call alone', async () => {
    signInAs('clinician');
    client.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/auth/login').flush({}, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/patients/p-7?tab=history');
  });

  it('does not redirect on other errors', async () => {
    const session = signInAs('reception');
    client.get('/api/patients/p-7/medical-history').subscribe({ error: () => undefined });
    http.expectOne('/api/patients/p-7/medical-history').flush({}, { status: 403, statusText: 'Forbidden' });
    await harness.fixture.whenStable();
    expect(session.signedIn()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/patients/p-7?tab=history');
  });
});
