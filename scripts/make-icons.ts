/**
 * Writes the add-in's ribbon and store icons (assets/icon-16/32/64/80/128.png): a brand-blue rounded square
 * with "KA" in white, drawn from a 5×7 bitmap font scaled to each size. Plain PNG (8-bit RGBA, one IDAT
 * compressed with zlib), so nothing but Node is needed: `node bin/run-ts.js scripts/make-icons.ts`.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND: [number, number, number] = [0x0f, 0x6c, 0xbd]; // Fluent UI v9 brand blue
const INK: [number, number, number] = [0xff, 0xff, 0xff];

// 5×7 glyphs, one string per row, "#" = ink.
const GLYPHS: Record<string, string[]> = {
  K: ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"],
  A: [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
};

/** CRC-32 (ISO 3309, the polynomial PNG chunks use). */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes a pixel) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression 0, filter 0, interlace 0
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (1 + width * 4) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", new Uint8Array(0))]);
}

/** The icon at one size: rounded square background, "KA" centred, as large as fits with a margin. */
export function drawIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const radius = Math.max(2, Math.round(size * 0.18));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // distance outside the rounded corner decides transparency (corners only)
      const cx = x < radius ? radius - x - 0.5 : x >= size - radius ? x - (size - radius) + 0.5 : 0;
      const cy = y < radius ? radius - y - 0.5 : y >= size - radius ? y - (size - radius) + 0.5 : 0;
      const inside = cx === 0 || cy === 0 || cx * cx + cy * cy <= radius * radius;
      const o = (y * size + x) * 4;
      if (inside) {
        px[o] = BACKGROUND[0];
        px[o + 1] = BACKGROUND[1];
        px[o + 2] = BACKGROUND[2];
        px[o + 3] = 255;
      }
    }
  }
  const text = "KA";
  const glyphW = 5;
  const glyphH = 7;
  const textW = text.length * glyphW + (text.length - 1); // one column between letters
  const scale = Math.max(1, Math.floor((size * 0.75) / textW));
  const left = Math.floor((size - textW * scale) / 2);
  const top = Math.floor((size - glyphH * scale) / 2);
  for (let g = 0; g < text.length; g++) {
    const rows = GLYPHS[text[g]];
    for (let r = 0; r < glyphH; r++) {
      for (let c = 0; c < glyphW; c++) {
        if (rows[r][c] !== "#") continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const x = left + (g * (glyphW + 1) + c) * scale + dx;
            const y = top + r * scale + dy;
            const o = (y * size + x) * 4;
            px[o] = INK[0];
            px[o + 1] = INK[1];
            px[o + 2] = INK[2];
            px[o + 3] = 255;
          }
        }
      }
    }
  }
  return px;
}

function main(): void {
  const dir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, drawIcon(size)));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}

// run-ts.js puts the script's path in argv[1]; importing the module (tests) draws nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) main();
