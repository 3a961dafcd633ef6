/** A written zip read back by hand, record by record (PKWARE APPNOTE §4.3), for tests of the zip writer's bytes. */

export interface CentralRecord {
  name: string;
  crc: number;
  compressed: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Central directory records: name, CRC, sizes, local header offset. */
export function centralDirectory(zip: Buffer): CentralRecord[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    out.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      crc: zip.readUInt32LE(at + 16),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

/** Where an entry's data starts: after its local header (30 bytes, its name and its extra field). */
export function dataStart(zip: Buffer, e: CentralRecord): number {
  return e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
}

/** An entry's compressed (deflate) data. */
export function entryData(zip: Buffer, e: CentralRecord): Buffer {
  const start = dataStart(zip, e);
  return zip.subarray(start, start + e.compressed);
}
