import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The shipped policies and configs, with the local model priced (it ships free, and a free model cannot exceed a cap). */
export function pricedConfigDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aos-priced-config-'));
  cpSync(path.join(process.cwd(), 'policies'), path.join(dir, 'policies'), { recursive: true });
  cpSync(path.join(process.cwd(), 'configs'), path.join(dir, 'configs'), { recursive: true });
  const routing = path.join(dir, 'configs', 'model_routing.yaml');
  const text = readFileSync(routing, 'utf8');
  const priced = text.replace(/(cost_per_1k_tokens:\n\s+Qwen\/Qwen2\.5-Coder-32B-Instruct:) 0\n/, '$1 0.01\n');
  if (priced === text) throw new Error('configs/model_routing.yaml: the local model price was not found to change');
  writeFileSync(routing, priced);
  return dir;
}
