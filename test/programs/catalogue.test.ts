/**
 * The catalogue's invariants, whatever programs it lists: program ids and workflow id prefixes are
 * unique (a workflow may be shared: the two subsidies list the one enrolment workflow, by the same
 * object, and its ids name the first of them), a workflow id names one workflow's item and gives
 * its id back, every waiting
 * stage has a service-level default the configuration can read, the search attributes to register
 * are every program's, and the worker's bundle exports every catalogue workflow.
 */
import fc from 'fast-check';
import { loadConfig } from '../../config/config';
import { parseDurationMs } from '../../config/duration';
import { PROGRAM_IDS, PROGRAM_ITEM_KINDS } from '../../domain/programs';
import { catalogueWorkflows, PROGRAM_CATALOGUE, programEntry, programOfWorkflowId, registeredSearchAttributes } from '../../programs/catalogue';
import type { ProgramEntry } from '../../programs/program-entry';
import { surgeryProgram } from '../../programs/surgery/program';
import { caseWorkflowId, SEARCH_ATTRIBUTE_DEFINITIONS } from '../../programs/surgery/workflow/definitions';
import * as workflowBundle from '../../programs/workflows';

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** Ids as clients send them, and anything else a workflow id could carry after its prefix. */
const itemIds = fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/), fc.string({ minLength: 1, maxLength: 80 }));

describe('the catalogue', () => {
  const workflows = catalogueWorkflows();

  test('lists the surgery program, by an id of the shared vocabulary', () => {
    expect(programEntry('SURGERY')).toBe(surgeryProgram);
    expect(surgeryProgram.workflows[0].kind).toBe('case');
    for (const program of PROGRAM_CATALOGUE) {
      expect(PROGRAM_IDS).toContain(program.id);
      for (const workflow of program.workflows) expect(PROGRAM_ITEM_KINDS).toContain(workflow.kind);
      expect(program.name['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(program.name.en).toMatch(/^[A-Z]/);
    }
  });

  test('program ids and workflow id prefixes are unique, and no prefix starts another', () => {
    expect(distinct(PROGRAM_CATALOGUE.map((p) => p.id))).toBe(true);
    // A workflow two programs share (the subsidies' enrolments) is one object, counted once.
    const prefixes = [...new Set(workflows.map(({ workflow }) => workflow))].map((workflow) => workflow.naming.idPrefix);
    expect(distinct(prefixes)).toBe(true);
    for (const a of prefixes) {
      expect(a).toMatch(/^[a-z][a-z0-9-]*-$/);
      for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
    }
  });

  test('every workflow: waiting and terminal stages are its own and apart; each waiting stage, and only those, has a readable service-level default', () => {
    for (const { program, workflow } of workflows) {
      const { stages, stageSlaDefaults } = workflow;
      const where = `${program.id} ${workflow.kind}`;
      for (const stage of [...stages.waiting, ...stages.terminal]) expect({ where, stage, known: stages.all.includes(stage) }).toEqual({ where, stage, known: true });
      expect(stages.waiting.filter((stage) => stages.terminal.includes(stage))).toEqual([]);
      expect(Object.keys(stageSlaDefaults).sort()).toEqual([...stages.waiting].sort());
      for (const [stage, text] of Object.entries(stageSlaDefaults)) {
        const ms = parseDurationMs(text);
        expect({ where, stage, positive: ms !== undefined && ms > 0 }).toEqual({ where, stage, positive: true });
      }
    }
  });

  test("the surgery's defaults are what the configuration uses when STAGE_SLA is not set", () => {
    const day = 24 * 3_600_000;
    const configured = loadConfig({}).stageSlaMs;
    expect(configured).toEqual({ SCREENING: 30 * day, AWAITING_ADMISSION: 30 * day, AWAITING_SURGERY: 30 * day, REHABILITATION: 90 * day, REIMBURSING: 30 * day });
    expect(Object.keys(surgeryProgram.workflows[0].stageSlaDefaults).sort()).toEqual(Object.keys(configured).sort());
  });

  test('a workflow id built by a workflow gives back the same item id and names that program and workflow (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...workflows), itemIds, ({ program, workflow }, itemId) => {
        const workflowId = workflow.naming.workflowId(itemId);
        expect(workflow.naming.itemIdOf(workflowId)).toBe(itemId);
        const found = programOfWorkflowId(workflowId);
        // A shared workflow names the first program that lists it.
        expect(found?.program).toBe(workflows.find((candidate) => candidate.workflow === workflow)!.program);
        expect(found?.program.workflows).toContain(program.workflows.find((own) => own === workflow));
        expect(found?.workflow).toBe(workflow);
        expect(found?.itemId).toBe(itemId);
        for (const other of workflows) if (other.workflow !== workflow) expect(other.workflow.naming.itemIdOf(workflowId)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  test("the surgery's naming is the one its workflow is started with", () => {
    const { naming } = surgeryProgram.workflows[0];
    fc.assert(
      fc.property(itemIds, (caseId) => {
        expect(naming.workflowId(caseId)).toBe(caseWorkflowId(caseId));
      }),
    );
    expect(naming.itemIdOf('case-C-1')).toBe('C-1');
  });

  test('a workflow id of no program, or a bare prefix, names no item', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        fc.pre(!workflows.some(({ workflow }) => text.startsWith(workflow.naming.idPrefix)));
        expect(programOfWorkflowId(text)).toBeUndefined();
      }),
    );
    for (const { workflow } of workflows) expect(workflow.naming.itemIdOf(workflow.naming.idPrefix)).toBeUndefined();
  });

  test("the search attributes to register are every program's; one name with two types is refused", () => {
    expect(registeredSearchAttributes()).toEqual(expect.objectContaining(SEARCH_ATTRIBUTE_DEFINITIONS));
    const other: ProgramEntry = { ...surgeryProgram, id: 'PAIRING', searchAttributes: { PairingOverdue: 'Bool' } };
    expect(registeredSearchAttributes([surgeryProgram, other])).toEqual({ ...SEARCH_ATTRIBUTE_DEFINITIONS, PairingOverdue: 'Bool' });
    const clash: ProgramEntry = { ...other, searchAttributes: { CaseStage: 'Int' } };
    expect(() => registeredSearchAttributes([surgeryProgram, clash])).toThrow(/CaseStage is Keyword in one program and Int in PAIRING/);
  });

  test("the worker's bundle exports a workflow function for every workflow type of the catalogue", () => {
    const bundle = workflowBundle as Record<string, unknown>;
    for (const { workflow } of workflows) {
      const { type } = workflow.naming;
      expect({ type, exported: typeof bundle[type] }).toEqual({ type, exported: 'function' });
    }
  });
});
