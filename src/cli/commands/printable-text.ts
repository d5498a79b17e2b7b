/**
 * Model answers and file names may hold terminal escapes or bidi controls; printed to a terminal
 * they could rewrite what the user sees. They are shown as `?`; line breaks and tabs are kept.
 */
export const printableText = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '?');
