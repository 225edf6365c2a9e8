import { readFileSync } from 'node:fs';
import { hospitalLevelsInUse, loadHospitalRegistry } from '../config/hospitals';
import type { Policy } from '../domain/policy';
import { loadPolicyFile } from '../domain/policy/policy.file';

/**
 * The policy as its files say now, parsed and validated once per content: every case that starts
 * reimbursing reads it, and validating it is most of the cost. Keyed by the files' text, not
 * their times, so an edit is seen by the next case however quickly it follows.
 */
export class PolicyFileCache {
  private cached: { key: string; policy: Policy } | undefined;

  constructor(
    private readonly policyFile: string,
    private readonly hospitalsFile: string,
  ) {}

  load(): Policy {
    const key = this.contents();
    if (key !== undefined && this.cached?.key === key) return this.cached.policy;
    // Parsed from the files themselves, so a file that cannot be read fails with the loaders' own error.
    const policy = loadPolicyFile(this.policyFile, hospitalLevelsInUse(loadHospitalRegistry(this.hospitalsFile)));
    // Kept only if the files did not change while they were parsed.
    if (key !== undefined && this.contents() === key) this.cached = { key, policy };
    return policy;
  }

  private contents(): string | undefined {
    try {
      return `${readFileSync(this.policyFile, 'utf8')}\u0000${readFileSync(this.hospitalsFile, 'utf8')}`;
    } catch {
      return undefined;
    }
  }
}
