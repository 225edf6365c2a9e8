/**
 * The benchmark's own pieces that need no stack: the ID numbers it loads the registry with (valid,
 * and distinct over the ranges the payroll and registry scenarios use) and the sizes of the new
 * scenarios (the by default, small under --quick).
 */
import { parseBenchArgs } from '../../bench/options';
import { benchIdNumber } from '../../bench/support/registry-seed';
import { idNumberProblem } from '../../domain/id-number';

describe('bench ID numbers', () => {
  it('are valid resident ID numbers', () => {
    for (const n of [0, 1, 999, 1000, 20_000, 1_500_000, 2_499_999, 3_649_999]) expect(idNumberProblem(benchIdNumber(n))).toBeUndefined();
  });

  it('are distinct across the payroll persons (from 0) and a million registry persons (from 1,500,000)', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 20_000; n++) seen.add(benchIdNumber(n));
    for (let n = 1_500_000; n < 1_500_000 + 200_000; n += 7) seen.add(benchIdNumber(n));
    expect(seen.size).toBe(20_000 + Math.ceil(200_000 / 7));
    expect(benchIdNumber(999)).not.toBe(benchIdNumber(1999));
  });
});

describe('bench options', () => {
  it('keep the new scenarios out of the default run and size them as the issue does', () => {
    const full = parseBenchArgs([]);
    expect(full.scenarios).toEqual(['lifecycle', 'floor', 'import', 'open-cases']);
    expect(full).toMatchObject({ payrollLines: 20_000, payrollDryRunLines: 200_000, registryPersons: 1_000_000 });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ payrollLines: 500, payrollDryRunLines: 20_000, registryPersons: 10_000 });
    expect(parseBenchArgs(['--scenario', 'payroll,peer,registry,life-events']).scenarios).toEqual(['payroll', 'peer', 'registry', 'life-events']);
  });
});
