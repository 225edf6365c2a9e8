/**
 * What the data match's fault scenarios share: persons straight into the registry, a list sent over
 * real HTTP in 64 KiB writes, /healthz watched while it is read, and the life events a batch made.
 */
import http from 'node:http';
import type { Kysely } from 'kysely';
import { insertPerson } from '../../../store/persons';
import type { Database } from '../../../store/schema';
import { idNumber } from '../../api/fixtures';
import { uniqueId } from '../../support/stack';
import { inParallel } from './cases';

/** Registered persons, straight into the registry: their ID numbers and ids. */
export async function seedPersons(db: Kysely<Database>, count: number): Promise<Array<{ personId: string; idNumber: string }>> {
  const run = uniqueId('dm');
  const persons = Array.from({ length: count }, (_, i) => ({ personId: `${run}-p${i}`, idNumber: idNumber() }));
  await inParallel(persons, 4, async ({ personId, idNumber: number }) => {
    const outcome = await insertPerson(db, personId, { idNumber: number, name: '测试人员', town: '黄羊镇', assistanceCategory: 'DIBAO', disability: null }, `seed-${personId}`);
    if (outcome.kind !== 'registered') throw new Error(`person ${personId}: ${outcome.kind}`);
  });
  return persons;
}

/** Sends the list in 64 KiB writes; resolves with the status and body once the answer comes. */
export function upload(body: Buffer, to: { baseUrl: string; token: string }): Promise<{ status: number; body: string }> {
  const url = new URL('/v1/persons/life-events/import', to.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${to.token}`, 'content-type': 'text/csv' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    let offset = 0;
    const writeMore = (): void => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

/** /healthz every 20 ms until `until` settles; the slowest answer in ms. */
export async function slowestHealthAnswer(until: Promise<unknown>, baseUrl: string): Promise<number> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  let slowest = 0;
  const t0 = performance.now();
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/healthz`);
    await response.text();
    if (performance.now() - started >= 100) process.stdout.write(`slow /healthz: ${Math.round(performance.now() - started)} ms, ${Math.round(started - t0)} ms into the import\n`);
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return slowest;
}

export function listOf(rows: Array<{ idNumber: string; name: string }>, on: string): Buffer {
  return Buffer.from(`idNumber,name,type,on,source\r\n${rows.map((row) => `${row.idNumber},${row.name},DIED,${on},公安局\r\n`).join('')}`);
}

export async function lifeEventsOfBatch(db: Kysely<Database>, batchId: string): Promise<{ events: number; persons: number }> {
  const row = await db
    .selectFrom('person_life_events')
    .select([(eb) => eb.fn.countAll<string>().as('events'), (eb) => eb.fn.count<string>('person_id').distinct().as('persons')])
    .where('event_id', 'like', `${batchId}-%`)
    .executeTakeFirstOrThrow();
  return { events: Number(row.events), persons: Number(row.persons) };
}
