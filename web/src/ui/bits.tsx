import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { formatMoney } from '../format';
import { t, tOr } from '../i18n';

/** An amount of money as people read it: `1.500.000 ₫`. */
export function Money({ value, currency }: { value: string | null | undefined; currency?: string }) {
  return <span className="money">{formatMoney(value, currency)}</span>;
}

/** The log position a figure was read at: what an auditor needs to reproduce it. */
export function ReadAt({ position }: { position: number | undefined }) {
  if (position === undefined) return null;
  return <p className="read-at">{t('app.position', { position })}</p>;
}

export function componentLabel(component: string): string {
  return tOr(`component.${component}`, 'common.none').replace(t('common.none'), component);
}

export function statusLabel(status: string): string {
  return tOr(`status.${status}`, 'common.none').replace(t('common.none'), status);
}

/** A titled section of a screen. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A problem reading a screen's data, in words. */
export function LoadError({ error }: { error: unknown }) {
  if (!error) return null;
  const code = (error as { code?: string }).code;
  return <p className="form-error" role="alert">{code ? tOr(`error.${code}`, 'error.generic') : t('error.generic')}</p>;
}

/** A table that scrolls sideways on a phone instead of widening the page; with className stack-table (or sheet-table) each line is a card there instead, its cells named by data-label. */
export function Table({ caption, head, children, className }: { caption: string; head: string[]; children: ReactNode; className?: string }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr>{head.map((cell) => <th key={cell} scope="col">{cell}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The pages of a register read by cursor: the cursors of the pages passed, the one shown last. */
export interface CursorPages {
  cursors: string[];
  cursor: string | undefined;
  /** Back to the first page, as after a change of filters. */
  first(): void;
  next(cursor: string): void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursors,
    cursor: cursors[cursors.length - 1],
    first: () => setCursors([]),
    next: (cursor) => setCursors((old) => [...old, cursor]),
  };
}

/** A register page's query: the page size, the page's cursor, and each filter that is set. */
export function pageQuery(cursor: string | undefined, limit: number, filters: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = { limit: String(limit) };
  if (cursor) query.cursor = cursor;
  for (const [name, value] of Object.entries(filters)) if (value) query[name] = value;
  return query;
}

/** First page and next page of a register read by cursor. */
export function Pager({ pages, next }: { pages: CursorPages; next: string | null | undefined }) {
  return (
    <div className="pager">
      {pages.cursors.length > 0 ? <Button className="secondary" onPress={pages.first}>{t('common.first')}</Button> : null}
      {next ? <Button className="secondary" onPress={() => pages.next(next)}>{t('common.next')}</Button> : null}
    </div>
  );
}
