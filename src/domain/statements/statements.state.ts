import { assertNever } from '../shared/decision';
import type { StatementEvent, StatementImported, StatementLineUnclassified } from './statements.events';

/** The statements a fund has recorded, by the sha256 of their file, and the lines left to classify. */
export interface StatementStreamState {
  bySha256: Map<string, StatementImported['data']>;
  /** Lines no rule classified, by row id: the accountant decides each (classified on the spending stream). */
  unclassified: Map<string, StatementLineUnclassified['data']>;
  /** statementId → sha256 of its file. */
  sha256ById: Map<string, string>;
}

export const initialStatementStreamState = (): StatementStreamState => ({ bySha256: new Map(), unclassified: new Map(), sha256ById: new Map() });

export function evolveStatementStream(state: StatementStreamState, event: StatementEvent): StatementStreamState {
  switch (event.type) {
    case 'StatementImported':
      if (!state.bySha256.has(event.data.sha256)) state.bySha256.set(event.data.sha256, event.data);
      state.sha256ById.set(event.data.statementId, event.data.sha256);
      return state;
    case 'StatementLineUnclassified':
      if (!state.unclassified.has(event.data.rowId)) state.unclassified.set(event.data.rowId, event.data);
      return state;
    default:
      return assertNever(event, 'statement event');
  }
}
