import { readPipOptions } from './read-pip-options.ts';

/** What one logical line of a requirements file asks pip to do. */
export type RequirementLine =
  | { kind: 'requirement'; spec: string; editable: boolean }
  | { kind: 'include'; target: string; constraint: boolean }
  | { kind: 'options' }
  | { kind: 'error'; message: string };

/**
 * Reads one logical line (continuations joined, comment removed) as pip does: the words before
 * the first one starting with `-` are the requirement, the rest are options. A line without a
 * requirement installs its first `-e`, else follows its first `-r`, else its first `-c`; a line
 * of other options (`-i`, `--hash`, `-C`, …) declares nothing.
 */
export function readRequirementLine(text: string): RequirementLine {
  const words = text.split(' ');
  const firstOption = words.findIndex((word) => word.startsWith('-'));
  const args = (firstOption < 0 ? words : words.slice(0, firstOption)).join(' ').trim();
  const options = readPipOptions(firstOption < 0 ? '' : words.slice(firstOption).join(' '));
  if ('error' in options) return { kind: 'error', message: options.error };
  if (args !== '') return { kind: 'requirement', spec: args, editable: false };
  const valueOf = (name: string) => options.find((option) => option.name === name)?.value ?? undefined;
  const editable = valueOf('editable');
  if (editable !== undefined) return { kind: 'requirement', spec: editable, editable: true };
  const requirement = valueOf('requirement');
  if (requirement !== undefined) return { kind: 'include', target: requirement, constraint: false };
  const constraint = valueOf('constraint');
  if (constraint !== undefined) return { kind: 'include', target: constraint, constraint: true };
  return { kind: 'options' };
}
