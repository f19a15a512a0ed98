import { describe, expect, it } from "vitest";
import { JavaRandom } from "../../../src/asl/intrinsics/java-random.js";

describe("JavaRandom (java.util.Random)", () => {
  it("matches AWS's $random(42) and Java's known sequences", () => {
    expect(new JavaRandom(42).nextDouble()).toBe(0.7275636800328681);
    expect(new JavaRandom(42).nextInt()).toBe(-1170105035);
    expect(new JavaRandom(0).nextInt()).toBe(-1155484576);
    expect(new JavaRandom(0).nextDouble()).toBe(0.730967787376657);
  });

  it("treats a numeric seed like a (long) cast and accepts bigint seeds", () => {
    expect(new JavaRandom(42.9).nextDouble()).toBe(0.7275636800328681);
    expect(new JavaRandom(42n).nextDouble()).toBe(0.7275636800328681);
    const a = new JavaRandom(-7);
    const b = new JavaRandom(-7n);
    expect([a.nextLong(), a.nextFloat(), a.nextBoolean()]).toEqual([
      b.nextLong(),
      b.nextFloat(),
      b.nextBoolean(),
    ]);
  });

  it("nextInt(bound) stays in range, for powers of two and others", () => {
    const random = new JavaRandom(1234);
    for (const bound of [1, 2, 7, 16, 1000, 2 ** 30, 2 ** 31 - 1]) {
      for (let i = 0; i < 200; i++) {
        const n = random.nextInt(bound);
        expect(Number.isInteger(n) && n >= 0 && n < bound).toBe(true);
      }
    }
    expect(() => random.nextInt(0)).toThrow(RangeError);
  });

  it("nextInt(bound) for a power of two takes the high bits of next(31)", () => {
    // Java: (int)((bound * (long)next(31)) >> 31); next(31) is nextInt() >>> 1 for the same seed.
    const first = new JavaRandom(42).nextInt() >>> 1;
    expect(new JavaRandom(42).nextInt(16)).toBe(Math.floor((16 * first) / 2 ** 31));
    expect(new JavaRandom(42).nextInt(10)).toBe(first % 10);
  });
});
