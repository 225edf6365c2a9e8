import type { PairingView } from '../api/types';

/** A pairing as the API answers it; the overrides make the case a test needs. */
export function pairingView(overrides: Partial<PairingView> = {}): PairingView {
  return {
    pairingId: 'PR-1',
    personId: 'P-1',
    person: { name: '李秀英', town: '黄羊镇' },
    category: 'SEVERE_DISABILITY',
    stage: 'ACTIVE',
    official: { sub: 'official-1', name: '王建国', unit: '凉州区民政局' },
    overdue: false,
    dueAt: '2027-02-01T16:00:00.000Z',
    overdueReason: null,
    lastContactOn: '2026-11-03',
    contacts: 1,
    visits: 1,
    visitsLastYear: 1,
    visitsPerYear: 2,
    needs: 0,
    matters: 0,
    mattersValueFen: 0,
    mattersValueFenByFunder: { PERSONAL: 0, UNIT: 0, CHARITY: 0 },
    referrals: [],
    closedReason: null,
    closedOn: null,
    openedAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-03T02:00:00.000Z',
    ...overrides,
  };
}
