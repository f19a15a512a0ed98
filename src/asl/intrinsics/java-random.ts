import { randomBytes } from "node:crypto";

/**
 * A port of `java.util.Random` (48-bit linear congruential generator, Java SE API docs).
 * Step Functions runs on the JVM: `States.MathRandom` with a seed and JSONata's `$random(seed)`
 * are reproducible only with Java's exact sequence (`$random(42)` → 0.7275636800328681 on AWS,
 * which is `new Random(42).nextDouble()`).
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;
const DOUBLE_UNIT = 2 ** -53;

export class JavaRandom {
  private seed = 0n;

  /** `seed` is a Java `long`: numbers are truncated toward zero, like a `(long)` cast. */
  constructor(seed?: number | bigint) {
    this.setSeed(seed ?? randomLong());
  }

  setSeed(seed: number | bigint): void {
    const long =
      typeof seed === "bigint" ? BigInt.asIntN(64, seed) : BigInt.asIntN(64, BigInt(toLong(seed)));
    this.seed = (long ^ MULTIPLIER) & MASK;
  }

  /** Java's `next(bits)`: the top `bits` bits of the new seed, as a signed 32-bit int. */
  protected next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  nextInt(bound?: number): number {
    if (bound === undefined) return this.next(32);
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) {
      throw new RangeError("bound must be a positive 32-bit integer");
    }
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) {
      // Power of two: (int)((bound * (long)r) >> 31), exact in doubles.
      return Math.floor((bound * r) / 2 ** 31);
    }
    // Rejects the values that would bias the modulo (Java: `u - (r = u % bound) + m < 0`).
    for (let u = r; ; u = this.next(31)) {
      r = u % bound;
      if (((u - r + m) | 0) >= 0) return r;
    }
  }

  nextLong(): bigint {
    const hi = BigInt(this.next(32));
    const lo = BigInt(this.next(32));
    return BigInt.asIntN(64, (hi << 32n) + lo);
  }

  nextBoolean(): boolean {
    return this.next(1) !== 0;
  }

  nextFloat(): number {
    return this.next(24) / (1 << 24);
  }

  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * DOUBLE_UNIT;
  }
}

function toLong(value: number): number | bigint {
  if (Number.isNaN(value)) return 0;
  if (!Number.isFinite(value)) return value > 0 ? 2n ** 63n - 1n : -(2n ** 63n);
  return Math.trunc(value);
}

function randomLong(): bigint {
  return randomBytes(8).readBigInt64BE();
}
