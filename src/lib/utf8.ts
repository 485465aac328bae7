/** UTF-8 text <-> bytes. Decoding is fatal on invalid UTF-8 and keeps a BOM. */

const encoder = /* @__PURE__ */ new TextEncoder();
// ignoreBOM: a leading U+FEFF stays in the text, where JSON.parse refuses it;
// the default would strip it silently and accept a header that is not JSON.
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function encodeUTF8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Decodes UTF-8, or returns `undefined` for bytes that are not valid UTF-8. */
export function decodeUTF8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
