import { rmSync } from 'node:fs';
import { appHarness } from './app-harness.ts';
import { databaseEngines } from './backend-matrix.ts';
import { startGithubDouble } from './github-double/index.ts';
import type { GithubDoubleOptions } from './github-double/options.ts';
import { pricedConfigDir } from './priced-config-dir.ts';
import { startScriptedModel } from './scripted-model.ts';

type HarnessOptions = Parameters<typeof appHarness>[0];

/**
 * What the app's integration scenarios share: a migrated database of their own, the GitHub double
 * (its installation token bound to `installationId`), the scripted model, a priced configuration folder
 * and the app harness over them. `close()` undoes all of it.
 */
export async function startAppScenario(options: {
  repos: GithubDoubleOptions['repos'];
  collaborators: NonNullable<GithubDoubleOptions['collaborators']>;
  installationId: number;
  harness?: Omit<HarnessOptions, 'knex' | 'modelUrl' | 'baseUrl' | 'configDir'>;
}) {
  const testDb = await databaseEngines()[0]!.create();
  const github = await startGithubDouble({ repos: options.repos, collaborators: options.collaborators });
  github.state.tokens.set('test-token', options.installationId);
  const model = await startScriptedModel();
  const configDir = pricedConfigDir();
  const harness = await appHarness({ knex: testDb.db.knex, modelUrl: model.url, baseUrl: github.apiUrl, configDir, ...options.harness });
  return {
    testDb,
    github,
    model,
    harness,
    async close() {
      await harness.close();
      await Promise.all([github.close(), model.close()]);
      await testDb.drop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
