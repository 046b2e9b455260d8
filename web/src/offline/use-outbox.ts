import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { drain, signedInAs, watchOutbox, type DrainOutcome, type OutboxEntry } from './outbox';

/** A person's outbox as it changes. */
export function useOutbox(userId: string): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => watchOutbox(userId, setEntries), [userId]);
  return entries;
}

/** Whether the device says it has a network, as it changes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** How often waiting commands are tried again while some wait (the 'online' event also starts a round). */
const RETRY_MS = 15_000;

/**
 * Sends the signed-in person's waiting commands: at once, whenever the network comes back, and
 * every 15 s while any wait. After a round that sent something, the screens read the ledger again;
 * a session that ended sends the person to sign in (their commands wait for them).
 */
export function useOutboxSender(userId: string, waiting: number): void {
  const client = useQueryClient();
  useEffect(() => signedInAs(userId), [userId]);
  useEffect(() => {
    // The round's end is acted on even when this effect has been replaced meanwhile (what was
    // sent changes the count it depends on): the screens must read what was just recorded.
    const round = async () => {
      const outcome: DrainOutcome = await drain(userId);
      if (outcome === 'signed-out') client.setQueryData(['me'], null);
      else void client.invalidateQueries();
    };
    const onOnline = () => void round();
    window.addEventListener('online', onOnline);
    const timer = waiting > 0 ? setInterval(onOnline, RETRY_MS) : undefined;
    if (waiting > 0) void round();
    return () => {
      window.removeEventListener('online', onOnline);
      if (timer) clearInterval(timer);
    };
  }, [userId, waiting, client]);
}
