import { isAosError } from '../../observability/aos-error.ts';
import type { Workspace } from '../workspace-types.ts';

/** What a tool gets when it asks for a file: its text, or the sentence the model is told instead. */
export type ToolFile = { ok: true; path: string; text: string } | { ok: false; message: string };

/** A path as a model may write it (`./src/a.ts`, `/src/a.ts`) in the workspace's form. */
export const normalizeToolPath = (path: string) =>
  path
    .trim()
    .replace(/^(?:\.\/|\/)+/, '')
    .replace(/\/+$/, '');

/**
 * Reads a file for a tool through the workspace: a secret file is refused before anything is read
 * (and a base that refuses one is reported the same way); a file the workspace cannot give as text
 * is reported as such.
 */
export async function readToolFile(workspace: Workspace, rawPath: string): Promise<ToolFile> {
  const path = normalizeToolPath(rawPath);
  const refused = { ok: false as const, message: `refused: secret file (${path} is never readable by the model)` };
  if (workspace.isSecretFile(path)) return refused;
  try {
    const text = await workspace.readFile(path);
    if (text === null)
      return { ok: false, message: `not found: ${path} is not a text file of the repository (absent, deleted, binary or too large)` };
    return { ok: true, path, text };
  } catch (error) {
    if (isAosError(error, 'secret_file')) return refused;
    throw error;
  }
}
