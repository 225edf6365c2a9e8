/**
 * The kinds of life event, apart from their schemas (life-events.ts): a workflow deciding what an
 * event means needs these constants, not zod (which the sandbox would build again for each
 * workflow in its cache).
 */
export const LIFE_EVENT_TYPES = ['DIED', 'MOVED_OUT', 'DISABILITY_CHANGED', 'ASSISTANCE_CHANGED'] as const;
export type LifeEventType = (typeof LIFE_EVENT_TYPES)[number];

/** The events after which a person is no longer in the district's programs. */
export const ENDING_LIFE_EVENTS: readonly LifeEventType[] = ['DIED', 'MOVED_OUT'];
