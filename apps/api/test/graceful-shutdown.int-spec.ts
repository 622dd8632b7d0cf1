import type { FastifyInstance } from 'fastify';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drain } from '../src/platform/http/graceful-shutdown';
import { TestApp } from './support/test-app';

interface Answer {
  status?: number;
  connection?: string;
  error?: string;
}

function get(port: number, agent: Agent | false): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe('draining on shutdown', () => {
  let t: TestApp;
  let port: number;
  let fastify: FastifyInstance;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    fastify = t.app.getHttpAdapter().getInstance();
    port = (fastify.server.address() as AddressInfo).port;
  });
  afterAll(() => t.stop());

  it('refuses new connections, answers a request on an open one and closes it, then ends', async () => {
    const browser = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(port, browser)).toMatchObject({ status: 200, connection: 'keep-alive' });

    const drained = drain(fastify, 10_000);
    expect(await get(port, false)).toEqual({ error: 'ECONNREFUSED' });
    expect(await get(port, browser)).toEqual({ status: 200, connection: 'close' });
    // The client left after its answer, so draining ends without waiting out the grace.
    await drained;
    browser.destroy();
  });
});
