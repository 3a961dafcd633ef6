/**
 * The streaming zip writer, read back by an independent reader (Python's zipfile checks every entry's CRC-32 and
 * sizes) and by hand (the central directory's CRC equals zlib's CRC-32 of the data; the data inflates back).
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { ZipWriter } from "../../../src/workbook/xlsx/zip";
import { centralDirectory, dataStart, entryData } from "../../helpers/zip-records";

const PYTHON = "/usr/bin/python3";

/** Entries of every size the writer meets: empty, shorter than the gzip trailer, one chunk, several chunks. */
function entries(): [string, Buffer][] {
  const random = Buffer.alloc(3 * 1024 * 1024 + 17);
  let x = 12345;
  for (let i = 0; i < random.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    random[i] = x >>> 24; // incompressible: deflate's output is larger than a chunk
  }
  const xml = Buffer.from("<row><c r=\"A1\"><v>1</v></c></row>".repeat(100_000), "utf8"); // 3.4 MB, compresses well
  return [
    ["empty.txt", Buffer.alloc(0)],
    ["one.txt", Buffer.from("a")],
    ["short.txt", Buffer.from("seven b")],
    ["名前.xml", Buffer.from("<a>一二三</a>", "utf8")],
    ["random.bin", random],
    ["sheet.xml", xml],
  ];
}

/** The list zipped at `level`; with `sizeHint`, every entry announced at that size (small: 16 KiB first buffers). */
async function write(list: [string, Buffer][], level: number, sizeHint?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const zip = new ZipWriter({ write: (b) => void chunks.push(b) }, level);
  for (const [name, data] of list) {
    const w = zip.entry(name, false, sizeHint);
    // in pieces, as the sheet writer appends: bytes, and text through the chunk
    for (let at = 0; at < data.length; at += 300_001) w.bytes(data.subarray(at, at + 300_001));
    await w.end();
  }
  zip.finish();
  return Buffer.concat(chunks);
}

describe("ZipWriter", () => {
  for (const [level, sizeHint] of [[0, undefined], [3, undefined], [3, 10]] as const) {
    test(`level ${level}${sizeHint ? `, every entry announced as ${sizeHint} bytes` : ""}: each entry's CRC-32 and sizes are those of its data, and the data inflates back`, async () => {
      const list = entries();
      const zip = await write(list, level, sizeHint);
      const cd = centralDirectory(zip);
      expect(cd.map((e) => e.name)).toEqual(list.map(([n]) => n));
      cd.forEach((e, i) => {
        const data = list[i][1];
        expect(e.size).toBe(data.length);
        expect(e.crc).toBe(zlib.crc32(data));
        const start = dataStart(zip, e);
        const raw = entryData(zip, e);
        expect(zlib.inflateRawSync(raw).equals(data)).toBe(true);
        // the data descriptor right after the data repeats the CRC and sizes
        expect(zip.readUInt32LE(start + e.compressed)).toBe(0x08074b50);
        expect(zip.readUInt32LE(start + e.compressed + 4)).toBe(e.crc);
      });
    });
  }

  test("an entry that fits its first chunk is deflated in one call, a larger one through the stream: the same deflate data either way", async () => {
    const small = Buffer.from("<c>ü</c>".repeat(500), "utf8"); // fits a 16 KiB first chunk: one call at end()
    const large = entries().find(([n]) => n === "sheet.xml")![1]; // 3.4 MB: several chunks through the gzip stream
    const zip = await write([["small.xml", small], ["large.xml", large]], 3, 10);
    const cd = centralDirectory(zip);
    [small, large].forEach((data, i) => {
      const e = cd[i];
      expect(entryData(zip, e).equals(zlib.deflateRawSync(data, { level: 3, memLevel: 9 }))).toBe(true);
      expect([e.crc, e.size]).toEqual([zlib.crc32(data), data.length]);
    });
  });

  test("an entry given its own level is deflated at that level, the others at the zip's", async () => {
    const large = entries().find(([n]) => n === "sheet.xml")![1];
    const chunks: Buffer[] = [];
    const zip = new ZipWriter({ write: (b) => void chunks.push(b) }, 3);
    for (const level of [1, undefined]) {
      const w = zip.entry(`level-${level}.xml`, false, undefined, level);
      for (let at = 0; at < large.length; at += 300_001) w.bytes(large.subarray(at, at + 300_001));
      await w.end();
    }
    zip.finish();
    const out = Buffer.concat(chunks);
    const cd = centralDirectory(out);
    [1, 3].forEach((level, i) => {
      expect(entryData(out, cd[i]).equals(zlib.deflateRawSync(large, { level, memLevel: 9 }))).toBe(true);
    });
    expect(cd[0].compressed).not.toBe(cd[1].compressed);
  });

  test("an entry announced small and written large, through text, bytes and room made in place, reads back whole", async () => {
    const chunks: Buffer[] = [];
    const zip = new ZipWriter({ write: (b) => void chunks.push(b) }, 3);
    const w = zip.entry("grown.xml", false, 100); // a 16 KiB first chunk
    const parts: Buffer[] = [];
    const text = "<c>ü</c>".repeat(7_000); // 63 KB of UTF-8 through the pending text
    w.str(text);
    parts.push(Buffer.from(text, "utf8"));
    const room = 40_000; // more than the small first chunk: written in place after a spill
    const at = w.reserve(room);
    w.buffer.fill(0x41, at, at + room);
    w.at = at + room;
    parts.push(Buffer.alloc(room, 0x41));
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 5, 0x42); // more than a full-size chunk: passed on whole
    w.bytes(bytes);
    parts.push(bytes);
    await w.end();
    zip.finish();
    const file = Buffer.concat(chunks);
    const [e] = centralDirectory(file);
    const data = Buffer.concat(parts);
    expect(e.size).toBe(data.length);
    expect(e.crc).toBe(zlib.crc32(data));
    expect(zlib.inflateRawSync(entryData(file, e)).equals(data)).toBe(true);
  });

  test("Python's zipfile reads every entry back, checking CRCs (testzip finds no bad entry)", async () => {
    const list = entries();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-zip-"));
    try {
      const file = path.join(dir, "t.zip");
      fs.writeFileSync(file, await write(list, 3));
      const script = [
        "import sys, zipfile, hashlib, json",
        "z = zipfile.ZipFile(sys.argv[1])",
        "print(json.dumps({'bad': z.testzip(), 'entries': [[i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]}))",
      ].join("\n");
      const got = JSON.parse(execFileSync(PYTHON, ["-c", script, file], { encoding: "utf8" }));
      expect(got.bad).toBeNull();
      expect(got.entries).toEqual(list.map(([n, d]) => [n, d.length, createHash("sha256").update(d).digest("hex")]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
