import { neutralizeDelimiters, type PromptBlockName } from './neutralize-delimiters.ts';

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** An attribute value that cannot end its quotes, its tag or its line (a path may hold all three). */
function attributeValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001F\u007F\u2028\u2029"<>]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? ' ');
}

/**
 * Untrusted content as a delimited data block for a prompt: `<name attr="…">`, the content with
 * every block delimiter in it neutralized (`neutralizeDelimiters`), `</name>`. The one way a
 * prompt wraps data, for repository files and diffs as for text read from GitHub.
 */
export function dataBlock(name: PromptBlockName, content: string, attributes: Readonly<Record<string, string | number>> = {}): string {
  const rendered = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${attributeValue(String(value))}"`)
    .join('');
  return `<${name}${rendered}>\n${neutralizeDelimiters(content)}\n</${name}>`;
}
