import Handlebars from 'handlebars';
import type { MessageTemplate } from '@venule/api-contract';

/**
 * The words of each message. Handlebars escapes every value in the HTML part by default; the
 * plain-text part and the subject are compiled without escaping (they are not HTML, and an
 * apostrophe in a name must stay an apostrophe). Values are the patient's first name, the
 * clinic's identity, dated sentences from the rules library, a named doctor's name and a balance
 * in pounds: never a condition, a finding, a dose or a note, so reception may read every message
 * (SPEC §3).
 */
export interface ReminderFacts {
  firstName: string;
  clinicName: string;
  clinicPhone: string;
  /** `Tuesday 8 December 2026 at 09:30`, on the clinic's wall clock. */
  when: string;
  advice: string[];
}

export interface AftercareFacts {
  firstName: string;
  clinicName: string;
  clinicPhone: string;
  outOfHoursPhone: string;
  /** `Tuesday 8 December 2026`: the treatment date. */
  treatedOn: string;
  items: string[];
  /** The next session's window in words, e.g. `between Tuesday 5 January 2027 and Tuesday 2 March 2027`. */
  nextWindow: string;
}

export interface RecallFacts {
  firstName: string;
  clinicName: string;
  clinicPhone: string;
  /** The course's next window in words, e.g. `between Tuesday 5 January 2027 and Tuesday 2 March 2027`. */
  window: string;
  /** The window's last day in words, `Tuesday 2 March 2027`. */
  closesOn: string;
}

export interface ConsultationReminderFacts {
  firstName: string;
  clinicName: string;
  clinicPhone: string;
  /** `Tuesday 8 December 2026 at 09:30`, on the clinic's wall clock. */
  when: string;
  /** The named doctor's name; empty for a consultation with no named doctor. */
  clinicianName: string;
  /** What is still to pay in pounds, `£25.00`; empty when nothing is. */
  balanceDue: string;
}

interface Source {
  subject: string;
  text: string;
  html: string;
}

const SOURCES: Record<MessageTemplate, Source> = {
  session_reminder: {
    subject: 'Your appointment at {{clinicName}} on {{when}}',
    text: `Dear {{firstName}},

This is a reminder of your appointment at {{clinicName}} on {{when}}.

Before your appointment:
{{#each advice}}
- {{this}}
{{/each}}

{{#if clinicPhone}}To change or cancel it, please call us on {{clinicPhone}}.{{else}}To change or cancel it, please call the clinic.{{/if}}

{{clinicName}}
`,
    html: `<p>Dear {{firstName}},</p>
<p>This is a reminder of your appointment at {{clinicName}} on <strong>{{when}}</strong>.</p>
<p>Before your appointment:</p>
<ul>{{#each advice}}<li>{{this}}</li>{{/each}}</ul>
<p>{{#if clinicPhone}}To change or cancel it, please call us on {{clinicPhone}}.{{else}}To change or cancel it, please call the clinic.{{/if}}</p>
<p>{{clinicName}}</p>
`,
  },
  aftercare: {
    subject: 'Your aftercare plan from {{clinicName}}',
    text: `Dear {{firstName}},

Thank you for your treatment at {{clinicName}} on {{treatedOn}}. Your aftercare plan:
{{#each items}}
- {{this}}
{{/each}}

Your next session can be booked {{nextWindow}}. {{#if clinicPhone}}Call us on {{clinicPhone}} with any question{{#if outOfHoursPhone}}, or {{outOfHoursPhone}} out of hours if you are worried about a reaction{{/if}}.{{/if}}

{{clinicName}}
`,
    html: `<p>Dear {{firstName}},</p>
<p>Thank you for your treatment at {{clinicName}} on {{treatedOn}}. Your aftercare plan:</p>
<ul>{{#each items}}<li>{{this}}</li>{{/each}}</ul>
<p>Your next session can be booked {{nextWindow}}. {{#if clinicPhone}}Call us on {{clinicPhone}} with any question{{#if outOfHoursPhone}}, or {{outOfHoursPhone}} out of hours if you are worried about a reaction{{/if}}.{{/if}}</p>
<p>{{clinicName}}</p>
`,
  },
  recall_open: {
    subject: 'Your next session at {{clinicName}} can now be booked',
    text: `Dear {{firstName}},

Your next session at {{clinicName}} can be booked {{window}}. {{#if clinicPhone}}Please call us on {{clinicPhone}} to book it.{{else}}Please call the clinic to book it.{{/if}}

{{clinicName}}
`,
    html: `<p>Dear {{firstName}},</p>
<p>Your next session at {{clinicName}} can be booked <strong>{{window}}</strong>. {{#if clinicPhone}}Please call us on {{clinicPhone}} to book it.{{else}}Please call the clinic to book it.{{/if}}</p>
<p>{{clinicName}}</p>
`,
  },
  recall_closing: {
    subject: 'Please book your next session at {{clinicName}} by {{closesOn}}',
    text: `Dear {{firstName}},

Your next session at {{clinicName}} is due {{window}}, and it is not booked yet. {{#if clinicPhone}}Please call us on {{clinicPhone}} to book it.{{else}}Please call the clinic to book it.{{/if}}

{{clinicName}}
`,
    html: `<p>Dear {{firstName}},</p>
<p>Your next session at {{clinicName}} is due <strong>{{window}}</strong>, and it is not booked yet. {{#if clinicPhone}}Please call us on {{clinicPhone}} to book it.{{else}}Please call the clinic to book it.{{/if}}</p>
<p>{{clinicName}}</p>
`,
  },
  consultation_reminder: {
    subject: 'Your consultation at {{clinicName}} on {{when}}',
    text: `Dear {{firstName}},

This is a reminder of your consultation{{#if clinicianName}} with {{clinicianName}}{{/if}} at {{clinicName}} on {{when}}.

{{#if balanceDue}}{{balanceDue}} is due on the day.{{else}}Nothing is due on the day.{{/if}}

{{#if clinicPhone}}To change or cancel it, please call us on {{clinicPhone}}.{{else}}To change or cancel it, please call the clinic.{{/if}}

{{clinicName}}
`,
    html: `<p>Dear {{firstName}},</p>
<p>This is a reminder of your consultation{{#if clinicianName}} with {{clinicianName}}{{/if}} at {{clinicName}} on <strong>{{when}}</strong>.</p>
<p>{{#if balanceDue}}{{balanceDue}} is due on the day.{{else}}Nothing is due on the day.{{/if}}</p>
<p>{{#if clinicPhone}}To change or cancel it, please call us on {{clinicPhone}}.{{else}}To change or cancel it, please call the clinic.{{/if}}</p>
<p>{{clinicName}}</p>
`,
  },
};

type Compiled = { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate };

const COMPILED = Object.fromEntries(
  Object.entries(SOURCES).map(([name, s]) => [
    name,
    {
      subject: Handlebars.compile(s.subject, { noEscape: true, strict: true }),
      text: Handlebars.compile(s.text, { noEscape: true, strict: true }),
      html: Handlebars.compile(s.html, { strict: true }),
    },
  ]),
) as Record<MessageTemplate, Compiled>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function renderMessage(template: 'session_reminder', facts: ReminderFacts): RenderedMessage;
export function renderMessage(template: 'aftercare', facts: AftercareFacts): RenderedMessage;
export function renderMessage(template: 'recall_open' | 'recall_closing', facts: RecallFacts): RenderedMessage;
export function renderMessage(template: 'consultation_reminder', facts: ConsultationReminderFacts): RenderedMessage;
export function renderMessage(
  template: MessageTemplate,
  facts: ReminderFacts | AftercareFacts | RecallFacts | ConsultationReminderFacts,
): RenderedMessage {
  const t = COMPILED[template];
  return { subject: t.subject(facts).replace(/\s+/g, ' ').trim(), text: t.text(facts), html: t.html(facts) };
}
