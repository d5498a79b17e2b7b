/** The repository whose own files text may keep linking to. */
export interface LinkableRepository {
  /** Web origin of the GitHub instance, e.g. `https://github.com` (no trailing slash). */
  origin: string;
  owner: string;
  repo: string;
}

/**
 * The neutralizer: U+200B ZERO WIDTH SPACE, the character Dependabot and Renovate put after `@`
 * in the release notes they post. It is invisible, and it breaks a construct the same way in
 * prose, in a code span, in a code block, in a title and in a commit message, so nothing here
 * needs to know how GitHub will parse the text around it. An HTML entity would show as
 * `&#8203;` inside code and in plain-text fields; wrapping in a code span fails as soon as a
 * backtick of the model's own pairs with ours.
 */
const Z = '\u200B';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A path segment of a relative link: not `.` or `..`, so it cannot climb out of the repository. */
const SEGMENT = '(?!\\.\\.?(?![\\w.-]))[\\w.-]+';
/** A relative link destination: a repository path or an anchor on the same page; never a scheme, `//` or `/`. */
const RELATIVE = `(?:\\.\\/)?${SEGMENT}(?:\\/${SEGMENT})*\\/?(?:#[\\w.-]*)?|#[\\w.-]+`;
/**
 * What ends an own URL: the `)` or `]` of the link around it, or trailing punctuation (which
 * GitHub leaves out of a bare link) and then white space, `<` or the end. Anything else, a query
 * string above all, would make GitHub link a longer URL than the one checked here.
 */
const URL_END = `(?=[)\\]]|[.,:;!?*_~'"]*(?:\\s|<|$))`;

/** A URL of the repository's own files, pull requests or commits; no query string, no `issues/` (a closing target). */
function ownUrl(repository: LinkableRepository): string {
  const base = [repository.origin.replace(/\/+$/, ''), repository.owner, repository.repo].map(escapeRegExp).join('\\/');
  return `${base}(?:\\/(?:blob|tree|commit|pull)\\/[\\w.~%/-]*)?(?:#[\\w.-]*)?`;
}

/**
 * Each alternative is either kept as written (the named groups) or matches exactly the text
 * after which the neutralizer goes. All but the two own-link ones look at one or two characters;
 * those two look ahead over one URL or path, whose character classes exclude the `]` and `:`
 * that would start the next one, so no character is scanned more than a few times and the
 * whole scan is linear in the length of the text (the unit test runs a million characters).
 */
function pattern(repository: LinkableRepository | undefined): RegExp {
  const own = repository === undefined ? null : ownUrl(repository);
  const destination = own === null ? RELATIVE : `${own}|${RELATIVE}`;
  return new RegExp(
    [
      ...(own === null ? [] : [`(?<ownUrl>${own}${URL_END})`]),
      `(?<ownLink>\\](?=\\((?:${destination})\\)))`,
      // Link, image and reference-definition syntax: `](`, `]:`, `![`.
      '\\](?=[(:])',
      '!(?=\\[)',
      // Every scheme URL (`https://`, `ftp://`, autolinks, link destinations) and `www.` autolinks.
      ':(?=\\/\\/)',
      'www(?=\\.)',
      // Raw HTML: tags, comments (aos's `<!-- aos:run:… -->` marker), declarations, CDATA; also `<url>` autolinks.
      `<(?!${Z})`,
      // Entities, which would otherwise decode into `@`, `<` or a keyword after markdown is parsed.
      '&(?=[#A-Za-z])',
      // Mentions of users and teams, wherever the `@` stands.
      '@(?=[A-Za-z0-9])',
      // Issue references (`#12`, `o/r#12`, `GH-12`) and GitHub's closing keywords.
      '#(?=\\d)',
      '(?<![A-Za-z0-9])GH-(?=\\d)',
      '(?<![A-Za-z0-9])(?:c(?=lose[sd]?(?![A-Za-z0-9]))|f(?=ix(?:e[sd])?(?![A-Za-z0-9]))|r(?=esolve[sd]?(?![A-Za-z0-9])))',
    ].join('|'),
    'gi',
  );
}

const UNKNOWN_REPOSITORY = pattern(undefined);

/**
 * The one renderer for text that came from a model or from a person on GitHub and that aos
 * writes to GitHub: comment and review bodies, inline comments, check run output, pull request
 * titles and bodies, commit messages. It inserts a zero-width space (U+200B) where a construct
 * would turn live, so the text reads the same but:
 * - images (`![](…)`, `![x][ref]`, `<img src>`) do not load and links (`[x](…)`, `[x]: …`
 *   definitions, `<…>` autolinks, bare `scheme://` URLs and `www.` addresses) do not link,
 *   except a link to the repository's own files, pull requests or commits without a query
 *   string (when `repository` is given) or a relative path inside it;
 * - raw HTML is plain text (`<` cannot open a tag, a comment or aos's hidden run marker), and
 *   entities cannot decode into any of that;
 * - `@user` and `@org/team` notify nobody, wherever the `@` is: a code span does not protect
 *   it, because an unterminated one or one across a blank line is not a code span at all;
 * - closing keywords (close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved, in
 *   any case) and issue references (`#12`, `o/r#12`, `GH-12`) close and reference nothing.
 * The result is idempotent and the work linear in the length of the text. aos's own parts of a
 * body (its `Fixes #<issue>` line, its links and markers) are written around the rendered text.
 */
export function renderUntrustedText(text: string, repository?: LinkableRepository): string {
  const regex = repository === undefined ? UNKNOWN_REPOSITORY : pattern(repository);
  return text.replace(regex, (match: string, ...rest: unknown[]) => {
    const groups = rest[rest.length - 1] as Record<string, string | undefined>;
    return groups.ownUrl !== undefined || groups.ownLink !== undefined ? match : `${match}${Z}`;
  });
}
