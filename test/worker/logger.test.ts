/** The worker's logs: one JSON object a line, the SDK's lines included, never an ID number. */
import { Writable } from 'node:stream';
import { createWorkerLoggers } from '../../worker/logger';

const ID_NUMBER = '62060219900101123X';

function capture(): { lines: () => Array<Record<string, any>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line)) };
}

test("the SDK's log lines are written as one JSON line each, at the configured level", () => {
  const out = capture();
  const { sdk } = createWorkerLoggers('info', out.stream);
  sdk.info('claim decided', { caseId: 'LZ-1', payer: 'BASIC_MEDICAL_INSURANCE', amountFen: 2_639_000 });
  sdk.debug('not written at info');
  expect(out.lines()).toEqual([expect.objectContaining({ service: 'worker', msg: 'claim decided', caseId: 'LZ-1', amountFen: 2_639_000, level: 30 })]);
});

test('an ID number in a message, a member or an error is never written', () => {
  const out = capture();
  const { sdk, log } = createWorkerLoggers('info', out.stream);
  sdk.warn(`Activity failed for ${ID_NUMBER}`, { input: { applicant: { idNumber: ID_NUMBER } }, error: new Error(`duplicate key ${ID_NUMBER}`) });
  log.error({ err: new Error(`no case for ${ID_NUMBER}`) }, 'worker failed');
  const written = JSON.stringify(out.lines());
  expect(written).not.toContain(ID_NUMBER);
  expect(out.lines()[0]).toMatchObject({ msg: 'Activity failed for 620602********123X', input: { applicant: { idNumber: '[redacted]' } }, error: { message: 'duplicate key 620602********123X' } });
});
