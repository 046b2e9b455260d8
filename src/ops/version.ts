import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package's own name and version, read from the package.json above this file: the same
 * lookup works from src/ (tests) and from dist/src/ (the built command).
 */
export function ledgerVersion(): { name: string; version: string } {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'ctd-fund-ledger' && typeof manifest.version === 'string') return { name: manifest.name, version: manifest.version };
    } catch {
      // No package.json in this folder: look one level up.
    }
    if (dirname(folder) === folder) return { name: 'ctd-fund-ledger', version: 'unknown' };
  }
}
