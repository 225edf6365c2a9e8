import type { Migration } from 'kysely/migration';
import * as initial from './2026_11_28_1100_initial';

/** Every migration, by name; names sort in the order they run. Listed statically so any runtime can load them. */
export const migrations: Record<string, Migration> = {
  '2026_11_28_1100_initial': initial,
};
