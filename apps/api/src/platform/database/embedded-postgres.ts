import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the `pg` driver finds a PostgreSQL: a server URL (and, when the API's own login may not
 * change the schema, the owner's URL for migrations), or the embedded one's socket.
 */
export type DatabaseTarget = { url: string; migrationUrl?: string; poolSize: number } | { socketDir: string; poolSize: 1 };

/**
 * The zero-set-up database: PGlite (PostgreSQL compiled to WebAssembly) served over the
 * PostgreSQL wire protocol on a Unix socket, so the API talks to it through the same `pg`
 * driver as to a server.
 *
 * Why not typeorm-pglite: there every query runner shares one PGlite session, so concurrent
 * transactions see and roll back each other's writes. Here the API's pool holds exactly one
 * connection, so a transaction owns the database until it commits or rolls back and every other
 * request waits its turn: serial, but with a server's isolation guarantees.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly socketDir: string,
  ) {}

  /** `dataDir` undefined: in memory (tests). */
  static async start(dataDir?: string): Promise<EmbeddedPostgres> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create({
      dataDir: dataDir ? join(dataDir, 'pgdata') : undefined,
      extensions: { pg_trgm, unaccent, btree_gist },
    });
    // Unix socket paths are limited to ~107 bytes, so the socket lives in a short temp dir.
    const socketDir = mkdtempSync(join(tmpdir(), 'venule-pg-'));
    // The API's pool holds one connection. A second slot lets it open while the server is still
    // closing the one the migrations ran on (the server notices a closed socket a tick later).
    const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 2 });
    await server.start();
    return new EmbeddedPostgres(db, server, socketDir);
  }

  get target(): DatabaseTarget {
    return { socketDir: this.socketDir, poolSize: 1 };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.socketDir, { recursive: true, force: true });
  }
}
