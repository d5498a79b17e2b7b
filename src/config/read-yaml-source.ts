import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.ts';
import { parseYamlDocument, type YamlSource } from './parse-yaml-document.ts';

/**
 * Reads and parses one YAML file. A file that is missing or unreadable is a ConfigError naming
 * it; `label` (default: `filePath`) is the name used in messages.
 */
export function readYamlSource(filePath: string, label: string = filePath): YamlSource {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`;
    throw new ConfigError([{ file: label, path: '', problem }], { cause });
  }
  return parseYamlDocument(text, label);
}
