// jest's node environment, plus a line on stderr naming the test file that left a handle open (a
// listening server, a socket, a child process, a timer that keeps the process alive) a second
// after its teardown. Such a handle keeps the worker alive after the run, and jest then reports
// only "A worker process has failed to exit gracefully", without saying which file to fix.
const { TestEnvironment } = require('jest-environment-node');
const { relative } = require('node:path');

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
    if (kind === 'Socket') return `a socket ${handle.localAddress ?? ''}:${handle.localPort ?? ''} -> ${handle.remoteAddress ?? ''}:${handle.remotePort ?? ''}`;
    if (kind === 'ChildProcess') return `a child process (pid ${handle.pid}): ${(handle.spawnargs ?? []).join(' ').slice(0, 200)}`;
    if (kind === 'Timeout') return `a timer of ${handle._idleTimeout} ms: ${String(handle._onTimeout).replace(/\s+/g, ' ').slice(0, 160)}`;
  } catch {
    // Described by its kind alone.
  }
  return kind;
}

class LeakReportingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = relative(config.projectConfig.rootDir, context.testPath);
  }

  async setup() {
    this.before = new Set(activeHandles());
    await super.setup();
  }

  async teardown() {
    await super.teardown();
    const opened = activeHandles().filter((handle) => !this.before.has(handle));
    if (opened.length === 0) return;
    // A second later, so that sockets and processes already closing are not counted.
    setTimeout(() => {
      const still = new Set(activeHandles());
      const left = opened.filter((handle) => still.has(handle) && keepsAlive(handle));
      if (left.length === 0) return;
      process.stderr.write(`\n${this.testPath} left open after its teardown (the worker cannot exit):\n${left.map((handle) => `  ${describeHandle(handle)}`).join('\n')}\n`);
    }, 1000).unref();
  }
}

module.exports = LeakReportingEnvironment;
