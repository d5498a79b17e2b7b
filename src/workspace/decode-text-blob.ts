/** A blob as text, or why it is not text aos will handle. */
export type DecodedBlob = { ok: true; text: string } | { ok: false; why: 'binary' | 'too_large' };

const SNIFF_BYTES = 8000;

/**
 * Decodes a blob as UTF-8 text. Like git, a NUL byte in the first 8 KB marks it binary; bytes that
 * are not valid UTF-8 do too, since decoding them lossily and writing the text back would corrupt
 * the file. A byte-order mark is kept so the file round-trips unchanged.
 */
export function decodeTextBlob(bytes: Uint8Array, maxBytes: number): DecodedBlob {
  if (bytes.byteLength > maxBytes) return { ok: false, why: 'too_large' };
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { ok: false, why: 'binary' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, why: 'binary' };
  }
}
