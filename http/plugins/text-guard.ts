/**
 * PostgreSQL cannot store the NUL character (U+0000), and jsonb refuses an unpaired UTF-16
 * surrogate. A request carrying either anywhere would pass the schemas and then fail deep down: a
 * query would error, or a case's events could never be written. So it is refused at the edge,
 * with the path where it was found. The walk is iterative and stops at a nesting depth no request
 * of the API comes near: a body nested 100,000 levels deep is refused, not a stack overflow.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldIssue } from '../../domain/fields';
import { storableTextProblem } from '../../domain/fields';
import { problems } from '../problems';

const PART_PREFIX = { body: '', query: 'query.', params: 'params.' } as const;

/** The deepest request body is a roster: { cases: [ { applicant: { guardian: { … } } } ] }. */
export const MAX_NESTING_DEPTH = 32;

const UNSTORABLE_MESSAGE = 'must be valid Unicode text without the NUL character (U+0000) or unpaired surrogates';
const TOO_DEEP_MESSAGE = `is nested deeper than ${MAX_NESTING_DEPTH} levels`;

// The rule itself is the domain's (storableTextProblem), the same one the schemas apply.
const isUnstorable = (text: string): boolean => storableTextProblem(text) !== undefined;

/** A member name fit to appear in a path: each character the database cannot store becomes '?'. */
const printableKey = (key: string): string => Array.from(key, (character) => (isUnstorable(character) ? '?' : character)).join('');

interface Pending {
  value: unknown;
  path: string[];
  /** The member name under which `value` sits, checked when it is visited (so in document order). */
  key?: string;
}

/** The first string or member name PostgreSQL cannot store, or the first value nested too deep, in document order. */
export function findTextProblem(root: unknown, maxDepth = MAX_NESTING_DEPTH): FieldIssue | undefined {
  const pending: Pending[] = [{ value: root, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, key } = next;
    if (key !== undefined && isUnstorable(key)) return { path: [...path.slice(0, -1), printableKey(key)].join('.'), message: UNSTORABLE_MESSAGE };
    if (typeof value === 'string') {
      if (isUnstorable(value)) return { path: path.join('.'), message: UNSTORABLE_MESSAGE };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= maxDepth) return { path: path.join('.'), message: TOO_DEEP_MESSAGE };
    // Pushed last to first, so that the first member is looked at first.
    const members = Array.isArray(value) ? value.map((member, i) => [String(i), member, false] as const) : Object.entries(value).map(([name, member]) => [name, member, true] as const);
    for (let i = members.length - 1; i >= 0; i--) {
      const [name, member, isKey] = members[i]!;
      pending.push({ value: member, path: [...path, name], key: isKey ? name : undefined });
    }
  }
  return undefined;
}

/** The dotted path of the first string (or member name) PostgreSQL cannot store, or undefined. */
export function findUnstorableText(value: unknown): string | undefined {
  const found = findTextProblem(value, Number.POSITIVE_INFINITY);
  return found?.path;
}

export const textGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      for (const part of ['params', 'query', 'body'] as const) {
        const found = findTextProblem(request[part]);
        if (found !== undefined) {
          throw problems.validation([{ path: `${PART_PREFIX[part]}${found.path}`.replace(/\.$/, ''), message: found.message }]);
        }
      }
    });
  },
  { name: 'text-guard' },
);
