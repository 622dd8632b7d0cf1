import { Injectable } from '@nestjs/common';
import type { MessageTemplate, MessageWords } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';
import { MessageTemplatesRepository } from './message-templates.repository';
import { SOURCES, renderWords, type FactsOf, type RenderedMessage } from './message-templates';

/**
 * Renders a message in the clinic's words for its template when it has saved its own, else the
 * built-in ones, read in the caller's transaction: a message written with a booking uses the
 * words committed when the booking is.
 */
@Injectable()
export class MessageRenderer {
  constructor(private readonly templates: MessageTemplatesRepository) {}

  async render<T extends keyof FactsOf & MessageTemplate>(tx: EntityManager, template: T, facts: FactsOf[T]): Promise<RenderedMessage> {
    const own = await this.templates.find(tx, template);
    return this.renderWith(own?.words, template, facts);
  }

  /** `render` with the clinic's words for the template already read (undefined or null: the built-in ones). */
  renderWith<T extends keyof FactsOf & MessageTemplate>(
    words: MessageWords | null | undefined,
    template: T,
    facts: FactsOf[T],
  ): RenderedMessage {
    return renderWords(words ?? SOURCES[template], facts);
  }
}
