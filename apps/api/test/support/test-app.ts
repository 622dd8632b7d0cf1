import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Role } from '@venule/api-contract';
import { randomBytes } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { loadConfig, type AppConfig } from '../../src/platform/config/app-config';
import { EmbeddedPostgres, type DatabaseTarget } from '../../src/platform/database/embedded-postgres';
import { createApp } from '../../src/create-app';
import { StaffClient } from './staff-client';

export const TEST_PASSWORD = 'correct horse battery';

/**
 * One API on its own database per test file: a fresh database on the server named by
 * DATABASE_URL (dropped afterwards), else an in-memory embedded PGlite.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    private readonly teardown: () => Promise<void>,
  ) {}

  static async start(
    options: {
      demo?: boolean;
      dataDir?: string;
      env?: NodeJS.ProcessEnv;
      embedded?: boolean;
      ownerSql?: string;
      /** Server only: the API logs in as a role of its own, a member of venule_app, as in production. */
      ownLogin?: boolean;
      /** Reach the database through another address (a proxy the test can cut) instead of directly. */
      route?: (target: DatabaseTarget) => Promise<DatabaseTarget>;
    } = {},
  ): Promise<TestApp> {
    // `embedded` forces PGlite for tests about the embedded database itself (persistence on disk).
    const serverUrl = options.embedded ? undefined : process.env['DATABASE_URL'];
    const config: AppConfig = {
      ...loadConfig({ ...options.env, VENULE_DATA_DIR: options.dataDir }),
      logLevel: 'silent',
      demo: options.demo ?? false,
      // Tests run the outbox's sender themselves, at the instant they choose (MessageSender.deliverDue).
      sendMessages: false,
    };
    let target: DatabaseTarget;
    let release: () => Promise<void>;
    if (serverUrl) {
      const name = `venule_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      target = { url: url.toString(), poolSize: 10 };
      release = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (options.ownLogin) {
        // What an operator does once per server (README): the runtime role and a login in it.
        const login = `${name}_api`;
        await adminQuery(serverUrl, CREATE_RUNTIME_ROLE);
        await adminQuery(serverUrl, `CREATE ROLE ${login} LOGIN IN ROLE venule_app`);
        const runtime = new URL(url);
        runtime.username = login;
        target = { url: runtime.toString(), migrationUrl: url.toString(), poolSize: 10 };
        const dropDatabase = release;
        release = async () => {
          await dropDatabase();
          await adminQuery(serverUrl, `DROP ROLE ${login}`);
        };
      }
    } else {
      const embedded = await EmbeddedPostgres.start(options.dataDir);
      target = embedded.target;
      release = () => embedded.stop();
    }
    // The API itself runs as a role that may not change the schema; test fixtures that must are
    // created here, as the owner, before the migrations (which grant the runtime role DML on them).
    if (options.ownerSql) await ownerQuery(target, options.ownerSql);
    if (options.route) target = await options.route(target);
    const app = await createApp(config, target);
    return new TestApp(app, config, async () => {
      await app.close();
      await release();
    });
  }

  get server() {
    return this.app.getHttpServer();
  }

  get db(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  /** A staff account of the given role, created directly in the database. */
  async createStaff(role: Role, email = `${role}.${randomBytes(3).toString('hex')}@test.venule`): Promise<{ id: string; email: string }> {
    const [row] = await this.db.query(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [
      email,
      `Test ${role}`,
      role,
      await hashPassword(TEST_PASSWORD),
    ]);
    return { id: row.id, email };
  }

  /** A signed-in browser of a new staff member of that role. */
  async signIn(role: Role): Promise<StaffClient> {
    const { id, email } = await this.createStaff(role);
    const client = await StaffClient.open(this.server);
    const res = await client.post('/api/auth/login', { email, password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in as ${role} gave ${res.status}: ${JSON.stringify(res.body)}`);
    client.userId = id;
    client.role = role;
    return client;
  }

  /** One signed-in browser per role. */
  async signInAll(): Promise<Record<Role, StaffClient>> {
    const [reception, clinician, manager, admin] = await Promise.all(
      (['reception', 'clinician', 'manager', 'admin'] as const).map((r) => this.signIn(r)),
    );
    return { reception, clinician, manager, admin };
  }

  async stop(): Promise<void> {
    await this.teardown();
  }
}

// Test files run in parallel, and another one's migration may be creating the role at this moment.
const CREATE_RUNTIME_ROLE = `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'venule_app') THEN CREATE ROLE venule_app NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$`;

function ownerQuery(target: DatabaseTarget, sql: string): Promise<void> {
  return 'url' in target
    ? adminQuery(target.url, sql)
    : adminQuery({ host: target.socketDir, user: 'postgres', database: 'postgres' }, sql);
}

async function adminQuery(connection: string | ClientConfig, sql: string): Promise<void> {
  const client = new Client(typeof connection === 'string' ? { connectionString: connection } : connection);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
