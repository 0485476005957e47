// Which contexts are not a user's request. Admin contexts (no user, no project: `[req-… - - - - -]`,
// `[None req-… - - - - - -]`, `[req-… None None]`) are periodic tasks, libvirt lifecycle handling and
// service start-up. Their request id is reused for the life of a process (reference §2.2), so their
// records are split per instance and per task run instead of being one giant operation.
import type { LogRecord } from '../types.js';

export function isAdminContext(r: LogRecord): boolean {
  return r.requestId !== null && r.user === null && r.project === null;
}

/**
 * Lines of the libvirt lifecycle-event thread and its follow-ups: they run under a stale admin id but
 * belong to whatever operation is acting on the instance at that moment.
 */
export function isLifecycleLine(message: string): boolean {
  if (message.startsWith('VM ')) return message.endsWith('(Lifecycle Event)');
  return (
    message.startsWith('Synchronizing instance power state after lifecycle event') ||
    message.startsWith('During sync_power_state the instance has a pending task') ||
    message.startsWith('Binding ports to destination host')
  );
}

/** The first line of each periodic task run: a natural boundary for background segments. */
export function isPeriodicTaskStart(message: string): boolean {
  return message.startsWith('Running periodic task ');
}

/**
 * nova-api's response line for a read-only call: `… "GET /v2.1/servers/… HTTP/1.1" status: 200 len: …`
 * (nova.api.openstack.requestlog, Queens+; eventlet's wsgi server before). Such a request does no work
 * after answering.
 */
export function isReadOnlyResponse(message: string): boolean {
  const q = message.indexOf('"');
  return q >= 0 && (message.startsWith('GET ', q + 1) || message.startsWith('HEAD ', q + 1)) && message.includes(' status: ', q);
}
