import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@venule/api-contract';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from './staff';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

interface SessionRow {
  session_id: string;
  id: string;
  email: string;
  display_name: string;
  role: Role;
  expires_at: Date;
  must_change_password: boolean;
}

/**
 * Staff sessions live in PostgreSQL so any number of API instances can serve. The cookie holds a
 * random token; the table holds only its SHA-256, so a leaked table opens no session.
 */
@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async open(userId: string, meta: { ip: string; userAgent?: string }): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const [row] = await this.db.query(
      `INSERT INTO staff_sessions (token_hash, user_id, ip, user_agent)
       VALUES ($1, $2, $3, $4)
       RETURNING id, last_seen_at + make_interval(mins => (SELECT session_idle_minutes FROM clinic_settings)) AS expires_at`,
      [hash(token), userId, meta.ip, meta.userAgent?.slice(0, 300) ?? null],
    );
    return { id: row.id, token, expiresAt: row.expires_at };
  }

  /** The session's staff member if it is alive, touching it so the idle timeout restarts. */
  async resume(token: string): Promise<SignedInStaff | null> {
    const [rows] = await this.db.query(
      `UPDATE staff_sessions s SET last_seen_at = now()
         FROM users u, clinic_settings cs
        WHERE s.token_hash = $1 AND u.id = s.user_id AND u.active
          AND s.last_seen_at > now() - make_interval(mins => cs.session_idle_minutes)
       RETURNING s.id AS session_id, u.id, u.email, u.display_name, u.role, u.must_change_password,
                 now() + make_interval(mins => cs.session_idle_minutes) AS expires_at`,
      [hash(token)],
    );
    const row = (rows as SessionRow[])[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      expiresAt: row.expires_at,
      mustChangePassword: row.must_change_password,
    };
  }

  /** The closed session and its staff member, or null when the token opened none. */
  async close(token: string): Promise<{ id: string; userId: string } | null> {
    const [rows] = await this.db.query(`DELETE FROM staff_sessions WHERE token_hash = $1 RETURNING id, user_id`, [hash(token)]);
    const row = (rows as { id: string; user_id: string }[])[0];
    return row ? { id: row.id, userId: row.user_id } : null;
  }

  /**
   * Deletes up to `limit` sessions past the idle timeout (they can no longer be resumed). Bounded so
   * that it can run on sign-in; rows another request is touching are skipped.
   */
  async deleteExpired(limit = 200): Promise<void> {
    await this.db.query(
      `DELETE FROM staff_sessions WHERE id IN (
         SELECT s.id FROM staff_sessions s, clinic_settings cs
          WHERE s.last_seen_at <= now() - make_interval(mins => cs.session_idle_minutes)
          LIMIT $1 FOR UPDATE OF s SKIP LOCKED)`,
      [limit],
    );
  }

  /** Ends every session of a user at once (deactivation, password reset). */
  async closeAllFor(userId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
  }

  /** Ends every session of a user but the one in use (they changed their own password). */
  async closeOthersOf(userId: string, keepSessionId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`DELETE FROM staff_sessions WHERE user_id = $1 AND id <> $2`, [userId, keepSessionId]);
  }

  async idleTimeoutMinutes(): Promise<number> {
    const [row] = await this.db.query(`SELECT session_idle_minutes FROM clinic_settings`);
    return row.session_idle_minutes;
  }
}
