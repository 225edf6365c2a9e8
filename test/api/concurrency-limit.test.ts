import fc from 'fast-check';
import { concurrencyLimit } from '../../http/concurrency-limit';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('never more than the limit at once; every task runs, in the order it came', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 30 }), async (limit, ticks) => {
      const limited = concurrencyLimit(limit);
      let running = 0;
      let most = 0;
      const started: number[] = [];
      const results = await Promise.all(
        ticks.map((wait, i) =>
          limited(async () => {
            started.push(i);
            running++;
            most = Math.max(most, running);
            for (let t = 0; t < wait; t++) await tick();
            running--;
            return i;
          }),
        ),
      );
      expect(results).toEqual(ticks.map((_, i) => i));
      expect(started).toEqual(ticks.map((_, i) => i));
      expect(most).toBeLessThanOrEqual(limit);
      if (ticks.length >= limit) expect(most).toBe(limit);
    }),
  );
});

test('a task that fails gives its place to the next one and its caller gets the error', async () => {
  const limited = concurrencyLimit(1);
  const failing = limited(async () => {
    await tick();
    throw new Error('payer down');
  });
  const next = limited(async () => 'ran');
  await expect(failing).rejects.toThrow('payer down');
  await expect(next).resolves.toBe('ran');
});
