import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PROJECT_ROOT } from '../lib/paths';

/**
 * Summarises a V8 CPU profile (node --cpu-prof, or `npm run bench -- --profile`): the functions
 * with the most self time and the most total time (time with them on the stack), in % of the
 * profile. Usage: node dist/bench/tools/cpuprofile-top.js FILE.cpuprofile [N]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function nameOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? relative(PROJECT_ROOT, url.replace(/^file:\/\//, '')) : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

function main(): void {
  // `… | head` closes the pipe early: stop quietly.
  process.stdout.on('error', () => process.exit(0));
  const [file, topArg, focus] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node dist/bench/tools/cpuprofile-top.js FILE.cpuprofile [N]\n');
    process.exit(2);
  }
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    all += delta;
    const leaf = byId.get(id);
    if (!leaf) return;
    if (focus) {
      let inside = false;
      for (let current: number | undefined = id; current !== undefined && !inside; current = parentOf.get(current)) {
        const node = byId.get(current);
        if (node && nameOf(node).includes(focus)) inside = true;
      }
      if (!inside) return;
    }
    self.set(nameOf(leaf), (self.get(nameOf(leaf)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const node = byId.get(current);
      if (!node) break;
      const name = nameOf(node);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + delta);
    }
  });
  const print = (title: string, map: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    for (const [name, time] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((time / all) * 100).toFixed(1).padStart(6)} %  ${(time / 1000).toFixed(0).padStart(7)} ms  ${name}\n`);
    }
  };
  process.stdout.write(`${file}: ${(all / 1e6).toFixed(1)} s sampled${focus ? `; only samples under "${focus}", in % of the whole profile` : ''}\n`);
  print('Self time', self);
  print('Total time (on the stack)', total);
}

main();
