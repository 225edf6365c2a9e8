/** Jest globalTeardown: stops the shared test stack and removes its data folder. */
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handles = globalThis.__TEST_STACK__;
  if (!handles) return;
  globalThis.__TEST_STACK__ = undefined;
  await Promise.allSettled([handles.temporal?.stop(), handles.postgres?.stop()]);
  if (process.env.KEEP_TEST_DATA) return;
  fs.rmSync(handles.dataDir, { recursive: true, force: true });
}
