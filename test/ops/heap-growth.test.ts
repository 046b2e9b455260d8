import { setFlagsFromString } from 'node:v8';
import { HEAP_GROWING_PERCENT, keepHeapNearLiveSet } from '../../src/ops/heap-growth';

// Setting a V8 flag in the test worker would change its collector for every later test.
jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));

describe('keepHeapNearLiveSet', () => {
  const execArgv = process.execArgv;
  const nodeOptions = process.env.NODE_OPTIONS;

  afterEach(() => {
    process.execArgv = execArgv;
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
    jest.mocked(setFlagsFromString).mockClear();
  });

  it('lets the old generation grow to twice what the last full collection found alive', () => {
    process.execArgv = [];
    delete process.env.NODE_OPTIONS;
    keepHeapNearLiveSet();
    expect(HEAP_GROWING_PERCENT).toBe(100);
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    expect(setFlagsFromString).toHaveBeenCalledWith('--heap-growing-percent=100');
  });

  it.each([
    ['on the command line', ['--heap-growing-percent=300'], undefined],
    ['with underscores', ['--heap_growing_percent=20'], undefined],
    ['in NODE_OPTIONS', [], '--enable-source-maps --heap-growing-percent=50'],
  ])('leaves a growth the process was started with alone (%s)', (_where, argv, options) => {
    process.execArgv = argv;
    if (options === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = options;
    keepHeapNearLiveSet();
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
