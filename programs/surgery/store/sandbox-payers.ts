import type { Kysely } from 'kysely';
import type { SandboxPayerSetting } from '../domain/schemas';
import { PAYERS, type Payer } from '../domain/stages';
import type { Database } from '../../../store/schema';

export const PAYER_UP: SandboxPayerSetting = { mode: 'up', failureRate: 0, latencyMs: 0 };

export async function getSandboxPayerSettings(db: Kysely<Database>): Promise<Record<Payer, SandboxPayerSetting>> {
  const rows = await db.selectFrom('sandbox_payer_settings').selectAll().execute();
  const settings = Object.fromEntries(PAYERS.map((payer) => [payer, PAYER_UP])) as Record<Payer, SandboxPayerSetting>;
  for (const row of rows) {
    settings[row.payer as Payer] = { mode: row.mode as SandboxPayerSetting['mode'], failureRate: row.failure_rate, latencyMs: row.latency_ms };
  }
  return settings;
}

export async function putSandboxPayerSetting(db: Kysely<Database>, payer: Payer, setting: SandboxPayerSetting): Promise<SandboxPayerSetting> {
  const values = { mode: setting.mode, failure_rate: setting.failureRate, latency_ms: setting.latencyMs, updated_at: new Date() };
  await db
    .insertInto('sandbox_payer_settings')
    .values({ payer, ...values })
    .onConflict((oc) => oc.column('payer').doUpdateSet(values))
    .execute();
  return setting;
}
