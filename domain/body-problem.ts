/**
 * The first problem a schema finds with a body, as the workflows say it when they refuse one:
 * the field's path, then the message ("bankAccount.accountNo: …"). Imports zod's types only, so
 * a workflow that uses it loads zod no sooner than the schema it passes.
 */
import type { ZodType } from 'zod';

/** Undefined when `input` is well formed. */
export function bodyProblemOf(schema: ZodType, input: unknown): string | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is not valid'}`;
}
