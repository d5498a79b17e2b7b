import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The shipped policies and configs, with the local model priced (it ships free, and a free model cannot exceed a cap). */
export function pricedConfigDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aos-priced-config-'));
  cpSync(path.join(process.cwd(), 'policies'), path.join(dir, 'policies'), { recursive: true });
  cpSync(path.join(process.cwd(), 'configs'), path.join(dir, 'configs'), { recursive: true });
  const finops = path.join(dir, 'policies', 'finops.yaml');
  const text = readFileSync(finops, 'utf8');
  const priced = text.replace(/(Qwen\/Qwen2\.5-Coder-32B-Instruct:\n\s+cost_per_1k_tokens:) 0\n/, '$1 0.01\n');
  if (priced === text) throw new Error('policies/finops.yaml: the local model price was not found to change');
  writeFileSync(finops, priced);
  return dir;
}
