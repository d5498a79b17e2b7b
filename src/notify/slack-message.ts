import type { NotificationMessage } from './notification-types.ts';

// Slack's limits: header text 150 characters, section text 3000, a field 2000, at most 10 fields.
const HEADER_MAX = 150;
const TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_MAX = 10;

/**
 * Slack reads `&`, `<` and `>` as control characters in every mrkdwn text, the top-level
 * fallback `text` included: `<!channel>`, `<!here>`, `<@U123>` and `<url|label>` are mentions and
 * links. Escaped as Slack's rules say, they show as typed. (A `plain_text` header is not parsed.)
 */
const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
/** Cuts to `max`, never in the middle of an entity `escape` wrote. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`);

/**
 * The Slack incoming-webhook body for a notification: a header with the title, a section with the
 * text and fields, a button to the run page when there is one, and a context line with the
 * correlation id. `text` is the fallback shown in notifications; the identity fields ride along at
 * the top level for receivers that log the body. Every parsed text is escaped, and nothing is
 * unfurled: a URL in a model's words must not make Slack fetch it.
 */
export function slackMessage(message: NotificationMessage): Record<string, unknown> {
  const fields = Object.entries(message.fields)
    .slice(0, FIELDS_MAX)
    .map(([name, value]) => ({ type: 'mrkdwn', text: clip(`*${escape(name)}*\n${escape(value)}`, FIELD_MAX) }));
  const section: Record<string, unknown> = {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(escape(message.text || message.title), TEXT_MAX) },
  };
  if (fields.length > 0) section.fields = fields;
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(message.title, HEADER_MAX), emoji: true } },
    section,
  ];
  if (message.url) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open run page' }, url: message.url, action_id: 'aos_open_run' }],
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: `${escape(message.type)} · correlation id \`${escape(message.correlation_id)}\` · ${message.timestamp}` },
    ],
  });
  return {
    text: clip(escape(`${message.title}${message.text ? ` — ${message.text}` : ''}`), TEXT_MAX),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
    correlation_id: message.correlation_id,
    timestamp: message.timestamp,
    idempotency_key: message.idempotency_key,
  };
}
