import fs from 'node:fs';
import { hospitalRegistrySchema, type Hospital } from '../programs/surgery/domain/schemas';
import type { HospitalLevel } from '../programs/surgery/domain/stages';
import { ConfigError } from './config-error';

export interface HospitalRegistry {
  hospitals: readonly Hospital[];
  byId: ReadonlyMap<string, Hospital>;
}

/** Reads and validates HOSPITALS_FILE; a bad file stops the process with a line naming the variable. */
export function loadHospitalRegistry(file: string): HospitalRegistry {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('HOSPITALS_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  return parseHospitalRegistry(text, file);
}

/** A registry's text, already read from `file`, parsed and validated as `loadHospitalRegistry` does. */
export function parseHospitalRegistry(text: string, file: string): HospitalRegistry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('HOSPITALS_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = hospitalRegistrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError('HOSPITALS_FILE', `${file}: [${issue.path.join('.')}] ${issue.message}`);
  }
  const byId = new Map(parsed.data.map((hospital) => [hospital.id, hospital]));
  if (byId.size !== parsed.data.length) throw new ConfigError('HOSPITALS_FILE', `${file}: hospital ids must be unique`);
  return { hospitals: parsed.data, byId };
}

export function hospitalLevelsInUse(registry: HospitalRegistry): HospitalLevel[] {
  return [...new Set(registry.hospitals.map((hospital) => hospital.level))];
}
