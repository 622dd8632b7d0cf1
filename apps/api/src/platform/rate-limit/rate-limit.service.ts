import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RateLimitRepository } from './rate-limit.repository';

export interface Window {
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every API instance sees the same counts and nothing
 * lives in process memory. A hit is one upsert that returns the new count, so concurrent hits
 * each see a different number and none slips past a limit. Each call is a statement of its own,
 * outside any request's transaction, so a refused request still counts.
 */
@Injectable()
export class RateLimitService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly counters: RateLimitRepository,
  ) {}

  async hit(key: string, windowSeconds: number): Promise<Window> {
    const row = await this.counters.hit(this.db.manager, key, windowSeconds);
    return { hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  /** Takes back one hit, e.g. an attempt that turned out to be allowed. */
  async refund(key: string): Promise<void> {
    await this.counters.refund(this.db.manager, key);
  }

  /** A marker that holds for `seconds` from now (counted as one hit). */
  async remember(key: string, seconds: number): Promise<void> {
    await this.counters.remember(this.db.manager, key, seconds);
  }

  async isActive(key: string): Promise<boolean> {
    return this.counters.isActive(this.db.manager, key);
  }

  async reset(key: string): Promise<void> {
    await this.counters.delete(this.db.manager, key);
  }

  /**
   * Deletes up to `limit` counters whose window has ended. Bounded so that it can run on a request
   * path.
   */
  async deleteExpired(limit: number): Promise<void> {
    await this.counters.deleteExpired(this.db.manager, limit);
  }
}
