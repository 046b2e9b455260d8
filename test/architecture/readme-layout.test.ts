import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The README's "Layout" is what a newcomer reads to find their way: every folder and file at the
 * top of src/ is in it, and everything it names exists.
 */
const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = readme.split('\n## Layout\n')[1]?.split('```')[1] ?? '';

/** Names standing at the start of a line of the block: `src/` at the top, `  domain/` inside it. */
function named(indent: string): string[] {
  return block.split('\n').flatMap((line) => {
    const match = new RegExp(`^${indent}([A-Za-z][\\w.-]*/?)(?:\\s|$)`).exec(line);
    return match ? [match[1]] : [];
  });
}

describe('the README\'s layout', () => {
  it('is found', () => {
    expect(named('')).toEqual(expect.arrayContaining(['src/', 'projections/', 'test/']));
  });

  it('names every folder and file at the top of src/', () => {
    const inSrc = readdirSync(join(root, 'src'), { withFileTypes: true }).map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    const missing = inSrc.filter((name) => !named('  ').includes(name));
    expect(missing).toEqual([]);
  });

  it('names only what exists', () => {
    const absent = [...named('').filter((name) => !existsSync(join(root, name))), ...named('  ').filter((name) => !existsSync(join(root, 'src', name)))];
    expect(absent).toEqual([]);
  });
});
