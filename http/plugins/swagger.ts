/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests, and
 * the interactive documentation at /docs. Registered before the routes so that it sees them all.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BODY_CONTENT_KEY, type BodyContent } from '../openapi';
import { apiSchemaRegistry } from '../schemas';

const DESCRIPTION = `The Liangzhou district's assistance programs: the person registry, cases of the limb-deformity
surgery program from screening to settlement, and enrolments in the two monthly subsidies.

Every endpoint under /v1 needs \`Authorization: Bearer <JWT>\` (HS256; claims \`sub\`, \`role\` =
officer | civil | finance | official | hospital | admin, \`hospitalId\` for hospitals, \`exp\`);
\`npm run token -- --role officer\` prints one. Refusals are RFC 9457 problem documents (\`application/problem+json\`). Money is integer
fen. Validation error paths are dotted body paths (\`applicant.idNumber\`); query-string and path
parameters are prefixed with \`query.\` and \`params.\`.

**Languages.** Texts a person reads are written in 简体中文 unless English is asked for:
problem documents' \`title\` and \`detail\` and every \`errors[].message\` (the \`path\` never
changes); each claim's \`explanation\` in a case and in \`ClaimDecided\` / \`ClaimResolvedManually\`
events (rendered when read from \`explanationData\`, the template key and figures the policy engine
recorded; claims decided before that was recorded keep the English sentence they stored); the
stuck list's \`detail\`; the roster import's row errors; the settlement sheet. Ask with
\`Accept-Language: en\` (any \`en-*\`) or \`?lang=en\` / \`?lang=zh-CN\` on any endpoint (the parameter
wins over the header, for links); without either the answer is Chinese. Every answer says its
language in \`Content-Language\`. Codes (stages, payers, categories, problem \`type\`), field names
and identifiers are never translated. Money reads ¥12,345.67 and dates Asia/Shanghai in both.`;

const zodTransform = createJsonSchemaTransform({ schemaRegistry: apiSchemaRegistry, skipList: [] });
const zodTransformObject = createJsonSchemaTransformObject({ schemaRegistry: apiSchemaRegistry });

/** The endpoints that create something, and where their Location header points. */
const CREATED_AT: Record<string, string> = {
  'post /v1/cases': 'The case: /v1/cases/{caseId}',
  'post /v1/enrolments': 'The enrolment: /v1/enrolments/{enrolmentId}',
};

type OpenApiPaths = Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>>;

/** Response headers the zod transform cannot express: Location of a new case, Retry-After of a 429 or a 503. */
function documentResponseHeaders(paths: OpenApiPaths | undefined): void {
  for (const [route, operations] of Object.entries(paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const responses = operation.responses ?? {};
      for (const status of ['429', '503']) {
        if (responses[status]) responses[status].headers = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string' } } };
      }
      const created = CREATED_AT[`${method} ${route}`];
      if (created) {
        for (const status of ['200', '201']) {
          if (responses[status]) responses[status].headers = { Location: { description: created, schema: { type: 'string' } } };
        }
      }
    }
  }
}

/**
 * The registry yields an input and an output variant of every named schema; keep only the
 * components some operation reaches, so the document has no dead entries.
 */
const transformObject: typeof zodTransformObject = (document) => {
  const openapi = zodTransformObject(document) as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = openapi.components?.schemas;
  if (!schemas) return openapi as ReturnType<typeof zodTransformObject>;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, member] of Object.entries(value)) {
      if (key === '$ref' && typeof member === 'string' && member.startsWith('#/components/schemas/')) {
        const name = member.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(member);
      }
    }
  };
  visit(openapi.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  documentResponseHeaders(openapi.paths as OpenApiPaths);
  return { ...openapi, components: { ...openapi.components, schemas: kept } } as ReturnType<typeof zodTransformObject>;
};

/** Routes whose body comes in several media types put them under BODY_CONTENT_KEY; this documents them. */
const transform: typeof zodTransform = (document) => {
  const bodyContent = (document.schema as Record<string, unknown> | undefined)?.[BODY_CONTENT_KEY] as BodyContent | undefined;
  if (!bodyContent) return zodTransform(document);
  const { [BODY_CONTENT_KEY]: _documented, body: _validated, ...schema } = document.schema as Record<string, unknown>;
  const transformed = zodTransform({ ...document, schema } as typeof document);
  const content = Object.fromEntries(
    Object.entries(bodyContent).map(([mediaType, zodSchema]) => [
      mediaType,
      { schema: z.toJSONSchema(zodSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) },
    ]),
  );
  return { ...transformed, schema: { ...(transformed.schema as object), body: { content } } } as ReturnType<typeof zodTransform>;
};

export const swaggerPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Liangzhou assistance cases API', version: '1.0.0', description: DESCRIPTION, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
        servers: [{ url: '/', description: 'this server' }],
        tags: [
          { name: 'cases', description: 'Open, track and move cases through their stages' },
          { name: 'persons', description: 'The person registry: register, find, read with every program, record life events' },
          { name: 'enrolments', description: 'Apply for the monthly subsidies and move each application through review, decision and public notice' },
          { name: 'auth', description: 'Sign in with a user name and password, sign out, change the password' },
          { name: 'admin', description: 'Stuck cases, manual claim resolution, sandbox payers, accounts and the sign-in audit' },
          { name: 'stats', description: 'Program statistics' },
          { name: 'service', description: 'Health, readiness, metrics and this document' },
        ],
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
      transform,
      transformObject,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { url: '/openapi.json', deepLinking: true } });
  },
  { name: 'swagger' },
);
