/** Screening rosters: CSV and JSON, good rows opened even when others fail, errors by row and field. */
import { CSV_COLUMNS } from '../../programs/surgery/api/route-schemas';
import { ADMISSION, caseId, idNumber, newCase, withBadCheckDigit } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { eventually } from '../support/eventually';

let api: ApiHarness;
let officer: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  officer = await api.token('officer');
});
afterAll(async () => {
  await api?.close();
});

function csvLine(values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  return CSV_COLUMNS.map((column) => {
    const value = values[column] ?? '';
    return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(',');
}

function importCsv(text: string) {
  return api.call({ method: 'POST', url: '/v1/cases/import', token: officer, headers: { 'content-type': 'text/csv; charset=utf-8' }, payload: text });
}

test('a CSV roster with good and bad rows: good rows open, bad rows are reported by row and column', async () => {
  const good1 = { caseId: caseId('csv'), name: '王五', idNumber: idNumber(), town: '清源镇', diagnosis: '脊柱侧弯', hospitalId: 'wuwei-hand-foot', assistanceCategory: 'TEKUN' };
  const good2 = { caseId: caseId('csv'), name: '赵六', idNumber: idNumber(), phone: '13700000000', town: '丰乐镇', village: '五里村', diagnosis: '"X" 型腿, 双侧', hospitalId: 'liangzhou-people', insured: 'false', assistanceCategory: 'NONE', disabilityCertificate: 'CDPF-1' };
  const minorWithGuardian = { caseId: caseId('csv'), name: '小红', idNumber: idNumber('20160301'), town: '黄羊镇', diagnosis: '多指', hospitalId: 'wuwei-hand-foot', assistanceCategory: 'DIBAO', guardianName: '李娟', guardianPhone: '13600000000', guardianRelation: '母亲' };
  const badCheck = { caseId: caseId('csv'), name: '钱七', idNumber: withBadCheckDigit(idNumber()), town: '清源镇', diagnosis: '脊柱侧弯', hospitalId: 'wuwei-hand-foot', assistanceCategory: 'TEKUN' };
  const minorAlone = { caseId: caseId('csv'), name: '小刚', idNumber: idNumber('20170101'), town: '清源镇', diagnosis: '并指', hospitalId: 'wuwei-hand-foot', assistanceCategory: 'TEKUN' };
  const unknownHospitalAndCategory = { caseId: caseId('csv'), name: '孙八', idNumber: idNumber(), town: '清源镇', diagnosis: 'x', hospitalId: 'nowhere', assistanceCategory: 'RICH' };
  const duplicateOfGood1 = { ...good1, caseId: caseId('csv') };
  const csv = [
    CSV_COLUMNS.join(','),
    csvLine(good1),
    csvLine(badCheck),
    csvLine(good2),
    csvLine(minorAlone),
    csvLine(minorWithGuardian),
    csvLine(unknownHospitalAndCategory),
    'only,three,fields',
    csvLine(duplicateOfGood1),
  ].join('\r\n');

  const response = await importCsv(`\uFEFF${csv}\r\n`);
  expect(response.statusCode).toBe(200);
  const result = response.json();
  expect(result.created).toBe(3);
  expect(result.existing).toBe(0);
  expect(result.caseIds).toEqual([good1.caseId, good2.caseId, minorWithGuardian.caseId]);
  const failed = Object.fromEntries((result.failed as Array<{ row: number; errors: Array<{ path: string }> }>).map((f) => [f.row, f.errors.map((e) => e.path)]));
  expect(failed).toEqual({
    2: ['idNumber'],
    4: ['guardianName'],
    // Every problem of the row at once: the unknown hospital is said with the unknown category.
    6: ['assistanceCategory', 'hospitalId'],
    7: [''],
    8: ['idNumber'],
  });
  expect(JSON.stringify(result)).not.toContain(badCheck.idNumber);

  const opened = (await api.call({ method: 'GET', url: `/v1/cases/${good2.caseId}`, token: officer })).json();
  expect(opened).toMatchObject({ stage: 'SCREENING', insured: false, assistanceCategory: 'NONE', diagnosis: '"X" 型腿, 双侧', applicant: { village: '五里村', phone: '13700000000' } });
  const minor = (await api.call({ method: 'GET', url: `/v1/cases/${minorWithGuardian.caseId}`, token: officer })).json();
  expect(minor.applicant.guardian).toEqual({ name: '李娟', phone: '13600000000', relation: '母亲' });

  // Importing the same roster again is safe: the opened rows come back as existing.
  const again = (await importCsv(csv)).json();
  expect(again.created).toBe(0);
  expect(again.existing).toBe(3);
  expect(again.failed.map((f: { row: number }) => f.row)).toEqual([2, 4, 6, 7, 8]);

  // The roster's progress is in the logs.
  expect(api.logs.some((line) => line.includes('roster import finished'))).toBe(true);
}, 60_000);

test('a CSV with a bad header is refused as a whole', async () => {
  const unknown = await importCsv('caseId,name,idNumber,town,diagnosis,hospitalId,assistanceCategory,shoeSize\nx,y,z,a,b,c,d,e\n');
  expect(unknown.statusCode).toBe(400);
  expect(unknown.json().errors).toEqual([{ path: 'header', message: expect.stringMatching(/shoeSize/) }]);
  const missing = await importCsv('name,town\na,b\n');
  expect(missing.statusCode).toBe(400);
  expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['header', 'header', 'header', 'header']);
  const empty = await importCsv('');
  expect(empty.statusCode).toBe(400);
});

test('a JSON roster: errors by row and body path; rows over 5,000 are refused', async () => {
  const good = newCase();
  const response = await api.call({
    method: 'POST',
    url: '/v1/cases/import',
    token: officer,
    payload: { cases: [good, { ...newCase(), diagnosis: '' }, 'not a case', newCase({ hospitalId: 'nowhere' })] },
  });
  expect(response.statusCode).toBe(200);
  const result = response.json();
  expect(result).toMatchObject({ created: 1, existing: 0, caseIds: [good.caseId] });
  expect(result.failed).toEqual([
    { row: 2, errors: [{ path: 'diagnosis', message: expect.any(String) }] },
    { row: 3, errors: [{ path: '', message: expect.any(String) }] },
    { row: 4, errors: [{ path: 'hospitalId', message: expect.any(String) }] },
  ]);

  const tooMany = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, payload: { cases: Array.from({ length: 5_001 }, () => ({})) } });
  expect(tooMany.statusCode).toBe(400);
  expect(tooMany.json().errors[0].path).toBe('cases');
});

test('a roster of 100 rows opens with bounded parallelism', async () => {
  const town = `批量镇-${Date.now().toString(36)}`;
  const rows = Array.from({ length: 100 }, (_, i) => newCase({ applicant: { name: `村民${i}`, idNumber: idNumber(), town } }));
  const started = Date.now();
  const response = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, payload: { cases: rows } });
  const result = response.json();
  expect(result.failed).toEqual([]);
  expect(result.created).toBe(100);
  // Rows are started, not waited for: the list (which may lag by a few seconds) fills up shortly.
  // A page of 60 with a cursor to more: at least 61 projected (exactly 60 would have no next page yet).
  const listed = await eventually('more than 60 cases listed', async () => {
    const page = (await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent(town)}&limit=60`, token: officer })).json();
    // A full page is not enough: while only 60 rows are projected it has no next page yet.
    return page.items.length === 60 && page.nextCursor !== null ? page : undefined;
  }, 60_000); // correctness, not speed: a busy machine may take a while to project 100 cases
  expect(listed.items).toHaveLength(60);
  // Logged so a slow machine shows in the output rather than as a timeout.
  process.stdout.write(`100-row roster opened in ${Date.now() - started} ms\n`);
}, 120_000);

test('an imported case is readable at once: before its first event is projected, the workflow answers', async () => {
  const id = caseId('unprojected');
  const row = newCase({ caseId: id });
  const result = (await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, payload: { cases: [row] } })).json();
  expect(result).toMatchObject({ created: 1, caseIds: [row.caseId] });
  // As if the projection lagged behind: its row for the case is not there (yet).
  await eventually('the case projected', async () => ((await api.db.selectFrom('cases').select('case_id').where('case_id', '=', id).executeTakeFirst()) ? true : undefined));
  await api.db.deleteFrom('cases').where('case_id', '=', id).execute();

  const read = await api.call({ method: 'GET', url: `/v1/cases/${row.caseId}`, token: officer });
  expect(read.statusCode).toBe(200);
  expect(read.json()).toMatchObject({ caseId: row.caseId, stage: 'SCREENING', hospitalId: row.hospitalId });
  // Scope holds on this path too: another hospital does not see the case; its own hospital is
  // told the stage is wrong (409), as for any case in screening.
  const otherHospital = await api.token('hospital', { hospitalId: 'liangzhou-people' });
  expect((await api.call({ method: 'GET', url: `/v1/cases/${row.caseId}`, token: otherHospital })).statusCode).toBe(404);
  expect((await api.call({ method: 'GET', url: `/v1/cases/${row.caseId}/events`, token: otherHospital })).statusCode).toBe(404);
  const ownHospital = await api.token('hospital', { hospitalId: row.hospitalId });
  const early = await api.call({ method: 'POST', url: `/v1/cases/${row.caseId}/admission`, token: ownHospital, payload: ADMISSION });
  expect(early.statusCode).toBe(409);
  // The timeline reads from the event store: it may lag, it is not missing.
  expect((await api.call({ method: 'GET', url: `/v1/cases/${row.caseId}/events`, token: officer })).statusCode).toBe(200);

  // A registered id whose workflow never started is not found, and costs no error.
  const neverStarted = caseId('never-started');
  await api.db.insertInto('case_registrations').values({ case_id: neverStarted, id_number_index: idNumber(), fingerprint: '{}' }).execute();
  expect((await api.call({ method: 'GET', url: `/v1/cases/${neverStarted}`, token: officer })).statusCode).toBe(404);
  await api.db.deleteFrom('case_registrations').where('case_id', '=', neverStarted).execute();
});
