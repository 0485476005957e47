// The API lines that name an operation: the access line (requestlog or eventlet wsgi.server) and the
// controller dispatch line (`Action: '…', calling method: …, body: {…}` / `Calling method '…'`).

export interface AccessLine {
  method: string;
  /** URI as logged. */
  uri: string;
  /** URI without query, `/compute`, `/v2`, `/v2.1` and a project id: `/servers/<id>/action`. */
  path: string;
  status: number;
}

export interface ActionLine {
  /** `create`, `action`, `delete`, … (`Calling method` lines: the method name). */
  action: string;
  /** `Class.method` of the bound controller method, when the repr shows it. */
  method: string | null;
  /** Top-level key of the body (`os-stop`, `server`), else null. */
  bodyKey: string | null;
  body: string;
}

const ACCESS_RE = /^\S+ "(?<method>[A-Z]+) (?<uri>\S+)(?: HTTP\/[\d.]+)?" status: (?<status>\d{3})(?:\s|$)/u;
const PREFIX_RE = /^(?:\/compute)?\/v2(?:\.1)?(?:\/(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?(?=\/|$)/u;
// Havana–Juno: `Action: 'action', body: {…}` then a separate `Calling method <bound method …>` line (no quotes).
const ACTION_RE = /^Action: '(?<action>[^']*)'(?:, calling method: (?<meth>.*?))?, body: (?<body>.*)$/su;
const CALLING_RE = /^Calling method '?(?<meth><.*?>)'?$/su;
const BOUND_RE = /<bound method (?:[\w]+\.)*?(?<cls>\w+)\.(?<fn>\w+) of /u;
const BODY_KEY_RE = /^\{\s*"(?<key>[^"]+)"/u;
/** XML request bodies (≤ Kilo): the root element names the action, e.g. `<reboot … type="HARD"/>`. */
const XML_ROOT_RE = /^(?:<\?xml[^>]*\?>)?\s*<(?<key>[A-Za-z][\w-]*)/u;

export function normalizeApiPath(uri: string): string {
  const q = uri.indexOf('?');
  let path = q < 0 ? uri : uri.slice(0, q);
  path = path.replace(PREFIX_RE, '');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path.startsWith('/') ? path : `/${path}`;
}

export function parseAccessLine(message: string): AccessLine | null {
  if (!message.includes('" status: ')) return null;
  const m = ACCESS_RE.exec(message);
  if (!m?.groups) return null;
  const uri = m.groups.uri!;
  return { method: m.groups.method!, uri, path: normalizeApiPath(uri), status: Number(m.groups.status) };
}

function methodKey(meth: string): string | null {
  const m = BOUND_RE.exec(meth);
  return m?.groups ? `${m.groups.cls}.${m.groups.fn}` : null;
}

/**
 * Reads a dispatch line. `continuation` are the record's folded lines: a multi-line (XML or pretty
 * printed) body continues there.
 */
export function parseActionLine(message: string, continuation: readonly string[] = []): ActionLine | null {
  if (message.startsWith('Action: ')) {
    const m = ACTION_RE.exec(message);
    if (!m?.groups) return null;
    let body = m.groups.body!.trim();
    if (continuation.length > 0 && (body === '{' || body.startsWith('<'))) body = [body, ...continuation.slice(0, 20)].join('\n');
    const key = BODY_KEY_RE.exec(body)?.groups?.key ?? XML_ROOT_RE.exec(body)?.groups?.key ?? null;
    return {
      action: m.groups.action!,
      method: m.groups.meth === undefined ? null : methodKey(m.groups.meth),
      bodyKey: key,
      body,
    };
  }
  if (message.startsWith('Calling method ')) {
    const m = CALLING_RE.exec(message);
    if (!m?.groups) return null;
    const method = methodKey(m.groups.meth!);
    return { action: method ? method.slice(method.indexOf('.') + 1) : '', method, bodyKey: null, body: '' };
  }
  return null;
}

/** Webob class nova-api raises for a status (what an operator greps for). */
export function httpExceptionName(status: number): string {
  const names: Record<number, string> = {
    400: 'HTTPBadRequest',
    401: 'HTTPUnauthorized',
    403: 'HTTPForbidden',
    404: 'HTTPNotFound',
    405: 'HTTPMethodNotAllowed',
    409: 'HTTPConflict',
    413: 'HTTPRequestEntityTooLarge',
    500: 'HTTPInternalServerError',
    501: 'HTTPNotImplemented',
    503: 'HTTPServiceUnavailable',
  };
  return names[status] ?? `HTTP${status}`;
}
