import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A message between the bench and one of its child processes. */
export interface ChildMessage {
  type: string;
  id?: number;
  [key: string]: unknown;
}

export interface SpawnOptions {
  /** Shown in errors and used for the log file's name. */
  name: string;
  env?: NodeJS.ProcessEnv;
  args?: string[];
  cwd?: string;
  /** Where the child's stdout and stderr go. */
  logDir: string;
  /** When set, the child runs with --cpu-prof and writes its profile here when it exits. */
  cpuProfileDir?: string;
  /** How long the child may take to say it is ready. */
  readyTimeoutMs?: number;
}

/**
 * A child process of the bench, talking over IPC: servers and load generators run in their own
 * processes so that no two of them share an event loop. Every wait is bounded by a timeout.
 */
export class Child {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(message: ChildMessage): void; reject(error: Error): void }>();
  private readonly exitPromise: Promise<number | null>;
  private exitCode: number | null | undefined;
  readonly ready: Promise<ChildMessage>;

  private constructor(readonly name: string, readonly process: ChildProcess, readonly logFile: string, readyTimeoutMs: number) {
    this.exitPromise = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        for (const waiter of this.waiting.values()) waiter.reject(this.failure(`exited (${code ?? signal}) before answering`));
        this.waiting.clear();
        resolve(code);
      });
    });
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(this.failure(`not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          process.off('message', onMessage);
          resolve(message);
        } else if (message.type === 'failed') {
          clearTimeout(timer);
          reject(this.failure(String(message.error)));
        }
      };
      process.on('message', onMessage);
      void this.exitPromise.then(() => {
        clearTimeout(timer);
        reject(this.failure('exited before it was ready'));
      });
    });
    // A rejection nobody waits for yet must not crash the bench before someone awaits `ready`.
    this.ready.catch(() => undefined);
    process.on('message', (message: ChildMessage) => {
      if (message.id === undefined) return;
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.type === 'error') waiter.reject(this.failure(String(message.error)));
      else waiter.resolve(message);
    });
  }

  static spawn(script: string, options: SpawnOptions): Child {
    const logFile = join(options.logDir, `${options.name}.log`);
    const log = openSync(logFile, 'a');
    const execArgv = options.cpuProfileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, `--cpu-prof-name=${options.name}.${Date.now()}.cpuprofile`]
      : [];
    const child = fork(script, options.args ?? [], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      execArgv,
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    return new Child(options.name, child, logFile, options.readyTimeoutMs ?? 120_000);
  }

  /** Sends a request and waits for the answer with the same id. */
  request(message: ChildMessage, timeoutMs: number): Promise<ChildMessage> {
    if (this.exitCode !== undefined) return Promise.reject(this.failure('has exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(this.failure(`no answer to ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.process.send({ ...message, id });
    });
  }

  /** Resolves with the exit code when the child has exited, however long that takes. */
  get exited(): Promise<number | null> {
    return this.exitPromise;
  }

  /** Asks the child to stop cleanly (so a CPU profile is written), then kills it if it does not. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      this.process.send({ type: 'stop' });
    } catch {
      // The IPC channel is already closed: the child is on its way out.
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** Kills the child at once; used when the bench itself fails. */
  kill(): void {
    if (this.exitCode === undefined) this.process.kill('SIGKILL');
  }

  tail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  private failure(what: string): Error {
    const tail = this.tail();
    return new Error(`child ${this.name} ${what}${tail ? `\n--- last lines of ${this.logFile} ---\n${tail}` : ''}`);
  }
}

/** Children still running, so that a failing bench can end them (and only them). */
export class ChildRegistry {
  private readonly children = new Set<Child>();

  add(child: Child): Child {
    this.children.add(child);
    void child.exited.then(() => this.children.delete(child));
    return child;
  }

  killAll(): void {
    for (const child of this.children) child.kill();
  }
}
