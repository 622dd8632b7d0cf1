import Handlebars from 'handlebars';
import type { ClinicIdentity, MessageTemplate, MessageWords, TemplatePlaceholder } from '@venule/api-contract';
import {
  addDays,
  addHours,
  aftercarePlan,
  clinicDate,
  clinicWallTime,
  formatClinicTime,
  formatDateWithWeekday,
  preTreatmentAdvice,
  type ClinicalPolicy,
} from '@venule/clinical-rules';

/**
 * The built-in words of each message; a clinic may replace them with its own (MessageRenderer).
 * Handlebars escapes every value in the HTML part by default; the plain-text part and the subject
 * are compiled without escaping (they are not HTML, and an apostrophe in a name must stay an
 * apostrophe). Values are the patient's first name, the clinic's identity, dated sentences from
 * the rules library, a named doctor's name and a balance in pounds: never a condition, a finding,
 * a dose or a note, so reception may read every message (SPEC §3).
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

export const SOURCES: Record<MessageTemplate, MessageWords> = {
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

/** What the editor says about a template: its name in words, its placeholders, and sample facts for a preview. */
interface Guide {
  label: string;
  placeholders: { name: string; description: string }[];
  sample: (clinic: SampleClinic) => object;
}

/** The clinic whose identity, clock and intervals a preview uses (its sample patient is made up). */
export interface SampleClinic {
  identity: ClinicIdentity;
  now: string;
  timeZone: string;
  policy: ClinicalPolicy;
}

/** The sample patient of every preview: never a real one. */
export const SAMPLE_FIRST_NAME = 'Alex';

const inWords = (instant: string, timeZone: string) =>
  `${formatDateWithWeekday(clinicDate(instant, timeZone))} at ${formatClinicTime(instant, timeZone)}`;

const CLINIC_PLACEHOLDERS = [
  { name: 'firstName', description: 'The patient’s first name' },
  { name: 'clinicName', description: 'The clinic’s name (Clinic settings)' },
  { name: 'clinicPhone', description: 'The clinic’s phone number (Clinic settings)' },
];

const RECALL_PLACEHOLDERS = [
  { name: 'window', description: 'When the next session can be booked, e.g. between Tuesday 5 January 2027 and Tuesday 2 March 2027' },
  { name: 'closesOn', description: 'The last day of that window, e.g. Tuesday 2 March 2027' },
];

/**
 * The editor's guide to each template. A template without one (just added to SOURCES) is still
 * editable: its label is its name and its placeholders are the ones its built-in words use.
 */
const GUIDES: Partial<Record<MessageTemplate, Guide>> = {
  session_reminder: {
    label: 'Session reminder',
    placeholders: [
      ...CLINIC_PLACEHOLDERS,
      { name: 'when', description: 'The appointment’s day and time, e.g. Tuesday 8 December 2026 at 09:30' },
      { name: 'advice', description: 'The pre-treatment advice, one line each: use inside {{#each advice}}…{{/each}} as {{this}}' },
    ],
    sample: (c): ReminderFacts => {
      const scheduledFor = clinicWallTime(addDays(clinicDate(c.now, c.timeZone), 9), '10:30', c.timeZone);
      const sendAt = addHours(scheduledFor, -48);
      return {
        firstName: SAMPLE_FIRST_NAME,
        clinicName: c.identity.name,
        clinicPhone: c.identity.phone,
        when: inWords(scheduledFor, c.timeZone),
        advice: preTreatmentAdvice(scheduledFor, c.timeZone, sendAt).items.map((i) => i.text),
      };
    },
  },
  aftercare: {
    label: 'Aftercare plan',
    placeholders: [
      ...CLINIC_PLACEHOLDERS,
      { name: 'outOfHoursPhone', description: 'The out-of-hours number for a reaction (Clinic settings)' },
      { name: 'treatedOn', description: 'The treatment’s date, e.g. Tuesday 8 December 2026' },
      { name: 'items', description: 'The dated aftercare plan, one line each: use inside {{#each items}}…{{/each}} as {{this}}' },
      {
        name: 'nextWindow',
        description: 'When the next session can be booked, e.g. between Tuesday 5 January 2027 and Tuesday 2 March 2027',
      },
    ],
    sample: (c): AftercareFacts => {
      const plan = aftercarePlan(c.now, c.timeZone, c.policy);
      return {
        firstName: SAMPLE_FIRST_NAME,
        clinicName: c.identity.name,
        clinicPhone: c.identity.phone,
        outOfHoursPhone: c.identity.outOfHoursPhone,
        treatedOn: formatDateWithWeekday(plan.completedOn),
        items: plan.items.map((i) => i.text),
        nextWindow: `between ${formatDateWithWeekday(plan.nextWindow.earliest)} and ${formatDateWithWeekday(plan.nextWindow.latest)}`,
      };
    },
  },
  recall_open: {
    label: 'Recall: the next window opens',
    placeholders: [...CLINIC_PLACEHOLDERS, ...RECALL_PLACEHOLDERS],
    sample: (c) => sampleRecall(c),
  },
  recall_closing: {
    label: 'Recall: 14 days before the window closes',
    placeholders: [...CLINIC_PLACEHOLDERS, ...RECALL_PLACEHOLDERS],
    sample: (c) => sampleRecall(c),
  },
  consultation_reminder: {
    label: 'Consultation reminder',
    placeholders: [
      ...CLINIC_PLACEHOLDERS,
      { name: 'when', description: 'The consultation’s day and time, e.g. Tuesday 8 December 2026 at 09:30' },
      { name: 'clinicianName', description: 'The named doctor’s name; empty when no doctor was named' },
      { name: 'balanceDue', description: 'What is still to pay on the day, e.g. £25.00; empty when nothing is' },
    ],
    sample: (c): ConsultationReminderFacts => ({
      firstName: SAMPLE_FIRST_NAME,
      clinicName: c.identity.name,
      clinicPhone: c.identity.phone,
      when: inWords(clinicWallTime(addDays(clinicDate(c.now, c.timeZone), 9), '10:30', c.timeZone), c.timeZone),
      clinicianName: 'Dr Sam Example',
      balanceDue: '£25.00',
    }),
  },
};

/** A recall of a course whose session was completed today: the window its aftercare sheet gives. */
function sampleRecall(c: SampleClinic): RecallFacts {
  const { nextWindow } = aftercarePlan(c.now, c.timeZone, c.policy);
  return {
    firstName: SAMPLE_FIRST_NAME,
    clinicName: c.identity.name,
    clinicPhone: c.identity.phone,
    window: `between ${formatDateWithWeekday(nextWindow.earliest)} and ${formatDateWithWeekday(nextWindow.latest)}`,
    closesOn: formatDateWithWeekday(nextWindow.latest),
  };
}

/** The facts each template is rendered with. */
export interface FactsOf {
  session_reminder: ReminderFacts;
  aftercare: AftercareFacts;
  recall_open: RecallFacts;
  recall_closing: RecallFacts;
  consultation_reminder: ConsultationReminderFacts;
}

export const TEMPLATE_NAMES = Object.keys(SOURCES) as MessageTemplate[];

export const isTemplate = (name: string): name is MessageTemplate => Object.prototype.hasOwnProperty.call(SOURCES, name);

export const labelOf = (template: MessageTemplate) =>
  GUIDES[template]?.label ?? template.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The template's placeholders, those its built-in words use included, each marked when it is a list. */
export function placeholdersOf(template: MessageTemplate): TemplatePlaceholder[] {
  const used = new Map<string, boolean>();
  for (const part of PARTS) collectNames(Handlebars.parse(SOURCES[template][part]), used);
  const described = GUIDES[template]?.placeholders ?? [];
  const names = [...described.map((p) => p.name), ...[...used.keys()].filter((n) => !described.some((p) => p.name === n))];
  return names.map((name) => ({
    name,
    description: described.find((p) => p.name === name)?.description ?? '',
    list: used.get(name) ?? false,
  }));
}

/** Sample facts for a preview: the clinic's identity and clock, a made-up patient; made-up values for an unguided template. */
export function sampleFacts(template: MessageTemplate, clinic: SampleClinic): object {
  const guide = GUIDES[template];
  if (guide) return guide.sample(clinic);
  const known: Record<string, unknown> = {
    firstName: SAMPLE_FIRST_NAME,
    clinicName: clinic.identity.name,
    clinicPhone: clinic.identity.phone,
    outOfHoursPhone: clinic.identity.outOfHoursPhone,
  };
  return Object.fromEntries(
    placeholdersOf(template).map((p) => [p.name, known[p.name] ?? (p.list ? [`An example ${p.name} line`] : `[${p.name}]`)]),
  );
}

export type RenderedMessage = MessageWords;

/** A message in the built-in words (the demo clinic's past messages). */
export function renderMessage(template: 'session_reminder', facts: ReminderFacts): RenderedMessage;
export function renderMessage(template: 'aftercare', facts: AftercareFacts): RenderedMessage;
export function renderMessage(template: 'recall_open' | 'recall_closing', facts: RecallFacts): RenderedMessage;
export function renderMessage(template: 'consultation_reminder', facts: ConsultationReminderFacts): RenderedMessage;
export function renderMessage(
  template: MessageTemplate,
  facts: ReminderFacts | AftercareFacts | RecallFacts | ConsultationReminderFacts,
): RenderedMessage {
  return renderWords(SOURCES[template], facts);
}

export const PARTS = ['subject', 'text', 'html'] as const satisfies readonly (keyof MessageWords)[];
type Part = (typeof PARTS)[number];

const PART_NAMES: Record<Part, string> = { subject: 'The subject', text: 'The plain text', html: 'The HTML' };

const HELPERS = new Set(['if', 'unless', 'each']);
const LOOP_VALUES = new Set(['index', 'first', 'last']);

/** Root names a template uses (true when looped over with #each), for an unguided template's placeholders. */
function collectNames(node: hbs.AST.Node, into: Map<string, boolean>): void {
  const visit = (n: hbs.AST.Node | null | undefined, depth: number): void => {
    if (!n) return;
    if (n.type === 'Program') (n as hbs.AST.Program).body.forEach((c) => visit(c, depth));
    if (n.type === 'MustacheStatement') visit((n as hbs.AST.MustacheStatement).path, depth);
    if (n.type === 'BlockStatement') {
      const b = n as hbs.AST.BlockStatement;
      const loop = (b.path as hbs.AST.PathExpression).original === 'each';
      const [param] = b.params as hbs.AST.PathExpression[];
      if (param?.type === 'PathExpression' && !param.data && param.depth === depth && param.parts.length === 1) {
        into.set(param.parts[0], loop || (into.get(param.parts[0]) ?? false));
      }
      visit(b.program, loop ? depth + 1 : depth);
      visit(b.inverse, depth);
    }
    if (n.type === 'PathExpression') {
      const p = n as hbs.AST.PathExpression;
      if (!p.data && p.depth === depth && p.parts.length === 1 && !into.has(p.parts[0])) into.set(p.parts[0], false);
    }
  };
  visit(node, 0);
}

/**
 * What is wrong with a clinic's words for `template`, field by field: a part that does not parse,
 * a value that is not one of the template's placeholders, a helper other than #if, #unless and
 * #each, a partial, or (in the HTML) triple braces, which would put a value in unescaped.
 */
export function templateProblems(template: MessageTemplate, words: MessageWords): { field: Part; message: string }[] {
  const placeholders = new Map(placeholdersOf(template).map((p) => [p.name, p]));
  const problems: { field: Part; message: string }[] = [];
  for (const part of PARTS) {
    const what = PART_NAMES[part];
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(words[part]);
    } catch (e) {
      problems.push({ field: part, message: `${what} does not compile: ${parseError(e)}` });
      continue;
    }
    const say = (message: string) => {
      if (!problems.some((p) => p.field === part && p.message === `${what} ${message}`))
        problems.push({ field: part, message: `${what} ${message}` });
    };
    const names = [...placeholders.keys()].map((n) => `{{${n}}}`).join(', ');
    /** A value at `loops` #each blocks deep: a placeholder, or inside a loop its line ({{this}}, {{@index}}). */
    const checkPath = (p: hbs.AST.PathExpression, loops: number, wantList: boolean | null) => {
      if (p.data) {
        if (loops === 0 || p.parts.length !== 1 || !LOOP_VALUES.has(p.parts[0]))
          say(`uses {{${p.original}}}, which only @index, @first and @last inside {{#each}} may be.`);
        return;
      }
      const level = loops - p.depth;
      if (level < 0) return say(`uses {{${p.original}}}, which goes outside the message.`);
      if (level > 0) {
        if (p.parts.length > 0) say(`uses {{${p.original}}} inside {{#each}}, where the line is {{this}}.`);
        return;
      }
      const placeholder = p.parts.length === 1 ? placeholders.get(p.parts[0]) : undefined;
      if (!placeholder) return say(`uses {{${p.original}}}, which is not one of this message’s placeholders (${names}).`);
      if (wantList === true && !placeholder.list) say(`loops over {{${p.original}}}, which is not a list.`);
      if (wantList === false && placeholder.list)
        say(`uses the list {{${p.original}}} on its own: put it in {{#each ${p.original}}}…{{/each}}.`);
    };
    const visit = (n: hbs.AST.Node | null | undefined, loops: number): void => {
      if (!n) return;
      switch (n.type) {
        case 'Program':
          return (n as hbs.AST.Program).body.forEach((c) => visit(c, loops));
        case 'ContentStatement':
        case 'CommentStatement':
          return;
        case 'MustacheStatement': {
          const m = n as hbs.AST.MustacheStatement;
          if (m.params.length || m.hash?.pairs.length || m.path.type !== 'PathExpression') {
            return say(`uses {{${describe(m.path)} …}}: only placeholders, {{#if}}, {{#unless}} and {{#each}} may be used.`);
          }
          if (part === 'html' && !m.escaped) say(`uses triple braces: every value in an email is escaped, write {{${describe(m.path)}}}.`);
          return checkPath(m.path as hbs.AST.PathExpression, loops, false);
        }
        case 'BlockStatement': {
          const b = n as hbs.AST.BlockStatement;
          const helper = describe(b.path);
          if (b.path.type !== 'PathExpression' || !HELPERS.has(helper)) {
            return say(`uses {{#${helper}}}: only {{#if}}, {{#unless}} and {{#each}} may be used.`);
          }
          const [param] = b.params;
          if (b.params.length !== 1 || param.type !== 'PathExpression' || b.hash?.pairs.length) {
            return say(`uses {{#${helper}}} without exactly one placeholder after it.`);
          }
          checkPath(param as hbs.AST.PathExpression, loops, helper === 'each' ? true : null);
          visit(b.program, helper === 'each' ? loops + 1 : loops);
          return visit(b.inverse, loops);
        }
        default:
          return say('uses a partial or a decorator: only placeholders, {{#if}}, {{#unless}} and {{#each}} may be used.');
      }
    };
    visit(ast, 0);
  }
  return problems;
}

const describe = (e: hbs.AST.Expression) =>
  e.type === 'PathExpression' ? (e as hbs.AST.PathExpression).original : String((e as hbs.AST.StringLiteral).value ?? e.type);

/** Handlebars' parse error, as one line: where it is and what it expected. */
function parseError(e: unknown): string {
  const lines = String((e as Error).message ?? e).split('\n');
  const where = /line (\d+)/.exec(lines[0])?.[1];
  const expecting = lines.find((l) => l.startsWith('Expecting'));
  const said = expecting ? expecting.replace(/^Expecting /, 'expected ').replace(/'/g, '') : lines[0].replace(/ - \d+:\d+$/, '');
  return where ? `line ${where}, ${said}.` : `${said}.`;
}

type Compiled = Record<Part, HandlebarsTemplateDelegate>;

/** Compiled words by source, so each message written does not compile them again; a handful of templates and edits. */
const compiled = new Map<string, Compiled>();

function compile(words: MessageWords): Compiled {
  const key = JSON.stringify(words);
  let c = compiled.get(key);
  if (!c) {
    if (compiled.size >= 200) compiled.clear();
    c = {
      subject: Handlebars.compile(words.subject, { noEscape: true, strict: true }),
      text: Handlebars.compile(words.text, { noEscape: true, strict: true }),
      html: Handlebars.compile(words.html, { strict: true }),
    };
    compiled.set(key, c);
  }
  return c;
}

/** The message `words` make of `facts`; the subject on one line. */
export function renderWords(words: MessageWords, facts: object): RenderedMessage {
  const t = compile(words);
  return { subject: t.subject(facts).replace(/\s+/g, ' ').trim(), text: t.text(facts), html: t.html(facts) };
}

/** Each part that fails to render with `facts` (e.g. `{{#if}}` with two values), named as the editor names it. */
export function renderProblems(words: MessageWords, facts: object): { field: Part; message: string }[] {
  const problems: { field: Part; message: string }[] = [];
  for (const part of PARTS) {
    try {
      Handlebars.compile(words[part], { noEscape: part !== 'html', strict: true })(facts);
    } catch (e) {
      problems.push({ field: part, message: `${PART_NAMES[part]} cannot be rendered: ${String((e as Error).message).split('\n')[0]}.` });
    }
  }
  return problems;
}
