import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalEventJson, chainHash, eventHash, GENESIS_HASH } from '../../src/event-store/hash-chain';
import { canonical, sha256 } from './offline-recipe';

/**
 * The worked example of the README section "Checking the journal offline", pinned: if the
 * recipe or the example changes, this fails and the README must change with it.
 */
const EXAMPLE_LINE = {
  position: 1,
  streamId: 'ctd.users',
  revision: 0,
  eventId: '3f2b8c1e-7d4a-4e9b-9c2f-5a6d7e8f9a0b',
  type: 'UserCreated',
  data: {
    userId: 'u-binh', name: 'Trần Thị Bình', roles: ['auditor'],
    tokenHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', createdAt: '2024-05-12T02:30:00.000Z',
  },
  metadata: {
    actor: { userId: 'admin', roles: ['admin'] }, correlationId: 'c0ffee00-0000-4000-8000-000000000001', causationId: 'req-1',
    recordedAt: '2024-05-12T02:30:00.000Z', schemaVersion: 1,
  },
  previousHash: GENESIS_HASH,
  globalPreviousHash: GENESIS_HASH,
};

const DOCUMENTED_CANONICAL_JSON =
  '{"data":{"createdAt":"2024-05-12T02:30:00.000Z","name":"Trần Thị Bình","roles":["auditor"],' +
  '"tokenHash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","userId":"u-binh"},' +
  '"eventId":"3f2b8c1e-7d4a-4e9b-9c2f-5a6d7e8f9a0b","metadata":{"actor":{"roles":["admin"],"userId":"admin"},' +
  '"causationId":"req-1","correlationId":"c0ffee00-0000-4000-8000-000000000001","recordedAt":"2024-05-12T02:30:00.000Z",' +
  '"schemaVersion":1},"revision":0,"streamId":"ctd.users","type":"UserCreated"}';
const DOCUMENTED_HASH = '9ee0d694115e9aa6e08df47118e9b115d58473374576d856e63b491091c16cf6';
const DOCUMENTED_GLOBAL_HASH = '93205446ff240ba864b7de0c711710491df076b37f2953e0e45fff728b47de74';

describe('the documented hash recipe', () => {
  it('is what the store computes', () => {
    const { streamId, revision } = EXAMPLE_LINE;
    expect(canonicalEventJson(streamId, revision, EXAMPLE_LINE)).toBe(DOCUMENTED_CANONICAL_JSON);
    expect(eventHash(GENESIS_HASH, streamId, revision, EXAMPLE_LINE)).toBe(DOCUMENTED_HASH);
    expect(chainHash(GENESIS_HASH, DOCUMENTED_HASH)).toBe(DOCUMENTED_GLOBAL_HASH);
  });

  it('is what an auditor computes with node:crypto and the recipe alone', () => {
    const { streamId, revision, eventId, type, data, metadata } = EXAMPLE_LINE;
    expect(canonical({ streamId, revision, eventId, type, data, metadata })).toBe(DOCUMENTED_CANONICAL_JSON);
    expect(sha256(GENESIS_HASH + DOCUMENTED_CANONICAL_JSON)).toBe(DOCUMENTED_HASH);
    expect(sha256(GENESIS_HASH + DOCUMENTED_HASH)).toBe(DOCUMENTED_GLOBAL_HASH);
  });

  const shellTools = ['jq', 'sha256sum'].every((tool) => spawnSync(tool, ['--version']).status === 0);
  (shellTools ? it : it.skip)('is what the README\'s jq and sha256sum commands print', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-recipe-'));
    try {
      writeFileSync(join(directory, 'line.json'), `${JSON.stringify({ ...EXAMPLE_LINE, hash: DOCUMENTED_HASH, globalHash: DOCUMENTED_GLOBAL_HASH })}\n`);
      const script = [
        `{ jq -j .previousHash line.json; jq -jcS '{streamId,revision,eventId,type,data,metadata}' line.json; } | sha256sum`,
        `{ jq -j .globalPreviousHash line.json; jq -j .hash line.json; } | sha256sum`,
      ].join('\n');
      const run = spawnSync('sh', ['-c', script], { cwd: directory, encoding: 'utf8' });
      expect(run.stdout).toBe(`${DOCUMENTED_HASH}  -\n${DOCUMENTED_GLOBAL_HASH}  -\n`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
