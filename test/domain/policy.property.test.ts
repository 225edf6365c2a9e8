/**
 * Properties of the cascade over random bills, cases, manual resolutions and policies: whatever
 * happens, every amount is a non-negative integer, they sum to the bill, and the patient pays 0.
 */
import fc from 'fast-check';
import { formatAmount } from '../../domain/money';
import {
  parsePolicy,
  pct,
  POLICY_CATEGORIES,
  PolicyError,
  settle,
  type ClaimContext,
  type ClaimOverride,
  type Policy,
  type SettledClaim,
  type SettlementOverrides,
} from '../../programs/surgery/domain/policy/index';
import { HOSPITAL_LEVELS, PAYERS, type Payer } from '../../programs/surgery/domain/stages';
import { ASSISTANCE_CATEGORIES } from '../../domain/fields';
import { defaultPolicy } from './policy.fixtures';

const MAX_BILL_FEN = 100_000_000_000; // ¥1,000,000,000.00

const billArb = fc
  .integer({ min: 1, max: MAX_BILL_FEN })
  .chain((totalFen) =>
    fc.oneof(
      fc.integer({ min: 0, max: totalFen }),
      fc.constantFrom(0, totalFen),
      fc.integer({ min: 0, max: Math.min(totalFen, 20_000_000) }), // around the deductibles and band edges
    ).map((policyScopeFen) => ({ totalFen, policyScopeFen })),
  );

const contextArb: fc.Arbitrary<ClaimContext> = fc.record({
  bill: fc.oneof(billArb, fc.integer({ min: 1, max: 30_000_000 }).chain((t) => fc.integer({ min: 0, max: t }).map((p) => ({ totalFen: t, policyScopeFen: p })))),
  insured: fc.boolean(),
  assistanceCategory: fc.constantFrom(...ASSISTANCE_CATEGORIES),
  disabilityCertificate: fc.constantFrom(null, '', 'CDPF-0001'),
  hospitalLevel: fc.constantFrom(...HOSPITAL_LEVELS),
});

/** A manual resolution chosen once the amount owed is known: a share of it (in bp) or a rejection. */
const overrideArb: fc.Arbitrary<ClaimOverride> = fc.oneof(
  fc.constantFrom(0, 1, 5000, 9999, 10_000).map(resolveShare),
  fc.integer({ min: 0, max: 10_000 }).map(resolveShare),
  fc.constant<ClaimOverride>({ status: 'REJECTED', amountFen: 0, reason: 'RESOLVED_BY_HAND', reference: null, explanation: 'rejected by an administrator' }),
);

function resolveShare(shareBp: number): ClaimOverride {
  return ({ owedFen }) => ({ status: 'PAID', amountFen: pct(owedFen, shareBp), reason: null, reference: 'MANUAL', explanation: `resolved by hand: ${shareBp} bp of what was owed` });
}

const overridesArb: fc.Arbitrary<SettlementOverrides> = fc
  .record(
    {
      BASIC_MEDICAL_INSURANCE: overrideArb,
      CRITICAL_ILLNESS_INSURANCE: overrideArb,
      MEDICAL_ASSISTANCE: overrideArb,
      DISABILITY_ASSISTANCE: overrideArb,
      // The charity can only be resolved by hand with exactly what is owed.
      PROVINCIAL_CHARITY: fc.constant<ClaimOverride>(({ owedFen }) => ({ status: 'PAID', amountFen: owedFen, reason: null, reference: 'MANUAL', explanation: 'by hand' })),
    },
    { requiredKeys: [] },
  );

const figure = fc.integer({ min: 0, max: 50_000_000 });
const ratio = fc.integer({ min: 0, max: 10_000 });

/** Random valid policies: every figure, ratio, category set and band layout the schema allows. */
const policyArb: fc.Arbitrary<Policy> = fc.record({
  version: fc.constantFrom('random-a', 'random-b'),
  basicInsurance: fc.record({
    byHospitalLevel: fc.record({
      TERTIARY_A: fc.record({ deductibleFen: figure, ratioBp: ratio }),
      TERTIARY: fc.record({ deductibleFen: figure, ratioBp: ratio }),
      SECONDARY: fc.record({ deductibleFen: figure, ratioBp: ratio }),
      PRIMARY: fc.record({ deductibleFen: figure, ratioBp: ratio }),
    }),
    capFen: fc.oneof(figure, fc.constant(Number.MAX_SAFE_INTEGER)),
  }),
  criticalIllness: fc.record({
    deductibleFen: figure,
    bands: fc
      .uniqueArray(fc.integer({ min: 0, max: 200_000_000 }), { minLength: 1, maxLength: 8 })
      .chain((edges) => fc.tuple(...[...edges].sort((a, b) => a - b).map((fromFen) => ratio.map((ratioBp) => ({ fromFen, ratioBp }))))),
    capFen: figure,
    vulnerable: fc.record({
      categories: fc.subarray([...POLICY_CATEGORIES]),
      deductibleFactorBp: ratio,
      ratioBonusBp: ratio,
      noCap: fc.boolean(),
    }),
  }),
  medicalAssistance: fc.record({
    byCategory: fc.record(
      {
        TEKUN: fc.record({ deductibleFen: figure, ratioBp: ratio, capFen: figure }),
        DIBAO: fc.record({ deductibleFen: figure, ratioBp: ratio, capFen: figure }),
        RETURNED_POOR: fc.record({ deductibleFen: figure, ratioBp: ratio, capFen: figure }),
      },
      { requiredKeys: [] },
    ),
  }),
  disabilityAssistance: fc.record({ requiresCertificate: fc.boolean(), ratioBp: ratio, capFen: figure }),
});

function expectSettled(context: ClaimContext, claims: SettledClaim[]): void {
  const { totalFen, policyScopeFen } = context.bill;
  expect(claims.map((c) => c.payer)).toEqual([...PAYERS]);
  let owedFen = totalFen;
  for (const claim of claims) {
    expect(Number.isSafeInteger(claim.amountFen) && claim.amountFen >= 0).toBe(true);
    expect(claim.amountFen).toBeLessThanOrEqual(owedFen);
    if (claim.status === 'REJECTED') expect(claim.amountFen).toBe(0);
    expect(claim.explanation.length).toBeGreaterThan(0);
    owedFen -= claim.amountFen;
  }
  const byPayer = Object.fromEntries(claims.map((c) => [c.payer, c])) as Record<Payer, SettledClaim>;
  expect(owedFen).toBe(0); // out-of-pocket
  expect(byPayer.PROVINCIAL_CHARITY.amountFen).toBeGreaterThanOrEqual(0);
  if (!byPayer.BASIC_MEDICAL_INSURANCE.overridden) expect(byPayer.BASIC_MEDICAL_INSURANCE.amountFen).toBeLessThanOrEqual(policyScopeFen);
}

/** Rejections follow from the case alone, for every claim the engine decided itself. */
function expectRejections(policy: Policy, context: ClaimContext, claims: SettledClaim[]): void {
  for (const claim of claims.filter((c) => !c.overridden)) {
    const expected =
      (claim.payer === 'BASIC_MEDICAL_INSURANCE' || claim.payer === 'CRITICAL_ILLNESS_INSURANCE') && !context.insured
        ? 'NOT_INSURED'
        : claim.payer === 'MEDICAL_ASSISTANCE' && (context.assistanceCategory === 'NONE' || !policy.medicalAssistance.byCategory[context.assistanceCategory])
          ? 'NOT_ELIGIBLE'
          : claim.payer === 'DISABILITY_ASSISTANCE' && policy.disabilityAssistance.requiresCertificate && !context.disabilityCertificate
            ? 'NO_CERTIFICATE'
            : null;
    expect(claim.reason).toBe(expected);
    expect(claim.status).toBe(expected ? 'REJECTED' : 'PAID');
    // Every amount the engine decides is written out in its explanation.
    if (claim.status === 'PAID') expect(claim.explanation).toContain(formatAmount(claim.amountFen));
  }
}

describe('the cascade, over random cases', () => {
  it('settles every bill exactly under the default policy', () => {
    fc.assert(
      fc.property(contextArb, (context) => {
        const claims = settle(defaultPolicy, context);
        expectSettled(context, claims);
        expectRejections(defaultPolicy, context, claims);
      }),
      { numRuns: 2000 },
    );
  });

  it('settles every bill exactly with random manual resolutions and forced rejections', () => {
    fc.assert(
      fc.property(contextArb, overridesArb, (context, overrides) => {
        const claims = settle(defaultPolicy, context, overrides);
        expectSettled(context, claims);
        expectRejections(defaultPolicy, context, claims);
        for (const payer of PAYERS) expect(claims.find((c) => c.payer === payer)?.overridden).toBe(overrides[payer] !== undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('settles every bill exactly under random valid policies', () => {
    fc.assert(
      fc.property(policyArb, contextArb, fc.option(overridesArb, { nil: undefined }), (randomPolicy, context, overrides) => {
        const policy = parsePolicy(randomPolicy, HOSPITAL_LEVELS);
        const claims = settle(policy, context, overrides);
        expectSettled(context, claims);
        expectRejections(policy, context, claims);
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets an insurer pay more than the policy-scope amount still owed', () => {
    fc.assert(
      fc.property(policyArb, contextArb, (randomPolicy, context) => {
        const claims = settle(parsePolicy(randomPolicy, HOSPITAL_LEVELS), context);
        const [basic, critical, assistance] = claims.map((c) => c.amountFen) as [number, number, number];
        const scope = context.bill.policyScopeFen;
        expect(basic + critical + assistance).toBeLessThanOrEqual(scope);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('arithmetic and validation, over random inputs', () => {
  it('pct equals floor(x × bp / 10000) computed in BigInt', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: MAX_BILL_FEN })), ratio, (x, bp) => {
        expect(pct(x, bp)).toBe(Number((BigInt(x) * BigInt(bp)) / 10_000n));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a policy with a broken figure and names the field', () => {
    const figurePaths = numericPaths(defaultPolicy);
    const brokenValue = fc.constantFrom(-1, 0.5, 1e20, Number.NaN, '100', null);
    fc.assert(
      fc.property(fc.constantFrom(...figurePaths), brokenValue, (fieldPath, value) => {
        const draft = structuredClone(defaultPolicy) as unknown as Record<string, unknown>;
        setAt(draft, fieldPath, value);
        let error: unknown;
        try {
          parsePolicy(draft, HOSPITAL_LEVELS);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(PolicyError);
        expect((error as PolicyError).issues.map((issue) => issue.path)).toContain(formatPath(fieldPath));
      }),
      { numRuns: 500 },
    );
  });
});

type FieldPath = (string | number)[];

function numericPaths(value: unknown, at: FieldPath = []): FieldPath[] {
  if (typeof value === 'number') return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => numericPaths(item, [...at, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => numericPaths(item, [...at, key]));
  return [];
}

function setAt(root: Record<string, unknown>, fieldPath: FieldPath, value: unknown): void {
  type Node = Record<string | number, unknown>;
  const parent = fieldPath.slice(0, -1).reduce<Node>((node, key) => node[key] as Node, root);
  parent[fieldPath[fieldPath.length - 1]!] = value;
}

function formatPath(fieldPath: FieldPath): string {
  return fieldPath.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}
