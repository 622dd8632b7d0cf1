import request from 'supertest';
import { TestApp } from './support/test-app';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('reports the database reachable without signing in', async () => {
    const res = await request(t.server).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('answers 503 when the database is unreachable', async () => {
    await t.db.destroy();
    const res = await request(t.server).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    await t.db.initialize();
  });
});
