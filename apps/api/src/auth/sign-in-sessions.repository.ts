import { Injectable } from '@nestjs/common';
import type { Role } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';
import type { SignedInStaff } from './staff';
import { queryPrepared } from '../platform/database/prepared';

interface SessionRow {
  session_id: string;
  id: string;
  email: string;
  display_name: string;
  role: Role;
  expires_at: Date;
  must_change_password: boolean;
  session_idle_minutes: number;
}

const toStaff = (row: SessionRow): SignedInStaff => ({
  sessionId: row.session_id,
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  expiresAt: row.expires_at,
  mustChangePassword: row.must_change_password,
  idleTimeoutMinutes: row.session_idle_minutes,
});

export interface NewSignInSession {
  tokenHash: string;
  userId: string;
  ip: string;
  userAgent: string | null;
}

/** Staff sign-in sessions, kept by the SHA-256 of their token: all the SQL, and the one mapping to the contract. */
@Injectable()
export class SignInSessionsRepository {
  /** The new session's id and when it lapses if left idle. */
  async insert(m: EntityManager, session: NewSignInSession): Promise<{ id: string; expiresAt: Date }> {
    const [row] = await m.query(
      `INSERT INTO staff_sessions (token_hash, user_id, ip, user_agent)
       VALUES ($1, $2, $3, $4)
       RETURNING id, last_seen_at + make_interval(mins => (SELECT session_idle_minutes FROM clinic_settings)) AS expires_at`,
      [session.tokenHash, session.userId, session.ip, session.userAgent],
    );
    return { id: row.id, expiresAt: row.expires_at };
  }

  /**
   * Who a live session of an active user is; null when there is none. The last-seen time is
   * written only when it is over a minute old: the idle timeout needs it to the minute, so a sign-in
   * check is one plain read, and a second statement writes the time at most once a minute a session
   * (the expiry reported may be up to a minute early, never late).
   */
  async touch(m: EntityManager, tokenHash: string): Promise<SignedInStaff | null> {
    const [row]: (SessionRow & { stale: boolean })[] = await queryPrepared(
      m,
      `SELECT s.id AS session_id, u.id, u.email, u.display_name, u.role, u.must_change_password, cs.session_idle_minutes,
              s.last_seen_at + make_interval(mins => cs.session_idle_minutes) AS expires_at,
              s.last_seen_at < now() - interval '1 minute' AS stale
         FROM staff_sessions s
         JOIN users u ON u.id = s.user_id AND u.active
        CROSS JOIN clinic_settings cs
        WHERE s.token_hash = $1 AND s.last_seen_at > now() - make_interval(mins => cs.session_idle_minutes)`,
      [tokenHash],
    );
    if (!row) return null;
    if (row.stale) {
      // TypeORM answers an UPDATE with [rows, count].
      const [[touched]]: [{ expires_at: Date }[], number] = await m.query(
        `UPDATE staff_sessions SET last_seen_at = now() WHERE id = $1
         RETURNING last_seen_at + make_interval(mins => $2::int) AS expires_at`,
        [row.session_id, row.session_idle_minutes],
      );
      // A session signed out in between keeps the expiry read; the next check finds it gone.
      if (touched) row.expires_at = touched.expires_at;
    }
    return toStaff(row);
  }

  /** The deleted session and its staff member, or null when there was none. */
  async delete(m: EntityManager, tokenHash: string): Promise<{ id: string; userId: string } | null> {
    const [rows] = await m.query(`DELETE FROM staff_sessions WHERE token_hash = $1 RETURNING id, user_id`, [tokenHash]);
    const row = (rows as { id: string; user_id: string }[])[0];
    return row ? { id: row.id, userId: row.user_id } : null;
  }

  /** Up to `limit` sessions past the idle timeout; rows another request holds are skipped. */
  async deleteExpired(m: EntityManager, limit: number): Promise<void> {
    await m.query(
      `DELETE FROM staff_sessions WHERE id IN (
         SELECT s.id FROM staff_sessions s, clinic_settings cs
          WHERE s.last_seen_at <= now() - make_interval(mins => cs.session_idle_minutes)
          LIMIT $1 FOR UPDATE OF s SKIP LOCKED)`,
      [limit],
    );
  }

  async deleteAllOf(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
  }

  async deleteOthersOf(m: EntityManager, userId: string, keepSessionId: string): Promise<void> {
    await m.query(`DELETE FROM staff_sessions WHERE user_id = $1 AND id <> $2`, [userId, keepSessionId]);
  }

  async idleTimeoutMinutes(m: EntityManager): Promise<number> {
    const [row] = await m.query(`SELECT session_idle_minutes FROM clinic_settings`);
    return row.session_idle_minutes;
  }
}
