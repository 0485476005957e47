import { UsageError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Accepts `req-<uuid>` or a bare uuid, any case; returns `req-<uuid>` in lower case. */
export function normaliseRequestId(text: string): string {
  const t = text.trim().toLowerCase();
  const uuid = t.startsWith('req-') ? t.slice(4) : t;
  if (!UUID.test(uuid)) {
    throw new UsageError(`"${text}" is not a request id: expected req-<uuid> (e.g. req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70) or the bare uuid`);
  }
  return `req-${uuid}`;
}

export function normaliseUuid(text: string, what: string): string {
  const t = text.trim().toLowerCase();
  if (!UUID.test(t)) throw new UsageError(`"${text}" is not ${what}: expected a uuid like 4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34`);
  return t;
}
