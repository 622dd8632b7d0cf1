import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Message, Page, Role } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { MessagesPage } from './messages-page';

const message = (over: Partial<Message> = {}): Message => ({
  id: 'm-1',
  version: 2,
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-28T09:30:00Z',
  channel: 'email',
  to: 'ann@example.org',
  template: 'session_reminder',
  subject: 'Your appointment',
  state: 'failed',
  sendAt: '2026-12-01T09:30:00Z',
  sentAt: null,
  attempts: 1,
  lastError: 'not sent: no mail server configured',
  patientId: 'p-1',
  patientName: 'Ann Smith',
  clinicNumber: 'VN-000001',
  sessionId: 's-1',
  ...over,
});

const pageOf = (items: Message[], total = items.length): Page<Message> => ({ items, total, limit: 20, offset: 0 });

async function open(role: Role = 'reception', url = '/messages') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'messages', component: MessagesPage }], withComponentInputBinding()),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  signInAs(role);
  const harness = await RouterTestingHarness.create(url);
  const http = TestBed.inject(HttpTestingController);
  const el = harness.routeNativeElement as HTMLElement;
  const listRequest = (): TestRequest => http.expectOne((r) => r.url === '/api/messages' && r.method === 'GET');
  const settle = async () => {
    await harness.fixture.whenStable();
    harness.fixture.detectChanges();
  };
  const button = (text: string) =>
    Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim().includes(text)) as HTMLButtonElement;
  return { el, http, harness, listRequest, settle, button };
}

describe('MessagesPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists messages with the patient, what, where, when in words, attempts and why it was not sent', async () => {
    const { el, listRequest, settle } = await open();
    const req = listRequest();
    expect(req.request.params.get('state')).toBeNull();
    req.flush(
      pageOf([
        message(),
        message({
          id: 'm-2',
          state: 'sent',
          sentAt: '2026-11-29T10:00:00Z',
          lastError: null,
          channel: 'sms',
          to: '07700 900123',
          template: 'aftercare',
        }),
      ]),
    );
    await settle();
    const rows = Array.from(el.querySelectorAll('li.message')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('Ann Smith');
    expect(rows[0]).toContain('VN-000001');
    expect(rows[0]).toContain('Appointment reminder');
    expect(rows[0]).toContain('Email to ann@example.org');
    expect(rows[0]).toContain('Was due Tuesday 1 December 2026 at 09:30');
    expect(rows[0]).toContain('1 attempt');
    expect(rows[0]).toContain('Not sent: no mail server is configured yet');
    expect(rows[1]).toContain('Aftercare plan');
    expect(rows[1]).toContain('Text message to 07700 900123');
    expect(rows[1]).toContain('Sent Sunday 29 November 2026 at 10:00');
    expect(el.querySelector('li.message a')?.getAttribute('href')).toBe('/patients/p-1');
  });

  it('filters by state through the address and sends the state to the API', async () => {
    const { el, listRequest, settle } = await open();
    listRequest().flush(pageOf([message()]));
    await settle();
    const failed = Array.from(el.querySelectorAll('mat-button-toggle button')).find((b) =>
      b.textContent?.includes('Failed'),
    ) as HTMLButtonElement;
    failed.click();
    await settle();
    const req = listRequest();
    expect(req.request.params.get('state')).toBe('failed');
    expect(req.request.params.get('offset')).toBe('0');
    req.flush(pageOf([]));
    await settle();
    expect(el.textContent).toContain('No failed messages');
  });

  it('filters by the patient given in the address, naming them from their messages', async () => {
    const { el, listRequest, settle } = await open('reception', '/messages?patientId=p-1');
    const req = listRequest();
    expect(req.request.params.get('patientId')).toBe('p-1');
    req.flush(pageOf([message()]));
    await settle();
    expect((el.querySelector('input') as HTMLInputElement).value).toBe('Ann Smith (VN-000001)');
    expect(el.querySelector('ul')?.getAttribute('aria-label')).toBe('Messages to Ann Smith (VN-000001)');
  });

  it('resends a failed message after confirming, then refreshes the list', async () => {
    const { http, listRequest, settle, button } = await open();
    listRequest().flush(pageOf([message()]));
    await settle();
    button('Resend').click();
    await settle();
    // The dialog's own Resend comes after the list's.
    const dialogResend = Array.from(document.querySelectorAll('mat-dialog-actions button')).at(-1) as HTMLButtonElement;
    expect(document.querySelector('mat-dialog-content')?.textContent).toContain('appointment reminder to Ann Smith (ann@example.org)');
    dialogResend.click();
    await settle();
    const resend = http.expectOne('/api/messages/m-1/resend');
    expect(resend.request.method).toBe('POST');
    resend.flush(message({ state: 'queued', attempts: 0, lastError: null }));
    await settle();
    listRequest().flush(pageOf([message({ state: 'queued', attempts: 0, lastError: null })]));
    await settle();
    expect(document.body.textContent).toContain('is queued again');
  });

  it('shows the API’s refusal when a message can no longer be resent', async () => {
    const { el, http, listRequest, settle, button } = await open();
    listRequest().flush(pageOf([message()]));
    await settle();
    button('Resend').click();
    await settle();
    (Array.from(document.querySelectorAll('mat-dialog-actions button')).at(-1) as HTMLButtonElement).click();
    await settle();
    http
      .expectOne('/api/messages/m-1/resend')
      .flush(problem(409, 'MESSAGE_NOT_FAILED', 'This message is queued; only a failed message can be sent again.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await settle();
    listRequest().flush(pageOf([message({ state: 'queued', lastError: null })]));
    await settle();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('This message is queued; only a failed message can be sent again.');
  });

  it('lets a manager read the outbox but not resend', async () => {
    const { el, listRequest, settle } = await open('manager');
    listRequest().flush(pageOf([message()]));
    await settle();
    expect(el.textContent).toContain('Ann Smith');
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Resend'))).toBe(false);
  });

  it('says when there are no messages, and offers a retry when loading failed', async () => {
    const { el, listRequest, settle, button } = await open();
    listRequest().flush(problem(503, 'SERVICE_UNAVAILABLE', 'The database is not answering.'), {
      status: 503,
      statusText: 'Unavailable',
    });
    await settle();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('The database is not answering.');
    button('Try again').click();
    listRequest().flush(pageOf([]));
    await settle();
    expect(el.textContent).toContain('No messages yet');
  });
});
