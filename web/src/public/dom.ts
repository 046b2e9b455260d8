/**
 * The public site's whole rendering kit: elements built with the DOM's own calls. Text always
 * goes in as text (never as HTML), so a donor's name can never become markup.
 */

export type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | undefined | null>;

function fill(element: Element, attributes: Attributes, children: Child[]): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
}

/** An HTML element with its attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  fill(element, attributes, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes and children. */
export function s(tag: string, attributes: Attributes = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS(SVG, tag) as SVGElement;
  fill(element, attributes, children);
  return element;
}

/** A list of terms and their values (`<dl>`), skipping the values that are absent. */
export function facts(className: string, entries: [string, Child][]): HTMLDListElement {
  const list = h('dl', { class: className });
  for (const [term, value] of entries) {
    if (value === null || value === undefined || value === false || value === '') continue;
    list.append(h('div', {}, h('dt', {}, term), h('dd', {}, value)));
  }
  return list;
}

/** GET a JSON answer of the ledger; throws a LedgerError with the answer's status and code. */
export async function getJson<T>(path: string): Promise<T> {
  const answer = await fetch(path, { headers: { accept: 'application/json', 'accept-language': 'vi' } });
  if (!answer.ok) {
    const body = (await answer.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new LedgerError(answer.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? `HTTP ${answer.status}`);
  }
  return (await answer.json()) as T;
}

export class LedgerError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** What a person is told when a read failed: the ledger's own Vietnamese message, or the network's. */
export function failureText(error: unknown): string {
  if (error instanceof LedgerError) {
    if (error.code === 'RATE_LIMITED') return 'Có quá nhiều lượt tra cứu từ mạng của bạn. Vui lòng thử lại sau một phút.';
    return error.message;
  }
  return 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';
}
