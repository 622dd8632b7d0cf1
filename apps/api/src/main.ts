import { join } from 'node:path';
import { DEMO_PASSWORD } from './demo/demo-staff';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { EmbeddedPostgres, type DatabaseTarget } from './platform/database/embedded-postgres';
import { createApp } from './create-app';
import { drain } from './platform/http/graceful-shutdown';

/** How long open connections get to finish after SIGTERM before idle ones are closed (the whole stop stays well under 10 s). */
const DRAIN_GRACE_MS = 3_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { dashboardDir: join(__dirname, '..', 'dashboard', 'browser') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`venule: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const embedded = config.databaseUrl ? undefined : await EmbeddedPostgres.start(config.dataDir);
  const target: DatabaseTarget = embedded?.target ?? {
    url: config.databaseUrl as string,
    migrationUrl: config.databaseMigrationUrl,
    poolSize: 10,
  };
  const app = await createApp(config, target);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`venule: ${signal} received, finishing requests and closing the database\n`);
    await drain(app.getHttpAdapter().getInstance(), DRAIN_GRACE_MS);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: '0.0.0.0' });
  process.stdout.write(
    `venule: listening on http://localhost:${config.port} (${embedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})\n`,
  );
  process.stdout.write(
    config.demo
      ? `venule: open http://localhost:${config.port} and sign in as reception@demo.venule, clinician@demo.venule, ` +
          `manager@demo.venule or admin@demo.venule with the password ${DEMO_PASSWORD}\n`
      : `venule: open http://localhost:${config.port} and sign in with a staff account\n`,
  );
}

void main().catch((error) => {
  process.stderr.write(`venule: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
