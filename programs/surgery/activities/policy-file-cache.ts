import { readFileSync } from 'node:fs';
import { hospitalLevelsInUse, loadHospitalRegistry, parseHospitalRegistry } from '../../../config/hospitals';
import type { Policy } from '../domain/policy/index';
import { loadPolicyFile, parsePolicyFileText } from '../domain/policy/policy.file';

/**
 * The policy as its files say now, parsed and validated once per content: every case that starts
 * reimbursing reads it, and validating it is most of the cost. Keyed by the files' text, not
 * their times, so an edit is seen by the next case however quickly it follows; parsed from that
 * very text, so the cached policy is always the one its key says.
 */
export class PolicyFileCache {
  private cached: { policyText: string; hospitalsText: string; policy: Policy } | undefined;

  constructor(
    private readonly policyFile: string,
    private readonly hospitalsFile: string,
  ) {}

  load(): Policy {
    const texts = this.read();
    // A file that cannot be read fails with the loaders' own error, naming it.
    if (!texts) return loadPolicyFile(this.policyFile, hospitalLevelsInUse(loadHospitalRegistry(this.hospitalsFile)));
    const { policyText, hospitalsText } = texts;
    if (this.cached?.policyText !== policyText || this.cached.hospitalsText !== hospitalsText) {
      const levels = hospitalLevelsInUse(parseHospitalRegistry(hospitalsText, this.hospitalsFile));
      this.cached = { policyText, hospitalsText, policy: parsePolicyFileText(policyText, this.policyFile, levels) };
    }
    return this.cached.policy;
  }

  private read(): { policyText: string; hospitalsText: string } | undefined {
    try {
      return { policyText: readFileSync(this.policyFile, 'utf8'), hospitalsText: readFileSync(this.hospitalsFile, 'utf8') };
    } catch {
      return undefined;
    }
  }
}
