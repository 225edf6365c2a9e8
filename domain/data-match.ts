/**
 * The monthly data match: lists of deaths, household-registration moves and changes of assistance
 * category that other offices send each month, matched against the person registry by ID number
 * and applied as life events. The words here are shared by the API (import, reviews, report) and
 * by the batch workflow; no ID number ever leaves the store in these shapes but masked.
 */
import { z } from 'zod';
import { ASSISTANCE_CATEGORIES, assistanceCategorySchema, idNumberSchema, isoDaySchema, storableString, type AssistanceCategory } from './fields';
import { CATEGORY_TERMS } from './glossary';
import type { Texts } from './i18n/lang';

/** Most rows one list may have: a month of a district's deaths and moves, with room to spare. */
export const MAX_MATCH_ROWS = 50_000;

/** The life events a list may carry; the registry's other events are recorded one by one. */
export const MATCH_EVENT_TYPES = ['DIED', 'MOVED_OUT', 'ASSISTANCE_CHANGED'] as const;
export type MatchEventType = (typeof MATCH_EVENT_TYPES)[number];

export const MATCH_EVENT_TERMS: Record<MatchEventType, Texts> = {
  DIED: { 'zh-CN': '死亡', en: 'died' },
  MOVED_OUT: { 'zh-CN': '迁出', en: 'moved out' },
  ASSISTANCE_CHANGED: { 'zh-CN': '救助类别变更', en: 'assistance category changed' },
};

/** The list's columns by the API's names; each has a Chinese header a clerk's spreadsheet may use instead. */
export const MATCH_COLUMNS = ['idNumber', 'name', 'type', 'on', 'source', 'assistanceCategory'] as const;
export type MatchColumn = (typeof MATCH_COLUMNS)[number];
export const REQUIRED_MATCH_COLUMNS: readonly MatchColumn[] = ['idNumber', 'name', 'type', 'on', 'source'];
export const MATCH_HEADERS: Record<MatchColumn, string> = {
  idNumber: '身份证号',
  name: '姓名',
  type: '事件',
  on: '日期',
  source: '来源',
  assistanceCategory: '救助类别',
};

export function matchColumnOf(header: string): MatchColumn | undefined {
  const name = header.trim().replace(/\s*[*＊]$/, '');
  if ((MATCH_COLUMNS as readonly string[]).includes(name)) return name as MatchColumn;
  return MATCH_COLUMNS.find((column) => MATCH_HEADERS[column] === name);
}

/** An event type by its code or its Chinese word (死亡); the text as given when it is neither. */
export function matchEventTypeOf(text: string): string {
  const value = text.trim();
  if ((MATCH_EVENT_TYPES as readonly string[]).includes(value.toUpperCase())) return value.toUpperCase();
  return MATCH_EVENT_TYPES.find((type) => MATCH_EVENT_TERMS[type]['zh-CN'] === value) ?? value;
}

/** A category by its code or its Chinese label (低保对象); the text as given when it is neither. */
export function matchCategoryOf(text: string): string {
  const value = text.trim();
  if ((ASSISTANCE_CATEGORIES as readonly string[]).includes(value.toUpperCase())) return value.toUpperCase();
  return ASSISTANCE_CATEGORIES.find((code) => CATEGORY_TERMS[code]['zh-CN'] === value) ?? value;
}

/** One row of a list as read (types and categories already by code): checked field by field. */
export const matchRowSchema = z
  .strictObject({
    idNumber: idNumberSchema,
    name: storableString.trim().min(1).max(64),
    type: z.enum(MATCH_EVENT_TYPES),
    on: isoDaySchema,
    source: storableString.trim().min(1).max(64),
    assistanceCategory: assistanceCategorySchema.optional(),
  })
  .superRefine((row, ctx) => {
    if (row.type === 'ASSISTANCE_CHANGED' && row.assistanceCategory === undefined) ctx.addIssue({ code: 'custom', path: ['assistanceCategory'], message: 'is required for ASSISTANCE_CHANGED' });
    if (row.type !== 'ASSISTANCE_CHANGED' && row.assistanceCategory !== undefined) ctx.addIssue({ code: 'custom', path: ['assistanceCategory'], message: 'is only for ASSISTANCE_CHANGED' });
  });
export type MatchRow = z.infer<typeof matchRowSchema> & { assistanceCategory?: AssistanceCategory };

/**
 * Where a row of a batch stands. PENDING until the workflow reaches it; then APPLIED (a life event
 * recorded), ALREADY_APPLIED (the registry had the person deceased or moved out already: nothing
 * left to do), NOT_IN_REGISTRY, or QUEUED (the name differs: a person decides, ACCEPTED applies it,
 * REJECTED drops it).
 */
export const MATCH_ROW_STATUSES = ['PENDING', 'APPLIED', 'ALREADY_APPLIED', 'NOT_IN_REGISTRY', 'QUEUED', 'ACCEPTED', 'REJECTED'] as const;
export type MatchRowStatus = (typeof MATCH_ROW_STATUSES)[number];

export const MATCH_REVIEW_STATUSES = ['QUEUED', 'ACCEPTED', 'REJECTED'] as const;
export type MatchReviewStatus = (typeof MATCH_REVIEW_STATUSES)[number];

export const BATCH_STATUSES = ['RUNNING', 'DONE'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** A batch is named by its content: `LB-` and 24 hex digits of a SHA-256 of the list's text. */
export const batchIdSchema = z.string().regex(/^LB-[0-9a-f]{24}$/, 'must be a batch id such as LB-0123456789abcdef01234567');

/** A review is a queued row of a batch: `<batchId>-<row>`. */
export const reviewIdSchema = z.string().regex(/^LB-[0-9a-f]{24}-[1-9][0-9]{0,5}$/, 'must be a review id such as LB-0123456789abcdef01234567-12');

export function reviewIdOf(batchId: string, row: number): string {
  return `${batchId}-${row}`;
}

export function parseReviewId(id: string): { batchId: string; row: number } {
  const at = id.lastIndexOf('-');
  return { batchId: id.slice(0, at), row: Number(id.slice(at + 1)) };
}

/** The life event's id of a batch's row: the same file imported again names the same events. */
export function batchEventId(batchId: string, row: number): string {
  return `${batchId}-${row}`;
}

const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const failedMatchRowSchema = z.object({
  row: z.number().int().describe('1-based, the header not counted'),
  line: z.number().int().describe('the line of the file, the header being line 1'),
  errors: z.array(fieldIssueSchema),
});
export type FailedMatchRow = z.infer<typeof failedMatchRowSchema>;

export const matchEffectsSchema = z.object({
  enrolmentsTerminated: z.number().int(),
  casesWithdrawn: z.number().int(),
  pairingsClosed: z.number().int(),
  overpaymentFen: z.number().int().describe('months paid beyond the event, to be recovered'),
});
export type MatchEffects = z.infer<typeof matchEffectsSchema>;

export const batchProgressSchema = z.object({ done: z.number().int(), total: z.number().int() });

export const batchResultSchema = z.object({
  batchId: z.string(),
  status: z.enum(BATCH_STATUSES),
  rows: z.number().int().describe('data rows of the file, read or not'),
  applied: z.number().int().describe('rows applied as life events (accepted reviews included)'),
  alreadyApplied: z.number().int().describe('rows whose person the registry had as deceased or moved out already'),
  notInRegistry: z.number().int(),
  queued: z.number().int().describe('rows waiting for a review (the name differs from the registry\'s)'),
  failed: z.array(failedMatchRowSchema),
  effects: matchEffectsSchema,
  progress: batchProgressSchema.optional().describe('while RUNNING: rows matched so far'),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

export const batchSummarySchema = z.object({
  batchId: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  fileName: z.string().nullable().optional(),
  rows: z.number().int(),
  applied: z.number().int(),
  queued: z.number().int(),
  notInRegistry: z.number().int(),
  status: z.enum(BATCH_STATUSES),
  progress: batchProgressSchema,
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;
export const batchListSchema = z.object({ items: z.array(batchSummarySchema), nextCursor: z.string().nullable() });
export type BatchList = z.infer<typeof batchListSchema>;

export const batchListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});

export const matchReviewSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  row: z.number().int(),
  listName: z.string(),
  registryName: z.string(),
  personId: z.string(),
  idNumber: z.string().describe('masked'),
  type: z.enum(MATCH_EVENT_TYPES),
  on: z.string(),
  source: z.string(),
  assistanceCategory: z.string().nullable(),
  status: z.enum(MATCH_REVIEW_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type MatchReview = z.infer<typeof matchReviewSchema>;

export const matchReviewListSchema = z.object({ items: z.array(matchReviewSchema), nextCursor: z.string().nullable() });
export type MatchReviewList = z.infer<typeof matchReviewListSchema>;

export const matchReviewQuerySchema = z.strictObject({
  batchId: batchIdSchema.optional(),
  status: z.enum(MATCH_REVIEW_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});

export const rejectReviewSchema = z.strictObject({ reason: storableString.trim().min(1).max(500) });

const lifeEventEffectView = z.object({
  program: z.string(),
  id: z.string(),
  stageBefore: z.string(),
  stageAfter: z.string(),
  overpaymentFen: z.number().int(),
});

/** A decided review: what applying its row did, summed as a batch's effects are, and item by item. */
export const decidedReviewSchema = matchReviewSchema.extend({ effects: matchEffectsSchema, changes: z.array(lifeEventEffectView) });
export type DecidedReview = z.infer<typeof decidedReviewSchema>;
