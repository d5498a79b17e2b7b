import { describe, expect, it } from 'vitest';
import { AGENT_CHECK, completeCheckRun, createCheckRun, PACKAGE_REALITY_CHECK, type CheckAnnotation } from '#src/app/github/check-runs.ts';
import { github, target } from './github-test-octokit.ts';

type Body = Record<string, unknown>;
type Output = { title: string; summary: string; text?: string; annotations: CheckAnnotation[] };

describe('check runs', () => {
  it('names the two checks as the contract says', () => {
    expect(PACKAGE_REALITY_CHECK).toBe('aos / package-reality');
    expect(AGENT_CHECK).toBe('aos / agent');
  });

  it('creates a check run in progress at once', async () => {
    github()
      .post(
        '/repos/octo/demo/check-runs',
        (b: Body) =>
          b.name === PACKAGE_REALITY_CHECK &&
          b.head_sha === 'abc123' &&
          b.status === 'in_progress' &&
          b.external_id === 'run-1' &&
          typeof b.started_at === 'string' &&
          !('conclusion' in b),
      )
      .reply(201, { id: 77 });
    expect(await createCheckRun({ ...target(), headSha: 'abc123', name: PACKAGE_REALITY_CHECK, externalId: 'run-1' })).toBe(77);
  });

  it('sends 120 annotations as 50 with the completion, then 50 and 20, repeating title and summary', async () => {
    const annotations: CheckAnnotation[] = Array.from({ length: 120 }, (_, i) => ({
      path: 'package.json',
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: 'warning',
      message: `dep ${i}`,
    }));
    const sent: Body[] = [];
    github()
      .patch('/repos/octo/demo/check-runs/77', (b: Body) => (sent.push(b), true))
      .times(3)
      .reply(200, { id: 77 });

    const requests = await completeCheckRun({
      ...target(),
      checkRunId: 77,
      conclusion: 'failure',
      title: '3 block',
      summary: 'x'.repeat(70_000),
      text: 'details',
      annotations,
    });

    expect(requests).toBe(3);
    expect(sent.map((b) => (b.output as Output).annotations.length)).toEqual([50, 50, 20]);
    expect(sent[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '3 block', text: 'details' } });
    expect(typeof sent[0]?.completed_at).toBe('string');
    for (const b of sent.slice(1)) {
      expect(b).not.toHaveProperty('conclusion');
      expect((b.output as Output).title).toBe('3 block');
    }
    const summaries = sent.map((b) => (b.output as Output).summary);
    expect(summaries.every((s) => s.length === 65_535 && s === summaries[0])).toBe(true);
    expect((sent[2]?.output as Output).annotations.map((a) => a.message)).toEqual(Array.from({ length: 20 }, (_, i) => `dep ${100 + i}`));
  });

  it('completes with one request and no annotations', async () => {
    github()
      .patch('/repos/octo/demo/check-runs/78', {
        status: 'completed',
        conclusion: 'neutral',
        completed_at: /.+/,
        output: { title: 'No dependency changes', summary: 'none', annotations: [] },
      })
      .reply(200, { id: 78 });
    expect(
      await completeCheckRun({
        ...target(),
        checkRunId: 78,
        conclusion: 'neutral',
        title: 'No dependency changes',
        summary: 'none',
        annotations: [],
      }),
    ).toBe(1);
  });
});
