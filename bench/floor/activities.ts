/** The floor's payer call: an activity task round trip and nothing else. */
export function createFloorActivities() {
  return {
    async submitClaim(_request: { caseId: string; payer: number }): Promise<{ status: 'PAID'; amountFen: number }> {
      return { status: 'PAID', amountFen: 0 };
    },
  };
}

export type FloorActivities = ReturnType<typeof createFloorActivities>;
