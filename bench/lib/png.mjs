// A small RGB canvas and PNG encoder (node:zlib only): enough to draw the benchmark's bar chart
// without a browser or a native module.
import { deflateSync } from 'node:zlib';

import { CHARS, DATA, GLYPH_H, GLYPH_W } from './font.mjs';

const GLYPHS = Buffer.from(DATA, 'base64');
const GLYPH_INDEX = new Map([...CHARS].map((c, i) => [c, i]));

export class Canvas {
  constructor(width, height, background = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.px = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  /** Blends colour `c` into pixel (x, y) with coverage `a` in [0, 1]. */
  blend(x, y, c, a = 1) {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
    const i = (y * this.width + x) * 3;
    for (let k = 0; k < 3; k++) this.px[i + k] = Math.round(this.px[i + k] * (1 - a) + c[k] * a);
  }

  fillRect(x, y, w, h, c) {
    const x0 = Math.max(0, Math.round(x)), y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w)), y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 3;
        this.px[i] = c[0]; this.px[i + 1] = c[1]; this.px[i + 2] = c[2];
      }
    }
  }

  hline(x0, x1, y, c, dash = 0) {
    for (let x = Math.round(x0); x <= Math.round(x1); x++) if (!dash || Math.floor(x / dash) % 2 === 0) this.blend(x, y, c);
  }

  vline(x, y0, y1, c, dash = 0) {
    for (let y = Math.round(y0); y <= Math.round(y1); y++) if (!dash || Math.floor(y / dash) % 2 === 0) this.blend(x, y, c);
  }

  static textWidth(s) { return [...s].length * GLYPH_W; }

  /** Draws `s` with its top-left corner at (x, y); align 'left' | 'right' | 'center'. */
  text(s, x, y, c = [0, 0, 0], align = 'left') {
    const w = Canvas.textWidth(s);
    if (align === 'right') x -= w;
    else if (align === 'center') x -= w / 2;
    x = Math.round(x);
    for (const ch of s) {
      const gi = GLYPH_INDEX.get(ch) ?? GLYPH_INDEX.get('?');
      const base = gi * GLYPH_W * GLYPH_H;
      for (let gy = 0; gy < GLYPH_H; gy++) {
        for (let gx = 0; gx < GLYPH_W; gx++) {
          const a = GLYPHS[base + gy * GLYPH_W + gx] / 255;
          if (a > 0) this.blend(x + gx, y + gy, c, a);
        }
      }
      x += GLYPH_W;
    }
  }

  toPNG() {
    const { width, height, px } = this;
    const raw = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y++) {
      raw[y * (width * 3 + 1)] = 0; // filter: none
      Buffer.from(px.buffer, y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td), 0);
  return Buffer.concat([len, td, crc]);
}
