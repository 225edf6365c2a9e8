/**
 * The programs this system runs: one entry each, exported from the program's own folder. Adding a
 * program is a new folder and one line here, plus its workflow function re-exported from
 * programs/workflows.ts: the worker's workflow bundle may import only deterministic code, and an
 * entry brings its API services with it, so the bundle keeps its own list (a test checks that it
 * exports every workflow type the catalogue names).
 */
import type { ProgramId } from '../domain/programs';
import type { ProgramEntry, ProgramWorkflow, SearchAttributeTypeName } from './program-entry';
import { livingSubsidyProgram, nursingSubsidyProgram } from './subsidy/program';
import { pairingProgram } from './pairing/program';
import { surgeryProgram } from './surgery/program';

export const PROGRAM_CATALOGUE: readonly ProgramEntry[] = [
  surgeryProgram,
  nursingSubsidyProgram,
  livingSubsidyProgram,
  pairingProgram,
];

export function programEntry(id: ProgramId, catalogue: readonly ProgramEntry[] = PROGRAM_CATALOGUE): ProgramEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}

/** Every workflow of every program, with its program. */
export function catalogueWorkflows(catalogue: readonly ProgramEntry[] = PROGRAM_CATALOGUE): Array<{ program: ProgramEntry; workflow: ProgramWorkflow }> {
  return catalogue.flatMap((program) => program.workflows.map((workflow) => ({ program, workflow })));
}

/**
 * The program and workflow this workflow id belongs to, and the item's id; undefined for one no
 * program owns. A workflow two programs share (the subsidies' enrolments) names the first that
 * lists it: its id does not say which, the item's read model does.
 */
export function programOfWorkflowId(
  workflowId: string,
  catalogue: readonly ProgramEntry[] = PROGRAM_CATALOGUE,
): { program: ProgramEntry; workflow: ProgramWorkflow; itemId: string } | undefined {
  for (const { program, workflow } of catalogueWorkflows(catalogue)) {
    const itemId = workflow.naming.itemIdOf(workflowId);
    if (itemId !== undefined) return { program, workflow, itemId };
  }
  return undefined;
}

/**
 * Every custom search attribute of every program: what the Temporal namespace must have registered
 * (the development server and the compose file's one-shot). Two programs may share a name only
 * with the same type.
 */
export function registeredSearchAttributes(catalogue: readonly ProgramEntry[] = PROGRAM_CATALOGUE): Record<string, SearchAttributeTypeName> {
  const all: Record<string, SearchAttributeTypeName> = {};
  for (const program of catalogue) {
    for (const [name, type] of Object.entries(program.searchAttributes)) {
      if (all[name] !== undefined && all[name] !== type) {
        throw new Error(`search attribute ${name} is ${all[name]} in one program and ${type} in ${program.id}`);
      }
      all[name] = type;
    }
  }
  return all;
}
