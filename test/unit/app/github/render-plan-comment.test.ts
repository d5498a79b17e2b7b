import { describe, expect, it } from 'vitest';
import { renderPlanComment } from '#src/app/github/render-plan-comment.ts';
import { findLiveMarkdown, HOSTILE_TEXT } from '../../../helpers/live-markdown.ts';

const REPO = { origin: 'https://github.com', owner: 'octo', repo: 'demo' };

describe('renderPlanComment', () => {
  it('shows the plan with every model field inert, one list item per step and criterion', () => {
    const plan = {
      summary: HOSTILE_TEXT,
      steps: [HOSTILE_TEXT, 'Edit [math](src/math.ts)'],
      files_to_change: ['src/`@x`.ts', 'src/math.ts'],
      acceptance_criteria: [HOSTILE_TEXT],
      risks: [],
      estimated_cost_eur: 0,
    };
    const body = renderPlanComment(plan, undefined, REPO);
    expect(body.startsWith('### Plan (dry run)\n')).toBe(true);
    expect(findLiveMarkdown(body, { ownRepoUrl: 'https://github.com/octo/demo' })).toEqual([]);
    expect(body).toContain('2. Edit [math](src/math.ts)\n');
    expect(body).toContain("- `src/'@\u200Bx'.ts`\n- `src/math.ts`");
    expect(body.split('\n').filter((line) => /^1\. /.test(line))).toHaveLength(1);
  });

  it('says why there is no plan, inert too', () => {
    expect(renderPlanComment(null, 'the model said @alice <img src=x>')).toBe(
      'The planner could not produce a plan: the model said @\u200Balice <\u200Bimg src=x>',
    );
  });
});
