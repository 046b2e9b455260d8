import { assertNever } from '../shared/decision';
import type { StatementEvent, StatementImported } from './statements.events';

/** The statements a fund has recorded, by the sha256 of their file. */
export interface StatementStreamState {
  bySha256: Map<string, StatementImported['data']>;
}

export const initialStatementStreamState = (): StatementStreamState => ({ bySha256: new Map() });

export function evolveStatementStream(state: StatementStreamState, event: StatementEvent): StatementStreamState {
  switch (event.type) {
    case 'StatementImported':
      if (!state.bySha256.has(event.data.sha256)) state.bySha256.set(event.data.sha256, event.data);
      return state;
    case 'StatementLineUnclassified':
      return state;
    default:
      return assertNever(event, 'statement event');
  }
}
