import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { SignInSessionsRepository } from './sign-in-sessions.repository';
import type { SignedInStaff } from './staff';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Staff sessions live in PostgreSQL so any number of API instances can serve. The cookie holds a
 * random token; the table holds only its SHA-256, so a leaked table opens no session.
 */
@Injectable()
export class SignInSessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SignInSessionsRepository,
  ) {}

  async open(userId: string, meta: { ip: string; userAgent?: string }): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const { id, expiresAt } = await this.sessions.insert(this.db.manager, {
      tokenHash: hash(token),
      userId,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { id, token, expiresAt };
  }

  /** The session's staff member if it is alive, touching it so the idle timeout restarts. */
  async resume(token: string): Promise<SignedInStaff | null> {
    return this.sessions.touch(this.db.manager, hash(token));
  }

  /** The closed session and its staff member, or null when the token opened none. */
  async close(token: string): Promise<{ id: string; userId: string } | null> {
    return this.sessions.delete(this.db.manager, hash(token));
  }

  /**
   * Deletes up to `limit` sessions past the idle timeout (they can no longer be resumed). Bounded so
   * that it can run on sign-in; rows another request is touching are skipped.
   */
  async deleteExpired(limit = 200): Promise<void> {
    await this.sessions.deleteExpired(this.db.manager, limit);
  }

  /** Ends every session of a user at once (deactivation, password reset). */
  async closeAllFor(userId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await this.sessions.deleteAllOf(manager, userId);
  }

  /** Ends every session of a user but the one in use (they changed their own password). */
  async closeOthersOf(userId: string, keepSessionId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await this.sessions.deleteOthersOf(manager, userId, keepSessionId);
  }

  async idleTimeoutMinutes(): Promise<number> {
    return this.sessions.idleTimeoutMinutes(this.db.manager);
  }
}
