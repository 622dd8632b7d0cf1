import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface Window {
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every API instance sees the same counts and nothing
 * lives in process memory. A hit is one upsert that returns the new count, so concurrent hits
 * each see a different number and none slips past a limit.
 */
@Injectable()
export class RateLimitService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<Window> {
    const [row] = await this.db.query(
      `INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN c.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
       RETURNING hits, ceil(extract(epoch FROM window_ends_at - now()))::int AS retry_after`,
      [key, windowSeconds],
    );
    return { hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  /** Takes back one hit, e.g. an attempt that turned out to be allowed. */
  async refund(key: string): Promise<void> {
    await this.db.query(`UPDATE rate_limit_counters SET hits = greatest(hits - 1, 0) WHERE key = $1`, [key]);
  }

  /** A marker that holds for `seconds` from now (counted as one hit). */
  async remember(key: string, seconds: number): Promise<void> {
    await this.db.query(
      `INSERT INTO rate_limit_counters (key, hits, window_ends_at) VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET hits = 1, window_ends_at = EXCLUDED.window_ends_at`,
      [key, seconds],
    );
  }

  async isActive(key: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM rate_limit_counters WHERE key = $1 AND window_ends_at > now() AND hits > 0`, [key]);
    return rows.length > 0;
  }

  async reset(key: string): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counters WHERE key = $1`, [key]);
  }

  /**
   * Deletes up to `limit` counters whose window has ended. Bounded so that it can run on a request
   * path; rows another request is touching are skipped rather than waited for.
   */
  async deleteExpired(limit: number): Promise<void> {
    await this.db.query(
      `DELETE FROM rate_limit_counters WHERE key IN (
         SELECT key FROM rate_limit_counters WHERE window_ends_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)`,
      [limit],
    );
  }
}
