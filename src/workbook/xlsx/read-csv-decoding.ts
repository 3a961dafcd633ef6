/**
 * Bytes → text for the CSV reader, with the encoding decided from the file's content (issue 17 item 3).
 *
 * - A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE), as does an explicit encoding.
 * - Otherwise nothing is decided while the bytes are ASCII (every candidate reads ASCII the same). At the first
 *   chunk holding a byte above 0x7F the whole chunk (48 KiB as the CLI reads) is judged: UTF-8 when it is valid
 *   UTF-8 (or has more valid multi-byte UTF-8 characters than stray bytes); GB18030 (Chinese Windows Excel's "CSV") when it is valid GB18030 and reads like it (most two-byte
 *   characters have a second byte above 0x7F, as Chinese text has); else Windows-1252 (Western Excel's "CSV").
 *   So a file whose first 64 KiB are ASCII and whose names come later is judged on those names.
 * - A byte sequence that is not valid in the decided encoding, later in the file, is read as the Windows-1252
 *   character of each byte (`é` stays `é`, not U+FFFD), counted and reported. No replacement character is ever
 *   produced for UTF-8, GB18030 or Windows-1252 input, so two different names can never merge into one.
 */
import { isAscii, isUtf8 } from "buffer";

/** The encodings the reader knows. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "windows-1252";

/** How each encoding is named to the user (KA About, notes). */
export const ENCODING_LABEL: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
  gb18030: "GB18030",
  "windows-1252": "Windows-1252",
};

/** Windows-1252's characters for bytes 0x80–0x9F (the rest of the high half is Latin-1). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** The Windows-1252 text of a byte range (Latin-1 with 0x80–0x9F mapped). */
export function decodeWindows1252(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
  return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : s;
}

/**
 * Length of the valid UTF-8 sequence starting at `i` (its first byte ≥ 0x80): 2–4, 0 when invalid, -1 when the
 * bytes end inside a sequence that could still be valid. Overlong forms, surrogates and values above U+10FFFF are
 * invalid (as `TextDecoder` with `fatal` judges).
 */
export function utf8SequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= end) return -1;
    const t = b[i + k];
    if (k === 1 ? t < lo || t > hi : t < 0x80 || t > 0xbf) return 0;
  }
  return n;
}

/** Length of the valid GB18030 sequence at `i` (first byte ≥ 0x80): 2 or 4, 0 when invalid, -1 when cut at the end. */
export function gb18030SequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c < 0x81 || c > 0xfe) return 0;
  if (i + 1 >= end) return -1;
  const t = b[i + 1];
  if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) return 2;
  if (t < 0x30 || t > 0x39) return 0;
  if (i + 3 >= end) return i + 2 < end && (b[i + 2] < 0x81 || b[i + 2] > 0xfe) ? 0 : -1;
  return b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39 ? 4 : 0;
}

type SequenceLength = (b: Uint8Array, i: number, end: number) => number;

const gbDecoder = new TextDecoder("gb18030");
const latin1 = (x: Uint8Array, s: number, e: number): string => Buffer.from(x.buffer, x.byteOffset + s, e - s).toString("latin1");
const utf8Decoder = new TextDecoder("utf-8");

/**
 * Judges a window of bytes (holding at least one byte above 0x7F): UTF-8, GB18030 or Windows-1252 (see the file
 * comment). A sequence cut at the end of the window does not count against an encoding.
 */
export function judgeEncoding(b: Uint8Array): "utf-8" | "gb18030" | "windows-1252" {
  // Text in another encoding almost never forms a valid UTF-8 sequence by accident ("Ã¼"): a window with more valid
  // multi-byte sequences than stray bytes is UTF-8 (a file that mixes both keeps its UTF-8 names).
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    const n = utf8SequenceLength(b, i, b.length);
    if (n > 0) {
      valid++;
      i += n - 1;
    } else if (n === 0) invalid++;
    else break;
  }
  if (invalid === 0 || (valid > 0 && valid >= invalid)) return "utf-8";
  if (validUpTo(b, gb18030SequenceLength) === b.length) {
    // Latin-1 text can pass as GB18030 ("é" + "s" is a two-byte pair); Chinese text has second bytes above 0x7F.
    let pairs = 0;
    let high = 0;
    for (let i = 0; i < b.length; i++) {
      if (b[i] < 0x80) continue;
      const n = gb18030SequenceLength(b, i, b.length);
      if (n === 2) {
        pairs++;
        if (b[i + 1] >= 0x80) high++;
      }
      i += Math.max(n, 1) - 1;
    }
    if (high * 2 >= pairs) return "gb18030";
  }
  return "windows-1252";
}

/** How many bytes from the start are valid, counting a sequence cut at the end as valid; less when invalid. */
function validUpTo(b: Uint8Array, seq: SequenceLength): number {
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    const n = seq(b, i, b.length);
    if (n === 0) return i;
    if (n < 0) return b.length;
    i += n - 1;
  }
  return b.length;
}

/**
 * A streaming decoder: `decode(chunk)` returns the text of the complete characters so far (an incomplete last
 * character waits for the next chunk); `decode(undefined)` ends (a cut character at the very end is read as
 * Windows-1252 bytes). `encoding` is undefined while every byte has been ASCII.
 */
export class ContentDecoder {
  encoding?: TextEncodingName;
  /** How the encoding was decided, for the note. */
  decidedBy?: "byte-order mark" | "option" | "content";
  /** Bytes that were not valid in `encoding`, read as Windows-1252 characters. */
  fallbackBytes = 0;
  /** Byte offset (in the decoded stream) of the first such byte. */
  firstFallbackOffset = -1;
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private started = false;
  private utf16?: TextDecoder;

  constructor(forced?: TextEncodingName) {
    if (forced) {
      this.encoding = forced;
      this.decidedBy = "option";
    }
  }

  decode(chunk: Uint8Array | undefined): string {
    return this.decodeOrPass(chunk, true) as string;
  }

  /**
   * `decode` for a reader that reads the bytes itself while they are ASCII or valid UTF-8 (the CSV reader's byte
   * path): the same judgement and bookkeeping, but null instead of the text when the chunk is plain ASCII or valid
   * UTF-8 in a file read as UTF-8 with no stray byte so far; the text otherwise (then the bytes must be read as text).
   */
  pass(chunk: Uint8Array | undefined): string | null {
    return this.decodeOrPass(chunk, false);
  }

  /** Bytes of an unfinished character held back for the next chunk (already counted by the caller's reader). */
  get carried(): number {
    return this.carry.length;
  }

  /** The held-back bytes of an unfinished character (a copy). */
  carriedBytes(): Uint8Array {
    return this.carry.slice();
  }

  private decodeOrPass(chunk: Uint8Array | undefined, wantText: boolean): string | null {
    const last = chunk === undefined;
    let b: Uint8Array = chunk ?? new Uint8Array(0);
    if (this.carry.length > 0) {
      const joined = new Uint8Array(this.carry.length + b.length);
      joined.set(this.carry);
      joined.set(b, this.carry.length);
      b = joined;
      this.carry = new Uint8Array(0);
    }
    if (!this.started) {
      if (b.length < 3 && !last) {
        this.carry = b; // a byte-order mark may still be arriving
        return wantText ? "" : null;
      }
      this.started = true;
      const bom = byteOrderMark(b);
      if (bom && this.decidedBy !== "option") {
        this.encoding = bom.encoding;
        this.decidedBy = "byte-order mark";
      }
      if (bom && bom.encoding === this.encoding) {
        b = b.subarray(bom.length);
        this.offset += bom.length;
      }
    }
    if (this.encoding === "utf-16le" || this.encoding === "utf-16be") {
      this.utf16 ??= new TextDecoder(this.encoding);
      return this.utf16.decode(b, { stream: !last });
    }
    // ASCII reads the same in UTF-8, GB18030 and Windows-1252, and Latin-1 is the cheapest copy into a string.
    const plain = !wantText && this.fallbackBytes === 0 && (this.encoding === undefined || this.encoding === "utf-8");
    if (isAscii(b)) return plain ? this.pass1(b, b.length) : this.take(b, b.length, last, latin1);
    if (this.encoding === undefined) {
      this.encoding = judgeEncoding(b);
      this.decidedBy = "content";
    }
    switch (this.encoding) {
      case "utf-8": {
        const end = last ? b.length : completeUtf8Length(b);
        if (isUtf8(b.subarray(0, end))) {
          if (plain) return this.pass1(b, end);
          return this.take(b, end, last, (x, s, e) => utf8Decoder.decode(x.subarray(s, e)));
        }
        return this.mixed(b, last, utf8SequenceLength, (x, s, e) => utf8Decoder.decode(x.subarray(s, e)));
      }
      case "gb18030":
        return this.mixed(b, last, gb18030SequenceLength, (x, s, e) => gbDecoder.decode(x.subarray(s, e)));
      default:
        return this.take(b, b.length, last, decodeWindows1252);
    }
  }

  /** `take` without the text: b[0, end) is valid, the rest waits for the next chunk. */
  private pass1(b: Uint8Array, end: number): null {
    if (end < b.length) this.carry = b.slice(end);
    this.offset += end;
    return null;
  }

  /** Decodes b[0, end) and keeps the rest for the next chunk. */
  private take(b: Uint8Array, end: number, last: boolean, run: (b: Uint8Array, s: number, e: number) => string): string {
    const text = end > 0 ? run(b, 0, end) : "";
    if (end < b.length) {
      if (last) return text + this.fallback(b, end, b.length);
      this.carry = b.slice(end);
    }
    this.offset += end;
    return text;
  }

  /** Valid runs decoded by `run`, each invalid byte as its Windows-1252 character. */
  private mixed(b: Uint8Array, last: boolean, seq: SequenceLength, run: (b: Uint8Array, s: number, e: number) => string): string {
    const parts: string[] = [];
    let runStart = 0;
    let i = 0;
    for (; i < b.length; i++) {
      if (b[i] < 0x80) continue;
      const n = seq(b, i, b.length);
      if (n > 0) {
        i += n - 1;
        continue;
      }
      if (n < 0 && !last) break; // cut at the end: wait for the next chunk
      if (i > runStart) parts.push(run(b, runStart, i));
      parts.push(this.fallback(b, i, i + 1));
      runStart = i + 1;
    }
    const end = Math.min(i, b.length);
    if (end > runStart) parts.push(run(b, runStart, end));
    if (end < b.length) this.carry = b.slice(end);
    this.offset += end;
    return parts.join("");
  }

  private fallback(b: Uint8Array, s: number, e: number): string {
    if (this.firstFallbackOffset < 0) this.firstFallbackOffset = this.offset + s;
    this.fallbackBytes += e - s;
    return decodeWindows1252(b, s, e);
  }
}

/** The length of `b` without a UTF-8 sequence cut at its end. */
function completeUtf8Length(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k];
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return len > k ? n - k : n;
    }
  }
  return n;
}

function byteOrderMark(b: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}
