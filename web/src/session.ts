import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, ApiProblem, unwrap } from './api/client';
import { forgetSessionEnded, noteSessionEnded } from './api/session-ended';
import { endedFromElsewhere } from './offline/outbox';
import type { Balance, Fund, FundSummary, Me, Role } from './api/types';

/**
 * The signed-in person, or null when nobody is signed in on this page. A session that ends under a
 * person signed in here keeps them on the page (see session-ended.ts): their data stays as it was
 * read, and the page asks for their password.
 */
export function useMe() {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await unwrap<Me>(api.GET('/v1/me'));
        forgetSessionEnded();
        return me;
      } catch (error) {
        if (!(error instanceof ApiProblem) || error.status !== 401) throw error;
        if (client.getQueryData(['me']) && !endedFromElsewhere(error.details.reason)) {
          noteSessionEnded();
          throw error;
        }
        return null;
      }
    },
  });
}

export function useFunds() {
  return useQuery({ queryKey: ['funds'], queryFn: () => unwrap<{ items: FundSummary[] }>(api.GET('/v1/funds')) });
}

export function useFund(fundId: string) {
  // Before the fund list has answered there is no fund yet: nothing is read for fund "".
  return useQuery({ queryKey: ['fund', fundId], enabled: fundId !== '', queryFn: () => unwrap<Fund>(api.GET('/v1/funds/{fundId}', { params: { path: { fundId } } })) });
}

export function useBalance(fundId: string) {
  return useQuery({ queryKey: ['balance', fundId], enabled: fundId !== '', queryFn: () => unwrap<Balance>(api.GET('/v1/funds/{fundId}/balance', { params: { path: { fundId } } })) });
}

/** After a write, every read of the fund is read again (the answer's position is then reached). */
export function useRefreshAfterWrite() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}

export interface Workplace {
  me: Me;
  fundId: string;
  has: (...roles: Role[]) => boolean;
}

export const WorkplaceContext = createContext<Workplace | null>(null);

/** The person and fund every screen works on. */
export function useWorkplace(): Workplace {
  const workplace = useContext(WorkplaceContext);
  if (!workplace) throw new Error('useWorkplace outside the signed-in app');
  return workplace;
}
