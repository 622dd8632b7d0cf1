import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { EditableMessageTemplate } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { MessageTemplatesPage } from './message-templates-page';

const REMINDER: EditableMessageTemplate = {
  template: 'session_reminder',
  label: 'Session reminder',
  subject: 'Your appointment at {{clinicName}} on {{when}}',
  text: 'Dear {{firstName}},\n{{#each advice}}\n- {{this}}\n{{/each}}\n',
  html: '<p>Dear {{firstName}},</p>',
  placeholders: [
    { name: 'firstName', description: 'The patient’s first name', list: false },
    { name: 'when', description: 'The appointment’s day and time', list: false },
    { name: 'advice', description: 'The pre-treatment advice', list: true },
  ],
  customised: true,
  version: 3,
  updatedAt: '2026-11-30T09:00:00Z',
  updatedByName: 'Demo admin',
};
const AFTERCARE: EditableMessageTemplate = { ...REMINDER, template: 'aftercare', label: 'Aftercare plan', customised: false, version: 0 };

const RENDERED = {
  subject: 'Your appointment at Clifton Vein Clinic on Wednesday 9 December 2026 at 10:30',
  text: 'Dear Alex,\n- Shave your legs the day before.\n',
  html: '<p>Dear Alex,</p>',
};

function setup() {
  TestBed.configureTestingModule({
    imports: [MessageTemplatesPage],
    providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
  });
  signInAs('admin');
  jest.useFakeTimers();
  const fixture = TestBed.createComponent(MessageTemplatesPage);
  const http = TestBed.inject(HttpTestingController);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  expect(el.textContent).toContain('Loading message templates');
  http.expectOne('/api/message-templates').flush([REMINDER, AFTERCARE]);
  fixture.detectChanges();
  const settle = () => {
    jest.advanceTimersByTime(500);
    fixture.detectChanges();
  };
  const field = (label: string) =>
    Array.from(el.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector('input, textarea') as HTMLInputElement | HTMLTextAreaElement;
  const errorOf = (label: string) =>
    Array.from(el.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector('mat-error')
      ?.textContent?.trim();
  const type = (label: string, value: string) => {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes(text)) as HTMLButtonElement;
  /** Answers the preview the page asks for after its pause. */
  const answerPreview = (body: object = RENDERED, status = 200) => {
    settle();
    const req = http.expectOne('/api/message-templates/session_reminder/preview');
    if (status === 200) req.flush(body);
    else req.flush(body, { status, statusText: 'Bad Request' });
    fixture.detectChanges();
    return req.request.body;
  };
  return { fixture, http, el, field, errorOf, type, button, answerPreview };
}

describe('MessageTemplatesPage', () => {
  afterEach(() => jest.useRealTimers());

  it('opens the first template in its words, lists its placeholders, and shows the preview of what is typed', () => {
    const { el, field, type, answerPreview } = setup();
    expect(field('Subject').value).toBe(REMINDER.subject);
    expect(field('Plain text').value).toBe(REMINDER.text);
    expect(el.textContent).toContain('saved by Demo admin');
    expect(Array.from(el.querySelectorAll('.chip')).map((c) => c.textContent?.trim())).toEqual(['{{firstName}}', '{{when}}', '{{advice}}']);
    expect(answerPreview()).toEqual({ subject: REMINDER.subject, text: REMINDER.text, html: REMINDER.html });
    expect(el.querySelector('[data-testid="preview-subject"]')?.textContent).toBe(RENDERED.subject);
    expect(el.querySelector('[data-testid="preview-text"]')?.textContent).toBe(RENDERED.text);
    expect(el.querySelector('[aria-label="Email preview"]')?.innerHTML).toBe('<p>Dear Alex,</p>');

    type('Subject', 'See you on {{when}}');
    expect(answerPreview({ ...RENDERED, subject: 'See you on Wednesday 9 December 2026 at 10:30' }).subject).toBe('See you on {{when}}');
    expect(el.querySelector('[data-testid="preview-subject"]')?.textContent).toBe('See you on Wednesday 9 December 2026 at 10:30');
  });

  it('inserts a placeholder where the cursor is in the part last focused', () => {
    const { field, button, answerPreview } = setup();
    answerPreview();
    const subject = field('Subject') as HTMLInputElement;
    subject.dispatchEvent(new Event('focus'));
    subject.setSelectionRange(5, 5);
    button('{{firstName}}').click();
    expect(subject.value).toBe('Your {{firstName}}appointment at {{clinicName}} on {{when}}');
  });

  it('saves with the version read, and says so', () => {
    const { fixture, el, http, type, button, answerPreview } = setup();
    answerPreview();
    type('Subject', 'See you on {{when}}');
    button('Save template').click();
    const req = http.expectOne('/api/message-templates/session_reminder');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ subject: 'See you on {{when}}', text: REMINDER.text, html: REMINDER.html, version: 3 });
    req.flush({ ...REMINDER, subject: 'See you on {{when}}', version: 4 });
    fixture.detectChanges();
    expect(el.textContent).toContain('Messages written from now on use these words');
  });

  const refusal = problem(400, 'VALIDATION_FAILED', 'The HTML does not compile.', {
    errors: [{ field: 'html', messages: ['The HTML does not compile: line 1, expected CLOSE.'] }],
  });

  it('shows a part the preview could not compile at its field, keeping the last preview that worked', () => {
    const { type, errorOf, answerPreview, el } = setup();
    answerPreview();
    type('HTML', '<p>{{firstName</p>');
    answerPreview(refusal, 400);
    expect(errorOf('HTML')).toBe('The HTML does not compile: line 1, expected CLOSE.');
    expect(el.textContent).toContain('The preview shows the last words that worked');
    expect(el.querySelector('[data-testid="preview-subject"]')?.textContent).toBe(RENDERED.subject);
  });

  it('shows a part a save was refused for at its field', () => {
    const { fixture, http, type, button, errorOf, answerPreview } = setup();
    answerPreview();
    type('HTML', '<p>{{firstName</p>');
    button('Save template').click();
    http.expectOne('/api/message-templates/session_reminder').flush(refusal, { status: 400, statusText: 'Bad Request' });
    fixture.detectChanges();
    expect(errorOf('HTML')).toBe('The HTML does not compile: line 1, expected CLOSE.');
  });

  it('says when someone else saved first', () => {
    const { fixture, http, el, type, button, answerPreview } = setup();
    answerPreview();
    type('Subject', 'Mine');
    button('Save template').click();
    http
      .expectOne('/api/message-templates/session_reminder')
      .flush(problem(409, 'VERSION_CONFLICT', 'Changed.'), { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(el.textContent).toContain('Someone else changed this template since you opened it');
  });
});
