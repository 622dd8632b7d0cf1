import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Where the `pg` driver finds a PostgreSQL: a server URL (and, when the API's own login may not
 * change the schema, the owner's URL for migrations), or the embedded one's socket.
 */
export type DatabaseTarget = { url: string; migrationUrl?: string; poolSize: number } | { socketDir: string; poolSize: 1 };

type WorkerData = { dataDir?: string; socketPath: string; resolveFrom: string };

/**
 * The database's side, run in a worker thread so that executing a query (synchronous WebAssembly)
 * happens on another core while the API's thread parses, authorises and serialises other requests.
 *
 * Plain JavaScript given to the Worker as source (`eval`) rather than a module of its own: the
 * webpack bundle, ts-jest and @swc-node/register then all run it unchanged, with no second entry
 * to build or locate. It loads PGlite's CommonJS builds through a `require` rooted at this module's
 * directory (webpack keeps `__dirname` real), which reaches the workspace's node_modules in all three.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData.resolveFrom);
const { PGlite } = load('@electric-sql/pglite');
const { btree_gist } = load('@electric-sql/pglite/contrib/btree_gist');
const { pg_trgm } = load('@electric-sql/pglite/contrib/pg_trgm');
const { unaccent } = load('@electric-sql/pglite/contrib/unaccent');
const { PGLiteSocketServer } = load('@electric-sql/pglite-socket');

(async () => {
  const db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { pg_trgm, unaccent, btree_gist } });
  // The API's pool holds one connection. A second slot lets it open while the server is still
  // closing the one the migrations ran on (the server notices a closed socket a tick later).
  const server = new PGLiteSocketServer({ db, path: workerData.socketPath, maxConnections: 2 });
  await server.start();
  parentPort.once('message', async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  });
  parentPort.postMessage('ready');
})().catch((error) => {
  // PGlite's file system rejects with Emscripten's ErrnoError, which is no Error and carries only a name and errno;
  // thrown as an Error, its message reaches start() through the worker's 'error' event.
  if (error instanceof Error) throw error;
  throw new Error('PGlite failed to start: ' + (error && error.name) + (error && error.errno !== undefined ? ' (errno ' + error.errno + ')' : ''));
});
`;

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
  private stopping = false;

  private constructor(
    private readonly worker: Worker,
    readonly socketDir: string,
  ) {
    // The API cannot serve without its database, so losing it is raised rather than left to show as failing queries.
    let failure: Error | undefined;
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      if (this.stopping) return;
      throw new Error(`the embedded database stopped unexpectedly (exit code ${code}${failure ? `: ${failure.message}` : ''})`);
    });
  }

  /** `dataDir` undefined: in memory (tests). */
  static async start(dataDir?: string): Promise<EmbeddedPostgres> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    // Unix socket paths are limited to ~107 bytes, so the socket lives in a short temp dir.
    const socketDir = mkdtempSync(join(tmpdir(), 'venule-pg-'));
    const workerData: WorkerData = {
      dataDir: dataDir ? join(dataDir, 'pgdata') : undefined,
      socketPath: join(socketDir, '.s.PGSQL.5432'),
      resolveFrom: join(__dirname, 'embedded-postgres.js'),
    };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the embedded database exited while starting (exit code ${code})`)));
      });
    } catch (error) {
      await worker.terminate();
      rmSync(socketDir, { recursive: true, force: true });
      throw error;
    }
    worker.removeAllListeners();
    return new EmbeddedPostgres(worker, socketDir);
  }

  get target(): DatabaseTarget {
    return { socketDir: this.socketDir, poolSize: 1 };
  }

  /** Closes the socket server, then the database, so the data directory is flushed before the worker ends. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exited = new Promise<number>((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', resolve);
    });
    this.worker.postMessage('stop');
    try {
      const code = await exited;
      if (code !== 0) throw new Error(`the embedded database did not close cleanly (exit code ${code})`);
    } finally {
      rmSync(this.socketDir, { recursive: true, force: true });
    }
  }
}
