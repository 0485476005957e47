// UUID checks by charCode: 8-4-4-4-12 lowercase or uppercase hex.

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Extra result of the last isUuidAt: the uuid has upper-case hex digits. */
export const UUID = { upper: false };

export function isUuidAt(s: string, i: number): boolean {
  if (s.length < i + 36) return false;
  let upper = false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!isHex(c)) return false;
    else if (c >= 65 && c <= 70) upper = true;
  }
  UUID.upper = upper;
  return true;
}

/** The uuid at i, lowercased, or null. */
export function uuidAt(s: string, i: number): string | null {
  if (!isUuidAt(s, i)) return null;
  const u = s.slice(i, i + 36);
  return UUID.upper ? u.toLowerCase() : u;
}
