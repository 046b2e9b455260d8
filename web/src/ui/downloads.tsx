import { fetchRaw } from '../api/client';
import { formatDate } from '../format';
import { t } from '../i18n';

/**
 * A report fetched for saving: the file's name, its sha256 as the browser computed it, and where to
 * save it from; the log position it states (X-Report-Position, or the JSON's `position`) and, for
 * JSON, its period (`from`, `to`: epoch milliseconds, null when open).
 */
export interface DownloadedFile {
  name: string;
  hash: string;
  url: string;
  position?: number;
  period?: { from: number | null; to: number | null };
}

/** What a JSON report says of itself; nothing for another format or a body that is not one. */
function statedInJson(bytes: ArrayBuffer): Pick<DownloadedFile, 'position' | 'period'> {
  try {
    const document = JSON.parse(new TextDecoder().decode(bytes)) as { position?: unknown; from?: unknown; to?: unknown };
    const bound = (value: unknown) => (typeof value === 'number' ? value : null);
    return {
      ...(typeof document.position === 'number' ? { position: document.position } : {}),
      period: { from: bound(document.from), to: bound(document.to) },
    };
  } catch {
    return {};
  }
}

/** sha256 of the bytes in hex; '—' where the browser offers no digest (a page served over plain http from elsewhere than localhost). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  if (!crypto.subtle) return '—';
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetches a report (CSV, XLSX, PDF) and keeps it as a file named `name`, with its sha256 to compare with the one the ledger states. */
export async function downloadReport(path: string, name: string): Promise<DownloadedFile> {
  const response = await fetchRaw(path);
  const bytes = await response.arrayBuffer();
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const header = response.headers.get('x-report-position');
  const stated = type.startsWith('application/json') ? statedInJson(bytes) : {};
  const position = header !== null && /^\d+$/.test(header) ? Number(header) : stated.position;
  return { name, hash: await sha256Hex(bytes), url, ...(position === undefined ? {} : { position }), ...(stated.period ? { period: stated.period } : {}) };
}

const shownBound = (ms: number | null, open: string) => (ms === null ? open : formatDate(new Date(ms).toISOString()));

/** The link that saves a downloaded report, with its sha256. */
export function DownloadedLink({ file }: { file: DownloadedFile | undefined }) {
  if (!file) return null;
  return (
    <p role="status" className="download">
      <a href={file.url} download={file.name}>{file.name}</a>
      <code data-sha256={file.hash}>{t('audit.sha256', { hash: file.hash })}</code>
      {file.position === undefined ? null : <span data-report-position={file.position}>{t('audit.reportAt', { position: file.position })}</span>}
      {file.period ? (
        <span data-report-period>{t('audit.reportPeriod', { from: shownBound(file.period.from, t('audit.periodStart')), to: shownBound(file.period.to, t('audit.periodOpen')) })}</span>
      ) : null}
    </p>
  );
}
