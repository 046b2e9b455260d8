// jest's node environment, plus a line on stderr naming the test file that left a handle open (a
// listening server, a socket, a child process, a worker thread, a timer that keeps the process
// alive) a moment after its teardown. Such a handle keeps the worker alive after the run, and jest then reports
// only "A worker process has failed to exit gracefully", without saying which file to fix.
const { TestEnvironment } = require('jest-environment-node');
const { relative } = require('node:path');
const workerThreads = require('node:worker_threads');

const SET_AT = Symbol('set at');

const activeHandles = () => (typeof process._getActiveHandles === 'function' ? process._getActiveHandles() : []);

/** Whether the handle keeps the process alive (unref'd timers and sockets do not). */
function keepsAlive(handle) {
  if (typeof handle.hasRef === 'function') return handle.hasRef();
  if (handle._handle && typeof handle._handle.hasRef === 'function') return handle._handle.hasRef();
  return true;
}

function describeHandle(handle) {
  const kind = handle?.constructor?.name ?? typeof handle;
  try {
    if (kind === 'Server') return `a listening server ${JSON.stringify(handle.address())}`;
    if (kind === 'Socket') {
      // A socket a server of the file accepted (its peer is the client) or one the file opened.
      const side = handle.server ? 'a socket a server accepted' : 'a socket';
      return `${side} ${handle.localAddress ?? ''}:${handle.localPort ?? ''} -> ${handle.remoteAddress ?? ''}:${handle.remotePort ?? ''}`;
    }
    if (kind === 'ChildProcess') return `a child process (pid ${handle.pid}): ${(handle.spawnargs ?? []).join(' ').slice(0, 200)}`;
    if (kind === 'Timeout') return `a timer of ${handle._idleTimeout} ms: ${String(handle._onTimeout).replace(/\s+/g, ' ').slice(0, 160)}`;
  } catch {
    // Described by its kind alone.
  }
  return kind;
}

/** A pending timer or a running worker thread, with the frames outside node_modules that started it. */
function describeStarted(kind, started) {
  const error = started[SET_AT];
  const frames = String(error?.stack ?? '').split('\n').slice(1).filter((line) => !line.includes('node_modules') && !line.includes('leak-reporting-environment')).slice(0, 4);
  return `${kind}: ${error?.message ?? ''}\n${frames.map((line) => `    ${line.trim()}`).join('\n')}`;
}

/**
 * worker_threads' Worker, noting each worker the file starts until it exits. A worker thread is
 * no handle of process._getActiveHandles(): without this, one left running (the projection
 * worker polls the log every 250 ms) keeps the process alive unnamed. The file's modules share
 * the core module with this environment, so they start the noting class.
 */
function notingWorkers(workers) {
  const OriginalWorker = workerThreads.Worker;
  class NotedWorker extends OriginalWorker {
    constructor(script, ...rest) {
      super(script, ...rest);
      this[SET_AT] = new Error(`new Worker(${relative(process.cwd(), String(script))})`);
      workers.add(this);
      runningWorkers.add(this);
      this.once('exit', () => {
        workers.delete(this);
        runningWorkers.delete(this);
      });
    }
  }
  workerThreads.Worker = NotedWorker;
  return () => {
    workerThreads.Worker = OriginalWorker;
  };
}

/** The worker threads the worker's files started and that have not exited, whichever file started them. */
const runningWorkers = new Set();
/** The last test file this worker ran, for the report of a worker that cannot end. */
let lastTestPath = null;

/**
 * jest asks a worker to end at the end of a run and, when it has not ended in time
 * (`workerGracefulExitTimeout` in jest.config.js), sends it SIGTERM and says only that a worker
 * "failed to exit gracefully". Each file's delayed report (below) names the handles,
 * timers and worker threads that file opened; it cannot see timers set through node:timers or
 * outside a file's context, pending requests, or a worker still busy. What keeps the worker alive
 * then is written here, and the worker ends as SIGTERM would have ended it.
 */
function reportWhatKeepsWorkerAlive() {
  const stdio = new Set([process.stdin, process.stdout, process.stderr].map((stream) => stream?._handle).filter(Boolean));
  const handles = activeHandles().filter((handle) => !stdio.has(handle) && !stdio.has(handle?._handle) && keepsAlive(handle)).map(describeHandle);
  const requests = typeof process._getActiveRequests === 'function' ? process._getActiveRequests().map((request) => `a pending ${request?.constructor?.name ?? 'request'}`) : [];
  const left = [...handles, ...requests, ...[...runningWorkers].map((worker) => describeStarted('a worker thread', worker))];
  // Timers set through node:timers or outside a test file's context are no handles and were not noted: Node counts them here.
  const tally = new Map();
  for (const kind of process.getActiveResourcesInfo()) tally.set(kind, (tally.get(kind) ?? 0) + 1);
  const resources = [...tally].map(([kind, count]) => `${kind} ×${count}`).join(', ');
  const what = left.length === 0 ? '  nothing of the kinds above: it was still busy, or see the resources' : left.map((line) => `  ${line}`).join('\n');
  process.stderr.write(`\nA jest worker could not end after its last file, ${lastTestPath ?? 'none'}:\n${what}\n  (resources Node counts as active, the worker's own pipes included: ${resources || 'none'})\n`);
  process.exit(128 + 15);
}
/**
 * A worker left with nothing open still took 0.7–0.9 s from its 'exit' event to its end (timed on
 * test/read-side, three workers: Node disposing its environment and the V8 heap that some ninety
 * files grew), past the 500 ms jest allows by default: jest then killed it and printed "failed to
 * exit gracefully", in most runs. Called in an 'exit' listener, process.exit() ends the process at once,
 * without that teardown; the listener is added when the worker's loop has emptied (beforeExit), so
 * it runs after every other 'exit' listener.
 */
function endWithoutTeardown() {
  process.on('exit', (code) => process.exit(code));
}
if (process.env.JEST_WORKER_ID !== undefined && process.send !== undefined) {
  process.once('SIGTERM', reportWhatKeepsWorkerAlive);
  process.once('beforeExit', endWithoutTeardown);
}

class LeakReportingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = relative(config.projectConfig.rootDir, context.testPath);
    // Timers are no handles: the file's timers are noted with where they were set, to name the
    // ones still pending after the teardown (a loop that sets a short timeout again and again
    // counts too: its latest timer is pending).
    this.timers = new Set();
    for (const name of ['setTimeout', 'setInterval']) {
      const original = this.global[name];
      const timers = this.timers;
      const noting = function (callback, delay, ...rest) {
        const timer = original.call(this, callback, delay, ...rest);
        if (timer && typeof timer === 'object') {
          if (timers.size >= 10_000) for (const old of timers) if (old._destroyed) timers.delete(old);
          timers.add(timer);
          timer[SET_AT] = new Error(`${name}(…, ${delay})`);
        }
        return timer;
      };
      for (const key of [...Object.getOwnPropertyNames(original), ...Object.getOwnPropertySymbols(original)]) {
        if (!(key in noting) || typeof key === 'symbol') Object.defineProperty(noting, key, Object.getOwnPropertyDescriptor(original, key));
      }
      this.global[name] = noting;
    }
  }

  /**
   * Whether the running test has failed so far, as `globalThis.__testFailed` for its afterEach
   * hooks (a browser journey keeps pictures of its pages only for a failed test).
   */
  handleTestEvent(event) {
    if (event.name === 'test_start') this.global.__testFailed = false;
    else if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.global.__testFailed = true;
  }

  async setup() {
    this.before = new Set(activeHandles());
    this.workers = new Set();
    this.restoreWorker = notingWorkers(this.workers);
    await super.setup();
  }

  async teardown() {
    lastTestPath = this.testPath;
    await super.teardown();
    const opened = activeHandles().filter((handle) => !this.before.has(handle));
    const timers = this.timers;
    const workers = this.workers;
    this.restoreWorker();
    // A moment later, so that sockets and processes already closing are not counted (and before
    // jest, 500 ms after asking a worker to end, kills it).
    setTimeout(() => {
      const still = new Set(activeHandles());
      const left = opened.filter((handle) => still.has(handle) && keepsAlive(handle)).map(describeHandle);
      for (const timer of timers) if (!timer._destroyed && keepsAlive(timer)) left.push(describeStarted('a timer', timer));
      timers.clear();
      for (const worker of workers) left.push(describeStarted('a worker thread', worker));
      workers.clear();
      if (left.length === 0) return;
      process.stderr.write(`\n${this.testPath} left open after its teardown (the worker cannot exit):\n${left.map((line) => `  ${line}`).join('\n')}\n`);
    }, 200).unref();
  }
}

module.exports = LeakReportingEnvironment;
