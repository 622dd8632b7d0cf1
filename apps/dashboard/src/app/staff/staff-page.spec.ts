import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Page, User } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { StaffPage } from './staff-page';

const user = (id: string, role: User['role'], active = true): User => ({
  id,
  email: `${id}@demo.venule`,
  displayName: `Person ${id}`,
  role,
  active,
  mustChangePassword: false,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const dialogButton = (label: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')).find((b) =>
    b.textContent?.includes(label),
  ) as HTMLButtonElement;
const page = (items: User[]): Page<User> => ({ items, total: items.length, limit: 100, offset: 0 });

async function setup() {
  TestBed.configureTestingModule({
    imports: [StaffPage],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  signInAs('admin');
  const fixture = TestBed.createComponent(StaffPage);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return { fixture, http, el };
}

describe('StaffPage', () => {
  it('shows loading, then one row per account', async () => {
    const { fixture, http, el } = await setup();
    expect(el.textContent).toContain('Loading staff accounts');
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'reception'), user('b', 'clinician', false)]));
    await fixture.whenStable();
    const rows = el.querySelectorAll('tr.mat-mdc-row');
    expect(rows.length).toBe(2);
    expect(rows[1].textContent).toContain('Deactivated');
    expect(rows[1].textContent).toContain('Reactivate');
  });

  it('deactivates with the version it read, once confirmed in a dialog that says what it does', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'reception')]));
    await fixture.whenStable();
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Deactivate')) as HTMLButtonElement).click();
    await fixture.whenStable();
    http.expectNone('/api/users/a');
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain('is signed out at once and can no longer sign in');
    expect(document.querySelector('mat-dialog-container [cdkFocusInitial]')?.textContent?.trim()).toBe('Cancel');
    dialogButton('Deactivate account').click();
    await fixture.whenStable();
    const req = http.expectOne('/api/users/a');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ version: 3, active: false });
    req.flush({ ...user('a', 'reception', false), version: 4 });
    await fixture.whenStable();
    expect(el.querySelector('tr.mat-mdc-row')?.textContent).toContain('Deactivated');
  });

  it('explains a version conflict and reloads the list', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'reception')]));
    await fixture.whenStable();
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Deactivate')) as HTMLButtonElement).click();
    await fixture.whenStable();
    dialogButton('Deactivate account').click();
    await fixture.whenStable();
    http.expectOne('/api/users/a').flush(problem(409, 'VERSION_CONFLICT', 'stale'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain("Someone else changed Person a's account");
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'manager')]));
    await fixture.whenStable();
    expect(el.querySelector('tr.mat-mdc-row')?.textContent).toContain('Manager');
  });

  it('changes nothing when a role change is cancelled, and puts the select back', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'reception')]));
    await fixture.whenStable();
    (el.querySelector('mat-select .mat-mdc-select-trigger') as HTMLElement).click();
    await fixture.whenStable();
    (
      Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => o.textContent?.includes('Clinician')) as HTMLElement
    ).click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain('Make Person a a clinician?');
    dialogButton('Cancel').click();
    await fixture.whenStable();
    http.expectNone('/api/users/a');
    expect(el.querySelector('mat-select')?.textContent).toContain('Reception');
  });

  it('resets a password once confirmed and shows the temporary password to hand over', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'reception')]));
    await fixture.whenStable();
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Reset password')) as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain('must choose a new one');
    dialogButton('Reset password').click();
    await fixture.whenStable();
    const req = http.expectOne('/api/users/a/password-reset');
    expect(req.request.body).toEqual({ version: 3 });
    req.flush({ user: { ...user('a', 'reception'), mustChangePassword: true, version: 4 }, temporaryPassword: 'hk7m-2pqa-x9dt' });
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container code')?.textContent).toBe('hk7m-2pqa-x9dt');
    expect(el.querySelector('tr.mat-mdc-row')?.textContent).toContain('Must change password');
  });

  it('does not let an admin deactivate their own account', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(page([user('admin-id', 'admin')]));
    await fixture.whenStable();
    const button = Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Deactivate')) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });

  it('offers a retry when the list cannot load', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Cannot reach the Venule server');
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Try again')) as HTMLButtonElement).click();
    http.expectOne((r) => r.url === '/api/users');
  });
});
