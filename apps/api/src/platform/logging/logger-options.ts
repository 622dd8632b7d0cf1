import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON request logs. Query strings are dropped (a search `q` holds patient names) and
 * bodies are never logged, so no patient data reaches the logs. On a terminal the same lines are
 * printed readably (pino-pretty); piped to a file or a log collector they stay JSON.
 */
export function loggerOptions(config: AppConfig, terminal = Boolean(process.stdout.isTTY)): Params {
  return {
    forRoutes: ['{*path}'],
    pinoHttp: {
      level: config.logLevel,
      ...(terminal ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
    },
  };
}
