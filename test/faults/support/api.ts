/**
 * The HTTP API for fault tests: in this process (buildApp, listening on a free port, spoken to
 * over real HTTP) or as a child process (child-processes.ts), with a token per role.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { projectClient } from '../../../temporal/client';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../../api/app';
import { ROLES, type Role } from '../../../domain/actor';
import { signToken } from '../../../http/auth/tokens';
import { caseDataConverter, casePayloadCodec } from '../../../codec/data-converter';
import { loadConfig } from '../../../config/config';
import { loadHospitalRegistry } from '../../../config/hospitals';
import type { Database } from '../../../store/schema';
import { freePort } from '../../../dev/ports';
import { admissionOk, dischargeOk, screeningOk, surgeryOk, workedExampleCase } from '../../fixtures/cases';

/** A token per role, and a second administrator's: money by hand needs two. */
export type Tokens = Record<Role, string> & { secondAdmin: string };

export async function tokensFor(secret: string, hospitalId = 'wuwei-hand-foot'): Promise<Tokens> {
  const sign = async (role: Role, sub = `fault-${role}`) => (await signToken(secret, { role, sub, hospitalId: role === 'hospital' ? hospitalId : undefined, ttlSeconds: 3_600 })).token;
  const byRole = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await sign(role)] as const))) as Record<Role, string>;
  return { ...byRole, secondAdmin: await sign('admin', 'fault-admin-2') };
}

export function newAuthSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** One JSON request; throws only when no answer came back at all (connection refused or reset). */
export async function http(baseUrl: string, method: string, url: string, token: string | undefined, body?: unknown, timeoutMs?: number): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
}

export interface InProcessApi {
  baseUrl: string;
  tokens: Tokens;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface InProcessApiOptions {
  db: Kysely<Database>;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  dataDir: string;
  env?: Record<string, string>;
}

export async function startInProcessApi(options: InProcessApiOptions): Promise<InProcessApi> {
  const secret = newAuthSecret();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TASK_QUEUE: options.taskQueue,
    DATA_DIR: options.dataDir,
    AUTH_SECRET: secret,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const connection = await Connection.connect({ address: options.temporalAddress });
  const payloadCodec = casePayloadCodec(config);
  const temporal = projectClient({ connection, namespace: config.temporal.namespace, dataConverter: caseDataConverter(payloadCodec) });
  const log = fs.createWriteStream(path.join(options.dataDir, 'api.log'), { flags: 'a' });
  const app = await buildApp({
    config,
    db: options.db,
    temporal,
    hospitals: loadHospitalRegistry(config.hospitalsFile),
    authSecret: secret,
    payloadCodec,
    consoleDir: null,
    logStream: { write: (line: string) => void log.write(line) },
  });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tokens: await tokensFor(secret),
    app,
    async close() {
      await app.close();
      await connection.close();
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
  };
}

/** The body of POST /v1/cases for a new adult applicant, with the client's own case id. */
export function newCaseBody(caseId: string): Record<string, unknown> {
  return { caseId, ...workedExampleCase() };
}

export const transitionBodies = {
  screening: screeningOk,
  admission: admissionOk,
  surgery: surgeryOk,
  discharge: (bill: { totalFen: number; policyScopeFen: number }) => ({ ...dischargeOk, bill }),
};
