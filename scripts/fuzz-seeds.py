#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the repo's own vectors, examples and fixtures.

    scripts/fuzz-seeds.py OUT_DIR     # makes OUT_DIR/<Harness>/<seed files>

Everything comes from files in the repo (protocol/vectors, examples, test fixtures), so the seeds
follow the formats as they change. Python's standard library only.
"""
import hashlib
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])


def write(harness, name, data):
    folder = out / harness
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def canonical(value):
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


envelopes = json.loads((root / "protocol/vectors/envelopes.json").read_text())
checkpoints = json.loads((root / "protocol/vectors/checkpoints.json").read_text())
wires = [envelope["wire"] for envelope in envelopes["envelopes"]]
checkpoint_wires = [checkpoint["wire"] for checkpoint in checkpoints["checkpoints"]]

# Canonical JSON: the vector files, and each envelope's canonical bytes.
for path in sorted((root / "Tests/ParleyLogTests/Vectors").glob("*.json")) + sorted((root / "protocol/vectors").glob("*.json")):
    data = path.read_bytes()
    if len(data) <= 64 << 10:
        write("FuzzCanonicalJSON", path.name, data)
for index, envelope in enumerate(envelopes["envelopes"]):
    write("FuzzCanonicalJSON", f"envelope-{index}", envelope["canonical"])

# Envelopes and checkpoints: their wire forms.
for index, wire in enumerate(wires):
    write("FuzzEnvelope", f"envelope-{index}", wire)
for index, wire in enumerate(checkpoint_wires):
    write("FuzzEnvelope", f"checkpoint-{index}", wire)
# The key and sealing cases: rotations, revocations, sealed records and notes.
for case in json.loads((root / "protocol/vectors/keys.json").read_text())["cases"]:
    for index, wire in enumerate(case["envelopes"]):
        write("FuzzEnvelope", f"{case['name']}-{index}", wire)

# Wire: a push body, pull bodies, a pull stream, responses.
write("FuzzWire", "push", "".join(wire + "\n" for wire in wires))
write("FuzzWire", "pull-empty", '{"checkpoint":null,"have":{}}')
heads = {}
for envelope in envelopes["envelopes"]:
    body = json.loads(envelope["canonical"])
    heads[body["author"]] = {"id": envelope["id"], "seq": body["seq"]}
write("FuzzWire", "pull-have", canonical({"checkpoint": 3, "have": {author: head["seq"] for author, head in heads.items()}}))
header = {"checkpoint": json.loads(checkpoint_wires[-1]), "consistency": [], "count": len(wires), "heads": heads, "size": len(wires)}
write("FuzzWire", "pull-stream", canonical(header) + "\n" + "".join(w + "\n" for w in wires) + canonical({"end": {"count": len(wires)}}) + "\n")
write("FuzzWire", "push-response", canonical({"accepted": 2, "checkpoint": json.loads(checkpoint_wires[-1]), "consistency": [], "duplicates": 0, "heads": heads, "size": 5}))
write("FuzzWire", "error", canonical({"error": {"code": "seq_gap", "index": 0, "message": "m"}}))

# Request signature headers: the protocol's worked example.
protocol = (root / "protocol/PROTOCOL.md").read_text()
fields = {}
for line in protocol.splitlines():
    stripped = line.strip()
    for name in ("Content-Digest: ", "Signature-Input: ", "Signature: "):
        if stripped.startswith(name) and "<" not in stripped:
            fields.setdefault(name[:-2], stripped[len(name):])
if len(fields) == 3:
    write("FuzzSignature", "worked-example", fields["Signature-Input"] + "\n" + fields["Signature"] + "\n" + fields["Content-Digest"])
write("FuzzSignature", "dictionary", 'a=1, b=?0;x="y", c=(1 2 "three");p=:AAEC:, d=token/with:chars, e=-1.5')

# Bundles: the vectors' envelopes with a checkpoint, and one with none.
def bundle(lines, checkpoints):
    body = "".join(line + "\n" for line in lines)
    head = canonical({"checkpoints": checkpoints, "count": len(lines), "exchange": envelopes["exchange"], "parley_bundle": 1})
    end = canonical({"end": {"count": len(lines), "sha256": hashlib.sha256(body.encode()).hexdigest()}})
    return head + "\n" + body + end + "\n"

write("FuzzBundle", "full", bundle(wires, [json.loads(checkpoint_wires[-1])]))
write("FuzzBundle", "genesis-only", bundle(wires[:1], []))

# Lists: every CSV example (the first byte picks the options), every xlsx fixture.
for path in sorted((root / "examples").rglob("*.csv")):
    for option in (0, 1, 2):
        write("FuzzCSV", f"{path.stem}-{option}", bytes([option]) + path.read_bytes())
for path in sorted((root / "Tests/ParleyMatchTests/Fixtures").glob("*.xlsx")):
    write("FuzzXLSX", path.name, path.read_bytes())
