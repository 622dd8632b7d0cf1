import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EditableMessageTemplate, MessageTemplate, MessageWords } from '@venule/api-contract';
import { makePolicy } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditChanges } from '../platform/audit/audit.service';
import { ClinicClock } from '../platform/config/clinic-clock';
import { invalidFields, notFound, versionConflict } from '../platform/errors/domain-error';
import { SettingsRepository } from '../settings/settings.repository';
import { MessageTemplatesRepository, type StoredTemplate } from './message-templates.repository';
import {
  PARTS,
  SOURCES,
  TEMPLATE_NAMES,
  isTemplate,
  labelOf,
  placeholdersOf,
  renderProblems,
  renderWords,
  sampleFacts,
  templateProblems,
} from './message-templates';

const view = (template: MessageTemplate, own: StoredTemplate | null): EditableMessageTemplate => ({
  template,
  label: labelOf(template),
  ...(own?.words ?? SOURCES[template]),
  placeholders: placeholdersOf(template),
  customised: !!own?.words,
  version: own?.version ?? 0,
  updatedAt: own?.updatedAt ?? null,
  updatedByName: own?.updatedByName ?? null,
});

const words = ({ subject, text, html }: MessageWords): MessageWords => ({ subject, text, html });

/** Each part that differs, before and after: template words hold no patient data, so the trail keeps them. */
function changesBetween(before: MessageWords, after: MessageWords): AuditChanges {
  return Object.fromEntries(PARTS.filter((p) => before[p] !== after[p]).map((p) => [p, { before: before[p], after: after[p] }]));
}

/** The clinic's words for its messages (issue 13): listed, checked, previewed with a made-up patient, saved and reset, audited. */
@Injectable()
export class MessageTemplatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: MessageTemplatesRepository,
    private readonly settings: SettingsRepository,
    private readonly clock: ClinicClock,
    private readonly audit: AuditService,
  ) {}

  /** Every template the API has, in the clinic's words or the built-in ones. */
  async list(): Promise<EditableMessageTemplate[]> {
    const own = new Map((await this.templates.all(this.db.manager)).map((t) => [t.template, t]));
    return TEMPLATE_NAMES.map((t) => view(t, own.get(t) ?? null));
  }

  /** The message `words` make for a sample patient of this clinic, today; 400 naming each part that does not compile. */
  async preview(name: string, words: MessageWords): Promise<MessageWords> {
    const template = known(name);
    const facts = await this.sample(this.db.manager, template);
    refuseBroken(template, words, facts);
    return renderWords(words, facts);
  }

  /** Saves the clinic's words if nobody saved or reset since they were read (409 VERSION_CONFLICT otherwise). */
  async update(name: string, dto: MessageWords & { version: number }, staffId: string): Promise<EditableMessageTemplate> {
    const template = known(name);
    const after = words(dto);
    return this.db.transaction(async (tx) => {
      refuseBroken(template, after, await this.sample(tx, template));
      return this.save(tx, template, after, dto.version, staffId);
    });
  }

  /** Back to the built-in words, if nobody saved since the version read. */
  reset(name: string, version: number, staffId: string): Promise<EditableMessageTemplate> {
    const template = known(name);
    return this.db.transaction((tx) => this.save(tx, template, null, version, staffId));
  }

  private async save(
    tx: EntityManager,
    template: MessageTemplate,
    after: MessageWords | null,
    version: number,
    staffId: string,
  ): Promise<EditableMessageTemplate> {
    const before = await this.templates.find(tx, template, true);
    const what = `The ${labelOf(template).toLowerCase()} template`;
    if ((before?.version ?? 0) !== version) throw versionConflict(what);
    if (!after && !before?.words) return view(template, before);
    if (!(await this.templates.save(tx, template, after, version, staffId))) throw versionConflict(what);
    const changes = changesBetween(before?.words ?? SOURCES[template], after ?? SOURCES[template]);
    await this.audit.record(
      { actorId: staffId, action: 'update', entity: 'message_template', entityId: template, fields: Object.keys(changes), changes },
      tx,
    );
    return view(template, await this.templates.find(tx, template));
  }

  private async sample(m: EntityManager, template: MessageTemplate): Promise<object> {
    const identity = await this.settings.identity(m);
    const policy = await this.settings.policy(m);
    return sampleFacts(template, {
      identity,
      now: this.clock.now().toISOString(),
      timeZone: this.clock.timeZone,
      policy: makePolicy(policy ?? {}),
    });
  }
}

function known(name: string): MessageTemplate {
  if (!isTemplate(name)) throw notFound('The message template');
  return name;
}

/** 400 naming each part that uses what the template does not have, or does not compile or render with sample facts. */
function refuseBroken(template: MessageTemplate, words: MessageWords, facts: object): void {
  const problems = templateProblems(template, words);
  const broken = new Set(problems.map((p) => p.field));
  problems.push(...renderProblems(words, facts).filter((p) => !broken.has(p.field)));
  if (problems.length) throw invalidFields(problems);
}
