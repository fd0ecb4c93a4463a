// Equations typeset with KaTeX to HTML (its CSS and fonts are inlined by the page).
import katex from 'katex';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]!));

/** KaTeX HTML for a LaTeX string; on a parse error, the source in a <code> element. */
export function tex(latex: string, display = false): string {
  // mathjs writes "\cdotq_{1}": a control word run into a letter, which TeX reads as one word.
  latex = latex.replace(/\\(cdot|times)(?=[A-Za-z0-9])/g, '\\$1 ')
    // and numbers in e-notation: 6.18e-4 → 6.18·10⁻⁴
    .replace(/(\d)e([+-]?)(\d+)/g, (_, d: string, sign: string, exp: string) => `${d}\\cdot 10^{${sign === '-' ? '-' : ''}${exp}}`);
  try {
    return katex.renderToString(latex, { displayMode: display, throwOnError: true, output: 'html', strict: 'ignore' });
  } catch {
    return `<code>${escape(latex)}</code>`;
  }
}

/** Escapes text for HTML. */
export const html = escape;
