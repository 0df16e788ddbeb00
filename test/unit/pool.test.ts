import assert from 'node:assert/strict';
import { mapInSlices, mapLimit } from '../../src/util/pool';

/** Busy-waits: a synchronous step that takes `ms`, like parsing a large file. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('pool', () => {
  it('mapLimit keeps the input order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([30, 5, 20, 1, 10, 2], 2, async (ms, i) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i;
    });
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5]);
    assert.equal(most, 2);
  });

  it('mapInSlices lets the event loop run during a long synchronous run', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const out = await mapInSlices(
        Array.from({ length: 20 }, (_, i) => i),
        (n) => (spin(3), n * 2),
        undefined,
        10,
      );
      assert.deepEqual(
        out,
        Array.from({ length: 20 }, (_, i) => i * 2),
      );
    } finally {
      clearInterval(timer);
    }
    // 60 ms of work in 10 ms slices: the interval got to run between slices.
    assert.ok(ticks >= 2, `the event loop ran ${ticks} times`);
  });

  it('mapInSlices stops at the next slice once the signal aborts', async () => {
    const controller = new AbortController();
    setImmediate(() => controller.abort(new Error('cancelled')));
    let done = 0;
    await assert.rejects(
      mapInSlices(
        Array.from({ length: 1000 }, (_, i) => i),
        () => (spin(1), done++),
        controller.signal,
        5,
      ),
      /cancelled/,
    );
    assert.ok(done > 0 && done < 1000, `${done} of 1000 items ran before the abort took effect`);
  });
});
