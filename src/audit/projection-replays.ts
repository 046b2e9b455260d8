import { hash } from 'node:crypto';
import type { Projection, ProjectedEvent } from '../../projections/projection';
import type { TableProjection } from '../../projections/table-projection';
import { canonicalJson } from '../shared/canonical-json';
import { firstDifference } from './state-difference';
import { firstTableDifference, hashReplayedComparingLive, type LiveTablesSnapshot, type ScratchTables, tableProjectionHash } from './table-state';

export interface ProjectionCheck {
  name: string;
  version: number;
  /** `state`: a JSON-state projection; `tables`: a table projection (registers). */
  kind: 'state' | 'tables';
  /** The live read model's position, where the fresh replay was compared with it. */
  comparedAtPosition: number;
  /** hex(sha256(canonical JSON)) of the fresh replay at that position; null when not reached. */
  sha256: string | null;
  matches: boolean | null;
}

export interface ProjectionDifference {
  projection: string;
  /** JSON Pointer into the state, or /<table>/<key>/<column> for a table projection. */
  path: string;
  live: unknown;
  replayed: unknown;
  liveSha256: string;
  replayedSha256: string;
}

/** A projection rebuilt from scratch alongside the walk, to be compared with its live read model once. */
export interface ProjectionReplay {
  readonly check: ProjectionCheck;
  readonly livePosition: number;
  apply(event: ProjectedEvent): void;
  /** Called once the replay has applied every event up to livePosition and none after. */
  compare(): ProjectionDifference | undefined;
}

/** A live JSON-state read model frozen at one position: canonical JSON taken in one synchronous step. */
export interface LiveProjectionSnapshot {
  projection: Projection<unknown>;
  position: number;
  canonicalState: string;
}

export class StateReplay implements ProjectionReplay {
  readonly check: ProjectionCheck;
  private state: unknown;

  constructor(private readonly live: LiveProjectionSnapshot) {
    this.state = live.projection.initialState();
    const { name, version } = live.projection;
    this.check = { name, version, kind: 'state', comparedAtPosition: live.position, sha256: null, matches: null };
  }

  get livePosition(): number {
    return this.live.position;
  }

  apply(event: ProjectedEvent): void {
    this.state = this.live.projection.apply(this.state, event);
  }

  compare(): ProjectionDifference | undefined {
    const replayedJson = canonicalJson(this.state);
    this.check.sha256 = hash('sha256', replayedJson, 'hex');
    this.check.matches = replayedJson === this.live.canonicalState;
    if (this.check.matches) return undefined;
    const difference = firstDifference(JSON.parse(this.live.canonicalState), JSON.parse(replayedJson));
    return {
      projection: this.check.name, path: difference?.path ?? '', live: difference?.live, replayed: difference?.replayed,
      liveSha256: hash('sha256', this.live.canonicalState, 'hex'), replayedSha256: this.check.sha256,
    };
  }
}

export class TableReplay implements ProjectionReplay {
  readonly check: ProjectionCheck;

  constructor(
    private readonly projection: TableProjection,
    readonly livePosition: number,
    private readonly live: LiveTablesSnapshot,
    private readonly scratch: ScratchTables,
  ) {
    const { name, version } = projection;
    this.check = { name, version, kind: 'tables', comparedAtPosition: livePosition, sha256: null, matches: null };
  }

  apply(event: ProjectedEvent): void {
    this.scratch.apply(this.projection, this.projection.apply(event));
  }

  compare(): ProjectionDifference | undefined {
    // One walk of both: the replay's hash, and whether every live row holds the same values. The
    // same values make the same canonical text, so the live hash is then the replay's; only when
    // they differ is the live side hashed on its own, and the verdict is the hashes' as ever.
    const walked = hashReplayedComparingLive(this.live.db, this.scratch.db, this.projection);
    this.check.sha256 = walked.replayedSha256;
    const liveSha256 = walked.sameRows ? walked.replayedSha256 : tableProjectionHash(this.live.db, this.projection);
    this.check.matches = liveSha256 === this.check.sha256;
    if (this.check.matches) return undefined;
    const difference = firstTableDifference(this.live.db, this.scratch.db, this.projection);
    return {
      projection: this.check.name, path: difference?.path ?? '', live: difference?.live, replayed: difference?.replayed,
      liveSha256, replayedSha256: this.check.sha256,
    };
  }
}
