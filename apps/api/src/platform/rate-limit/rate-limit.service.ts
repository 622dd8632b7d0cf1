import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface Window {
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every API instance sees the same counts and nothing
 * lives in process memory. One upsert per hit.
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

  async peek(key: string): Promise<Window> {
    const [row] = await this.db.query(
      `SELECT hits, ceil(extract(epoch FROM window_ends_at - now()))::int AS retry_after
         FROM rate_limit_counters WHERE key = $1 AND window_ends_at > now()`,
      [key],
    );
    return row ? { hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) } : { hits: 0, retryAfterSeconds: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counters WHERE key = $1`, [key]);
  }
}
