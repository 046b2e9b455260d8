import { journalText } from '../../src/audit/journal';
import { replayProjections } from '../../src/audit/replay';
import { verifyAgainstRunners } from '../../src/audit/verify';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { EsdbProtocolTestServer } from '../eventstoredb-test-server/esdb-protocol-test-server';
import { countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { writeSmallLedger } from './ledger-fixture';
import { parseNdjson, recheckJournal } from './offline-recipe';

/**
 * The auditor's tools on the EventStoreDB backend (the in-process protocol test server): no
 * global chain and positions that are commit positions, not 1, 2, 3…; everything else holds.
 */
describe('audit tools on the EventStoreDB backend', () => {
  let server: EsdbProtocolTestServer;
  let ledger: TestLedger;

  beforeAll(async () => {
    server = await EsdbProtocolTestServer.start({ batchAppend: true });
    ledger = await startTestLedger({ store: 'eventstoredb', eventStoreConnectionString: server.connectionString });
    await writeSmallLedger(ledger);
  });

  afterAll(async () => {
    await ledger?.close();
    await server?.stop();
  });

  it('verifies the log and the read models', async () => {
    const result = await verifyAgainstRunners(ledger.store, ledger.app.get(ProjectionsService));
    expect(result).toMatchObject({ ok: true, eventsChecked: await countEvents(ledger.store) });
    expect(result.globalHeadHash).toBeUndefined();
    expect(result.projections.every((check) => check.matches)).toBe(true);
  });

  it('exports a journal whose stream chains re-hash offline', async () => {
    let text = '';
    for await (const chunk of journalText(ledger.store, 'ndjson')) text += chunk;
    const lines = parseNdjson(text);
    expect(lines).toHaveLength(await countEvents(ledger.store));
    expect(lines[0]).not.toHaveProperty('globalHash');
    expect(recheckJournal(lines)).toEqual([]);
    const from = lines[3].position;
    let page = '';
    for await (const chunk of journalText(ledger.store, 'ndjson', { fromPosition: from, limit: 2 })) page += chunk;
    expect(parseNdjson(page).map((line) => line.position)).toEqual([lines[3].position, lines[4].position]);
  });

  it('replays to the same hashes twice', async () => {
    const first = await replayProjections(ledger.store, {});
    const second = await replayProjections(ledger.store, {});
    expect(second.projections).toEqual(first.projections);
  });
});
