/** Test helpers of the payroll pages: a payroll as the server shows it, and the two routes as the console has them. */
import { Route, Routes } from 'react-router-dom';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PayrollView } from '../api/types';
import { PayrollListPage } from '../payrolls/PayrollListPage';
import { PayrollPage } from '../payrolls/PayrollPage';

export const PAYROLL_ID = 'payroll-NURSING_SUBSIDY-2026-05';

export function payrollView(overrides: Partial<PayrollView> = {}): PayrollView {
  return {
    payrollId: PAYROLL_ID,
    program: 'NURSING_SUBSIDY',
    period: '2026-05',
    stage: 'DRAFT',
    stageName: '草稿',
    submittedBy: null,
    approvedBy: null,
    rejections: [],
    // Ms Ma's March, April and May at 10000 fen each, nothing paid yet.
    totals: { lines: 3, totalFen: 30_000, paidFen: 0, returnedFen: 0, pendingFen: 30_000 },
    dropped: [],
    openedAt: '2026-05-10T09:00:00+08:00',
    stageEnteredAt: '2026-05-10T09:00:00+08:00',
    ...overrides,
  };
}

/** The list and the payroll page under their own paths, so that going from one to the other can be seen. */
export function PayrollRoutes() {
  return (
    <Routes>
      <Route path="payrolls" element={<PayrollListPage />} />
      <Route path="payrolls/:payrollId" element={<PayrollPage />} />
    </Routes>
  );
}

/** Picks an option of an antd Select by the field's id. */
export async function choose(id: string, option: string) {
  const field = document.getElementById(id);
  if (!field) throw new Error(`no field ${id}`);
  fireEvent.mouseDown(field);
  const options = await screen.findAllByTitle(option);
  await userEvent.click(options[options.length - 1]!);
}
