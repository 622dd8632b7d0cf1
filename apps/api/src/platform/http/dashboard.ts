import type { FastifyInstance } from 'fastify';
import { basename } from 'node:path';

/** Angular's output hashing: `main-ABCD1234.js`, `media/roboto-latin-400-normal-ABCD1234.woff2`. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
const PRECOMPRESSED = /\.(br|gz)$/;

/**
 * A file whose name carries its content hash never changes, so browsers keep it a year without
 * asking. index.html (and the SPA fallback, which is index.html) is revalidated on every load with
 * its ETag, so a new build is seen at once and a repeat visit costs one 304. The few other files
 * (the favicon, the licence list) keep their names across builds; a day-old copy of them is
 * harmless, and a repeat visit does not ask for them.
 */
export function dashboardCacheControl(path: string): string {
  const name = basename(path).replace(PRECOMPRESSED, '');
  if (HASHED.test(name)) return 'public, max-age=31536000, immutable';
  return name.endsWith('.html') ? 'no-cache' : 'public, max-age=86400';
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
