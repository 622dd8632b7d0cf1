import { connect, createServer, type AddressInfo, type NetConnectOpts, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { DatabaseTarget } from '../src/platform/database/embedded-postgres';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/**
 * The database between the API and PostgreSQL, which the test can cut and restore: cut, every
 * connection through it is reset and new ones are refused, as when the server stops.
 */
class DatabaseLink {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly upstream: NetConnectOpts) {}

  static async to(target: DatabaseTarget): Promise<{ link: DatabaseLink; target: DatabaseTarget }> {
    let upstream: NetConnectOpts;
    let url: URL;
    if ('url' in target) {
      url = new URL(target.url);
      upstream = { host: url.hostname, port: Number(url.port || 5432) };
    } else {
      url = new URL('postgres://postgres@127.0.0.1/postgres');
      upstream = { path: join(target.socketDir, '.s.PGSQL.5432') };
    }
    const link = new DatabaseLink(upstream);
    await link.restore();
    url.hostname = '127.0.0.1';
    url.port = String(link.port);
    return { link, target: { url: url.toString(), poolSize: target.poolSize } };
  }

  async restore(): Promise<void> {
    if (this.server?.listening) return;
    const server = createServer((client) => {
      const db = connect(this.upstream);
      for (const s of [client, db]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => (s === client ? db : client).destroy());
      }
      client.pipe(db).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

const ADA = {
  firstName: 'Ada',
  lastName: 'Outage',
  dateOfBirth: '1980-01-01',
  sex: 'female',
  phone: '07700 900123',
  email: 'ada@example.org',
};

describe('while the database is unreachable', () => {
  let t: TestApp;
  let link: DatabaseLink;
  let reception: StaffClient;

  beforeAll(async () => {
    t = await TestApp.start({
      route: async (target) => {
        const routed = await DatabaseLink.to(target);
        link = routed.link;
        return routed.target;
      },
    });
    reception = await t.signIn('reception');
  });
  afterAll(async () => {
    await link.restore();
    await t.stop();
    await link.cut();
  });

  it('answers 503 problem+json with Retry-After to reads, writes and the health check, then recovers by itself', async () => {
    expect((await reception.get('/api/patients?q=evans')).status).toBe(200);
    await link.cut();

    for (const res of [await reception.get('/api/patients?q=evans'), await reception.post('/api/patients', ADA)]) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    }
    const health = await reception.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'The database is unreachable.' });

    await link.restore();
    expect((await reception.get('/api/health')).status).toBe(200);
    expect((await reception.get('/api/patients?q=evans')).status).toBe(200);
    const created = await reception.post('/api/patients', ADA);
    expect(created.status).toBe(201);
    expect((await reception.get(`/api/patients?q=outage`)).body.items).toHaveLength(1);
  });
});
