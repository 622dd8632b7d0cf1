import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The built dashboard's stylesheet link: Angular inlines the critical CSS and loads the rest with
 * `<link media="print" onload="this.media='all'">`; this is the hash of that one handler.
 */
const ANGULAR_STYLESHEET_ONLOAD = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

/**
 * Security headers on every response (helmet's defaults: nosniff, no-referrer, same-origin
 * opener and resource policies, …) with a Content Security Policy that the dashboard and the
 * Swagger UI at /api/docs both run under: scripts only from this origin, inline styles allowed
 * (Angular's critical CSS and component styles, Swagger UI's page styles), never framed.
 *
 * helmet's headers depend on nothing in the request, so helmet runs once, at start, and every
 * response gets the headers it set (running it per request cost a sign-in check a few per cent of
 * its CPU; `@fastify/helmet` 13 even builds the policy again each time).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'unsafe-hashes'", ANGULAR_STYLESHEET_ONLOAD],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // The old header for browsers without frame-ancestors, saying the same.
    frameguard: { action: 'deny' },
    // Meaningful only over HTTPS, which COOKIE_SECURE says the deployment has.
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const headers: Record<string, string> = {};
  const collector = { setHeader: (name: string, value: string) => void (headers[name] = value), removeHeader: () => undefined };
  setHeaders({} as IncomingMessage, collector as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  // The API's answers hold patient data: no browser or proxy may keep a copy (a shared reception
  // computer's disk cache would otherwise hold them). A route that says otherwise wins.
  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
    done();
  });
}
