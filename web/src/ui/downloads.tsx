import { fetchRaw } from '../api/client';
import { t } from '../i18n';

/** A report fetched for saving: the file's name, its sha256 as the browser computed it, and where to save it from. */
export interface DownloadedFile {
  name: string;
  hash: string;
  url: string;
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
  const url = URL.createObjectURL(new Blob([bytes], { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
  return { name, hash: await sha256Hex(bytes), url };
}

/** The link that saves a downloaded report, with its sha256. */
export function DownloadedLink({ file }: { file: DownloadedFile | undefined }) {
  if (!file) return null;
  return (
    <p role="status" className="download">
      <a href={file.url} download={file.name}>{file.name}</a>
      <code data-sha256={file.hash}>{t('audit.sha256', { hash: file.hash })}</code>
    </p>
  );
}
