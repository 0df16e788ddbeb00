// Renders media/icon.png (128×128): two arrows chasing each other round a ring — the loop of
// push → translate → pull. Pure Node (zlib) so it needs no image tools.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * size + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const bg = [24, 92, 168, 255];
const fg = [255, 255, 255, 255];
const c = size / 2;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    // rounded square background
    const dx = Math.max(0, Math.abs(x + 0.5 - c) - 40),
      dy = Math.max(0, Math.abs(y + 0.5 - c) - 40);
    if (Math.hypot(dx, dy) > 22) continue;
    set(x, y, bg);
    const r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
    const a = Math.atan2(y + 0.5 - c, x + 0.5 - c); // -π..π
    const deg = ((a * 180) / Math.PI + 360) % 360;
    // ring with two gaps (at 80–100° and 260–280°)
    const inGap = (deg > 70 && deg < 100) || (deg > 250 && deg < 280);
    if (r > 30 && r < 40 && !inGap) set(x, y, fg);
  }
}
// arrow heads at the end of each arc
const head = (angleDeg) => {
  const t = (angleDeg * Math.PI) / 180;
  const ax = c + 35 * Math.cos(t),
    ay = c + 35 * Math.sin(t);
  const tx = -Math.sin(t),
    ty = Math.cos(t); // tangent (clockwise)
  const nx = Math.cos(t),
    ny = Math.sin(t);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px_ = x + 0.5 - ax,
        py_ = y + 0.5 - ay;
      const along = px_ * tx + py_ * ty,
        across = px_ * nx + py_ * ny;
      if (along >= 0 && along <= 14 && Math.abs(across) <= 12 - (along * 12) / 14) set(x, y, fg);
    }
  }
};
head(70);
head(250);

const rows = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) px.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let k = n;
  for (let i = 0; i < 8; i++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
  return k >>> 0;
});
const crc = (buf) => {
  let v = 0xffffffff;
  for (const b of buf) v = crcTable[(v ^ b) & 0xff] ^ (v >>> 8);
  return (v ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8;
ihdr[9] = 6;
writeFileSync(
  new URL('../media/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
