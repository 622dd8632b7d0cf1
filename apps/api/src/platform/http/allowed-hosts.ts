import type { FastifyInstance } from 'fastify';
import { validationFailed } from '../errors/domain-error';
import { toProblem } from '../errors/problem.filter';

/**
 * Answers only requests addressed to one of `hosts` (the Host header, or the forwarded host from a
 * trusted proxy, without its port): a forged Host cannot steer links, cookies or caches elsewhere.
 */
export function registerAllowedHosts(app: FastifyInstance, hosts: string[] | undefined): void {
  if (!hosts) return;
  const allowed = new Set(hosts);
  app.addHook('onRequest', async (request, reply) => {
    if (allowed.has(request.hostname.toLowerCase())) return;
    const problem = toProblem(validationFailed('Host', 'is not a host name this server answers for'));
    return reply.status(400).header('Content-Type', 'application/problem+json').send(problem);
  });
}
