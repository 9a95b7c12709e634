import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();

/** HMAC-SHA256 of UTF-8 text under a UTF-8 key. */
function hmacSha256(key: string, text: string): Uint8Array {
  return hmac(sha256, encoder.encode(key), encoder.encode(text));
}

/** HMAC-SHA256 as standard base64 (DingTalk's robot signature, before URL encoding). */
export function hmacSha256Base64(key: string, text: string): string {
  let binary = '';
  for (const byte of hmacSha256(key, text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
