/**
 * The codec server of the Temporal Web UI (`--ui-codec-endpoint http://<api>/codec`) and CLI
 * (`--codec-endpoint`): they send a history's encrypted payloads to /codec/decode and show what
 * comes back. Admins only: decoded payloads carry ID numbers. The bearer token comes in the
 * Authorization header (the CLI's --codec-auth, a UI with a sign-in passing its access token) or in
 * the URL, /codec/<token>/decode: the codec settings of a UI without sign-in (the embedded dev
 * server's) hold nothing but an endpoint, and the protocol only looks at the URL's last segment.
 * Such URLs are masked in the logs (api/logging.ts). Not in the OpenAPI document: the protocol is
 * Temporal's, not this API's; the body is validated here all the same.
 */
import { ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { payloadFromJson, payloadToJson } from '../../../codec/payload-json';
import { problems } from '../../../http/problems';
import { allowUiOrigins } from './cors';

export interface CodecRoutesOptions {
  codec: PayloadCodec;
  /** Browser origins of the Temporal Web UI (config.temporal.uiOrigins). */
  uiOrigins: readonly string[];
}

// Protobuf JSON leaves out empty members: the CLI sends `{}` for an empty list, a payload may lack data.
const payloadsBodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.base64()).optional(), data: z.base64().optional() })).default([]),
});

const ADMIN = { roles: ['admin'] as const, tokenParam: 'token' };
const OPERATIONS = ['decode', 'encode'] as const;
const URLS = OPERATIONS.flatMap((operation) => [`/codec/${operation}`, `/codec/:token/${operation}`] as const);
const operationOf = (url: string) => (url.endsWith('/decode') ? 'decode' : 'encode');

export const codecRoutes: FastifyPluginAsyncZod<CodecRoutesOptions> = async (app, { codec, uiOrigins }) => {
  allowUiOrigins(app as unknown as FastifyInstance, uiOrigins, URLS);
  for (const url of URLS) {
    const operation = operationOf(url);
    app.route({
      method: 'POST',
      url,
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
