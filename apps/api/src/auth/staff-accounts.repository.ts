import { Injectable } from '@nestjs/common';
import type { Role, User } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

/** A staff account as stored, password hash included: never leaves the API (see `toUser`). */
export interface StaffAccount {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  mustChangePassword: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What an admin or the account's owner may change; each maps to one column. */
export interface StaffAccountChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

const COLUMN: Record<keyof StaffAccountChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  active: 'active',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
};

const ACCOUNT = `id, email, display_name AS "displayName", role, password_hash AS "passwordHash", active,
  must_change_password AS "mustChangePassword", version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The one mapping from a stored account to what the contract shows (no password hash). */
export const toUser = (a: StaffAccount): User => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  active: a.active,
  mustChangePassword: a.mustChangePassword,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/**
 * Staff accounts (the `users` table): read to sign in here, managed by admins in `users/`, which
 * depends on this feature and not the other way round.
 */
@Injectable()
export class StaffAccountsRepository {
  async byEmail(m: EntityManager, email: string): Promise<StaffAccount | undefined> {
    const [row] = await m.query(`SELECT ${ACCOUNT} FROM users WHERE email = $1`, [email]);
    return row;
  }

  async byId(m: EntityManager, id: string): Promise<StaffAccount | undefined> {
    const [row] = await m.query(`SELECT ${ACCOUNT} FROM users WHERE id = $1`, [id]);
    return row;
  }

  /** Active accounts first, then by name. */
  async page(m: EntityManager, limit: number, offset: number): Promise<{ rows: StaffAccount[]; total: number }> {
    const rows: (StaffAccount & { total: number })[] = await m.query(
      `SELECT ${ACCOUNT}, count(*) OVER ()::int AS total FROM users ORDER BY active DESC, display_name, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const total = rows[0]?.total ?? (offset > 0 ? (await m.query(`SELECT count(*)::int AS n FROM users`))[0].n : 0);
    return { rows: rows.map(({ total: _total, ...account }) => account), total };
  }

  /** Throws the unique violation `users_email_key` when the email is taken. */
  async insert(m: EntityManager, a: { email: string; displayName: string; role: Role; passwordHash: string }): Promise<StaffAccount> {
    const [row] = await m.query(
      `INSERT INTO users (email, display_name, role, password_hash, active) VALUES ($1, $2, $3, $4, true) RETURNING ${ACCOUNT}`,
      [a.email, a.displayName, a.role, a.passwordHash],
    );
    return row;
  }

  /**
   * Applies `changes` and bumps the version when the account is at `version` (any version when
   * null). Undefined when no account matched: missing, or changed meanwhile (`exists` tells which).
   */
  async update(m: EntityManager, id: string, version: number | null, changes: StaffAccountChanges): Promise<StaffAccount | undefined> {
    const params: unknown[] = [id, version];
    const sets = (Object.keys(changes) as (keyof StaffAccountChanges)[])
      .filter((key) => changes[key] !== undefined)
      .map((key) => {
        params.push(changes[key]);
        return `${COLUMN[key]} = $${params.length}`;
      });
    // For an UPDATE, TypeORM answers [rows, affected count].
    const [[row]] = await m.query(
      `UPDATE users SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND ($2::int IS NULL OR version = $2::int)
        RETURNING ${ACCOUNT}`,
      params,
    );
    return row;
  }

  async exists(m: EntityManager, id: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM users WHERE id = $1`, [id]);
    return rows.length > 0;
  }
}
