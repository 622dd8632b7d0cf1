import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A counter after a hit: its count in the window, and the seconds until the window ends. */
export interface CounterRow {
  hits: number;
  retry_after: number;
}

/** The fixed-window counters of `rate_limit_counters`: all their SQL. */
@Injectable()
export class RateLimitRepository {
  /** One upsert that answers the new count, so concurrent hits each see a different number. */
  async hit(m: EntityManager, key: string, windowSeconds: number): Promise<CounterRow> {
    const [row] = await m.query(
      `INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN c.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
       RETURNING hits, ceil(extract(epoch FROM window_ends_at - now()))::int AS retry_after`,
      [key, windowSeconds],
    );
    return row;
  }

  async refund(m: EntityManager, key: string): Promise<void> {
    await m.query(`UPDATE rate_limit_counters SET hits = greatest(hits - 1, 0) WHERE key = $1`, [key]);
  }

  async remember(m: EntityManager, key: string, seconds: number): Promise<void> {
    await m.query(
      `INSERT INTO rate_limit_counters (key, hits, window_ends_at) VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET hits = 1, window_ends_at = EXCLUDED.window_ends_at`,
      [key, seconds],
    );
  }

  async isActive(m: EntityManager, key: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM rate_limit_counters WHERE key = $1 AND window_ends_at > now() AND hits > 0`, [key]);
    return rows.length > 0;
  }

  async delete(m: EntityManager, key: string): Promise<void> {
    await m.query(`DELETE FROM rate_limit_counters WHERE key = $1`, [key]);
  }

  /** Rows another request is touching are skipped rather than waited for. */
  async deleteExpired(m: EntityManager, limit: number): Promise<void> {
    await m.query(
      `DELETE FROM rate_limit_counters WHERE key IN (
         SELECT key FROM rate_limit_counters WHERE window_ends_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)`,
      [limit],
    );
  }
}
