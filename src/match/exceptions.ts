// Exception classes out of log records: oslo's `: <ExcClass>: msg` error summary (WARNING+ since Pike),
// and the exception lines of a folded traceback, whose innermost one is the root cause.

export interface ExceptionRef {
  /** As logged: `nova.exception_Remote.NoValidHost_Remote`, `libvirt.libvirtError`, `KeyError`. */
  cls: string;
  message: string;
}

const QUALIFIED_AT_START = /^(?<cls>(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*)(?:: (?<msg>.*))?$/su;
const TB_EXC_LINE = /^(?<cls>(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?:: (?<msg>.*))?$/su;
const EXC_SUFFIX = /(?:Error|Exception|Exit|Interrupt|Warning|Fault|Failure|Timeout|NotFound|_Remote)$/u;
const CHAINED = /^(?:During handling of the above exception|The above exception was the direct cause)/u;

/** `nova.exception_Remote.NoValidHost_Remote` → `NoValidHost`; `libvirt.libvirtError` → `libvirtError`. */
export function shortExceptionName(cls: string): string {
  const leaf = cls.slice(cls.lastIndexOf('.') + 1);
  return leaf.endsWith('_Remote') ? leaf.slice(0, -'_Remote'.length) : leaf;
}

function looksLikeClass(cls: string): boolean {
  const leaf = cls.slice(cls.lastIndexOf('.') + 1);
  return /^[A-Z]/u.test(leaf) || EXC_SUFFIX.test(leaf) || /Error$/u.test(leaf);
}

/**
 * The oslo error summary at the end of a message (`Instance failed to spawn: nova.exception.X: msg`),
 * or a summary line (`: nova.exception_Remote.X_Remote: msg`) ending a multi-line message.
 */
export function summaryException(message: string, continuation: readonly string[] = []): ExceptionRef | null {
  let from = message.indexOf(': ');
  while (from >= 0) {
    const m = QUALIFIED_AT_START.exec(message.slice(from + 2).trimEnd());
    if (m?.groups && looksLikeClass(m.groups.cls!)) return { cls: m.groups.cls!, message: (m.groups.msg ?? '').trim() };
    from = message.indexOf(': ', from + 2);
  }
  for (let i = continuation.length - 1; i >= 0; i--) {
    const line = continuation[i]!;
    if (!line.startsWith(': ')) continue;
    const m = QUALIFIED_AT_START.exec(line.slice(2).trimEnd());
    if (m?.groups && looksLikeClass(m.groups.cls!)) return { cls: m.groups.cls!, message: (m.groups.msg ?? '').trim() };
  }
  return null;
}

/** Exception lines of a traceback, in order (`Traceback`, `File …` and code lines excluded). */
export function tracebackExceptions(lines: readonly string[]): ExceptionRef[] {
  const out: ExceptionRef[] = [];
  let seenTraceback = false;
  for (const raw of lines) {
    if (raw.startsWith('Traceback (most recent call last)')) {
      seenTraceback = true;
      continue;
    }
    if (!seenTraceback || raw.length === 0 || raw.startsWith(' ') || raw.startsWith('\t')) continue;
    const line = raw.trimEnd();
    const m = TB_EXC_LINE.exec(line);
    if (!m?.groups) continue;
    const cls = m.groups.cls!;
    const hasMsg = m.groups.msg !== undefined;
    if (cls.includes('.') ? looksLikeClass(cls) : EXC_SUFFIX.test(cls) || (hasMsg && /^[A-Z]/u.test(cls))) {
      out.push({ cls, message: (m.groups.msg ?? '').trim() });
    }
  }
  return out;
}

/**
 * The innermost exception of a traceback, short name: with an explicit chain (`During handling of the
 * above exception…`) the first one printed; otherwise the last one, which for RPC errors is the remote
 * side's original exception appended after the local re-raise.
 */
export function rootCauseOf(lines: readonly string[]): string | null {
  const excs = tracebackExceptions(lines);
  if (excs.length === 0) return null;
  const chained = lines.some((l) => CHAINED.test(l));
  return shortExceptionName((chained ? excs[0] : excs[excs.length - 1])!.cls);
}
