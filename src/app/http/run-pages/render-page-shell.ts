import { html, SafeHtml } from './safe-html.ts';

// Inline, so the pages need no static files and the content security policy can forbid all else.
const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
header.top{background:#24292f;color:#fff;padding:12px 24px;font-weight:600}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px;margin:16px 0}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:0 0 12px}h3{font-size:14px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:600;border-top:2px solid #d0d7de}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border:1px solid #eaeef2;border-radius:6px;padding:8px;overflow:auto;margin:4px 0}
code.hash{word-break:break-all;font-size:11px}
.badge{display:inline-block;padding:1px 8px;border-radius:12px;font-size:12px;font-weight:600;color:#fff}
.ok{background:#1a7f37}.bad{background:#cf222e}.warn{background:#9a6700}.muted{color:#59636e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dt{color:#59636e}dd{margin:0}
a{color:#0969da}
`;
const STYLE_HTML = new SafeHtml(STYLE);

/** A complete HTML document around `body`, with the shared style. */
export function renderPageShell(options: { title: string; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<style>${STYLE_HTML}</style>
</head>
<body>
<header class="top">aos</header>
<main>
${options.body}
</main>
</body>
</html>
`.text;
}
