/**
 * The catalogue's invariants, whatever programs it lists: ids, workflow types and id prefixes are
 * unique, a workflow id names exactly one program's item and gives its id back, every waiting
 * stage has a service-level default the configuration can read, the search attributes to register
 * are every program's, and the worker's bundle exports every catalogue workflow.
 */
import fc from 'fast-check';
import { loadConfig } from '../../config/config';
import { parseDurationMs } from '../../config/duration';
import { PROGRAM_IDS, PROGRAM_ITEM_KINDS } from '../../domain/programs';
import { PROGRAM_CATALOGUE, programEntry, programOfWorkflowId, registeredSearchAttributes } from '../../programs/catalogue';
import { workflowNaming, type ProgramEntry } from '../../programs/program-entry';
import { surgeryProgram } from '../../programs/surgery/program';
import { caseWorkflowId, SEARCH_ATTRIBUTE_DEFINITIONS } from '../../programs/surgery/workflow/definitions';
import * as workflowBundle from '../../programs/workflows';

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** Ids as clients send them, and anything else a workflow id could carry after its prefix. */
const itemIds = fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/), fc.string({ minLength: 1, maxLength: 80 }));

describe('the catalogue', () => {
  test('lists the surgery program, by an id of the shared vocabulary', () => {
    expect(programEntry('SURGERY')).toBe(surgeryProgram);
    for (const program of PROGRAM_CATALOGUE) {
      expect(PROGRAM_IDS).toContain(program.id);
      expect(PROGRAM_ITEM_KINDS).toContain(program.itemKind);
      expect(program.name['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(program.name.en).toMatch(/^[A-Z]/);
    }
  });

  test('ids, workflow types and id prefixes are unique, and no prefix starts another', () => {
    expect(distinct(PROGRAM_CATALOGUE.map((p) => p.id))).toBe(true);
    expect(distinct(PROGRAM_CATALOGUE.map((p) => p.workflow.type))).toBe(true);
    const prefixes = PROGRAM_CATALOGUE.map((p) => p.workflow.idPrefix);
    expect(distinct(prefixes)).toBe(true);
    for (const a of prefixes) {
      expect(a).toMatch(/^[a-z][a-z0-9]*-$/);
      for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
    }
  });

  test('every program: waiting and terminal stages are its own and apart; each waiting stage, and only those, has a readable service-level default', () => {
    for (const { id, stages, stageSlaDefaults } of PROGRAM_CATALOGUE) {
      for (const stage of [...stages.waiting, ...stages.terminal]) expect({ id, stage, known: stages.all.includes(stage) }).toEqual({ id, stage, known: true });
      expect(stages.waiting.filter((stage) => stages.terminal.includes(stage))).toEqual([]);
      expect(Object.keys(stageSlaDefaults).sort()).toEqual([...stages.waiting].sort());
      for (const [stage, text] of Object.entries(stageSlaDefaults)) {
        const ms = parseDurationMs(text);
        expect({ id, stage, positive: ms !== undefined && ms > 0 }).toEqual({ id, stage, positive: true });
      }
    }
  });

  test("the surgery's defaults are what the configuration uses when STAGE_SLA is not set", () => {
    const day = 24 * 3_600_000;
    expect(loadConfig({}).stageSlaMs).toEqual({ SCREENING: 30 * day, AWAITING_ADMISSION: 30 * day, AWAITING_SURGERY: 30 * day, REHABILITATION: 90 * day, REIMBURSING: 30 * day });
    expect(Object.keys(surgeryProgram.stageSlaDefaults).sort()).toEqual(Object.keys(loadConfig({}).stageSlaMs).sort());
  });

  test('a workflow id built by a program gives back the same item id and names that program (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROGRAM_CATALOGUE), itemIds, (program, itemId) => {
        const workflowId = program.workflow.workflowId(itemId);
        expect(program.workflow.itemIdOf(workflowId)).toBe(itemId);
        const found = programOfWorkflowId(workflowId);
        expect(found?.program).toBe(program);
        expect(found?.itemId).toBe(itemId);
        for (const other of PROGRAM_CATALOGUE) if (other !== program) expect(other.workflow.itemIdOf(workflowId)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  test("the surgery's naming is the one its workflow is started with", () => {
    fc.assert(
      fc.property(itemIds, (caseId) => {
        expect(surgeryProgram.workflow.workflowId(caseId)).toBe(caseWorkflowId(caseId));
      }),
    );
    expect(surgeryProgram.workflow.itemIdOf('case-C-1')).toBe('C-1');
  });

  test('a workflow id of no program, or a bare prefix, names no item', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        fc.pre(!PROGRAM_CATALOGUE.some((p) => text.startsWith(p.workflow.idPrefix)));
        expect(programOfWorkflowId(text)).toBeUndefined();
      }),
    );
    for (const program of PROGRAM_CATALOGUE) expect(program.workflow.itemIdOf(program.workflow.idPrefix)).toBeUndefined();
  });

  test("the search attributes to register are every program's; one name with two types is refused", () => {
    expect(registeredSearchAttributes()).toEqual(expect.objectContaining(SEARCH_ATTRIBUTE_DEFINITIONS));
    const other: ProgramEntry = { ...surgeryProgram, id: 'PAIRING', workflow: workflowNaming('pairing', 'pairing-'), searchAttributes: { PairingOverdue: 'Bool' } };
    expect(registeredSearchAttributes([surgeryProgram, other])).toEqual({ ...SEARCH_ATTRIBUTE_DEFINITIONS, PairingOverdue: 'Bool' });
    const clash: ProgramEntry = { ...other, searchAttributes: { CaseStage: 'Int' } };
    expect(() => registeredSearchAttributes([surgeryProgram, clash])).toThrow(/CaseStage is Keyword in one program and Int in PAIRING/);
  });

  test("the worker's bundle exports a workflow function for every program of the catalogue", () => {
    const bundle = workflowBundle as Record<string, unknown>;
    for (const program of PROGRAM_CATALOGUE) expect({ type: program.workflow.type, exported: typeof bundle[program.workflow.type] }).toEqual({ type: program.workflow.type, exported: 'function' });
  });
});
