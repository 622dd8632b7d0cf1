import type { FastifyInstance } from 'fastify';
import { Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const draining = new WeakSet<FastifyInstance>();

/** While draining, every response says `Connection: close`, so each keep-alive client leaves after its answer. */
export function registerGracefulShutdown(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    if (draining.has(app)) void reply.header('Connection', 'close');
  });
}

/**
 * The first step of a shutdown: refuse new connections at once, answer every request that arrives
 * on an open one (closing it after the answer), and wait up to `graceMs` for the clients to leave.
 * `http.Server#close` is not used here because it also drops idle keep-alive sockets at once, and a
 * client that sends on one at that instant loses its request; the net.Server close only stops
 * listening. What is still open after the grace (idle clients) is closed by `app.close()`.
 */
export async function drain(app: FastifyInstance, graceMs: number): Promise<void> {
  draining.add(app);
  Server.prototype.close.call(app.server);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    const open = await new Promise<number>((resolve) => app.server.getConnections((_error, count) => resolve(count)));
    if (open === 0) return;
    await sleep(50);
  }
}
