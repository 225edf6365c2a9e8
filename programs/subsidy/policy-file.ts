/** Reads the subsidy policy file from disk (Node only: never import this from workflow code). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SubsidyPolicyError } from './domain/policy.error';
import { parseSubsidyPolicy, type SubsidyPolicy } from './domain/policy.schema';

/** The illustrative policy the project ships; a district points its own file at the same schema. */
export const DEFAULT_SUBSIDY_POLICY_FILE = path.join(__dirname, 'subsidy-policy.default.json');

/** Reads, parses and validates a policy file; every failure is a `SubsidyPolicyError` naming the file and the field. */
export function loadSubsidyPolicy(file: string): SubsidyPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SubsidyPolicyError([{ path: '(file)', message: `cannot be read: ${(error as Error).message}` }], `subsidy policy file ${file}`);
  }
  return parseSubsidyPolicyText(text, file);
}

/** A policy file's text, already read from `file`, parsed and validated as `loadSubsidyPolicy` does. */
export function parseSubsidyPolicyText(text: string, file: string): SubsidyPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SubsidyPolicyError([{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }], `subsidy policy file ${file}`);
  }
  try {
    return parseSubsidyPolicy(json);
  } catch (error) {
    if (error instanceof SubsidyPolicyError) throw new SubsidyPolicyError(error.issues, `subsidy policy file ${file}`);
    throw error;
  }
}
