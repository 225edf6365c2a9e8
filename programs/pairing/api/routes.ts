/**
 * /v1/pairings: create, reassign, the official's contacts, needs, matters and referrals, list,
 * read, timeline; /v1/stats/pairings. Who may take an action is the pairing core's table, so the
 * route and the workflow never disagree; whose pairing it is, the service checks.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Role } from '../../../domain/actor';
import { scrubIdNumbers } from '../../../domain/id-number';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { principalOf } from '../../../http/plugins/auth';
import type { Database } from '../../../store/schema';
import { pairingRolesFor, type PairingActionKind } from '../domain/index';
import { pairingFigures } from '../store/pairing-stats';
import './problem-texts';
import type { PairingService } from './pairings.service';
import {
  contactSchema,
  matterSchema,
  needSchema,
  newPairingSchema,
  pairingEventListSchema,
  pairingIdParamsSchema,
  pairingListQuerySchema,
  pairingListSchema,
  pairingStatsQuerySchema,
  pairingStatsSchema,
  pairingViewSchema,
  reassignSchema,
  referralResultSchema,
  referralSchema,
} from './schemas';

export interface PairingRoutesOptions {
  pairings: PairingService;
  db: Kysely<Database>;
}

const TAGS = ['pairings'];
/** Officers and administrators read every pairing; an official reads their own. */
const READERS = ['officer', 'admin', 'official'] as const satisfies readonly Role[];
/** The district's figures: those who arrange pairings and publish them. */
const STATS_READERS = ['officer', 'civil', 'admin'] as const satisfies readonly Role[];

function rolesOf(action: PairingActionKind): Role[] {
  return pairingRolesFor(action).filter((role): role is Exclude<typeof role, 'system'> => role !== 'system');
}

const CSV_COLUMNS = ['town', 'officials', 'persons', 'contacts', 'visits', 'matters', 'mattersValueFen', 'personalFen', 'unitFen', 'charityFen'] as const;

function csvCell(value: string | number): string {
  const text = String(value);
  // A cell a spreadsheet would read as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const pairingRoutes: FastifyPluginAsyncZod<PairingRoutesOptions> = async (app, { pairings, db }) => {
  app.addHook('preHandler', async (request, reply) => {
    const pairingId = (request.params as { pairingId?: unknown } | undefined)?.pairingId;
    if (typeof pairingId === 'string') {
      request.log = request.log.child({ pairingId: scrubIdNumbers(pairingId) });
      reply.log = request.log;
    }
  });

  app.route({
    method: 'POST',
    url: '/v1/pairings',
    config: { roles: rolesOf('create') },
    schema: {
      tags: TAGS,
      operationId: 'createPairing',
      summary: 'Pair a person in need with an official',
      description:
        'Opens a pairing in `ACTIVE` and starts its workflow. The same `pairingId` with the same body again answers 200 and changes nothing; ' +
        'with a different body 409 `idempotency-conflict`. An open pairing of the person: 409 `duplicate-pairing` (with `existingPairingId`). ' +
        'A person who died or moved out: 422 `person-inactive`. A `personId` not in the registry: 400.',
      security: BEARER_SECURITY,
      body: newPairingSchema,
      response: { 201: pairingViewSchema.describe('The pairing was created; `Location` names it'), 200: pairingViewSchema.describe('The same pairing was created before'), ...securedProblemResponses(409, 422) },
    },
    handler: async (request, reply) => {
      const { created, view } = await pairings.create(request.body, principalOf(request), request.log, request.clientGone);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/pairings/${encodeURIComponent(view.pairingId)}`)
        .send(view);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/pairings',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listPairings',
      summary: 'List pairings, newest first',
      description: 'Filters combine. An official sees only their own pairings. `limit` 1–200 (50), `cursor` the previous page\'s `nextCursor`.',
      security: BEARER_SECURITY,
      querystring: pairingListQuerySchema,
      response: { 200: pairingListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => pairings.list(request.query, principalOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/v1/pairings/:pairingId',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'getPairing',
      summary: 'Read a pairing',
      description: "Shows every write that has already returned. Another official's pairing: 404.",
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      response: { 200: pairingViewSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => pairings.get(request.params.pairingId, principalOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/v1/pairings/:pairingId/events',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listPairingEvents',
      summary: "A pairing's timeline",
      description: "`seq` from 1 upward with no gaps; the notes, needs and matters' descriptions in `data.text`. Another official's pairing: 404.",
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      response: { 200: pairingEventListSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => ({ items: await pairings.listEvents(request.params.pairingId, principalOf(request)) }),
  });

  const official = `For the pairing's own official (another's: 404). On a closed pairing: 409 \`stage-conflict\`.`;
  const repeat = (id: string) => ` The same \`${id}\` with the same body again answers 200 and changes nothing; with a different body 409 \`idempotency-conflict\`.`;

  app.route({
    method: 'POST',
    url: '/v1/pairings/:pairingId/reassign',
    config: { roles: rolesOf('reassign') },
    schema: {
      tags: TAGS,
      operationId: 'reassignPairing',
      summary: 'Give the pairing to another official',
      description: 'The former official loses access to the pairing as this answers. Reassigning to the official already paired changes nothing.',
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      body: reassignSchema,
      response: { 200: pairingViewSchema, ...securedProblemResponses(404, 409) },
    },
    handler: async (request) => pairings.reassign(request.params.pairingId, request.body, principalOf(request), request.clientGone),
  });

  app.route({
    method: 'POST',
    url: '/v1/pairings/:pairingId/contacts',
    config: { roles: rolesOf('contact') },
    schema: {
      tags: TAGS,
      operationId: 'logPairingContact',
      summary: 'Log a visit, a call or another contact',
      description: `${official} Clears the pairing's overdue flag when it moves the next contact's due time past now.${repeat('eventId')}`,
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      body: contactSchema,
      response: { 200: pairingViewSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => pairings.contact(request.params.pairingId, request.body, principalOf(request), request.clientGone),
  });

  app.route({
    method: 'POST',
    url: '/v1/pairings/:pairingId/needs',
    config: { roles: rolesOf('need') },
    schema: {
      tags: TAGS,
      operationId: 'logPairingNeed',
      summary: 'Log a need the person has',
      description: `${official}${repeat('eventId')}`,
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      body: needSchema,
      response: { 200: pairingViewSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => pairings.need(request.params.pairingId, request.body, principalOf(request), request.clientGone),
  });

  app.route({
    method: 'POST',
    url: '/v1/pairings/:pairingId/matters',
    config: { roles: rolesOf('matter') },
    schema: {
      tags: TAGS,
      operationId: 'logPairingMatter',
      summary: 'Log a practical matter done for the person',
      description: `${official} \`fundedBy\` is PERSONAL, UNIT or CHARITY: public funds go through a program, not here (400).${repeat('matterId')}`,
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      body: matterSchema,
      response: { 200: pairingViewSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => pairings.matter(request.params.pairingId, request.body, principalOf(request), request.clientGone),
  });

  app.route({
    method: 'POST',
    url: '/v1/pairings/:pairingId/referrals',
    config: { roles: rolesOf('referral') },
    schema: {
      tags: TAGS,
      operationId: 'referFromPairing',
      summary: 'Refer the person to a program',
      description:
        `${official} Opens a subsidy enrolment in \`TOWN_REVIEW\` (\`bankAccount\` required) or a surgery case in \`SCREENING\` ` +
        '(`hospitalId` and `diagnosis` required), or names the one already open (`created: false`).' + repeat('eventId'),
      security: BEARER_SECURITY,
      params: pairingIdParamsSchema,
      body: referralSchema,
      response: { 200: referralResultSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => pairings.referral(request.params.pairingId, request.body, principalOf(request), request.clientGone),
  });

  app.route({
    method: 'GET',
    url: '/v1/stats/pairings',
    config: { roles: STATS_READERS },
    schema: {
      tags: ['stats'],
      operationId: 'getPairingStats',
      summary: 'Pairing statistics, by town',
      description:
        'Contacts, visits and matters (with their value by funder) by the day they happened, from `from` through `to` (YYYY-MM-DD, both optional); ' +
        'officials and persons with a pairing open at some time in the period. The same figures as CSV: `/v1/stats/pairings.csv`.',
      security: BEARER_SECURITY,
      querystring: pairingStatsQuerySchema,
      response: { 200: pairingStatsSchema, ...securedProblemResponses() },
    },
    handler: async (request) => pairingFigures(db, request.query),
  });

  app.route({
    method: 'GET',
    url: '/v1/stats/pairings.csv',
    config: { roles: STATS_READERS },
    schema: {
      tags: ['stats'],
      operationId: 'getPairingStatsCsv',
      summary: 'Pairing statistics, by town, as CSV',
      description: 'One line per town and a last line 合计 for the district; values in fen. UTF-8 with a byte-order mark, so that spreadsheet programs read it right.',
      security: BEARER_SECURITY,
      querystring: pairingStatsQuerySchema,
      response: { 200: { description: 'The figures by town', content: { 'text/csv': { schema: z.string() } } }, ...securedProblemResponses() },
    },
    handler: async (request, reply) => {
      const figures = await pairingFigures(db, request.query);
      const rows = [...figures.byTown, { ...figures, town: '合计' }].map((row) =>
        [row.town, row.officials, row.persons, row.contacts, row.visits, row.matters, row.mattersValueFen, row.mattersValueFenByFunder.PERSONAL, row.mattersValueFenByFunder.UNIT, row.mattersValueFenByFunder.CHARITY]
          .map(csvCell)
          .join(','),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="pairings.csv"').send(`\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`);
    },
  });
};
