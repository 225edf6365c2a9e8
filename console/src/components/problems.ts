/**
 * The API's problem documents and zod issues in words a clerk understands. Field paths
 * ("applicant.idNumber") are the same in the API's errors and in our forms' field names.
 */
import type { MessageKey } from '../i18n/zh-CN';
import type { Translate } from '../i18n/I18nProvider';
import { ApiError, type FieldError } from '../api/problem';

/** Known messages of the shared schemas and of zod, to a message key. First match wins. */
const MESSAGE_PATTERNS: [RegExp, MessageKey][] = [
  [/must be 17 digits/i, 'issue.idFormat'],
  [/impossible birth date/i, 'issue.idBirthDate'],
  [/wrong check character/i, 'issue.idCheckDigit'],
  [/under 18/i, 'issue.guardianRequired'],
  [/not a hospital in the registry/i, 'issue.unknownHospital'],
  [/letters, digits or hyphens/i, 'issue.caseIdFormat'],
  [/must not exceed totalFen/i, 'issue.scopeOverTotal'],
  [/deposit-free|must be 0/i, 'issue.depositZero'],
  [/unless the applicant is eligible/i, 'issue.reasonRequired'],
  [/required when status is PAID/i, 'issue.amountRequired'],
  [/required when status is REJECTED/i, 'issue.rejectReasonRequired'],
  [/required when overridePolicy/i, 'issue.overrideNoteRequired'],
  [/8–32 digits/i, 'issue.accountNo'],
  [/must be a month, YYYY-MM/i, 'issue.month'],
  [/must be a day, YYYY-MM-DD|not a day of the calendar/i, 'issue.day'],
  [/required when approved is false/i, 'issue.refusalReason'],
  [/datetime|date-time/i, 'issue.dateTime'],
  [/received NaN/i, 'issue.required'],
  [/expected number to be >=1|expected number to be >0/i, 'issue.positive'],
  [/expected number to be >=0/i, 'issue.nonNegative'],
  [/expected int|integer/i, 'issue.integer'],
  [/expected .*, received undefined|is required|required/i, 'issue.required'],
  [/too small: expected string/i, 'issue.required'],
  [/unrecognized key/i, 'issue.unknownField'],
  [/invalid option|expected one of/i, 'issue.invalidOption'],
];

export function fieldMessage(t: Translate, message: string): string {
  const tooBig = /<=\s*(\d+)\s*characters/i.exec(message);
  if (tooBig) return t('issue.tooLong', { max: tooBig[1]! });
  for (const [pattern, key] of MESSAGE_PATTERNS) if (pattern.test(message)) return t(key);
  return message;
}

/** Field labels for error summaries outside a form (the import's per-row errors). */
const FIELD_LABELS: Record<string, MessageKey> = {
  caseId: 'field.caseId',
  'applicant.name': 'field.name',
  'applicant.idNumber': 'field.idNumber',
  'applicant.phone': 'field.phone',
  'applicant.town': 'field.town',
  'applicant.village': 'field.village',
  'applicant.guardian': 'field.guardian',
  'applicant.guardian.name': 'field.guardianName',
  'applicant.guardian.phone': 'field.guardianPhone',
  'applicant.guardian.relation': 'field.guardianRelation',
  diagnosis: 'field.diagnosis',
  hospitalId: 'field.hospital',
  insured: 'field.insured',
  assistanceCategory: 'field.assistanceCategory',
  disabilityCertificate: 'field.disabilityCertificate',
  // CSV column names, as the import may report them
  name: 'field.name',
  idNumber: 'field.idNumber',
  phone: 'field.phone',
  town: 'field.town',
  village: 'field.village',
  guardianName: 'field.guardianName',
  guardianPhone: 'field.guardianPhone',
  guardianRelation: 'field.guardianRelation',
  // the data match's list columns
  type: 'dataMatch.column.type',
  on: 'dataMatch.column.on',
  source: 'dataMatch.column.source',
};

export function fieldLabel(t: Translate, path: string): string {
  const key = FIELD_LABELS[path];
  return key ? t(key) : path;
}

export function describeFieldError(t: Translate, error: FieldError): string {
  return `${fieldLabel(t, error.path)}: ${fieldMessage(t, error.message)}`;
}

/** The rules a 422 not-eligible names (the person failed each); none for any other error. */
export function ineligibilityReasonsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.slug !== 'not-eligible') return [];
  const reasons = error.problem.reasons;
  return Array.isArray(reasons) ? reasons.filter((reason): reason is string => typeof reason === 'string') : [];
}

/** The payroll a 409 payroll-open names: the program's payroll not yet reconciled. */
export function openPayrollIdOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.slug !== 'payroll-open') return undefined;
  const id = error.problem.openPayrollId;
  return typeof id === 'string' ? id : undefined;
}

/** One sentence for an error from the API (or the network), whatever it was. */
export function describeError(t: Translate, error: unknown, stageName?: (stage: string) => string): string {
  if (!(error instanceof ApiError)) return t('problem.server', { status: '?' });
  const problem = error.problem;
  switch (error.slug) {
    case 'validation':
      return t('problem.validation');
    case 'unauthorized':
      return t('problem.unauthorized');
    case 'forbidden':
      return t('problem.forbidden');
    case 'invalid-credentials':
      return t('problem.invalidCredentials');
    case 'password-change-required':
      return t('problem.passwordChangeRequired');
    case 'locked':
      return t('problem.locked', { minutes: String(Math.max(1, Math.ceil((problem.retryAfter ?? 900) / 60))) });
    case 'not-found':
      return t('problem.notFound');
    case 'stage-conflict':
      return t('problem.stageConflict', { stage: problem.currentStage ? (stageName ? stageName(problem.currentStage) : problem.currentStage) : '?' });
    case 'duplicate-case':
      return t('problem.duplicateCase', { caseId: problem.existingCaseId ?? '?' });
    case 'duplicate-person':
      return t('problem.duplicatePerson', { personId: problem.existingPersonId ?? '?' });
    case 'idempotency-conflict':
      return t('problem.idempotencyConflict');
    case 'four-eyes':
      return t('problem.fourEyes');
    case 'gone':
      return t('problem.gone');
    case 'unprocessable':
      return t('problem.unprocessable', { detail: problem.detail ?? problem.title });
    case 'rate-limited':
      return t('problem.rateLimited');
    case 'person-inactive':
      return t('problem.personInactive');
    case 'duplicate-enrolment':
      return t('problem.duplicateEnrolment', { enrolmentId: typeof problem.existingEnrolmentId === 'string' ? problem.existingEnrolmentId : '?' });
    case 'not-eligible':
      return t('problem.notEligible', { reasons: ineligibilityReasonsOf(error).map((reason) => t(`ineligibility.${reason}` as MessageKey)).join('；') });
    case 'payroll-open':
      return t('problem.payrollOpen', { payrollId: openPayrollIdOf(error) ?? '?' });
    case 'network':
      return t('problem.network');
    default:
      return t('problem.server', { status: error.status });
  }
}

/** antd Form.setFields entries for a validation problem's errors; paths the form lacks are returned apart. */
export function formFieldErrors(
  t: Translate,
  errors: FieldError[],
  formHasField: (path: string) => boolean,
): { fields: { name: (string | number)[]; errors: string[] }[]; unplaced: string[] } {
  const byPath = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const error of errors) {
    const path = formHasField(error.path) ? error.path : nearestParent(error.path, formHasField);
    if (path === undefined) {
      unplaced.push(describeFieldError(t, error));
      continue;
    }
    // Two rules of one field may read the same to a clerk (a blank day is both malformed and no calendar day): say it once.
    const message = fieldMessage(t, error.message);
    const messages = byPath.get(path) ?? [];
    if (!messages.includes(message)) byPath.set(path, [...messages, message]);
  }
  return {
    fields: [...byPath].map(([path, messages]) => ({ name: path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors: messages })),
    unplaced,
  };
}

function nearestParent(path: string, has: (path: string) => boolean): string | undefined {
  const parts = path.split('.');
  while (parts.length > 1) {
    parts.pop();
    const candidate = parts.join('.');
    if (has(candidate)) return candidate;
  }
  return undefined;
}
