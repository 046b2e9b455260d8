import { createHash, scryptSync } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { hashToken } from '../../src/access/tokens';
import { UsersDirectory } from '../../src/access/users-directory';
import { ExecuteUserCommand } from '../../src/command-handling/handlers/users.handlers';
import { canonicalJson } from '../../src/shared/canonical-json';
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * The journal is the auditor's whole view of the log: every event, with what its hash covers.
 * A user's password event is in it too, so what that event holds must not let a reader of the
 * journal (an auditor, an export, a backup of the log) test guessed passwords offline; and
 * every line must still re-hash to its stored hash, or the auditor could not check the chain.
 */
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

interface JournalLine {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  previousHash: string;
  hash: string;
}

function journalLines(text: string): JournalLine[] {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as JournalLine);
}

/** The hash recipe the journal documents, computed here from the line alone. */
function rehash(line: JournalLine): string {
  const { streamId, revision, eventId, type, data, metadata } = line;
  return createHash('sha256').update(line.previousHash + canonicalJson({ streamId, revision, eventId, type, data, metadata }), 'utf8').digest('hex');
}

/** What an offline guesser would do with a scrypt hash in the journal: derive the guess under its salt and compare. */
function guessMatches(stored: string, guess: string): boolean {
  const form = /^[^$]+\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!form) return false;
  const [N, r, p] = [Number(form[1]), Number(form[2]), Number(form[3])];
  const expected = Buffer.from(form[5], 'base64url');
  const key = scryptSync(guess.normalize('NFC'), Buffer.from(form[4], 'base64url'), expected.length, { N, r, p, maxmem: 256 * N * r });
  return key.equals(expected);
}

describe('the journal an auditor reads holds no password a guess can be checked against', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('shows the password event, which a right guess cannot be confirmed against, and every line still re-hashes', async () => {
    const password = 'mật khẩu của kế toán 2026';
    const accountant = await ledger.user('Kế toán Lan', ['accountant']);
    const auditor = await ledger.user('Kiểm toán Hòa', ['auditor']);
    await ledger.http().post(`/v1/users/${accountant.userId}/password`).set(as(ADMIN_TOKEN)).send({ password }).expect(204);

    const journal = await ledger.http().get('/v1/journal').set(as(auditor.token)).expect(200);
    const lines = journalLines(journal.text);
    const passwordSet = lines.filter((line) => line.type === 'UserPasswordSet' && line.data.userId === accountant.userId);
    expect(passwordSet).toHaveLength(1);
    expect(journal.text).not.toContain(password);
    expect(guessMatches(String(passwordSet[0].data.passwordHash), password)).toBe(false);

    for (const line of lines) expect({ position: line.position, hash: rehash(line) }).toEqual({ position: line.position, hash: line.hash });
    const verify = await ledger.http().get('/v1/audit/verify').set(as(auditor.token)).expect(200);
    expect(verify.body.ok).toBe(true);

    expect((await ledger.http().post('/v1/session').send({ name: 'Kế toán Lan', password })).status).toBe(200);
    expect((await ledger.http().post('/v1/session').send({ name: 'Kế toán Lan', password: 'không phải mật khẩu' })).status).toBe(401);
  });

  it('holds no plain sha256 of the token the operator chose (LEDGER_ADMIN_TOKEN), which a guess could be checked against; the token still works after a restart', async () => {
    const auditor = await ledger.user('Kiểm toán Phương', ['auditor']);
    const journal = await ledger.http().get('/v1/journal').set(as(auditor.token)).expect(200);
    expect(journal.text).toContain('"userId":"admin"');
    expect(journal.text).not.toContain(createHash('sha256').update(ADMIN_TOKEN, 'utf8').digest('hex'));
    await ledger.http().get('/v1/users').set(as(ADMIN_TOKEN)).expect(200);
    const before = await countEvents(ledger.store);
    const again = await startTestLedger({ dataDir: ledger.dataDir });
    try {
      await again.http().get('/v1/users').set(as(ADMIN_TOKEN)).expect(200);
      expect(await countEvents(again.store)).toBe(before);
    } finally {
      await again.close();
    }
  });

  it('an admin token a ledger kept as a plain sha256 before still works, and the next start keeps it sealed instead', async () => {
    const writtenBefore = await startTestLedger();
    try {
      // As the ledger wrote the admin's token before sealing: its plain sha256.
      const meta = { actor: { userId: 'system', roles: ['system'] }, now: new Date().toISOString(), correlationId: 'c', causationId: 'c', idempotencyKey: null, requestHash: '' };
      await writtenBefore.app.get(CommandBus).execute(new ExecuteUserCommand({ type: 'ReplaceUserToken', userId: 'admin', tokenHash: hashToken(ADMIN_TOKEN), now: meta.now }, meta));
      await writtenBefore.app.get(UsersDirectory).refresh();
      await writtenBefore.http().get('/v1/users').set(as(ADMIN_TOKEN)).expect(200);
      const again = await startTestLedger({ dataDir: writtenBefore.dataDir });
      try {
        await again.http().get('/v1/users').set(as(ADMIN_TOKEN)).expect(200);
        const replaced: string[] = [];
        for await (const event of again.store.readAll()) if (event.type === 'UserTokenReplaced' && event.data.userId === 'admin') replaced.push(String(event.data.tokenHash));
        expect(replaced).toHaveLength(2);
        expect(replaced[1]).not.toBe(hashToken(ADMIN_TOKEN));
      } finally {
        await again.close();
      }
    } finally {
      await writtenBefore.close();
    }
  });

  it('the password still signs in after a restart on the same data folder', async () => {
    const dataDir = ledger.dataDir;
    const password = 'mật khẩu qua khởi động lại';
    const user = await ledger.user('Điều phối Minh', ['coordinator']);
    await ledger.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).send({ password }).expect(204);
    const again = await startTestLedger({ dataDir });
    try {
      expect((await again.http().post('/v1/session').send({ name: 'Điều phối Minh', password })).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});
