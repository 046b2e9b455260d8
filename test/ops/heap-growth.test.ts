import { setFlagsFromString } from 'node:v8';
import { HEAP_GROWING_PERCENT, keepHeapNearLiveSet } from '../../src/ops/heap-growth';

// Setting a V8 flag in the test worker would change its collector for every later test.
jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));

describe('keepHeapNearLiveSet', () => {
  const execArgv = process.execArgv;

  afterEach(() => {
    process.execArgv = execArgv;
    jest.mocked(setFlagsFromString).mockClear();
  });

  it('lets the old generation grow to twice what the last full collection found alive', () => {
    process.execArgv = ['--enable-source-maps'];
    keepHeapNearLiveSet();
    expect(HEAP_GROWING_PERCENT).toBe(100);
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    expect(setFlagsFromString).toHaveBeenCalledWith('--heap-growing-percent=100');
  });

  // Node refuses the flag in NODE_OPTIONS ("is not allowed in NODE_OPTIONS"): the command line is the only other place it can come from.
  it.each([
    ['on the command line', ['--heap-growing-percent=300']],
    ['with underscores', ['--heap_growing_percent=20']],
  ])('leaves a growth the process was started with alone (%s)', (_where, argv) => {
    process.execArgv = argv;
    keepHeapNearLiveSet();
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
