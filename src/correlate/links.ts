// Lines logged under another request's id that belong to an operation in flight on the same instance
// (reference §2.2): neutron's external events (nova-api `Creating event …`, compute `Received event …`)
// and the separate abort / force-complete requests of a live migration. Their requests are linked to
// the operation's as related requests.

const LINKING_PREFIXES = [
  'Creating event ',
  'Received event ',
  'Processing event ',
  'Received unexpected event ',
  'Dropping event ',
  'Going to cancel live migration',
  'Going to try to force live migration to complete',
  'Neutron deleted interface ',
];

export function isLinkingLine(message: string): boolean {
  const c = message.charCodeAt(0);
  if (c !== 67 /* C */ && c !== 82 /* R */ && c !== 80 /* P */ && c !== 68 /* D */ && c !== 71 /* G */ && c !== 78 /* N */) return false;
  for (const p of LINKING_PREFIXES) if (message.startsWith(p)) return true;
  return false;
}
