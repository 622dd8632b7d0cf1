import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { IANAZone } from 'luxon';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

const bool = ({ value }: { value: unknown }) => {
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  return value;
};

/** The environment the API reads, validated once at start-up (SPEC §5). Nothing else reads process.env. */
class Environment {
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_MIGRATION_URL?: string;

  @IsOptional()
  @IsString()
  VENULE_DATA_DIR?: string;

  @IsOptional()
  @IsString()
  VENULE_SQL_CAPTURE?: string;

  @IsOptional()
  @IsString()
  CLINIC_TIMEZONE?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'must be true or false' })
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'must be true or false' })
  VENULE_DEMO?: boolean;

  @IsOptional()
  @IsString()
  DASHBOARD_DIR?: string;

  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9.-]+\s*(,\s*[A-Za-z0-9.-]+\s*)*$/, {
    message: 'must be host names separated by commas, e.g. clinic.example.org,localhost',
  })
  ALLOWED_HOSTS?: string;

  @IsOptional()
  @IsString()
  TRUSTED_PROXIES?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'must be true or false' })
  SEND_MESSAGES?: boolean;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1, { message: 'must be between 1 and 3600 seconds' })
  @Max(3600, { message: 'must be between 1 and 3600 seconds' })
  SEND_MESSAGES_EVERY_SECONDS?: number;
}

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR block or one of proxy-addr's named ranges, as Fastify's trustProxy takes them. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/** `none`, or a comma-separated list of proxies whose X-Forwarded-For is believed. */
function parseTrustedProxies(value: string | undefined): string[] | false {
  if (value === undefined) return ['loopback'];
  if (value.trim() === 'none') return false;
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyEntry(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUSTED_PROXIES must be none or a comma-separated list of addresses, CIDR blocks, loopback, linklocal or uniquelocal (got "${bad}")`,
    );
  }
  return entries;
}

export interface AppConfig {
  port: number;
  /** A PostgreSQL server, or undefined for the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The schema owner's login for migrations, when the API's own login (`databaseUrl`) is not it. */
  databaseMigrationUrl?: string;
  dataDir: string;
  clinicTimeZone: string;
  logLevel: string;
  cookieSecure: boolean;
  /** Load the demo clinic into an empty database. Only ever on the embedded database by default. */
  demo: boolean;
  /** Built dashboard to serve at `/`; absent when it was not built (API-only runs and tests). */
  dashboardDir?: string;
  /** Host names (lower case, no port) requests may be addressed to; undefined answers any. */
  allowedHosts?: string[];
  /** Proxies whose X-Forwarded-For gives the client's address (Fastify's trustProxy), or false. */
  trustedProxies: string[] | false;
  /** The mail server messages are emailed through; undefined: emails are failed as not sent. */
  smtpUrl?: string;
  /** The From of every email. */
  mailFrom: string;
  /** Run the outbox's sender in this process, every `sendMessagesEveryMs`. */
  sendMessages: boolean;
  /** How often the sender looks for due messages (default a minute). */
  sendMessagesEveryMs: number;
  /** A file every statement the API's pool runs is appended to, with its parameters (benchmarks); off when undefined. */
  sqlCapture?: string;
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: { dashboardDir?: string } = {}): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = plainToInstance(Environment, raw, { excludeExtraneousValues: false });
  const [first] = validateSync(parsed, { whitelist: false });
  if (first) {
    const constraints = first.constraints ?? {};
    const why = constraints['isInt'] ?? constraints['isBoolean'] ?? Object.values(constraints)[0] ?? 'is invalid';
    throw new ConfigError(`${first.property} ${why.replace(new RegExp(`^${first.property} `), '')} (got "${env[first.property]}")`);
  }
  if (parsed.DATABASE_MIGRATION_URL && !parsed.DATABASE_URL) {
    throw new ConfigError('DATABASE_MIGRATION_URL needs DATABASE_URL too (the embedded database has one login)');
  }
  const zone = parsed.CLINIC_TIMEZONE ?? 'Europe/London';
  if (!IANAZone.isValidZone(zone)) {
    throw new ConfigError(`CLINIC_TIMEZONE must be an IANA time zone such as Europe/London (got "${zone}")`);
  }
  return {
    port: parsed.PORT ?? 3000,
    databaseUrl: parsed.DATABASE_URL,
    databaseMigrationUrl: parsed.DATABASE_MIGRATION_URL,
    dataDir: resolve(parsed.VENULE_DATA_DIR ?? '.venule-data'),
    clinicTimeZone: zone,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    cookieSecure: parsed.COOKIE_SECURE ?? false,
    demo: parsed.VENULE_DEMO ?? !parsed.DATABASE_URL,
    dashboardDir: parsed.DASHBOARD_DIR ?? defaults.dashboardDir,
    allowedHosts: parsed.ALLOWED_HOSTS?.split(',').map((h) => h.trim().toLowerCase()),
    trustedProxies: parseTrustedProxies(parsed.TRUSTED_PROXIES),
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM ?? 'Venule <no-reply@venule.invalid>',
    sendMessages: parsed.SEND_MESSAGES ?? true,
    sendMessagesEveryMs: (parsed.SEND_MESSAGES_EVERY_SECONDS ?? 60) * 1000,
    sqlCapture: parsed.VENULE_SQL_CAPTURE ? resolve(parsed.VENULE_SQL_CAPTURE) : undefined,
  };
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
