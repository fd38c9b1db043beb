/**
 * The explorer's HTML: every value is escaped where it is written into a page, and every page has
 * the same frame (a language, a title, one h1, a navigation landmark, styles with readable
 * contrast and no script).
 */

/** `text` safe inside HTML text and quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** HTML written by this module (already escaped), as opposed to a value still to escape. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A template whose interpolated values are escaped unless they are {@link Html} (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += piece(value) + strings[i + 1];
  });
  return new Html(out);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; }
a { color: #0645ad; } a:focus, input:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #767676; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f0f0f0; }
code { font-size: 0.9em; word-break: break-all; }
form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin: 0.5rem 0; }
label { display: flex; flex-direction: column; font-weight: 600; }
input { font: inherit; padding: 0.2rem 0.4rem; border: 1px solid #555; }
button { font: inherit; padding: 0.2rem 0.8rem; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.error { color: #a00; font-weight: 600; }
`;

/** A whole page: `title` is its h1 too; `nav` the links above it. */
export function page(title: string, nav: Html, body: Html): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · issuance explorer</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <nav aria-label="Explorer">${nav}</nav>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html> `.text;
}

export interface Column<T> {
  head: string;
  cell: (row: T) => unknown;
  numeric?: boolean;
}

/** A table of `rows` with a caption and header cells, or a sentence when there is no row. */
export function table<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[], empty = "None."): Html {
  if (rows.length === 0) return html`<p>${caption}: ${empty}</p>`;
  const cls = (c: Column<T>) => (c.numeric ? new Html(' class="num"') : "");
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${columns.map((c) => html`<th scope="col" ${cls(c)}>${c.head}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${columns.map((c) => html`<td${cls(c)}>${c.cell(r)}</td>`)}
          </tr> `,
      )}
    </tbody>
  </table>`;
}

/** A link to `href` (a path of the explorer) reading `text`. */
export function link(href: string, text: unknown): Html {
  return html`<a href="${href}">${text}</a>`;
}
