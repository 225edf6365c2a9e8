/**
 * Reading a large upload gives the event loop back while it works: other requests are served between
 * two stretches of a few milliseconds (the flood in test/faults/ measures it against a live API).
 * Here a ticker that re-arms itself with setImmediate counts the turns while a list is read from
 * memory, where nothing but the reader's own turns would let it run.
 */
import { Readable } from 'node:stream';
import { EventLoopTurns } from '../../http/event-loop-turns';
import { readMatchList } from '../../api/services/data-match/match-list-csv';
import { idNumber } from './fixtures';

function ticker(): { stop(): number } {
  let ticks = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    ticks++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop() {
      running = false;
      return ticks;
    },
  };
}

test('a turn is due once its time has run, however few or many units of work ran, and taking it starts the clock again', async () => {
  let now = 1_000;
  const turns = new EventLoopTurns(4, () => now);
  expect(turns.due).toBe(false);
  now += 3.9;
  expect(turns.due).toBe(false);
  now += 0.1;
  expect(turns.due).toBe(true);
  now += 100; // one slow unit of work: due at once, not after so many more
  expect(turns.due).toBe(true);
  await turns.take();
  expect(turns.due).toBe(false);
  now += 4;
  expect(turns.due).toBe(true);
});

test('taking a turn lets the callbacks already waiting run first', async () => {
  const order: string[] = [];
  setImmediate(() => order.push('waiting'));
  await new EventLoopTurns(0).take().then(() => order.push('after the turn'));
  expect(order).toEqual(['waiting', 'after the turn']);
});

test('a 20,000-row list is read in many stretches, each row once', async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => `${idNumber()},人员${i},DIED,2026-11-01,公安局\r\n`);
  const text = Buffer.from(`idNumber,name,type,on,source\r\n${rows.join('')}`);
  // 64 KiB chunks, all in memory at once: the reader never waits for the network.
  const chunks = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) => text.subarray(i * 65_536, (i + 1) * 65_536));
  const turns = ticker();
  const list = await readMatchList(Readable.from(chunks), { contentType: 'text/csv', contentLength: String(text.length) });
  const ticks = turns.stop();
  expect(list.total).toBe(20_000);
  expect(list.rows).toHaveLength(20_000);
  expect(list.failed).toEqual([]);
  expect(new Set(list.rows.map((row) => row.row)).size).toBe(20_000);
  // Reading 20,000 rows takes well over 40 ms anywhere: at one turn per 4 ms, at least ten turns.
  expect(ticks).toBeGreaterThanOrEqual(10);
});
