/**
 * /v1/persons: the person registry. Register (idempotent on the client's `personId`), look up by
 * ID number, search by name, read one with their programs. An ID number travels only in a body:
 * the lookup is a POST, and no path or query parameter takes one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newPersonSchema, personDetailSchema, personLookupSchema, personViewSchema } from '../../../domain/persons';
import { principalOf } from '../../../http/plugins/auth';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { personIdParamsSchema, personListQuerySchema, personListSchema } from '../../../http/schemas';
import type { PersonService } from '../../services/persons.service';
import type { LifeEventService } from '../../services/life-events.service';
import { newLifeEventSchema } from '../../../domain/life-events';
import { lifeEventResultSchema } from '../../../domain/persons';

export interface PersonRoutesOptions {
  persons: PersonService;
  lifeEvents: LifeEventService;
}

// The roles that keep the registry; civil affairs reads it to decide on subsidies. The hospital
// role, finance and the paired officials have no business with it.
const KEEPERS = ['officer', 'admin'] as const;
const READERS = ['officer', 'civil', 'admin'] as const;
const TAGS = ['persons'];

export const personRoutes: FastifyPluginAsyncZod<PersonRoutesOptions> = async (app, { persons, lifeEvents }) => {
  app.route({
    method: 'POST',
    url: '/v1/persons',
    config: { roles: KEEPERS },
    schema: {
      tags: TAGS,
      operationId: 'registerPerson',
      summary: 'Register a person',
      description:
        'A person is registered once, by resident ID number. An ID number already registered: 409 `duplicate-person` ' +
        'with `existingPersonId`. The same `personId` with the same body again answers 200; with a different body 409 ' +
        '`idempotency-conflict`. A `personId` is generated when absent; send your own to make retries answer 200. ' +
        'A `personId` may not itself be a resident ID number.',
      security: BEARER_SECURITY,
      body: newPersonSchema,
      response: {
        201: personViewSchema.describe('The person was registered; `Location` names them'),
        200: personViewSchema.describe('The same person was registered before with the same body'),
        ...securedProblemResponses(409),
      },
    },
    handler: async (request, reply) => {
      const { created, view } = await persons.register(request.body, principalOf(request));
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/persons/${encodeURIComponent(view.personId)}`)
        .send(view);
    },
  });

  app.route({
    method: 'POST',
    url: '/v1/persons/lookup',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'lookupPerson',
      summary: 'Find a person by ID number',
      description: 'The ID number goes in the body, never in a URL: URLs end up in logs and browser histories. 404 when nobody is registered with it.',
      security: BEARER_SECURITY,
      body: personLookupSchema,
      response: { 200: personViewSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => persons.lookup(request.body.idNumber, principalOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/v1/persons',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listPersons',
      summary: 'Search persons by name',
      description: 'By name, then id. `q` matches any part of the name; `town` narrows to one town. To find someone by ID number, use `POST /v1/persons/lookup`.',
      security: BEARER_SECURITY,
      querystring: personListQuerySchema,
      response: { 200: personListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => persons.list(request.query, principalOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/v1/persons/:personId',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'getPerson',
      summary: 'Read a person with their programs',
      description: 'The person, their status, and every case they are in, newest first, with what the payers have paid. A case shows here once it is projected (seconds after an import).',
      security: BEARER_SECURITY,
      params: personIdParamsSchema,
      response: { 200: personDetailSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => persons.get(request.params.personId, principalOf(request)),
  });

  app.route({
    method: 'POST',
    url: '/v1/persons/:personId/life-events',
    config: { roles: KEEPERS },
    schema: {
      tags: TAGS,
      operationId: 'recordLifeEvent',
      summary: 'Record a life event of a person',
      description:
        'Changes the person from the day given (`DIED` → `DECEASED`, `MOVED_OUT` → `MOVED_OUT`, or new disability or category) and ' +
        'delivers the event to every open case of the person; answers once each has applied it, with what it did to each. ' +
        'A surgery case before discharge ends `WITHDRAWN` on `DIED` or `MOVED_OUT`; after discharge, and for the other events, ' +
        'the event is recorded and the case goes on. The same `eventId` with the same body again answers 200 with the same effects; ' +
        'with a different body 409 `idempotency-conflict`. A person already `DECEASED` or `MOVED_OUT`: 422 `person-inactive`.',
      security: BEARER_SECURITY,
      params: personIdParamsSchema,
      body: newLifeEventSchema,
      response: { 200: lifeEventResultSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => lifeEvents.apply(request.params.personId, request.body, principalOf(request), request.clientGone),
  });
};
