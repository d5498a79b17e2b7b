import { describe, expect, it } from 'vitest';
import type { NotificationMessage } from '#src/notify/notification-types.ts';
import { slackMessage } from '#src/notify/slack-message.ts';

const message: NotificationMessage = {
  type: 'run.failed',
  correlation_id: 'run-42',
  idempotency_key: 'ntf_abc/slack',
  timestamp: '2026-11-22T12:00:00.000Z',
  title: 'Run failed on octo/app#7',
  text: 'QA rejected the change: <script> & co',
  fields: { Repository: 'octo/app', Cost: '€0.42' },
  url: 'https://aos.example.eu/aos/runs/run-42?sig=x',
};

type Block = {
  type: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ type: string; url?: string; text: string | { text: string } }>;
};

describe('slackMessage', () => {
  it('has a header with the title, a section with text and fields, a button to the run page and the correlation id', () => {
    const payload = slackMessage(message);
    const blocks = payload.blocks as Block[];
    expect(blocks.map((block) => block.type)).toEqual(['header', 'section', 'actions', 'context']);
    expect(blocks[0]!.text).toEqual({ type: 'plain_text', text: 'Run failed on octo/app#7', emoji: true });
    expect(blocks[1]!.text!.text).toBe('QA rejected the change: &lt;script&gt; &amp; co');
    expect(blocks[1]!.fields!.map((field) => field.text)).toEqual(['*Repository*\nocto/app', '*Cost*\n€0.42']);
    expect(blocks[2]!.elements![0]).toMatchObject({ type: 'button', url: message.url });
    expect(blocks[3]!.elements![0]!.text as string).toContain('run-42');
    expect(payload).toMatchObject({ correlation_id: 'run-42', timestamp: message.timestamp, idempotency_key: 'ntf_abc/slack' });
    expect(payload.text).toContain('Run failed on octo/app#7');
  });

  it('leaves the button out without a url and keeps within Slack limits', () => {
    const fields = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`f${i}`, 'v']));
    const payload = slackMessage({ ...message, url: null, title: 't'.repeat(400), fields });
    const blocks = payload.blocks as Block[];
    expect(blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
    expect(blocks[1]!.fields).toHaveLength(10);
  });

  it('escapes &, < and > in every text Slack parses, so <!channel>, <!here> and <url|label> stay plain text, and unfurls nothing', () => {
    const hostile = 'hey <!channel> <!here|here> <@U123> <https://attacker.example/?d=1|click me> &lt;!everyone&gt;';
    const payload = slackMessage({ ...message, title: hostile, text: hostile, fields: { [hostile]: hostile }, type: 'run.failed' });
    const blocks = payload.blocks as Block[];
    const parsed = [
      String(payload.text),
      blocks[1]!.text!.text,
      ...blocks[1]!.fields!.map((field) => field.text),
      ...blocks[3]!.elements!.map((element) => (typeof element.text === 'string' ? element.text : element.text.text)),
    ];
    for (const text of parsed) {
      expect(text).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(String(payload.text)).toContain('hey &lt;!channel&gt; &lt;!here|here&gt;');
    expect(String(payload.text)).toContain('&amp;lt;!everyone&amp;gt;');
    expect(payload).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });
});
