import { Injectable } from '@nestjs/common';
import type { MessageWords } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

/** The clinic's row for one template: its words (null after a reset: the built-in ones apply) and who saved it. */
export interface StoredTemplate {
  template: string;
  words: MessageWords | null;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

interface Row {
  template: string;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

/** A template row's words; null after a reset (the built-in ones apply). */
export const wordsOf = (r: Pick<Row, 'subject' | 'body_text' | 'body_html'>): MessageWords | null =>
  r.subject === null || r.body_text === null || r.body_html === null ? null : { subject: r.subject, text: r.body_text, html: r.body_html };

const stored = (r: Row): StoredTemplate => ({
  template: r.template,
  words: wordsOf(r),
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
  updatedByName: r.updated_by_name,
});

const SELECT = `SELECT t.template, t.subject, t.body_text, t.body_html, t.version, t.updated_at, u.display_name AS updated_by_name
                  FROM message_templates t LEFT JOIN users u ON u.id = t.updated_by`;

/** The `message_templates` table: the clinic's edited words per template. Stateless: every method takes the caller's transaction. */
@Injectable()
export class MessageTemplatesRepository {
  async all(m: EntityManager): Promise<StoredTemplate[]> {
    const rows: Row[] = await m.query(`${SELECT} ORDER BY t.template`);
    return rows.map(stored);
  }

  /** One template's row; `lock` holds it until the transaction ends. */
  async find(m: EntityManager, template: string, lock = false): Promise<StoredTemplate | null> {
    const rows: Row[] = await m.query(`${SELECT} WHERE t.template = $1 ${lock ? 'FOR UPDATE OF t' : ''}`, [template]);
    return rows[0] ? stored(rows[0]) : null;
  }

  /**
   * Writes the template's words (null: back to the built-in ones) if `version` is still the one
   * read (0 when there was no row); the new version, or null when someone saved first.
   */
  async save(m: EntityManager, template: string, words: MessageWords | null, version: number, staffId: string): Promise<number | null> {
    const values = [template, words?.subject ?? null, words?.text ?? null, words?.html ?? null, staffId];
    if (version === 0) {
      const inserted: { version: number }[] = await m.query(
        `INSERT INTO message_templates (template, subject, body_text, body_html, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (template) DO NOTHING
         RETURNING version`,
        values,
      );
      return inserted[0]?.version ?? null;
    }
    // An UPDATE answers [rows, count] through TypeORM.
    const [updated]: [{ version: number }[], number] = await m.query(
      `UPDATE message_templates
          SET subject = $2, body_text = $3, body_html = $4, updated_by = $5, version = version + 1, updated_at = now()
        WHERE template = $1 AND version = $6
       RETURNING version`,
      [...values, version],
    );
    return updated[0]?.version ?? null;
  }
}
