import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';

export const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');

/** Runs statements on one connection as the given login, then closes it. */
export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A new database on the server, set up as `tools/postgres/init-roles.sql` sets up production: the
 * superuser owns it and runs the migrations (DATABASE_MIGRATION_URL), and the API logs in as a role
 * of its own, a member of `venule_app` and nothing more (DATABASE_URL). `drop` removes both.
 */
export async function createDatabase(
  serverUrl: string,
): Promise<{ name: string; ownerUrl: string; apiUrl: string; drop: () => Promise<void> }> {
  const name = `venule_scaleout_${process.pid}_${randomBytes(3).toString('hex')}`;
  const login = `${name}_api`;
  const password = randomBytes(12).toString('hex');
  await sql(serverUrl, `CREATE DATABASE ${name}`);
  // Another run, or a test file, may be creating the shared role at this moment.
  await sql(
    serverUrl,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'venule_app') THEN CREATE ROLE venule_app NOLOGIN; END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
  );
  await sql(serverUrl, `CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE venule_app`);
  const owner = new URL(serverUrl);
  owner.pathname = `/${name}`;
  const api = new URL(owner);
  api.username = login;
  api.password = password;
  return {
    name,
    ownerUrl: owner.toString(),
    apiUrl: api.toString(),
    drop: async () => {
      await sql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(serverUrl, `DROP ROLE IF EXISTS ${login}`);
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Received {
  /** The outbox row the email was sent for (the X-Venule-Message-Id header). */
  messageId: string;
  /** The envelope's sender: each API process is given a MAIL_FROM of its own, so this says which sent it. */
  from: string;
  to: string[];
}

/**
 * A local SMTP server that keeps what it is sent. Each message takes `delayMs` to accept, so a
 * sender's round lasts long enough for the other process's round to run beside it.
 */
export async function startSmtp(delayMs: number): Promise<{ port: number; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^X-Venule-Message-Id: (\S+)/im.exec(raw)?.[1] ?? '(none)';
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ messageId, from, to: session.envelope.rcptTo.map((r) => r.address) });
        setTimeout(() => done(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One API process of the built product, its output kept for the report when something fails. */
export class ApiProcess {
  private output = '';

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static start(name: string, port: number, env: Record<string, string>): ApiProcess {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx nx run-many -t build -p api dashboard)`);
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ApiProcess(name, port, child);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output;
  }

  /**
   * Waits until this process says it is listening (so not another one on the same port) and
   * /api/health answers 200: its migrations have run and its pool is open.
   */
  async ready(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`API ${this.name} exited with ${this.child.exitCode ?? this.child.signalCode}:\n${this.tail()}`);
      const listening = this.output.includes(`listening on http://localhost:${this.port}`);
      const ok =
        listening &&
        (await fetch(`${this.origin}/api/health`).then(
          (r) => r.ok,
          () => false,
        ));
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`API ${this.name} did not answer /api/health in ${timeoutMs / 1000} s:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, as a platform stops an instance; waits for the exit. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killed);
  }

  tail(lines = 30): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }
}
