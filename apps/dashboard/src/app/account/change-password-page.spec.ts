import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { problem, sessionFor, signInAs } from '../../testing/session';
import { ChangePasswordPage } from './change-password-page';

async function setup(mustChangePassword = false) {
  TestBed.configureTestingModule({
    imports: [ChangePasswordPage],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  const session = signInAs('reception');
  session.info.update((info) => info && { ...info, mustChangePassword });
  const fixture = TestBed.createComponent(ChangePasswordPage);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const type = (label: string, value: string) => {
    const field = Array.from(el.querySelectorAll('mat-form-field')).find((f) => f.querySelector('mat-label')?.textContent === label);
    const input = field?.querySelector('input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
  };
  return { fixture, el, http: TestBed.inject(HttpTestingController), session, type, submit };
}

describe('ChangePasswordPage', () => {
  it('on an empty submit, sends nothing and puts the focus on the first field to fill in', async () => {
    const { el, http, submit } = await setup();
    await submit();
    http.expectNone('/api/auth/password');
    expect(document.activeElement).toBe(el.querySelector('input[formcontrolname=currentPassword]'));
  });

  it('says why the page is the only one after an admin’s reset, and offers no way round it', async () => {
    const { el } = await setup(true);
    expect(el.textContent).toContain('An administrator reset your password');
    expect(Array.from(el.querySelectorAll('a')).some((a) => a.textContent?.includes('Cancel'))).toBe(false);
  });

  it('refuses a repeat that does not match, on the repeat field', async () => {
    const { el, http, type, submit } = await setup();
    type('Current password', 'correct horse battery');
    type('New password', 'a brand new passphrase');
    type('New password again', 'a brand new passphrase!');
    await submit();
    http.expectNone('/api/auth/password');
    expect(el.textContent).toContain('Does not match the new password');
    expect(document.activeElement).toBe(el.querySelector('input[formcontrolname=repeat]'));
  });

  it('changes the password, lifts the reset and goes home', async () => {
    const { http, type, submit, session } = await setup(true);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    type('Current password', 'hk7m-2pqa-x9dt');
    type('New password', 'a brand new passphrase');
    type('New password again', 'a brand new passphrase');
    await submit();
    const req = http.expectOne('/api/auth/password');
    expect(req.request.body).toEqual({ currentPassword: 'hk7m-2pqa-x9dt', newPassword: 'a brand new passphrase' });
    req.flush(sessionFor('reception'));
    expect(session.mustChangePassword()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/', 'diary']); // reception's home
  });

  it('shows a wrong current password under its field, in words', async () => {
    const { fixture, el, http, type, submit } = await setup();
    type('Current password', 'not it at all');
    type('New password', 'a brand new passphrase');
    type('New password again', 'a brand new passphrase');
    await submit();
    http.expectOne('/api/auth/password').flush(
      problem(400, 'VALIDATION_FAILED', 'The current password is wrong.', {
        errors: [{ field: 'currentPassword', messages: ['is not your current password'] }],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('mat-error')?.textContent).toContain('Is not your current password.');
    expect(document.activeElement).toBe(el.querySelector('input[formcontrolname=currentPassword]'));
  });
});
