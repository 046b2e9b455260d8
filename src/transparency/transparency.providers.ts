import { mkdirSync } from 'node:fs';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleInit, type Provider } from '@nestjs/common';
import { checkpointIntervalOf, type LedgerConfig } from '../config/ledger-config';
import { LEDGER_CONFIG } from '../config/ledger.tokens';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { CHECKPOINT_SIGNER } from '../proofs/checkpoint-signer.port';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../proofs/ledger-signing-key';
import { LogTree } from './log-tree';
import { merkleTreeFileOf, MerkleTreeStore } from './merkle-tree-store';

/**
 * Opens the tree beside the log, makes it agree with the log, then follows the log and signs
 * checkpoints on the timer; stops before the store closes. A missing tree file is rebuilt from the
 * log on start (catching up in the background; a checkpoint or proof waits for it).
 */
@Injectable()
export class TransparencyLifecycle implements OnModuleInit, BeforeApplicationShutdown {
  constructor(private readonly logTree: LogTree) {}

  async onModuleInit(): Promise<void> {
    await this.logTree.reconcile();
    this.logTree.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.logTree.stop();
    this.logTree.tree.close();
  }
}

const logger = new Logger('merkle-tree');

export const TRANSPARENCY_PROVIDERS: Provider[] = [
  {
    provide: LogTree,
    inject: [EVENT_STORE, LEDGER_SIGNING_KEY, LEDGER_CONFIG],
    useFactory: (store: EventStore, key: LedgerSigningKey, config: LedgerConfig) => {
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      return new LogTree(store, new MerkleTreeStore(merkleTreeFileOf(config)), key, checkpointIntervalOf(config), {
        log: (message, context) => logger.log({ msg: message, ...context }),
        error: (message, context) => logger.error({ msg: message, ...context }),
      });
    },
  },
  { provide: CHECKPOINT_SIGNER, useExisting: LogTree },
  TransparencyLifecycle,
];
