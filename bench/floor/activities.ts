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
  };
}

export type FloorActivities = ReturnType<typeof createFloorActivities>;
