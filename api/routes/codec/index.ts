/**
 * The codec server of the Temporal Web UI (`--ui-codec-endpoint http://<api>/codec`): the UI sends
 * the encrypted payloads of a history to /codec/decode and shows what comes back. Admins only:
 * decoded payloads carry ID numbers. Not in the OpenAPI document: the protocol is Temporal's, its
 * only client the UI, and its body is validated here all the same.
 */
import { ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { payloadFromJson, payloadToJson } from '../../../codec/payload-json';
import { problems } from '../../problems';
import { allowUiOrigins } from './cors';

export interface CodecRoutesOptions {
  codec: PayloadCodec;
  /** Browser origins of the Temporal Web UI (config.temporal.uiOrigins). */
  uiOrigins: readonly string[];
}

const payloadsBodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.base64()).optional(), data: z.base64().optional() })),
});

const ADMIN = { roles: ['admin'] as const };
const OPERATIONS = ['decode', 'encode'] as const;

export const codecRoutes: FastifyPluginAsyncZod<CodecRoutesOptions> = async (app, { codec, uiOrigins }) => {
  allowUiOrigins(
    app as unknown as FastifyInstance,
    uiOrigins,
    OPERATIONS.map((operation) => `/codec/${operation}`),
  );
  for (const operation of OPERATIONS) {
    app.route({
      method: 'POST',
      url: `/codec/${operation}`,
      config: ADMIN,
      schema: { hide: true, body: payloadsBodySchema },
      handler: async (request) => {
        let converted: Payload[];
        try {
          converted = await codec[operation](request.body.payloads.map(payloadFromJson));
        } catch (error) {
          // An unknown key id or an altered payload: say which, as the codec words it.
          if (error instanceof ValueError) throw problems.unprocessable(error.message);
          throw error;
        }
        request.log.info({ operation, payloads: converted.length }, 'codec server');
        return { payloads: converted.map(payloadToJson) };
      },
    });
  }
};
