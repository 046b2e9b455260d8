import { EVENT_SCHEMA_VERSIONS, isLedgerEventType, type LedgerEvent } from './ledger-events';
import { vietnamDateOf } from './shared/calendar';
import { currentMatchKey } from './beneficiaries/beneficiaries.state';
import { campaignOfMovement } from './spending/pools';

/**
 * Old events are never rewritten: when an event type gains a version, a pure function here
 * lifts version n to n + 1 on read. `UPCASTERS[type][n]` takes data written at version n.
 */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;
export const UPCASTERS: Partial<Record<LedgerEvent['type'], Record<number, Upcaster>>> = {
  PolicyChanged: {
    // v1 replaced the whole policy at once, with no decision and no date: it governed from the
    // Vietnam day it was recorded, every field counted as changed, the legal basis stayed.
    1: (data) => ({
      fundId: data.fundId,
      version: null,
      policy: data.policy,
      changes: data.policy,
      effectiveFrom: vietnamDateOf(String(data.changedAt)),
      decisionRef: null,
      legalBasis: null,
      changedBy: null,
      changedAt: data.changedAt,
    }),
  },
  DisbursementRequested: {
    // v1's distribution lines kept the commune's unit word in their match key ("xa tan phu"), so
    // a household written "Tân Phú" elsewhere was another household to the duplicate-aid rule.
    1: commonMatchKeys,
    // v2's kept it when "thị trấn" or "đặc khu" was written with two spaces or a no-break space.
    2: commonMatchKeys,
  },
  TransferReceived: {
    // v1 took the sender's campaign for one of the receiver's own: money for a campaign's pool
    // entered the receiver's pool of the same name (`campaign:<id>`), and is still there, so it
    // reads as that campaign's; any other money was taken in for none of the receiver's campaigns.
    1: (data) => ({
      ...data,
      receivedCampaignId: campaignOfMovement(null, typeof data.receivedRestrictionId === 'string' ? data.receivedRestrictionId : null),
    }),
  },
};

/** A request's distribution lines with their match keys made again from their communes, as matchKeyOf makes them now. */
function commonMatchKeys(data: Record<string, unknown>): Record<string, unknown> {
  const lines = data.distribution;
  if (!Array.isArray(lines)) return data;
  return {
    ...data,
    distribution: lines.map((line: Record<string, unknown>) =>
      typeof line.matchKey === 'string' && typeof line.commune === 'string' ? { ...line, matchKey: currentMatchKey(line.matchKey, line.commune) } : line),
  };
}

export class UnknownEventError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number, reason: string) {
    super(`Cannot decode ${eventType} v${schemaVersion}: ${reason}`);
    this.name = 'UnknownEventError';
  }
}

/** Bumped by every registerUpcaster and its removal: what was read before may now read differently. */
let generation = 0;

/** Changes whenever the upcasters change, so a cache of decoded events knows when it is stale. */
export function upcastersGeneration(): number {
  return generation;
}

/** readableSchemaVersion by type, for the current generation (every event read asks it). */
const readableVersions = new Map<string, number>();
let readableVersionsGeneration = 0;

/** Brings stored data of any known version to the current shape of its event type. */
export function upcast(type: string, schemaVersion: number, data: Record<string, unknown>): LedgerEvent {
  if (!isLedgerEventType(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
  const current = cachedReadableSchemaVersion(type);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new UnknownEventError(type, schemaVersion, `known versions are 1 to ${current}`);
  }
  if (schemaVersion === current) return { type, data } as unknown as LedgerEvent;
  let upcasted = data;
  for (let version = schemaVersion; version < current; version++) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new UnknownEventError(type, schemaVersion, `no upcaster from v${version}`);
    upcasted = step(upcasted);
  }
  return { type, data: upcasted } as unknown as LedgerEvent;
}

function cachedReadableSchemaVersion(type: LedgerEvent['type']): number {
  if (readableVersionsGeneration !== generation) {
    readableVersions.clear();
    readableVersionsGeneration = generation;
  }
  let version = readableVersions.get(type);
  if (version === undefined) {
    version = readableSchemaVersion(type);
    readableVersions.set(type, version);
  }
  return version;
}

/**
 * The newest version a reader accepts: the version written today, or one past the newest
 * upcaster registered for the type. In a released build the two are the same.
 */
function readableSchemaVersion(type: LedgerEvent['type']): number {
  const steps = Object.keys(UPCASTERS[type] ?? {}).map(Number);
  return Math.max(EVENT_SCHEMA_VERSIONS[type], ...steps.map((version) => version + 1));
}

/**
 * Adds the upcaster from `fromVersion` to `fromVersion + 1` at run time and returns a function
 * that removes it. Released upcasters belong in UPCASTERS beside the event definitions; this lets
 * a test give a type a version the code does not write yet and prove both versions read alike.
 */
export function registerUpcaster(type: LedgerEvent['type'], fromVersion: number, step: Upcaster): () => void {
  const steps = (UPCASTERS[type] ??= {});
  steps[fromVersion] = step;
  generation += 1;
  return () => {
    if (steps[fromVersion] === step) delete steps[fromVersion];
    generation += 1;
  };
}
