// CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks), as CI logs carry them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/**
 * Removes ANSI escape sequences from terminal output. They carry no meaning for a reader or a
 * model, and a sanitizer that drops the ESC alone would leave `[31m` litter behind.
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
