import { ConfigError, configFromEnv } from '../../src/config/ledger-config';

describe('configuration from the environment', () => {
  it('takes the defaults of api.md when nothing is set', () => {
    expect(configFromEnv({})).toMatchObject({ store: 'sqlite', port: 3000, adminToken: null, logLevel: 'info' });
  });

  it.each([
    ['LEDGER_LOG_LEVEL', 'verbose', /LEDGER_LOG_LEVEL must be one of silent, error, warn, info, debug/],
    ['LEDGER_STORE', 'oracle', /LEDGER_STORE must be sqlite or eventstoredb/],
    ['PORT', 'eighty', /PORT must be a port number/],
    ['PORT', '', /PORT must be a port number/],
    ['PORT', '70000', /PORT must be a port number/],
    ['LEDGER_PUBLIC_RATE_LIMIT', 'many', /LEDGER_PUBLIC_RATE_LIMIT must be a whole number/],
    ['LEDGER_AUTH_FAILURE_LIMIT', '0', /LEDGER_AUTH_FAILURE_LIMIT must be a whole number/],
    ['LEDGER_IMPORT_BODY_LIMIT_MB', '1.5', /LEDGER_IMPORT_BODY_LIMIT_MB must be a whole number/],
    ['LEDGER_ADMIN_TOKEN', 'short', /LEDGER_ADMIN_TOKEN must be 16–512 printable characters/],
    ['LEDGER_METRICS_TOKEN', 'short', /LEDGER_METRICS_TOKEN must be 16–512 printable characters/],
    ['LEDGER_TRUST_PROXY', 'yes', /LEDGER_TRUST_PROXY must be a number of proxy hops/],
    ['LEDGER_TRUST_PROXY', '11', /LEDGER_TRUST_PROXY must be a number of proxy hops/],
    ['LEDGER_PUBLIC_URL', 'quy.example.vn', /LEDGER_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/],
    ['EVENTSTORE_MAX_APPEND_SIZE', '1MB', /EVENTSTORE_MAX_APPEND_SIZE must be a number of bytes from 65536 to 16777216/],
    ['EVENTSTORE_MAX_APPEND_SIZE', '1024', /EVENTSTORE_MAX_APPEND_SIZE must be a number of bytes from 65536 to 16777216/],
    ['EVENTSTORE_MAX_APPEND_SIZE', '33554432', /EVENTSTORE_MAX_APPEND_SIZE must be a number of bytes from 65536 to 16777216/],
    ['LEDGER_BULK_REQUESTS_PER_TURN', '0', /LEDGER_BULK_REQUESTS_PER_TURN must be a whole number from 1 to 9999/],
    ['LEDGER_BULK_REQUESTS_PER_TURN', '16.5', /LEDGER_BULK_REQUESTS_PER_TURN must be a whole number from 1 to 9999/],
  ])('refuses %s=%j with a message naming the variable and what it accepts', (name, value, message) => {
    expect(() => configFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => configFromEnv({ [name]: value })).toThrow(message);
  });

  it('accepts every documented log level and positive limits', () => {
    for (const level of ['silent', 'error', 'warn', 'info', 'debug']) expect(configFromEnv({ LEDGER_LOG_LEVEL: level }).logLevel).toBe(level);
    expect(() => configFromEnv({ LEDGER_PUBLIC_RATE_LIMIT: '600', LEDGER_AUTH_FAILURE_LIMIT: '60', LEDGER_IMPORT_BODY_LIMIT_MB: '200' })).not.toThrow();
  });

  it('takes how many donations recorded one by one start in a turn of the event loop', () => {
    expect(configFromEnv({ LEDGER_BULK_REQUESTS_PER_TURN: '32' }).bulkRequestsPerTurn).toBe(32);
    expect(configFromEnv({}).bulkRequestsPerTurn).toBeUndefined();
  });

  it('takes the EventStoreDB server\'s MaxAppendSize in bytes', () => {
    expect(configFromEnv({ EVENTSTORE_MAX_APPEND_SIZE: '4194304' }).eventStoreMaxAppendSize).toBe(4_194_304);
    expect(configFromEnv({}).eventStoreMaxAppendSize).toBeUndefined();
  });

  it('takes the public address of the ledger without its trailing slash', () => {
    expect(configFromEnv({}).publicUrl).toBeUndefined();
    expect(configFromEnv({ LEDGER_PUBLIC_URL: 'https://quy.chuthapdo.vn/' }).publicUrl).toBe('https://quy.chuthapdo.vn');
  });

  it('trusts no proxy unless told, then a hop count or a list of proxy addresses', () => {
    expect(configFromEnv({}).trustProxy).toBeUndefined();
    expect(configFromEnv({ LEDGER_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(configFromEnv({ LEDGER_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8,::1');
  });
});
