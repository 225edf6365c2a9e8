/** The floor's activities: task round trips and nothing else. */
export function createFloorActivities() {
  return {
    async persistNothing(_events: { caseId: string; seq: number }): Promise<void> {},
    async loadNothing(): Promise<{ version: string }> {
      return { version: 'floor' };
    },
    async submitClaim(_request: { caseId: string; payer: number }): Promise<{ status: 'PAID'; amountFen: number }> {
      return { status: 'PAID', amountFen: 0 };
    },
    // The payroll's activities, by the payroll workflow's names and argument shapes.
    async decideNothing(_input: { payrollId: string; action: string }): Promise<{ stage: string }> {
      return { stage: 'DISBURSING' };
    },
    async planNothing(input: { payrollId: string; batchCount: number }): Promise<{ batchCount: number }> {
      return { batchCount: input.batchCount };
    },
    async sendNothing(_input: { payrollId: string; batchNo: number }): Promise<{ paid: number; returned: number }> {
      return { paid: 0, returned: 0 };
    },
    async reconcileNothing(_input: { payrollId: string }): Promise<{ stage: string }> {
      return { stage: 'RECONCILED' };
    },
  };
}

export type FloorActivities = ReturnType<typeof createFloorActivities>;
