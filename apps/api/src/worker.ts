import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { WorkerModule } from './worker.module';

/**
 * `node dist/apps/api/worker.js`: sends the outbox's due messages every `SEND_MESSAGES_EVERY_SECONDS`, beside API
 * instances started with `SEND_MESSAGES=false`. Only against a PostgreSQL server: the embedded
 * database is one process's, and there the API sends its own messages.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`venule worker: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (!config.databaseUrl) {
    process.stderr.write(
      'venule worker: DATABASE_URL is required; the embedded database belongs to the API process, which sends its own messages\n',
    );
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, { url: config.databaseUrl, poolSize: 2 }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));

  // The schedule's timer does not hold a process open (in the API the HTTP server does); here nothing else would.
  const alive = setInterval(() => undefined, 2 ** 31 - 1);
  let stopping = false;
  // The schedule stops taking rounds, lets the running one finish, then the pool closes.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`venule worker: ${signal} received, finishing the round being sent\n`);
    await app.close();
    clearInterval(alive);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.stdout.write(`venule worker: sending due messages every ${config.sendMessagesEveryMs / 1000} s (PostgreSQL server)\n`);
}

void main().catch((error) => {
  process.stderr.write(`venule worker: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
