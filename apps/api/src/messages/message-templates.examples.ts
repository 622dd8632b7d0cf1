import type { EditableMessageTemplate, MessageWords, UpdateMessageTemplateRequest } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const editableTemplateExample: EditableMessageTemplate = {
  template: 'session_reminder',
  label: 'Session reminder',
  subject: 'Your visit to {{clinicName}} on {{when}}',
  text: 'Hello {{firstName}},\n\nSee you on {{when}}.\n{{#each advice}}\n- {{this}}\n{{/each}}\n',
  html: '<p>Hello {{firstName}},</p><p>See you on {{when}}.</p><ul>{{#each advice}}<li>{{this}}</li>{{/each}}</ul>',
  placeholders: [
    { name: 'firstName', description: 'The patient’s first name', list: false },
    { name: 'when', description: 'The appointment’s day and time, e.g. Tuesday 8 December 2026 at 09:30', list: false },
    { name: 'advice', description: 'The pre-treatment advice, one line each', list: true },
  ],
  customised: true,
  version: 2,
  updatedAt: '2026-02-01T12:00:00.000Z',
  updatedByName: 'Ada Admin',
};

export const updateTemplateExample: UpdateMessageTemplateRequest = {
  subject: editableTemplateExample.subject,
  text: editableTemplateExample.text,
  html: editableTemplateExample.html,
  version: 1,
};

export const previewExample: MessageWords = {
  subject: 'Your visit to Venule Vein Clinic on Wednesday 9 December 2026 at 10:30',
  text: 'Hello Alex,\n\nSee you on Wednesday 9 December 2026 at 10:30.\n- Do not put lotion on your legs from 10:30 on Tuesday 8 December 2026.\n',
  html: '<p>Hello Alex,</p><p>See you on Wednesday 9 December 2026 at 10:30.</p><ul><li>Do not put lotion on your legs from 10:30 on Tuesday 8 December 2026.</li></ul>',
};
