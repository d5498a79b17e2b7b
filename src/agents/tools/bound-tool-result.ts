import { dataBlock } from '../prompts/data-block.ts';
import { sanitizeUntrustedText } from '../sanitize-untrusted-text.ts';

/** A tool result as the model is given it, and its size. */
export interface BoundedToolResult {
  content: string;
  bytes: number;
  truncated: boolean;
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes)).toString('utf8');
  // A character cut in half decodes to U+FFFD at the end; drop it.
  return cut.endsWith('\uFFFD') ? cut.slice(0, -1) : cut;
}

/**
 * Makes a tool's raw result fit to show a model: repository text is untrusted, so it goes through
 * the one sanitizer (hidden markup, invisible and bidi characters) and into a `tool-result` data
 * block whose delimiters it cannot forge; it is cut to `maxBytes` (UTF-8) with a visible note.
 */
export function boundToolResult(tool: string, raw: string, maxBytes: number): BoundedToolResult {
  const sanitized = sanitizeUntrustedText(raw, { maxChars: maxBytes }).text;
  const cut = cutToBytes(sanitized, maxBytes);
  const truncated = cut.length < sanitized.length || sanitized.length < raw.length;
  const text = cut.length < sanitized.length ? `${cut}\n[… cut at ${maxBytes} bytes]` : sanitized;
  const content = dataBlock('tool-result', text, { tool });
  return { content, bytes: Buffer.byteLength(content, 'utf8'), truncated };
}
