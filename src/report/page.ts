// The report page: one self-contained HTML file (KaTeX's CSS with its fonts as data: URLs,
// plots as inline SVG, no scripts, nothing fetched), so it opens offline and can be mailed.
import { html } from './tex.js';

/** One part of a report: a heading, HTML (tables, typeset equations) and its plots. */
export interface ReportSection {
  id: string;
  title: string;
  /** HTML content; plots are `<figure class="plot" data-plot="…">` elements made by `figure`. */
  html: string;
}

export interface Report {
  title: string;
  /** A line under the title (command, data, seed…). */
  subtitle?: string;
  sections: ReportSection[];
}

/** Wraps a rendered SVG plot with its caption; tests count these elements. */
export function figure(name: string, svg: string, caption?: string): string {
  return `<figure class="plot" data-plot="${html(name)}">${svg}${caption ? `<figcaption>${html(caption)}</figcaption>` : ''}</figure>`;
}

/** A plain table: header cells and rows of HTML cells (already escaped or typeset). */
export function table(header: readonly string[], rows: readonly (readonly string[])[], marked = -1): string {
  return `<table><thead><tr>${header.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.map((r, i) => `<tr${i === marked ? ' class="chosen"' : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

let katexCss: Promise<string> | undefined;

/** KaTeX's stylesheet with its woff2 fonts inlined (woff/ttf fallbacks dropped). Node only. */
async function inlineKatexCss(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  const dist = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));
  const css = await readFile(join(dist, 'katex.min.css'), 'utf8');
  const fonts = new Map<string, string>();
  for (const m of css.matchAll(/url\(fonts\/([\w-]+\.woff2)\)/g)) {
    if (!fonts.has(m[1])) fonts.set(m[1], (await readFile(join(dist, 'fonts', m[1]))).toString('base64'));
  }
  return css.replace(/src:([^;}]*)/g, (_, src: string) => {
    const woff2 = /url\(fonts\/([\w-]+\.woff2)\)/.exec(src);
    return woff2 ? `src:url(data:font/woff2;base64,${fonts.get(woff2[1])}) format("woff2")` : `src:${src}`;
  });
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em} .subtitle{color:#666;margin-top:0}
section{margin:2em 0;border-top:1px solid #ddd;padding-top:.5em}
figure.plot{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top} figcaption{color:#666;font-size:.85em;max-width:480px}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em} td,th{border-bottom:1px solid #eee;padding:.25em .6em;text-align:left}
tr.chosen{background:#fff5d6;font-weight:600} .eq{overflow-x:auto;padding:.3em 0} .katex-display{margin:.4em 0}
.eqcell{max-width:640px;overflow-x:auto;white-space:nowrap} .kv{color:#555} code{font-size:.9em}
`;

/** The whole report as one HTML document. */
export async function renderReport(report: Report): Promise<string> {
  katexCss ??= inlineKatexCss();
  const css = await katexCss;
  const nav = report.sections.map((s) => `<a href="#${html(s.id)}">${html(s.title)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="eqlens"><title>${html(report.title)}</title>
<style>${css}</style><style>${STYLE}</style></head>
<body><h1>${html(report.title)}</h1>${report.subtitle ? `<p class="subtitle">${html(report.subtitle)}</p>` : ''}
<nav>${nav}</nav>
${report.sections.map((s) => `<section id="${html(s.id)}"><h2>${html(s.title)}</h2>\n${s.html}</section>`).join('\n')}
<footer><p class="subtitle">Made by eqlens. Plots: Vega-Lite; equations: KaTeX.</p></footer>
</body></html>
`;
}

/** Renders and writes the report to a file (Node). */
export async function writeReport(file: string, report: Report): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, await renderReport(report));
}
