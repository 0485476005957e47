// ANSI colour codes (devstack's log_color, screen logs, journal exports without -a) are stripped
// defensively. Callers gate on `line.indexOf('\x1b') !== -1` first; this scan runs only then.

/** Remove every `ESC [ [0-9;]* m` sequence; any other ESC byte is kept as is. */
export function stripAnsi(s: string): string {
  let out = '';
  let from = 0;
  let i = s.indexOf('\x1b');
  while (i !== -1) {
    let j = i + 1;
    if (s.charCodeAt(j) === 91 /* [ */) {
      j++;
      for (;;) {
        const c = s.charCodeAt(j);
        if ((c >= 48 && c <= 57) || c === 59) j++;
        else break;
      }
      if (s.charCodeAt(j) === 109 /* m */) {
        out += s.slice(from, i);
        from = j + 1;
      }
    }
    i = s.indexOf('\x1b', i + 1);
  }
  return from === 0 ? s : out + s.slice(from);
}

export function hasEsc(s: string): boolean {
  return s.indexOf('\x1b') !== -1;
}
