/**
 * A small glob for `--glob PATTERN` (Node 20 has no path.matchesGlob):
 * `*` any run of characters but `/`, `**` any run including `/`, `?` one
 * character, `{a,b}` alternatives. A pattern without `/` matches the base
 * name; one with `/` matches the path relative to the directory walked.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export function globMatcher(pattern: string): (relativePath: string) => boolean {
  const re = globToRegExp(pattern);
  const onPath = pattern.includes('/');
  return (rel) => re.test(onPath ? rel : (rel.split('/').pop() ?? rel));
}
