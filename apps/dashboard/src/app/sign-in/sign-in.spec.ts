import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { sessionExpiryInterceptor } from '../core/session-expiry.interceptor';
import { Session } from '../core/session';
import { problem, sessionFor } from '../../testing/session';
import { SignIn } from './sign-in';
import { Component } from '@angular/core';

@Component({ selector: 'vn-stub', template: 'landed' })
class Stub {}

async function setup(url = '/sign-in') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([sessionExpiryInterceptor])),
      provideHttpClientTesting(),
      provideRouter(
        [
          { path: 'sign-in', component: SignIn },
          { path: '**', component: Stub },
        ],
        withComponentInputBinding(),
      ),
    ],
  });
  const harness = await RouterTestingHarness.create(url);
  const http = TestBed.inject(HttpTestingController);
  const root = () => harness.routeNativeElement as HTMLElement;
  const type = (selector: string, value: string) => {
    const input = root().querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    type('input[type=email]', 'reception@demo.venule');
    type('input[autocomplete=current-password]', 'demo-venule');
    (root().querySelector('button[type=submit]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
  };
  return { harness, http, root, submit };
}

describe('SignIn', () => {
  it('sends the credentials and shows progress while signing in', async () => {
    const { http, root, submit, harness } = await setup();
    await submit();
    const req = http.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ email: 'reception@demo.venule', password: 'demo-venule' });
    expect(root().querySelector('mat-progress-bar')).not.toBeNull();
    expect(root().querySelector('button[type=submit]')?.textContent).toContain('Signing in');
    req.flush(sessionFor('reception'));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/diary');
    expect(TestBed.inject(Session).role()).toBe('reception');
  });

  it('shows the server reason for a wrong password and clears the password', async () => {
    const { http, root, submit, harness } = await setup();
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(problem(401, 'UNAUTHENTICATED', 'Wrong email or password.'), { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(root().querySelector('[role=alert]')?.textContent).toContain('Wrong email or password.');
    expect((root().querySelector('input[autocomplete=current-password]') as HTMLInputElement).value).toBe('');
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('tells a throttled person to wait', async () => {
    const { http, root, submit, harness } = await setup();
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(problem(429, 'TOO_MANY_REQUESTS', 'Throttled'), { status: 429, statusText: 'Too Many Requests' });
    await harness.fixture.whenStable();
    expect(root().querySelector('[role=alert]')?.textContent).toContain('Too many attempts, try again in a few minutes');
  });

  it('explains an expired session and returns to the page afterwards', async () => {
    const { http, root, submit, harness } = await setup('/sign-in?reason=expired&returnUrl=%2Fpatients%2Fp-1');
    expect(root().textContent).toContain('Your session expired — please sign in again');
    await submit();
    http.expectOne('/api/auth/login').flush(sessionFor('clinician'));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/patients/p-1');
  });

  it('never follows a return address outside the dashboard', async () => {
    const { http, submit, harness } = await setup('/sign-in?returnUrl=%2F%2Fevil.example');
    await submit();
    http.expectOne('/api/auth/login').flush(sessionFor('admin'));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/staff');
  });

  it('does not send an empty form', async () => {
    const { http, root, harness } = await setup();
    (root().querySelector('button[type=submit]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    http.expectNone('/api/auth/login');
    expect(root().textContent).toContain('Enter your email address');
  });
});
