import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { parse } from 'yaml';
import { configFromEnv } from '../../src/config/ledger-config';

/**
 * No container engine runs on these machines, so the deployment files are checked as data:
 * the compose file's services, profiles, healthchecks, environment and start order, and the
 * Dockerfile's stages. `docker compose config` would catch syntax; these catch intent.
 */

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  environment?: Record<string, string | number | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval?: string; retries?: number };
  depends_on?: Record<string, { condition: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

const root = join(__dirname, '..', '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
// Compose resolves YAML merge keys (<<: *anchor); the parser must be told to.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`No service ${name} in docker-compose.yml`);
  return found;
};
const environment = (name: string) => service(name).environment ?? {};
const clusterNodes = ['node1', 'node2', 'node3'];

describe('docker-compose.yml', () => {
  it('has a single EventStoreDB node, a ledger, and a cluster of three with its own ledger', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['eventstore', 'ledger', 'ledger-cluster', ...clusterNodes].sort());
  });

  describe('eventstore (single node)', () => {
    it('runs a pinned EventStoreDB image, insecure, one node, on port 2113', () => {
      expect(service('eventstore').image).toMatch(/^eventstore\/eventstore:\d+\.\d+\.\d+[\w.-]*$/);
      expect(environment('eventstore')).toMatchObject({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_CLUSTER_SIZE: 1 });
      expect(service('eventstore').ports).toContain('2113:2113');
      expect(service('eventstore').profiles).toBeUndefined();
    });

    it('can run in memory for tests, off by default', () => {
      expect(environment('eventstore').EVENTSTORE_MEM_DB).toBe('${EVENTSTORE_MEM_DB:-false}');
    });

    it('has a healthcheck on the node’s liveness endpoint', () => {
      expect(service('eventstore').healthcheck?.test.join(' ')).toContain('http://localhost:2113/health/live');
    });
  });

  describe('ledger', () => {
    it('is built from the Dockerfile and published on port 3000', () => {
      expect(service('ledger').build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      expect(service('ledger').ports).toContain('3000:3000');
    });

    it('uses the eventstoredb backend on the eventstore service, with settings the ledger accepts', () => {
      const env = environment('ledger');
      expect(env).toMatchObject({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false' });
      const config = configFromEnv(definedVariables(env));
      expect(config).toMatchObject({ store: 'eventstoredb', port: 3000, dataDir: '/app/data' });
    });

    it('passes the admin token through from the shell only when it is set', () => {
      expect(environment('ledger')).toHaveProperty('LEDGER_ADMIN_TOKEN', null);
    });

    it('starts once EventStoreDB is healthy, and has a healthcheck of its own', () => {
      expect(service('ledger').depends_on).toEqual({ eventstore: { condition: 'service_healthy' } });
      expect(service('ledger').healthcheck?.test.join(' ')).toContain('http://127.0.0.1:3000/health');
    });
  });

  describe('cluster profile', () => {
    it('puts three nodes and their ledger in the cluster profile only', () => {
      for (const name of [...clusterNodes, 'ledger-cluster']) expect(service(name).profiles).toEqual(['cluster']);
    });

    it('forms a three-node cluster where each node seeds its gossip with the two others', () => {
      for (const name of clusterNodes) {
        const env = environment(name);
        const others = clusterNodes.filter((other) => other !== name).map((other) => `${other}:2113`);
        expect(env).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: 3, EVENTSTORE_INSECURE: 'true', EVENTSTORE_DISCOVER_VIA_DNS: 'false' });
        expect(String(env.EVENTSTORE_GOSSIP_SEED).split(',').sort()).toEqual(others.sort());
        expect(env.EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS).toBe(name);
        expect(service(name).healthcheck?.test.join(' ')).toContain('/health/live');
        expect(service(name).image).toBe(service('eventstore').image);
      }
    });

    it('publishes every node on its own host port', () => {
      const hostPorts = ['eventstore', ...clusterNodes].flatMap((name) => service(name).ports ?? []).map((port) => port.split(':')[0]);
      expect(new Set(hostPorts).size).toBe(hostPorts.length);
    });

    it('connects its ledger to all three nodes, preferring the leader, once all are healthy', () => {
      const connectionString = String(environment('ledger-cluster').EVENTSTORE_CONNECTION_STRING);
      expect(connectionString).toBe('esdb://node1:2113,node2:2113,node3:2113?tls=false&nodePreference=leader');
      expect(composeText).toContain(connectionString); // also written out in the file's header comment
      expect(service('ledger-cluster').depends_on).toEqual(
        Object.fromEntries(clusterNodes.map((name) => [name, { condition: 'service_healthy' }])),
      );
      expect(service('ledger-cluster').ports).toContain('3001:3000');
    });
  });

  it('gives every depends_on target a healthcheck, and declares every named volume', () => {
    for (const definition of Object.values(compose.services)) {
      for (const dependency of Object.keys(definition.depends_on ?? {})) expect(service(dependency).healthcheck).toBeDefined();
      for (const volume of definition.volumes ?? []) expect(compose.volumes).toHaveProperty(volume.split(':')[0]);
    }
  });

  it('writes connection strings that @eventstore/db-client 6.2.1 accepts', async () => {
    for (const name of ['ledger', 'ledger-cluster']) {
      // Parsing happens in connectionString(); no connection is made until the first call.
      const client = EventStoreDBClient.connectionString(String(environment(name).EVENTSTORE_CONNECTION_STRING));
      await client.dispose();
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const stage = (name: string) => {
    const found = stages.find((text) => new RegExp(`^\\S+ AS ${name}\\b`).test(text));
    if (found === undefined) throw new Error(`No stage ${name} in the Dockerfile`);
    return found;
  };

  it('builds in stages: a toolchain for better-sqlite3, the build, production dependencies, the runtime', () => {
    expect(stage('toolchain')).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
    expect(stage('build')).toMatch(/RUN npm ci\n/);
    expect(stage('build')).toContain('npm run build');
    expect(stage('production-dependencies')).toContain('npm ci --omit=dev');
  });

  it('runs as a non-root user, with production dependencies only, the built app, and a healthcheck', () => {
    const runtime = stage('runtime');
    expect(stages.at(-1)).toBe(runtime);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('--from=production-dependencies /app/node_modules');
    expect(runtime).not.toMatch(/--from=build \/app\/node_modules/);
    expect(runtime).toContain('CMD ["node", "dist/src/main.js"]');
    expect(runtime).toContain('HEALTHCHECK');
    expect(runtime).not.toContain('g++');
  });

  it('runs a Node version the package supports', () => {
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const image = /^ARG NODE_IMAGE=node:(\d+)\.(\d+)/m.exec(dockerfile);
    expect(image).not.toBeNull();
    expect(engines).toContain(`>=${image?.[1]}.`);
    expect(Number(image?.[2])).toBeGreaterThanOrEqual(12);
  });

  it('keeps local state and dependencies out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', 'data', '.git', '*.db']) expect(ignored).toContain(entry);
  });
});

/** Compose leaves a variable without a value unset; so does this. */
function definedVariables(env: Record<string, string | number | null>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])));
}
