import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './support';

/**
 * A PostgreSQL cluster of the fault scripts' own, in a temp dir on its own port and socket, so
 * stopping it disturbs nobody else's server. Run as the `postgres` system user when the scripts
 * run as root (initdb refuses root), as the current user otherwise.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  static create(port: number): PrivatePostgres {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    if (versions.length === 0) throw new Error('no PostgreSQL under /usr/lib/postgresql');
    const dir = mkdtempSync(join(tmpdir(), 'venule-faults-pg-'));
    const pg = new PrivatePostgres(dir, port, `/usr/lib/postgresql/${versions[0]}/bin`);
    if (userInfo().uid === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
    pg.run('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    return pg;
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  get version(): string {
    return this.bin.split('/')[4];
  }

  /** The superuser's URL; `user` and `database` for other logins. */
  url(user = 'postgres', database = 'postgres', password?: string): string {
    return `postgres://${user}${password ? `:${password}` : ''}@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    this.ctl('start', [
      '-w',
      '-l',
      join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=on`,
    ]);
  }

  /** `pg_ctl stop -m fast`: every backend is told to end at once, open transactions roll back. */
  stop(): void {
    this.ctl('stop', ['-w', '-m', 'fast']);
  }

  /** The roles of a production set-up (tools/postgres/init-roles.sql), as README asks of an operator. */
  async initRoles(): Promise<void> {
    const sql = readFileSync(join(ROOT, 'tools', 'postgres', 'init-roles.sql'), 'utf8').replace(/^--.*$/gm, '');
    // One statement at a time: CREATE DATABASE may not run in the implicit transaction of a multi-statement query.
    for (const statement of sql.split(';').filter((s) => s.trim())) await this.query(this.url(), statement);
  }

  async query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Stops the cluster if it runs and deletes its directory. */
  destroy(): void {
    try {
      this.ctl('stop', ['-w', '-m', 'immediate']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ctl(action: string, args: string[]): void {
    this.run('pg_ctl', [action, '-D', this.data, ...args]);
  }

  private run(tool: string, args: string[]): void {
    const path = join(this.bin, tool);
    const [cmd, argv] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    execFileSync(cmd, argv, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  }
}
