import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@venule/api-contract';
import { signInAs } from '../../testing/session';
import { authGuard, homeRedirectGuard, roleGuard } from './guards';

@Component({ selector: 'vn-page-stub', template: 'page' })
class PageStub {}

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'sign-in', component: PageStub },
        {
          path: '',
          canActivate: [authGuard],
          children: [
            { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
            { path: 'patients', component: PageStub, canActivate: [roleGuard('readPatients')] },
            { path: 'staff', component: PageStub, canActivate: [roleGuard('manageStaff')] },
            { path: 'audit', component: PageStub, canActivate: [roleGuard('readAudit')] },
            { path: 'reports', component: PageStub, canActivate: [roleGuard('readReports')] },
            { path: 'diary', component: PageStub, canActivate: [roleGuard('readBookings')] },
            { path: 'forbidden', component: PageStub },
            { path: 'account/password', component: PageStub },
          ],
        },
      ]),
    ],
  });
}

describe('route guards', () => {
  beforeEach(setup);

  it('sends a signed-out visitor to sign-in with the page to come back to', async () => {
    await RouterTestingHarness.create('/audit?from=2026-01-01');
    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2Faudit%3Ffrom%3D2026-01-01');
  });

  it('keeps someone whose password was reset on the change-password page until they change it', async () => {
    const session = signInAs('reception');
    session.info.update((info) => info && { ...info, mustChangePassword: true });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/patients');
    expect(TestBed.inject(Router).url).toBe('/account/password');
    session.info.update((info) => info && { ...info, mustChangePassword: false });
    await harness.navigateByUrl('/patients');
    expect(TestBed.inject(Router).url).toBe('/patients');
  });

  it.each<[Role, string, boolean]>([
    ['reception', '/staff', false],
    ['reception', '/audit', false],
    ['clinician', '/audit', false],
    ['manager', '/audit', true],
    ['manager', '/staff', false],
    ['admin', '/staff', true],
    ['admin', '/patients', true],
    ['admin', '/diary', false],
    ['reception', '/diary', true],
  ])('%s opening %s is allowed: %s', async (role, url, allowed) => {
    signInAs(role);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    // A refused page shows "no access" in its place (the browser keeps the address: skipLocationChange).
    expect(TestBed.inject(Router).routerState.snapshot.root.firstChild?.firstChild?.routeConfig?.path).toBe(
      allowed ? url.slice(1) : 'forbidden',
    );
  });

  it.each<[Role, string]>([
    ['reception', '/diary'],
    ['clinician', '/diary'],
    ['manager', '/reports'],
    ['admin', '/staff'],
  ])('starts %s at %s', async (role, home) => {
    signInAs(role);
    await RouterTestingHarness.create('/');
    expect(TestBed.inject(Router).url).toBe(home);
  });
});
