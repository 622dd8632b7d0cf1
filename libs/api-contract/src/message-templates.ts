/**
 * The clinic's words for each message (issue 13): every template can be edited by an admin, and
 * goes back to the built-in words when reset. Values are put in by Handlebars placeholders
 * (`{{firstName}}`); in the HTML part they are always escaped.
 */
import type { IsoInstant } from './common';
import type { MessageTemplate } from './messages';

/** A value a template may use, e.g. `firstName`; a `list` is used as `{{#each advice}}{{this}}{{/each}}`. */
export interface TemplatePlaceholder {
  name: string;
  description: string;
  list: boolean;
}

/** The three parts of a message, as Handlebars sources or as rendered. */
export interface MessageWords {
  subject: string;
  text: string;
  html: string;
}

/** `GET /api/message-templates`: one template as the clinic sends it now (its own words, or the built-in ones). */
export interface EditableMessageTemplate extends MessageWords {
  template: MessageTemplate;
  /** What the message is, in words (`Session reminder`). */
  label: string;
  placeholders: TemplatePlaceholder[];
  /** False while the built-in words are used. */
  customised: boolean;
  /** 0 until the clinic first saves its own words; carried back by a save or a reset. */
  version: number;
  updatedAt: IsoInstant | null;
  /** Who saved or reset it last. */
  updatedByName: string | null;
}

/** `PUT /api/message-templates/:template`: the clinic's words, with the `version` read (409 when stale). */
export interface UpdateMessageTemplateRequest extends MessageWords {
  version: number;
}

/** `POST /api/message-templates/:template/reset`: back to the built-in words, with the `version` read. */
export interface ResetMessageTemplateRequest {
  version: number;
}

/** `POST /api/message-templates/:template/preview`: unsaved words, rendered with a sample patient. */
export type PreviewMessageTemplateRequest = MessageWords;
