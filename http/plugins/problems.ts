/**
 * The one error handler: every refusal becomes an RFC 9457 problem document. Validation errors
 * from the zod type provider, body-parser errors, auth and domain refusals and Temporal failures
 * all end here; handlers never build error bodies themselves.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { FieldIssue } from '../../domain/fields';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problems } from '../problems';
import { problemFromTemporalError } from '../temporal-errors';

const PART_PREFIX: Record<string, string> = { body: '', querystring: 'query.', params: 'params.', headers: 'headers.' };

function fieldPath(instancePath: string, context: string | undefined): string {
  const inner = instancePath.split('/').filter(Boolean).join('.');
  const prefix = PART_PREFIX[context ?? 'body'] ?? '';
  return prefix ? `${prefix}${inner}`.replace(/\.$/, '') : inner;
}

function toProblem(error: unknown, request: FastifyRequest): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const issues: FieldIssue[] = error.validation.map((issue) => ({ path: fieldPath(issue.instancePath, context), message: issue.message ?? 'is not valid' }));
    return problems.validation(issues);
  }
  const temporal = problemFromTemporalError(error);
  if (temporal) return temporal;
  const fastifyError = error as Partial<FastifyError>;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Malformed JSON, an unsupported media type, a body too large: the request itself is bad.
    if (fastifyError.statusCode === 404) return problems.notFound(`no route ${request.method} ${request.url.split('?')[0]}`);
    return problems.validation([{ path: '', message: fastifyError.message ?? 'the request cannot be read' }], fastifyError.message ?? 'the request cannot be read');
  }
  return problems.internal();
}

export interface ProblemsOptions {
  /** Gets a chance to answer an unknown route first (the console's single-page-app fallback). */
  notFoundFallback?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

export const problemsPlugin = fp(
  async (app: FastifyInstance, options: ProblemsOptions) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error, request);
      if (problem.status >= 500) {
        const what = isResponseSerializationError(error as Error) ? 'response did not match its schema' : 'request failed';
        request.log.error({ err: error }, what);
      } else {
        request.log.info({ problem: problem.slug, status: problem.status }, 'request refused');
      }
      if (problem.status === 503) void reply.header('retry-after', '5');
      if (problem.extra.retryAfter !== undefined) void reply.header('retry-after', String(problem.extra.retryAfter));
      return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem.toDocument(request.lang));
    });

    app.setNotFoundHandler(async (request, reply) => {
      if (options.notFoundFallback && (await options.notFoundFallback(request, reply))) return reply;
      const problem = problems.notFound(`no route ${request.method} ${request.url.split('?')[0]}`);
      return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(problem.toDocument(request.lang));
    });
  },
  { name: 'problems' },
);
