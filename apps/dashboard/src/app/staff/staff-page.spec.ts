import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Page, User } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { StaffPage } from './staff-page';

const user = (id: string, role: User['role'], active = true): User => ({
  id, email: `${id}@demo.venule`, displayName: `Person ${id}`, role, active, version: 3, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const page = (items: User[]): Page<User> => ({ items, total: items.length, limit: 100, offset: 0 });

async function setup() {
  TestBed.configureTestingModule({
    imports: [StaffPage],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
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

  it('deactivates with the version it read', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'reception')]));
    await fixture.whenStable();
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Deactivate')) as HTMLButtonElement).click();
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
    http.expectOne('/api/users/a').flush(problem(409, 'VERSION_CONFLICT', 'stale'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain("Someone else changed Person a's account");
    http.expectOne((r) => r.url === '/api/users').flush(page([user('a', 'manager')]));
    await fixture.whenStable();
    expect(el.querySelector('tr.mat-mdc-row')?.textContent).toContain('Manager');
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
