import {
  assertSettlementInvariant,
  computeClaim,
  pct,
  PolicyError,
  settle,
  SettlementError,
  type ClaimContext,
  type Policy,
  type SettledClaim,
} from '../../programs/surgery/domain/policy/index';
import type { Payer } from '../../programs/surgery/domain/stages';
import { caseContext, defaultPolicy, policyWith } from './policy.fixtures';

function claimOf(claims: SettledClaim[], payer: Payer): SettledClaim {
  const claim = claims.find((c) => c.payer === payer);
  if (!claim) throw new Error(`no claim for ${payer}`);
  return claim;
}

function amounts(claims: SettledClaim[]): number[] {
  return claims.map((c) => c.amountFen);
}

/** The critical-illness claim when basic insurance paid nothing, so r1 = P exactly. */
function criticalFor(policyScopeFen: number, overrides: Partial<ClaimContext> = {}, policy: Policy = defaultPolicy) {
  const context = caseContext({ bill: { totalFen: Math.max(1, policyScopeFen), policyScopeFen }, assistanceCategory: 'NONE', ...overrides });
  return computeClaim(policy, 'CRITICAL_ILLNESS_INSURANCE', context, { BASIC_MEDICAL_INSURANCE: 0 });
}

describe("the policy's worked example", () => {
  const claims = settle(defaultPolicy, caseContext());

  it('pays every payer to the fen, in cascade order', () => {
    expect(claims.map((c) => c.payer)).toEqual([
      'BASIC_MEDICAL_INSURANCE',
      'CRITICAL_ILLNESS_INSURANCE',
      'MEDICAL_ASSISTANCE',
      'DISABILITY_ASSISTANCE',
      'PROVINCIAL_CHARITY',
    ]);
    expect(amounts(claims)).toEqual([5_759_000, 2_118_250, 785_925, 1_600_000, 1_736_825]);
    expect(claims.every((c) => c.status === 'PAID' && c.reason === null && c.reference === null && !c.overridden)).toBe(true);
  });

  it('explains each amount with the figures a person can check', () => {
    const basic = claimOf(claims, 'BASIC_MEDICAL_INSURANCE').explanation;
    expect(basic).toContain('(policy-scope 90,000.00 − deductible 1,400.00) × 65% = 57,590.00');
    expect(basic).toContain('TERTIARY_A');

    const critical = claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE').explanation;
    expect(critical).toContain('90,000.00 − basic insurance 57,590.00 = 32,410.00');
    expect(critical).toContain('Vulnerable household (DIBAO)');
    expect(critical).toContain('5,000.00 × 50% = 2,500.00');
    expect(critical).toContain('+5 points');
    expect(critical).toContain('7,500.00 × 65% (60% + 5 points) = 4,875.00');
    expect(critical).toContain('10,000.00 × 70% (65% + 5 points) = 7,000.00');
    expect(critical).toContain('12,410.00 × 75% (70% + 5 points) = 9,307.50');
    expect(critical).toContain('4,875.00 + 7,000.00 + 9,307.50 = 21,182.50');
    expect(critical).not.toContain('cap');

    const assistance = claimOf(claims, 'MEDICAL_ASSISTANCE').explanation;
    expect(assistance).toContain('DIBAO');
    expect(assistance).toContain('− critical-illness insurance 21,182.50 = 11,227.50');
    expect(assistance).toContain('11,227.50 × 70% = 7,859.25');

    const disability = claimOf(claims, 'DISABILITY_ASSISTANCE').explanation;
    expect(disability).toContain('total 120,000.00 − basic insurance 57,590.00 − critical-illness insurance 21,182.50 − medical assistance 7,859.25 = 33,368.25');
    expect(disability).toContain('capped at 16,000.00');

    const charity = claimOf(claims, 'PROVINCIAL_CHARITY').explanation;
    expect(charity).toContain('− disability assistance 16,000.00 = 17,368.25');
    expect(charity).toContain('patient pays nothing');
  });

  it('gives the same decisions claim by claim, from the amounts paid so far', () => {
    const context = caseContext();
    const paidSoFar: Partial<Record<Payer, number>> = {};
    for (const claim of claims) {
      const decision = computeClaim(defaultPolicy, claim.payer, context, paidSoFar);
      expect(decision.amountFen).toBe(claim.amountFen);
      expect(decision.explanation).toBe(claim.explanation);
      paidSoFar[claim.payer] = decision.amountFen;
    }
  });
});

describe('rejections', () => {
  it('rejects basic and critical-illness insurance as NOT_INSURED when the patient is not enrolled', () => {
    const claims = settle(defaultPolicy, caseContext({ insured: false }));
    for (const payer of ['BASIC_MEDICAL_INSURANCE', 'CRITICAL_ILLNESS_INSURANCE'] as const) {
      expect(claimOf(claims, payer)).toMatchObject({ status: 'REJECTED', amountFen: 0, reason: 'NOT_INSURED' });
      expect(claimOf(claims, payer).explanation).toContain('Not enrolled in resident medical insurance');
    }
    // Medical assistance sees the whole policy-scope amount: 9,000,000 × 70 %.
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').amountFen).toBe(6_000_000); // capped: 6,300,000 > 6,000,000
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').explanation).toContain('90,000.00 × 70% = 63,000.00, capped at 60,000.00');
    expect(amounts(claims).reduce((a, b) => a + b, 0)).toBe(12_000_000);
  });

  it('rejects medical assistance as NOT_ELIGIBLE for category NONE', () => {
    const claim = claimOf(settle(defaultPolicy, caseContext({ assistanceCategory: 'NONE' })), 'MEDICAL_ASSISTANCE');
    expect(claim).toMatchObject({ status: 'REJECTED', amountFen: 0, reason: 'NOT_ELIGIBLE' });
    expect(claim.explanation).toContain('Assistance category NONE');
  });

  it('rejects medical assistance as NOT_ELIGIBLE for a category the policy does not list', () => {
    const onlyDibao = policyWith((p) => {
      p.medicalAssistance.byCategory = { DIBAO: { deductibleFen: 0, ratioBp: 7000, capFen: 6_000_000 } };
    });
    const claim = claimOf(settle(onlyDibao, caseContext({ assistanceCategory: 'TEKUN' })), 'MEDICAL_ASSISTANCE');
    expect(claim).toMatchObject({ status: 'REJECTED', amountFen: 0, reason: 'NOT_ELIGIBLE' });
    expect(claim.explanation).toContain('TEKUN');
    expect(claim.explanation).toContain('only to DIBAO');
  });

  it('rejects disability assistance as NO_CERTIFICATE without a certificate, blank included', () => {
    for (const disabilityCertificate of [null, '', '   ']) {
      const claims = settle(defaultPolicy, caseContext({ disabilityCertificate }));
      expect(claimOf(claims, 'DISABILITY_ASSISTANCE')).toMatchObject({ status: 'REJECTED', amountFen: 0, reason: 'NO_CERTIFICATE' });
      expect(claimOf(claims, 'DISABILITY_ASSISTANCE').explanation).toContain('No disability certificate');
      // The charity takes over the 33,368.25 the disability fund would have shared.
      expect(claimOf(claims, 'PROVINCIAL_CHARITY').amountFen).toBe(3_336_825);
    }
  });

  it('pays disability assistance without a certificate when the policy does not require one', () => {
    const open = policyWith((p) => {
      p.disabilityAssistance.requiresCertificate = false;
    });
    const claim = claimOf(settle(open, caseContext({ disabilityCertificate: null })), 'DISABILITY_ASSISTANCE');
    expect(claim).toMatchObject({ status: 'PAID', amountFen: 1_600_000, reason: null });
    expect(claim.explanation).toContain('requires no certificate');
  });
});

describe('caps', () => {
  it('caps basic insurance at capFen', () => {
    const claim = computeClaim(defaultPolicy, 'BASIC_MEDICAL_INSURANCE', caseContext({ bill: { totalFen: 40_000_000, policyScopeFen: 30_000_000 } }), {});
    // (30,000,000 − 140,000) × 65 % = 19,409,000 > 15,000,000
    expect(claim.amountFen).toBe(15_000_000);
    expect(claim.explanation).toContain('= 194,090.00, capped at 150,000.00');
  });

  it('caps critical-illness insurance at capFen for a household that is not vulnerable', () => {
    const claim = criticalFor(100_000_000);
    // 300,000 + 650,000 + 2,100,000 + 3,750,000 + (100,000,000 − 10,000,000) × 80 % = 78,800,000 > 40,000,000
    expect(claim.amountFen).toBe(40_000_000);
    expect(claim.explanation).toContain('= 788,000.00, capped at 400,000.00');
  });

  it('does not cap critical-illness insurance for a vulnerable household when noCap', () => {
    const claim = criticalFor(100_000_000, { assistanceCategory: 'TEKUN' });
    // d = 250,000: 750,000×65 % + 1,000,000×70 % + 3,000,000×75 % + 5,000,000×80 % + 90,000,000×85 %
    expect(claim.amountFen).toBe(487_500 + 700_000 + 2_250_000 + 4_000_000 + 76_500_000);
    expect(claim.explanation).toContain('no cap for vulnerable households (the 400,000.00 cap does not apply)');
  });

  it('caps a vulnerable household too when the policy says noCap: false', () => {
    const capped = policyWith((p) => {
      p.criticalIllness.vulnerable.noCap = false;
    });
    const claim = criticalFor(100_000_000, { assistanceCategory: 'TEKUN' }, capped);
    expect(claim.amountFen).toBe(40_000_000);
    expect(claim.explanation).toContain('capped at 400,000.00');
  });

  it('caps medical assistance at the category capFen', () => {
    const context = caseContext({ assistanceCategory: 'TEKUN', bill: { totalFen: 50_000_000, policyScopeFen: 50_000_000 } });
    const claim = computeClaim(defaultPolicy, 'MEDICAL_ASSISTANCE', context, { BASIC_MEDICAL_INSURANCE: 0, CRITICAL_ILLNESS_INSURANCE: 0 });
    expect(claim.amountFen).toBe(10_000_000);
    expect(claim.explanation).toContain('500,000.00 × 100% = 500,000.00, capped at 100,000.00');
  });

  it('caps disability assistance at capFen, and pays under it in full', () => {
    expect(claimOf(settle(defaultPolicy, caseContext()), 'DISABILITY_ASSISTANCE').amountFen).toBe(1_600_000);
    const small = settle(defaultPolicy, caseContext({ bill: { totalFen: 1_000_000, policyScopeFen: 0 } }));
    expect(claimOf(small, 'DISABILITY_ASSISTANCE').amountFen).toBe(1_000_000);
    expect(claimOf(small, 'DISABILITY_ASSISTANCE').explanation).not.toContain('capped');
    expect(claimOf(small, 'PROVINCIAL_CHARITY').amountFen).toBe(0);
  });
});

describe('critical-illness bands', () => {
  it.each([
    [499_999, 0],
    [500_000, 0], // at the deductible
    [500_001, 0], // 1 fen × 60 % rounds down
    [999_999, 299_999], // 499,999 × 60 % = 299,999.4
    [1_000_000, 300_000], // exactly at the second band's edge: the second band adds nothing
    [1_000_001, 300_000],
    [1_000_100, 300_065],
    [2_000_000, 950_000],
    [5_000_000, 3_050_000],
    [10_000_000, 6_800_000],
    [12_000_000, 8_400_000], // last band is open
  ])('r1 = %i fen pays %i fen', (r1, expected) => {
    expect(criticalFor(r1).amountFen).toBe(expected);
  });

  it('explains a case at or below the deductible', () => {
    const claim = criticalFor(500_000);
    expect(claim).toMatchObject({ status: 'PAID', amountFen: 0 });
    expect(claim.explanation).toContain('Deductible 5,000.00; 5,000.00 does not exceed it, so it pays 0.00');
  });

  it('lists only the bands used, each from its lower edge', () => {
    const claim = criticalFor(1_000_100);
    expect(claim.explanation).toContain('5,000.00 to 10,000.00: 5,000.00 × 60% = 3,000.00');
    expect(claim.explanation).toContain('10,000.00 to 10,001.00: 1.00 × 65% = 0.65');
    expect(claim.explanation).not.toContain('20,000.00');
  });

  it('starts every band at the deductible when the deductible lies above band edges', () => {
    const high = policyWith((p) => {
      p.criticalIllness.deductibleFen = 3_000_000;
    });
    // bands 0 and 1 end below d; band 2 covers [3,000,000, 5,000,000) at 70 %.
    expect(criticalFor(4_000_000, {}, high).amountFen).toBe(700_000);
    expect(criticalFor(4_000_000, {}, high).explanation).toContain('30,000.00 to 40,000.00: 10,000.00 × 70% = 7,000.00');
    // Vulnerable: d = 1,500,000, so band 1 covers [1,500,000, 2,000,000) at 70 %.
    expect(criticalFor(4_000_000, { assistanceCategory: 'DIBAO' }, high).amountFen).toBe(350_000 + 1_500_000);
  });

  it('caps the vulnerable ratio at 100%', () => {
    const generous = policyWith((p) => {
      p.criticalIllness.bands = [
        { fromFen: 0, ratioBp: 9800 },
        { fromFen: 1_000_000, ratioBp: 10_000 },
      ];
    });
    const claim = criticalFor(2_000_000, { assistanceCategory: 'RETURNED_POOR' }, generous);
    // d = 250,000: 750,000 × 100 % + 1,000,000 × 100 %
    expect(claim.amountFen).toBe(1_750_000);
    expect(claim.explanation).toContain('× 100% (98% + 5 points, at most 100%)');
    expect(criticalFor(2_000_000, {}, generous).amountFen).toBe(490_000 + 1_000_000);
  });

  it('uses the vulnerable tilt only for the categories the policy lists', () => {
    const onlyTekun = policyWith((p) => {
      p.criticalIllness.vulnerable.categories = ['TEKUN'];
    });
    expect(criticalFor(1_000_000, { assistanceCategory: 'DIBAO' }, onlyTekun).amountFen).toBe(300_000);
    expect(criticalFor(1_000_000, { assistanceCategory: 'TEKUN' }, onlyTekun).amountFen).toBe(487_500);
  });
});

describe('basic insurance by hospital level', () => {
  it.each([
    ['TERTIARY_A', 559_000, '1,400.00', '65%'],
    ['TERTIARY', 658_000, '600.00', '70%'],
    ['SECONDARY', 768_000, '400.00', '80%'],
    ['PRIMARY', 833_000, '200.00', '85%'],
  ] as const)('%s pays %i fen on a policy-scope of 1,000,000', (hospitalLevel, expected, deductible, ratio) => {
    const claim = computeClaim(defaultPolicy, 'BASIC_MEDICAL_INSURANCE', caseContext({ hospitalLevel, bill: { totalFen: 1_000_000, policyScopeFen: 1_000_000 } }), {});
    expect(claim.amountFen).toBe(expected);
    expect(claim.explanation).toContain(`${hospitalLevel} hospital`);
    expect(claim.explanation).toContain(`deductible ${deductible}) × ${ratio}`);
  });

  it('pays 0 when the policy-scope amount is below the deductible, and the cascade still settles', () => {
    const context = caseContext({ bill: { totalFen: 300_000, policyScopeFen: 100_000 } });
    const claims = settle(defaultPolicy, context);
    expect(claimOf(claims, 'BASIC_MEDICAL_INSURANCE')).toMatchObject({ status: 'PAID', amountFen: 0 });
    expect(claimOf(claims, 'BASIC_MEDICAL_INSURANCE').explanation).toContain('policy-scope 1,000.00 does not exceed the deductible 1,400.00');
    expect(claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE').amountFen).toBe(0);
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').amountFen).toBe(70_000);
    expect(amounts(claims).reduce((a, b) => a + b, 0)).toBe(300_000);
  });

  it('refuses a case at a hospital level the policy lacks', () => {
    const partial = policyWith((p) => {
      delete p.basicInsurance.byHospitalLevel.PRIMARY;
      p.version = 'no-primary';
    }, ['TERTIARY_A', 'TERTIARY', 'SECONDARY']);
    expect(() => computeClaim(partial, 'BASIC_MEDICAL_INSURANCE', caseContext({ hospitalLevel: 'PRIMARY' }), {})).toThrow(PolicyError);
    expect(() => computeClaim(partial, 'BASIC_MEDICAL_INSURANCE', caseContext({ hospitalLevel: 'PRIMARY' }), {})).toThrow(
      'policy no-primary: basicInsurance.byHospitalLevel.PRIMARY: is missing',
    );
  });
});

describe('a policy whose categories differ from the default', () => {
  const dibaoOnly = policyWith((p) => {
    p.version = 'dibao-only';
    p.criticalIllness.vulnerable.categories = ['DIBAO'];
    p.medicalAssistance.byCategory = { DIBAO: { deductibleFen: 100_000, ratioBp: 5000, capFen: 2_000_000 } };
  });

  it('applies its deductible, ratio and tilt to DIBAO', () => {
    const claims = settle(dibaoOnly, caseContext());
    expect(claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE').amountFen).toBe(2_118_250);
    // (1,122,750 − 100,000) × 50 % = 511,375
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').amountFen).toBe(511_375);
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').explanation).toContain('(11,227.50 − deductible 1,000.00) × 50% = 5,113.75');
  });

  it('treats RETURNED_POOR as neither vulnerable nor eligible', () => {
    const claims = settle(dibaoOnly, caseContext({ assistanceCategory: 'RETURNED_POOR' }));
    // r1 = 3,241,000, d = 500,000: 500,000 × 60 % + 1,000,000 × 65 % + 1,241,000 × 70 %
    expect(claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE').amountFen).toBe(300_000 + 650_000 + 868_700);
    expect(claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE').explanation).toContain('Deductible 5,000.00');
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE')).toMatchObject({ status: 'REJECTED', reason: 'NOT_ELIGIBLE' });
  });

  it('pays medical assistance 0 when what is owed does not exceed its deductible', () => {
    const context = caseContext({ bill: { totalFen: 500_000, policyScopeFen: 200_000 } });
    const claim = computeClaim(dibaoOnly, 'MEDICAL_ASSISTANCE', context, { BASIC_MEDICAL_INSURANCE: 120_000 });
    expect(claim).toMatchObject({ status: 'PAID', amountFen: 0 });
    expect(claim.explanation).toContain('does not exceed the deductible 1,000.00');
  });
});

describe('amounts actually paid earlier', () => {
  it('lets later payers see a manual resolution or a forced rejection', () => {
    const claims = settle(defaultPolicy, caseContext(), {
      BASIC_MEDICAL_INSURANCE: { status: 'PAID', amountFen: 1_000_000, reason: null, reference: 'MANUAL-1', explanation: 'resolved by hand' },
      MEDICAL_ASSISTANCE: { status: 'REJECTED', amountFen: 0, reason: 'OUTAGE', reference: null, explanation: 'rejected by hand' },
    });
    // r1 = 8,000,000, d = 250,000: 487,500 + 700,000 + 3,000,000 × 75 % + 3,000,000 × 80 %
    expect(claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE').amountFen).toBe(487_500 + 700_000 + 2_250_000 + 2_400_000);
    expect(claimOf(claims, 'BASIC_MEDICAL_INSURANCE')).toMatchObject({ overridden: true, reference: 'MANUAL-1' });
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE')).toMatchObject({ overridden: true, amountFen: 0 });
    expect(amounts(claims).reduce((a, b) => a + b, 0)).toBe(12_000_000);
  });

  it('takes a manual resolution in the resolve-claim shape and explains it', () => {
    const claims = settle(defaultPolicy, caseContext(), {
      CRITICAL_ILLNESS_INSURANCE: { status: 'PAID', amountFen: 1_000_000, reference: 'OFFLINE-42' },
      DISABILITY_ASSISTANCE: { status: 'REJECTED', reason: 'FUND_CLOSED' },
    });
    expect(claimOf(claims, 'CRITICAL_ILLNESS_INSURANCE')).toMatchObject({
      status: 'PAID',
      amountFen: 1_000_000,
      reason: null,
      reference: 'OFFLINE-42',
      explanation: 'Resolved by hand: paid 10,000.00 (reference OFFLINE-42).',
      overridden: true,
    });
    expect(claimOf(claims, 'DISABILITY_ASSISTANCE')).toMatchObject({ status: 'REJECTED', amountFen: 0, reason: 'FUND_CLOSED', explanation: 'Rejected by hand: FUND_CLOSED; pays 0.00.' });
    // r2 = 9,000,000 − 5,759,000 − 1,000,000 = 2,241,000; × 70 %
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').amountFen).toBe(1_568_700);
    expect(amounts(claims).reduce((a, b) => a + b, 0)).toBe(12_000_000);
    expect(() => settle(defaultPolicy, caseContext(), { CRITICAL_ILLNESS_INSURANCE: { status: 'PAID' } })).toThrow('a paid claim needs an amount');
  });

  it('passes what is owed to an override function', () => {
    const seen: number[] = [];
    const claims = settle(defaultPolicy, caseContext(), {
      CRITICAL_ILLNESS_INSURANCE: ({ owedFen, computed }) => {
        seen.push(owedFen, computed.amountFen);
        return { ...computed, amountFen: owedFen, explanation: 'paid everything by hand' };
      },
    });
    expect(seen).toEqual([12_000_000 - 5_759_000, 2_118_250]);
    expect(amounts(claims)).toEqual([5_759_000, 6_241_000, 0, 0, 0]);
    expect(claimOf(claims, 'MEDICAL_ASSISTANCE').explanation).toContain('critical-illness insurance 62,410.00 = −30,000.00, so 0.00');
  });

  it('refuses an override outside 0…owed, a paying rejection, and a charity that leaves something owed', () => {
    const decision = (amountFen: number, status: 'PAID' | 'REJECTED' = 'PAID') => ({ status, amountFen, reason: status === 'REJECTED' ? 'X' : null, reference: null, explanation: 'by hand' });
    expect(() => settle(defaultPolicy, caseContext(), { BASIC_MEDICAL_INSURANCE: decision(12_000_001) })).toThrow(SettlementError);
    expect(() => settle(defaultPolicy, caseContext(), { BASIC_MEDICAL_INSURANCE: decision(-1) })).toThrow('non-negative integer');
    expect(() => settle(defaultPolicy, caseContext(), { BASIC_MEDICAL_INSURANCE: decision(0.5) })).toThrow('non-negative integer');
    expect(() => settle(defaultPolicy, caseContext(), { MEDICAL_ASSISTANCE: decision(5, 'REJECTED') })).toThrow('a rejected claim pays 0');
    expect(() => settle(defaultPolicy, caseContext(), { PROVINCIAL_CHARITY: decision(1) })).toThrow('pays exactly what is still owed (1736825 fen)');
    expect(() => settle(defaultPolicy, caseContext(), { PROVINCIAL_CHARITY: decision(0, 'REJECTED') })).toThrow('cannot reject');
    expect(amounts(settle(defaultPolicy, caseContext(), { PROVINCIAL_CHARITY: decision(1_736_825) }))[4]).toBe(1_736_825);
  });

  it('ignores later payers in paidSoFar and refuses impossible earlier payments', () => {
    const context = caseContext();
    const basic = computeClaim(defaultPolicy, 'BASIC_MEDICAL_INSURANCE', context, { PROVINCIAL_CHARITY: 99 });
    expect(basic.amountFen).toBe(5_759_000);
    expect(() => computeClaim(defaultPolicy, 'PROVINCIAL_CHARITY', context, { BASIC_MEDICAL_INSURANCE: 12_000_001 })).toThrow(RangeError);
    expect(() => computeClaim(defaultPolicy, 'MEDICAL_ASSISTANCE', context, { BASIC_MEDICAL_INSURANCE: -5 })).toThrow(RangeError);
    expect(() => computeClaim(defaultPolicy, 'MEDICAL_ASSISTANCE', context, { BASIC_MEDICAL_INSURANCE: 1.5 })).toThrow(RangeError);
  });

  it('refuses an impossible bill', () => {
    for (const bill of [
      { totalFen: 0, policyScopeFen: 0 },
      { totalFen: 100, policyScopeFen: 101 },
      { totalFen: 100.5, policyScopeFen: 0 },
      { totalFen: 100, policyScopeFen: -1 },
    ]) {
      expect(() => computeClaim(defaultPolicy, 'BASIC_MEDICAL_INSURANCE', caseContext({ bill }), {})).toThrow(RangeError);
    }
  });
});

describe('integer arithmetic', () => {
  it('computes pct exactly where x × bp passes 2^53', () => {
    const x = Number.MAX_SAFE_INTEGER;
    expect(pct(x, 9999)).toBe(Number((BigInt(x) * 9999n) / 10000n));
    expect(pct(x, 10_000)).toBe(x);
    expect(pct(x, 0)).toBe(0);
    expect(pct(19_999, 5000)).toBe(9_999);
  });

  it('refuses non-integer inputs', () => {
    expect(() => pct(1.5, 100)).toThrow(RangeError);
    expect(() => pct(100, 10_001)).toThrow(RangeError);
    expect(() => pct(-1, 100)).toThrow(RangeError);
  });
});

describe('assertSettlementInvariant', () => {
  it('accepts amounts that sum to the total, as a list or by payer', () => {
    expect(() => assertSettlementInvariant(12_000_000, [5_759_000, 2_118_250, 785_925, 1_600_000, 1_736_825])).not.toThrow();
    expect(() => assertSettlementInvariant(100, { BASIC_MEDICAL_INSURANCE: 0, PROVINCIAL_CHARITY: 100 })).not.toThrow();
  });

  it('names what is wrong', () => {
    expect(() => assertSettlementInvariant(100, [50, 40])).toThrow('payments sum to 90 fen but the bill is 100 fen (out-of-pocket 10 fen)');
    expect(() => assertSettlementInvariant(100, [60, 50])).toThrow('overpaid by 10 fen');
    expect(() => assertSettlementInvariant(100, { BASIC_MEDICAL_INSURANCE: -10, PROVINCIAL_CHARITY: 110 })).toThrow('BASIC_MEDICAL_INSURANCE is -10');
    expect(() => assertSettlementInvariant(100, [99.5, 0.5])).toThrow('amount #1 is 99.5');
    expect(() => assertSettlementInvariant(100, [Number.NaN, 100])).toThrow(SettlementError);
    expect(() => assertSettlementInvariant(0, [])).toThrow('positive integer');
  });
});
