import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../../app.module';
import type { AppConfig } from '../config/app-config';
import type { DatabaseTarget } from '../database/embedded-postgres';
import { ProblemFilter } from '../errors/problem.filter';
import { strictValidationPipe } from '../errors/validation';
import { registerCsrfProtection } from './csrf';

/** Builds the whole HTTP application; main.ts listens on it, integration tests drive it with supertest. */
export async function createApp(config: AppConfig, database: DatabaseTarget): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: config.trustedProxies, bodyLimit: 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, database), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyCookie);
  // Uploads: each route reads its parts with its own limits (see platform/files/upload.ts); default 1 MB.
  await fastify.register(fastifyMultipart);
  registerCsrfProtection(fastify, { secure: config.cookieSecure, exempt: ['/api/enquiries'] });

  const dashboard = config.dashboardDir && existsSync(join(config.dashboardDir, 'index.html')) ? config.dashboardDir : undefined;
  if (dashboard) {
    // Loaded only when there is a built dashboard to serve (its ESM dependencies stay out of API-only test runs).
    const { default: fastifyStatic } = await import('@fastify/static');
    await fastify.register(fastifyStatic, { root: dashboard, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemFilter(Boolean(dashboard)));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Venule API')
      .setDescription('Back office of a thread-vein clinic. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addCookieAuth('venule_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });

  await app.init();
  await fastify.ready();
  return app;
}
