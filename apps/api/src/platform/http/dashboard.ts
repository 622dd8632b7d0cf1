import type { FastifyInstance } from 'fastify';
import { basename } from 'node:path';

/** Angular's output hashing: `main-ABCD1234.js`, `media/roboto-latin-400-normal-ABCD1234.woff2`. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
const PRECOMPRESSED = /\.(br|gz)$/;

/**
 * A file whose name carries its content hash never changes, so browsers keep it a year without
 * asking; everything else (index.html, favicon) is revalidated on every load with its ETag, so a
 * new build is seen at once and a repeat visit costs one 304.
 */
export function dashboardCacheControl(path: string): string {
  return HASHED.test(basename(path).replace(PRECOMPRESSED, '')) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built dashboard at `/`. The build writes brotli and gzip copies beside each text
 * file (apps/dashboard/tools/precompress.ts), sent to browsers that accept them; nothing is
 * compressed per request.
 */
export async function registerDashboard(app: FastifyInstance, root: string): Promise<void> {
  // Loaded only when there is a built dashboard to serve (its ESM dependencies stay out of API-only test runs).
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('Cache-Control', dashboardCacheControl(path));
    },
  });
}
