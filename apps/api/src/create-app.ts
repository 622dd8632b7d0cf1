import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { HttpException, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { ENQUIRY_PAGE } from './enquiries/enquiry-page';
import type { AppConfig } from './platform/config/app-config';
import type { DatabaseTarget } from './platform/database/embedded-postgres';
import { ProblemFilter, toProblem } from './platform/errors/problem.filter';
import { strictValidationPipe } from './platform/errors/validation';
import { openApiDocument } from './platform/openapi/openapi-document';
import { registerCsrfProtection } from './platform/http/csrf';
import { registerAllowedHosts } from './platform/http/allowed-hosts';
import { registerDashboard } from './platform/http/dashboard';
import { registerGracefulShutdown } from './platform/http/graceful-shutdown';
import { registerInputGuard } from './platform/http/input-guard';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { registerPageView } from './platform/audit/page-view';
import { registerRequestLog } from './platform/logging/logger-options';

/** Public routes other sites' forms post to (the enquiry form), so no origin or CSRF check applies. */
export const CROSS_SITE_FORMS = ['/api/enquiries'] as const;

/** Routes served outside `/api`: the public enquiry page, which the clinic's website links to. */
export const OUTSIDE_API = [{ path: ENQUIRY_PAGE, method: RequestMethod.GET }] as const;

/** Builds the whole HTTP application; main.ts listens on it, integration tests drive it with supertest. */
export async function createApp(config: AppConfig, database: DatabaseTarget): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // No Nest middleware (hooks do that work; see registerRequestLog), so no @fastify/middie hook on every request.
    skipMiddie: true,
    trustProxy: config.trustedProxies,
    bodyLimit: 1024 * 1024,
    // A slow client cannot hold a connection: the whole request within a minute, an idle socket closed after two.
    requestTimeout: 60_000,
    connectionTimeout: 120_000,
    // Longer than a load balancer's usual 60 s idle timeout, so the balancer closes first.
    keepAliveTimeout: 65_000,
    // A URL the router cannot read (broken percent-encoding, a parameter past its length) is answered before Nest sees it.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(new HttpException(error.message, error.statusCode ?? 400));
      void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, database), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // The public enquiry page lives at /enquire, where the clinic's website links to.
  app.setGlobalPrefix('api', { exclude: [...OUTSIDE_API] });

  const fastify = app.getHttpAdapter().getInstance();
  // Headers trickled in byte by byte (slowloris) are cut off well before the request timeout.
  fastify.server.headersTimeout = 15_000;
  registerGracefulShutdown(fastify);
  registerRequestLog(fastify, (await app.resolve(PinoLogger)).logger);
  registerAllowedHosts(fastify, config.allowedHosts);
  registerSecurityHeaders(fastify, { https: config.cookieSecure });
  await fastify.register(fastifyCookie);
  // Uploads: each route reads its parts with its own limits (see platform/files/upload.ts); default 1 MB.
  await fastify.register(fastifyMultipart);
  registerCsrfProtection(fastify, { secure: config.cookieSecure, exempt: [...CROSS_SITE_FORMS] });
  registerInputGuard(fastify);
  registerPageView(fastify);

  const dashboard = config.dashboardDir && existsSync(join(config.dashboardDir, 'index.html')) ? config.dashboardDir : undefined;
  if (dashboard) await registerDashboard(fastify, dashboard);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemFilter(Boolean(dashboard)));

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });

  await app.init();
  await fastify.ready();
  return app;
}
