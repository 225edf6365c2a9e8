/** Reads a policy file from disk (Node only: never import this from workflow code). */
import { readFileSync } from 'node:fs';
import type { HospitalLevel } from '../stages';
import { PolicyError } from './policy.error';
import { parsePolicy, type Policy } from './policy.schema';

/** Reads, parses and validates a policy file; every failure is a `PolicyError` naming the file. */
export function loadPolicyFile(path: string, hospitalLevelsInUse: readonly HospitalLevel[]): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError([{ path: '(file)', message: `cannot be read: ${(error as Error).message}` }], `policy file ${path}`);
  }
  return parsePolicyFileText(text, path, hospitalLevelsInUse);
}

/** A policy file's text, already read from `path`, parsed and validated as `loadPolicyFile` does. */
export function parsePolicyFileText(text: string, path: string, hospitalLevelsInUse: readonly HospitalLevel[]): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PolicyError([{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }], `policy file ${path}`);
  }
  try {
    return parsePolicy(json, hospitalLevelsInUse);
  } catch (error) {
    if (error instanceof PolicyError) throw new PolicyError(error.issues, `policy file ${path}`);
    throw error;
  }
}
