/**
 * PostgreSQL cannot store the NUL character (U+0000), and jsonb refuses an unpaired UTF-16
 * surrogate. A request carrying either anywhere would pass the schemas and then fail deep down: a
 * query would error, or a case's events could never be written. So it is refused at the edge,
 * with the path where it was found.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { storableTextProblem } from '../../domain/schemas';
import { problems } from '../problems';

const PART_PREFIX = { body: '', query: 'query.', params: 'params.' } as const;

// The rule itself is the domain's (storableTextProblem), the same one the schemas apply.
const isUnstorable = (text: string): boolean => storableTextProblem(text) !== undefined;

/** A member name fit to appear in a path: each character the database cannot store becomes '?'. */
const printableKey = (key: string): string => Array.from(key, (character) => (isUnstorable(character) ? '?' : character)).join('');

/** The dotted path of the first string (or member name) PostgreSQL cannot store, or undefined. */
export function findUnstorableText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path.join('.') : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (isUnstorable(key)) return [...path, printableKey(key)].join('.');
      const found = findUnstorableText(member, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const textGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      for (const part of ['params', 'query', 'body'] as const) {
        const found = findUnstorableText(request[part]);
        if (found !== undefined) {
          throw problems.validation([{ path: `${PART_PREFIX[part]}${found}`.replace(/\.$/, ''), message: 'must be valid Unicode text without the NUL character (U+0000) or unpaired surrogates' }]);
        }
      }
    });
  },
  { name: 'text-guard' },
);
