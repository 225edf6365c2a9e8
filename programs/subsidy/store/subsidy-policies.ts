/**
 * The `subsidy_policies` table: every policy a workflow read, by version. The decision pins a
 * version; the months table is recomputed from the events with the policy kept here.
 */
import type { SubsidyPolicy } from '../domain/index';
import type { Executor } from './executor';

/** Keeps the first body seen for a version: a version names one policy for good. */
export async function keepSubsidyPolicy(db: Executor, policy: SubsidyPolicy): Promise<void> {
  await db
    .insertInto('subsidy_policies')
    .values({ version: policy.version, body: JSON.stringify(policy) })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

export async function subsidyPolicyByVersion(db: Executor, version: string): Promise<SubsidyPolicy | undefined> {
  const row = await db.selectFrom('subsidy_policies').select('body').where('version', '=', version).executeTakeFirst();
  return row?.body as SubsidyPolicy | undefined;
}
