import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs (pino through nestjs-pino, as Nest's logger). On a terminal the same lines
 * are printed readably (pino-pretty); piped to a file or a log collector they stay JSON.
 *
 * nestjs-pino binds no middleware here (`forRoutes: []`; `useExisting` so it builds no pino-http
 * either): a Nest middleware on Fastify runs every request through @fastify/middie and an
 * AsyncLocalStorage, which cost the sign-in check a tenth of its throughput. The request lines
 * come from `registerRequestLog` instead.
 */
export function loggerOptions(config: AppConfig, terminal = Boolean(process.stdout.isTTY)): Params {
  return {
    forRoutes: [],
    useExisting: true,
    pinoHttp: {
      level: config.logLevel,
      ...(terminal ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
    },
  };
}

/**
 * One line per answered request: its id, method, path and status and how long it took. Query
 * strings are dropped (a search `q` holds patient names), and headers and bodies are never
 * logged, so no patient data reaches the logs. Health probes are not logged.
 */
export function registerRequestLog(app: FastifyInstance, logger: Logger): void {
  app.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info') && request.url !== '/api/health') {
      logger.info(
        {
          req: { id: request.id, method: request.method, path: request.url.split('?')[0] },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
