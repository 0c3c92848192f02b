// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Hex } from './sha256';

describe('sha256 (for pages without Web Crypto)', () => {
  it('gives the standard digests', () => {
    expect(sha256Bytes(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Bytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('agrees with Web Crypto at block edges and on Chinese text', async () => {
    const enc = new TextEncoder();
    for (const s of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '故障截图：服务器宕机'.repeat(20)]) {
      expect(sha256Bytes(enc.encode(s))).toBe(await sha256Hex(new Blob([s])));
    }
  });
});
