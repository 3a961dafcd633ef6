/**
 * A streaming zip writer on Node's zlib (no dependency): each entry is deflated as it is written, with its CRC and
 * sizes in a data descriptor after the data, so nothing but the current chunk is held in memory. Compression and the
 * CRC run on libuv's thread pool while the caller builds the next chunk (one chunk in flight).
 *
 * Format: PKWARE APPNOTE 6.3 — local headers with flag bit 3 (sizes follow the data) and bit 11 (UTF-8 names), a
 * central directory, and ZIP64 records where an entry, an offset or the directory passes 4 GiB (an entry expected to
 * be that large is announced as ZIP64 in its local header). Timestamps are fixed (1980-01-01), so the same report
 * gives the same bytes.
 */
import * as zlib from "zlib";

/** Where the zip's bytes go: a file descriptor or memory. Writes are synchronous and in order. */
export interface ZipSink {
  write(chunk: Buffer): void;
}

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  zip64: boolean;
}

const U32 = 0xffffffff;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const DOS_TIME = 0;
const FLAGS = 0x0808; // data descriptor + UTF-8 names
const DEFLATE = 8;

function u16(b: Buffer, at: number, v: number): void {
  b.writeUInt16LE(v, at);
}
function u32(b: Buffer, at: number, v: number): void {
  b.writeUInt32LE(v >>> 0, at);
}
function u64(b: Buffer, at: number, v: number): void {
  b.writeBigUInt64LE(BigInt(v), at);
}

/** A gzip header is 10 bytes when its flags byte is 0 (no name, comment or extra field), as zlib writes it. */
const GZIP_HEADER_BYTES = 10;
/** Its first four: magic, method deflate, no flags. */
const GZIP_MAGIC = [0x1f, 0x8b, 8, 0];

/** zlib's CRC-32 in one call (Node 20.15 and later); before that, every entry goes through a gzip stream. */
const ONE_CALL_CRC = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** Bytes are gathered into chunks of this size before they are deflated. */
const CHUNK = 1 << 20;
/** The smallest first chunk and zlib output buffer, for an entry expected to be small. */
const SMALL_CHUNK = 1 << 14;

/**
 * The first chunk's size for an entry of about `sizeHint` bytes: a report writes ~40 parts, most of a few KiB, and
 * 1 MiB of input and 1 MiB of zlib output buffer for each was ~80 MB of buffers for a 3-row report (a third of its
 * run in garbage collection). Later chunks are full-size.
 */
function firstChunkBytes(sizeHint: number | undefined): number {
  if (sizeHint === undefined || !(sizeHint < CHUNK)) return CHUNK;
  let n = SMALL_CHUNK;
  while (n < sizeHint) n *= 2;
  return n;
}

/**
 * One entry being written: append text (`str`) and pre-encoded bytes (`bytes`), pacing with `drain()`, then `end()`.
 * Text is encoded straight into a chunk buffer; a full chunk goes to the compressor (on the thread pool) while the
 * next one fills; `drain()` waits while a filled chunk is still queued, so at most two chunks are held.
 */
export class ZipEntryWriter {
  private chunk: Buffer;
  private pos = 0;
  /** Small strings are joined before they are encoded (one buffer write per few cells, not per fragment). */
  private pending = "";
  private readonly queue: Buffer[] = [];
  private busy = false;
  private waiters: (() => void)[] = [];
  private size = 0;
  private compressed = 0;
  /** The compressor, made when the first chunk fills (an entry that never fills one is deflated at `end`). */
  private deflate: zlib.Gzip | undefined;
  private failure: Error | undefined;
  private finished: Promise<void> | undefined;
  private readonly firstChunk: number;

  constructor(
    private readonly zip: ZipWriter,
    private readonly entry: Entry,
    private readonly level: number,
    sizeHint?: number,
  ) {
    this.firstChunk = firstChunkBytes(sizeHint);
    this.chunk = Buffer.allocUnsafe(this.firstChunk);
  }

  private compressor(): zlib.Gzip {
    if (this.deflate) return this.deflate;
    // A gzip stream is the entry's deflate data between a 10-byte header and an 8-byte trailer holding the CRC-32:
    // zlib computes that CRC on the thread pool, where the main thread would spend ~0.7 ms per MiB. Its output
    // buffer is the input chunk's size (with zlib's 16 KiB default a 1 MiB chunk took several trips through the busy
    // main thread), or the first chunk's for an entry expected to fit in it.
    const deflate = zlib.createGzip({ level: this.level, memLevel: 9, chunkSize: this.firstChunk });
    this.deflate = deflate;
    deflate.on("data", (b: Buffer) => {
      try {
        this.data(b);
      } catch (e) {
        this.fail(e as Error);
      }
    });
    this.finished = new Promise((resolve, reject) => {
      deflate.on("end", resolve);
      deflate.on("error", reject);
    });
    return deflate;
  }

  /** Header bytes of the gzip stream seen so far, and the last 8 bytes seen (its trailer, once it has ended). */
  private headerSeen = 0;
  private tail = Buffer.alloc(0);

  /** Passes the deflate data of the gzip stream on to the zip, holding back its last 8 bytes. */
  private data(b: Buffer): void {
    while (this.headerSeen < GZIP_HEADER_BYTES && b.length > 0) {
      const magic = GZIP_MAGIC[this.headerSeen++];
      if (magic !== undefined && b[0] !== magic) throw new Error("zip: unexpected gzip header from zlib");
      b = b.subarray(1);
    }
    if (b.length === 0) return;
    if (b.length < 8) {
      const all = Buffer.concat([this.tail, b]);
      this.pass(all.subarray(0, Math.max(0, all.length - 8)));
      this.tail = Buffer.from(all.subarray(Math.max(0, all.length - 8)));
      return;
    }
    this.pass(this.tail);
    this.pass(b.subarray(0, b.length - 8));
    this.tail = Buffer.from(b.subarray(b.length - 8));
  }

  private pass(b: Buffer): void {
    if (b.length === 0) return;
    this.compressed += b.length;
    this.zip.emit(b);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }

  /** Appends text, UTF-8 encoded. */
  str(s: string): void {
    this.pending += s;
    if (this.pending.length > 4096) this.encodePending();
  }

  private encodePending(): void {
    const s = this.pending;
    if (s.length === 0) return;
    this.pending = "";
    if (this.pos + s.length * 3 > this.chunk.length) {
      this.spill();
      if (s.length * 3 > this.chunk.length) {
        this.enqueue(Buffer.from(s, "utf8"));
        return;
      }
    }
    this.pos += this.chunk.write(s, this.pos);
  }

  /** Appends bytes (a cached, already encoded piece such as a repeated formula). */
  bytes(b: Buffer): void {
    this.encodePending();
    if (this.pos + b.length > this.chunk.length) {
      this.spill();
      if (b.length > this.chunk.length) {
        this.enqueue(b);
        return;
      }
    }
    this.chunk.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * Direct access for a hot loop that writes ASCII and cached bytes itself (a table's body cells): makes room for `n`
   * bytes (at most 1 MiB) after what was appended so far and returns where they start in `buffer`; the caller writes
   * there and then sets `at` past its last byte.
   */
  reserve(n: number): number {
    this.encodePending();
    if (this.pos + n > this.chunk.length) this.spill();
    return this.pos;
  }

  /** The chunk being filled (see `reserve`). */
  get buffer(): Buffer {
    return this.chunk;
  }

  /** Where the next byte goes in `buffer`; set after writing into room made by `reserve`. */
  get at(): number {
    return this.pos;
  }

  set at(end: number) {
    this.pos = end;
  }

  /** Appends text and waits if the compressor is behind (for simple whole-part writes). */
  async text(s: string): Promise<void> {
    this.str(s);
    await this.drain();
  }

  /** Sends the filled part of the chunk on; the next chunk is full-size (a small first chunk is replaced, even empty). */
  private spill(): void {
    if (this.pending.length > 0 && this.pos + this.pending.length * 3 <= this.chunk.length) this.encodePending();
    if (this.pos > 0) this.enqueue(this.chunk.subarray(0, this.pos));
    else if (this.chunk.length === CHUNK) return;
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }

  private enqueue(b: Buffer): void {
    this.size += b.length;
    this.queue.push(b);
    this.pump();
  }

  private pump(): void {
    if (this.busy || this.failure) return;
    const b = this.queue.shift();
    if (!b) return;
    this.busy = true;
    this.compressor().write(b, (err) => {
      this.busy = false;
      if (err) this.fail(err);
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
      this.pump();
    });
  }

  /** True when a filled chunk waits for the compressor: the caller should `await drain()`. */
  get behind(): boolean {
    return this.queue.length > 0;
  }

  /** @internal (ZipWriter.abort) drops the queued chunks and the compressor; waiters wake to the failure. */
  abort(): void {
    this.queue.length = 0;
    this.deflate?.destroy();
    this.fail(new Error("zip: the entry was abandoned"));
  }

  /** Waits until no filled chunk is waiting (one may still be compressing). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  /** Finishes the entry: the rest of the bytes, the end of the deflate stream, the data descriptor. */
  async end(): Promise<void> {
    this.encodePending();
    const e = this.entry;
    if (this.deflate === undefined && ONE_CALL_CRC) {
      // Never a full chunk (most parts of a report): deflated here in one call, with no stream, no thread-pool trips
      // and no waiting (a 3-row report's ~40 parts spent ~9 ms waiting and ~13 ms collecting streams' garbage).
      const data = this.chunk.subarray(0, this.pos);
      const raw = zlib.deflateRawSync(data, { level: this.level, memLevel: 9 });
      e.crc = ONE_CALL_CRC(data);
      e.size = data.length;
      e.compressed = raw.length;
      this.zip.emit(raw);
    } else {
      this.spill();
      while ((this.queue.length > 0 || this.busy) && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
      if (this.failure) throw this.failure;
      this.compressor().end();
      await this.finished;
      if (this.failure) throw this.failure;
      if (this.tail.length !== 8 || this.tail.readUInt32LE(4) !== this.size % 2 ** 32) throw new Error("zip: the gzip trailer does not match the data");
      e.crc = this.tail.readUInt32LE(0);
      e.size = this.size;
      e.compressed = this.compressed;
    }
    const zip64 = e.zip64 || e.size >= U32 || e.compressed >= U32;
    if (zip64 && !e.zip64) throw new Error(`zip entry ${e.name.toString()} grew past 4 GiB without a ZIP64 header`);
    const dd = Buffer.alloc(zip64 ? 24 : 16);
    u32(dd, 0, 0x08074b50);
    u32(dd, 4, e.crc);
    if (zip64) {
      u64(dd, 8, e.compressed);
      u64(dd, 16, e.size);
    } else {
      u32(dd, 8, e.compressed);
      u32(dd, 12, e.size);
    }
    this.zip.emit(dd);
    this.zip.entryDone();
  }
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private open = false;

  constructor(
    private readonly sink: ZipSink,
    private readonly level = 6,
  ) {}

  private current: ZipEntryWriter | undefined;
  private aborted = false;

  /** @internal bytes from an entry writer; none after `abort` */
  emit(b: Buffer): void {
    if (this.aborted) return;
    this.sink.write(b);
    this.offset += b.length;
  }

  /**
   * Stops the zip after a failure or a cancel: the entry being written drops its compressor, and nothing more reaches
   * the sink (a file's descriptor may be closed, even reused by another file, before the compressor's last callbacks).
   */
  abort(): void {
    this.aborted = true;
    this.current?.abort();
  }

  /** @internal */
  entryDone(): void {
    this.open = false;
    this.current = undefined;
  }

  /**
   * Starts an entry. One entry at a time.
   * @param large announce ZIP64 (the entry may pass 4 GiB uncompressed)
   * @param sizeHint the entry's expected size in bytes, if known (a small entry starts with small buffers)
   * @param level its deflate level, when not the zip's
   */
  entry(name: string, large = false, sizeHint?: number, level = this.level): ZipEntryWriter {
    if (this.open) throw new Error("zip: the previous entry is still open");
    this.open = true;
    const nameBuf = Buffer.from(name, "utf8");
    const e: Entry = { name: nameBuf, crc: 0, compressed: 0, size: 0, offset: this.offset, zip64: large };
    this.entries.push(e);
    const extra = large ? 20 : 0;
    const h = Buffer.alloc(30 + nameBuf.length + extra);
    u32(h, 0, 0x04034b50);
    u16(h, 4, large ? 45 : 20);
    u16(h, 6, FLAGS);
    u16(h, 8, DEFLATE);
    u16(h, 10, DOS_TIME);
    u16(h, 12, DOS_DATE);
    // crc and sizes follow the data (flag bit 3); with ZIP64 the 32-bit sizes say "see the extra field"
    u32(h, 18, large ? U32 : 0);
    u32(h, 22, large ? U32 : 0);
    u16(h, 26, nameBuf.length);
    u16(h, 28, extra);
    nameBuf.copy(h, 30);
    if (large) {
      u16(h, 30 + nameBuf.length, 0x0001);
      u16(h, 32 + nameBuf.length, 16); // sizes, zero here: the data descriptor has them
    }
    this.emit(h);
    this.current = new ZipEntryWriter(this, e, level, sizeHint);
    return this.current;
  }

  /** Writes a whole entry from text. */
  async add(name: string, text: string): Promise<void> {
    const w = this.entry(name, false, text.length * 3);
    w.str(text);
    await w.end();
  }

  /** Central directory and end records. */
  finish(): void {
    if (this.open) throw new Error("zip: an entry is still open");
    const cdStart = this.offset;
    for (const e of this.entries) {
      const bigSize = e.size >= U32 || e.compressed >= U32;
      const bigOffset = e.offset >= U32;
      const zip64 = e.zip64 || bigSize || bigOffset;
      const fields: number[] = [];
      if (zip64 && (bigSize || e.zip64)) fields.push(e.size, e.compressed);
      if (bigOffset) fields.push(e.offset);
      const extra = fields.length > 0 ? 4 + 8 * fields.length : 0;
      const h = Buffer.alloc(46 + e.name.length + extra);
      u32(h, 0, 0x02014b50);
      u16(h, 4, zip64 ? 45 : 20); // made by: MS-DOS/FAT attributes, spec version
      u16(h, 6, zip64 ? 45 : 20);
      u16(h, 8, FLAGS);
      u16(h, 10, DEFLATE);
      u16(h, 12, DOS_TIME);
      u16(h, 14, DOS_DATE);
      u32(h, 16, e.crc);
      const sizesIn64 = zip64 && (bigSize || e.zip64);
      u32(h, 20, sizesIn64 ? U32 : e.compressed);
      u32(h, 24, sizesIn64 ? U32 : e.size);
      u16(h, 28, e.name.length);
      u16(h, 30, extra);
      u16(h, 32, 0);
      u16(h, 34, 0);
      u16(h, 36, 0);
      u32(h, 38, 0);
      u32(h, 42, bigOffset ? U32 : e.offset);
      e.name.copy(h, 46);
      if (extra > 0) {
        let at = 46 + e.name.length;
        u16(h, at, 0x0001);
        u16(h, at + 2, 8 * fields.length);
        at += 4;
        for (const f of fields) {
          u64(h, at, f);
          at += 8;
        }
      }
      this.emit(h);
    }
    const cdSize = this.offset - cdStart;
    const count = this.entries.length;
    const needs64 = count >= 0xffff || cdSize >= U32 || cdStart >= U32;
    if (needs64) {
      const z64Start = this.offset;
      const r = Buffer.alloc(56);
      u32(r, 0, 0x06064b50);
      u64(r, 4, 44);
      u16(r, 12, 45);
      u16(r, 14, 45);
      u32(r, 16, 0);
      u32(r, 20, 0);
      u64(r, 24, count);
      u64(r, 32, count);
      u64(r, 40, cdSize);
      u64(r, 48, cdStart);
      this.emit(r);
      const loc = Buffer.alloc(20);
      u32(loc, 0, 0x07064b50);
      u32(loc, 4, 0);
      u64(loc, 8, z64Start);
      u32(loc, 16, 1);
      this.emit(loc);
    }
    const end = Buffer.alloc(22);
    u32(end, 0, 0x06054b50);
    u16(end, 4, 0);
    u16(end, 6, 0);
    u16(end, 8, needs64 ? 0xffff : count);
    u16(end, 10, needs64 ? 0xffff : count);
    u32(end, 12, needs64 ? U32 : cdSize);
    u32(end, 16, needs64 ? U32 : cdStart);
    u16(end, 20, 0);
    this.emit(end);
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }
}
