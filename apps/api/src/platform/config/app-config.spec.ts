import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the SPEC defaults on an empty environment: port 3000, embedded database, demo clinic, London', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, clinicTimeZone: 'Europe/London', demo: true });
    expect(c.dataDir).toMatch(/\.venule-data$/);
  });

  it('never loads the demo clinic on a PostgreSQL server unless told to', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/venule' }).demo).toBe(false);
  });

  it('reads ALLOWED_HOSTS as lower-case names, and answers any host when it is unset', () => {
    expect(loadConfig({ ALLOWED_HOSTS: 'Clinic.Example.org, localhost' }).allowedHosts).toEqual(['clinic.example.org', 'localhost']);
    expect(loadConfig({}).allowedHosts).toBeUndefined();
  });

  it('believes X-Forwarded-For from loopback only, unless TRUSTED_PROXIES names the load balancers', () => {
    expect(loadConfig({}).trustedProxies).toEqual(['loopback']);
    expect(loadConfig({ TRUSTED_PROXIES: 'none' }).trustedProxies).toBe(false);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32,192.0.2.7,uniquelocal' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '2001:db8::/32',
      '192.0.2.7',
      'uniquelocal',
    ]);
  });

  it('looks for due messages every minute unless SEND_MESSAGES_EVERY_SECONDS says otherwise', () => {
    expect(loadConfig({}).sendMessagesEveryMs).toBe(60_000);
    expect(loadConfig({ SEND_MESSAGES_EVERY_SECONDS: '2' }).sendMessagesEveryMs).toBe(2_000);
  });

  it.each([
    ['PORT', 'eighty', /^PORT must be a whole number/],
    ['PORT', '70000', /^PORT must be between 1 and 65535/],
    ['DATABASE_URL', 'mysql://x', /^DATABASE_URL must be a postgres:\/\/ connection URL/],
    ['CLINIC_TIMEZONE', 'Mars/Olympus', /^CLINIC_TIMEZONE must be an IANA time zone/],
    ['COOKIE_SECURE', 'maybe', /^COOKIE_SECURE must be true or false/],
    ['ALLOWED_HOSTS', 'clinic.example.org;evil', /^ALLOWED_HOSTS must be host names separated by commas/],
    ['DATABASE_MIGRATION_URL', 'owner@db', /^DATABASE_MIGRATION_URL must be a postgres:\/\/ connection URL/],
    ['DATABASE_MIGRATION_URL', 'postgres://owner@db/venule', /^DATABASE_MIGRATION_URL needs DATABASE_URL/],
    ['TRUSTED_PROXIES', '10.0.0.0/33', /^TRUSTED_PROXIES must be none or a comma-separated list.*"10\.0\.0\.0\/33"/],
    ['SEND_MESSAGES_EVERY_SECONDS', 'often', /^SEND_MESSAGES_EVERY_SECONDS must be a whole number of seconds/],
    ['SEND_MESSAGES_EVERY_SECONDS', '0', /^SEND_MESSAGES_EVERY_SECONDS must be between 1 and 3600 seconds/],
    ['TRUSTED_PROXIES', 'loopback, the load balancer', /^TRUSTED_PROXIES must be .*"the load balancer"/],
  ])('stops on a bad %s with one line naming it', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
