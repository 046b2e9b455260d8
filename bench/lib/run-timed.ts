import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { PROJECT_ROOT } from './paths';

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s, Linux's USER_HZ). */
export function cpuSecondsOf(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface TimedRun {
  code: number | null;
  seconds: number;
  peakRssMiB: number;
  /** The CPU time last sampled before the process ended (every 100 ms). */
  cpuSeconds: number;
}

/**
 * Runs a command to its end (bounded), sampling its peak RSS and its CPU time from /proc while it
 * runs; its stderr appended to `logFile`, its stdout to `stdoutFile`.
 */
export function runTimed(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, stdoutFile: string, timeoutMs: number): Promise<TimedRun> {
  const log = openSync(logFile, 'a');
  const out = openSync(stdoutFile, 'w');
  const started = performance.now();
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', out, log] });
  closeSync(log);
  closeSync(out);
  let peakKiB = 0;
  let cpuSeconds = 0;
  const sample = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
      cpuSeconds = Math.max(cpuSeconds, cpuSecondsOf(child.pid));
    } catch {
      // Gone already.
    }
  }, 100);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sample);
      clearTimeout(killer);
      resolve({ code, seconds: (performance.now() - started) / 1000, peakRssMiB: peakKiB / 1024, cpuSeconds });
    });
  });
}
