// Generates numbers-ecmascript.json with Node.js: node numbers-ecmascript.js > numbers-ecmascript.json
// Generates number vectors: [bits as hex, ECMAScript String(v), v.toExponential(24)].
let state = 0x9E3779B97F4A7C15n;
const mask = (1n << 64n) - 1n;
function next() { // xorshift64*
  state ^= state >> 12n; state ^= (state << 25n) & mask; state ^= state >> 27n;
  return (state * 0x2545F4914F6CDD1Dn) & mask;
}
const buf = new ArrayBuffer(8), f = new Float64Array(buf), u = new BigUint64Array(buf);
const fromBits = b => { u[0] = b; return f[0]; };
const toBits = v => { f[0] = v; return u[0]; };
const out = new Map();
function add(v) {
  if (!Number.isFinite(v)) return;
  const bits = toBits(v).toString(16).padStart(16, "0");
  if (!out.has(bits)) out.set(bits, [bits, String(v), v.toExponential(24)]);
}
function neighbours(v) { const b = toBits(v); add(fromBits(b - 1n)); add(v); add(fromBits(b + 1n)); add(-v); }
// Boundaries of the layout rules, powers of ten, integer limits.
for (let e = -30; e <= 30; e++) neighbours(Number("1e" + e));
for (const v of [1e21, 1e-6, 1e-7, 9007199254740991, 9007199254740992, 9007199254740993, 2**63, 2**64, 123e18, 999999999999999999999, 0.1, 0.2, 0.3, 1/3, 2/3, Math.PI, Math.E, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308]) neighbours(v);
// Uniform bit patterns (all magnitudes).
for (let i = 0; i < 700; i++) add(fromBits(next()));
// Magnitudes 1e-9 … 1e24, where the layout switches.
for (let i = 0; i < 900; i++) { const m = 1 + Number(next() % 1000000n) / 1000000; const e = Number(next() % 34n) - 9; add(m * Math.pow(10, e) * (next() & 1n ? -1 : 1)); }
// Random mantissa bits at exponents around 2^-30 … 2^80.
for (let i = 0; i < 500; i++) { const exp = BigInt(1023 - 30 + Number(next() % 110n)); add(fromBits((exp << 52n) | (next() & ((1n << 52n) - 1n)))); }
// Short decimals and integers.
for (let i = 0; i < 300; i++) { add(Number(next() % 100000000n) / Math.pow(10, Number(next() % 12n))); }
for (let i = 0; i < 200; i++) { add(Number(next() % (1n << BigInt(1 + Number(next() % 72n))))); }
console.log(JSON.stringify([...out.values()]).replace(/\],\[/g, "],\n["));
