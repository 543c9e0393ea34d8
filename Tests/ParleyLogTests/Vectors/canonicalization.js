// Generates canonicalization.json: [{name, input, canonical}], the canonical form computed by the
// ECMAScript reference of RFC 8785 Appendix A (JSON.stringify with keys in UTF-16 order).
// Run: node canonicalization.js > canonicalization.json
function canon(v) {
  if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
  if (v !== null && typeof v === "object")
    return "{" + Object.keys(v).sort().map(k => JSON.stringify(k) + ":" + canon(v[k])).join(",") + "}";
  return JSON.stringify(v);
}
const controls = Array.from({ length: 32 }, (_, i) => "\\u" + i.toString(16).padStart(4, "0")).join("");
const cases = [
  ["rfc8785 3.2.2 example", String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50,
              2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`],
  ["rfc8785 3.2.3 sorting example", String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`],
  ["all C0 controls and the short escapes", `["${controls}", "\\b\\f\\n\\r\\t", "\\"\\\\\\/", "\u007f"]`],
  ["raw and escaped non-ASCII", String.raw`["Олександр Коваленко", "\u041e\u043b\u0435\u043a\u0441\u0430\u043d\u0434\u0440", "e\u0301", "\u00e9", "😀", "\uD83D\uDE00", "\u2028\u2029"]`],
  ["supplementary names sort before U+E000 and above", String.raw`{"\ue000": 1, "\ufffd": 2, "\ud800\udc00": 3, "\uffef": 4, "\ud7ff": 5, "\udbff\udffd": 6, "\u0800": 7}`],
  ["prefixes and the empty name", `{"ab": 1, "a": 2, "": 3, "b": 4, "aa": 5, "A": 6, "Z": 7, "_": 8}`],
  ["whitespace of all four kinds", "\t\r\n { \"a\" \n:\r [ 1 ,\t2 ] , \"b\" : { } , \"c\":[ ]\n}\r\n\t "],
  ["empty object", "{}"],
  ["empty array", "[]"],
  ["top-level string", `"top"`],
  ["top-level true", "true"],
  ["top-level null", "null"],
  ["top-level number 1e21", "1e21"],
  ["number notations", "[1E+2, 1e2, 100, 100.000, -0, 0.0, -0.0, 0e10, 1.0e-7, 1e-6, 0.0000001, 12345678901234567890123, 123456789012345678901234567890e-10, -1e-400, 1e-320, 0.1, 1E-00001, 4.94065645841246544e-324]"],
  ["integers near 2^53 and 1e21", "[9007199254740991, 9007199254740992, 9007199254740993, 999999999999999999999, 1000000000000000000000, 1000000000000000100000, 1e20, 123456789012345678]"],
  ["nested structures", String.raw`{"1": {"f": {"f": "hi", "F": 5}, "\n": 56.0}, "10": {}, "": "empty", "a": {}, "111": [{"e": "no", "d": "yes"}], "A": {}}`],
  ["envelope-like object", JSON.stringify({
    v: 1, exchange: "3f1c2a9e-7d4b-4c1e-9a52-0b8e6f2d1a77", author: "b3a1c9d7e5f40213b3a1c9d7e5f40213b3a1c9d7e5f40213b3a1c9d7e5f40213",
    seq: 42, prev: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", time: "2025-03-14T09:26:53.589Z",
    op: "list.put", body: { list: "request", entry: { surname: "Testenko", given: "Synthetic", patronymic: "Examplovych",
      born: "1990-01-31", service: "AB-123456", rank: "sergeant", unit: "Unit 0000", category: "military", sex: "m",
      flags: { wounded: false, ill: true, woman: false, under25: false }, notes: "synthetic test data, not a person", score: 0.8125,
      names: ["Тестенко Синтетичний", "Тестенко Синтетический", "Testenko Syntetychnyi"] } }
  }, null, 2)],
];
console.log(JSON.stringify(cases.map(([name, input]) => ({ name, input, canonical: canon(JSON.parse(input)) })), null, 1));
