"""Schemathesis hooks that sign every request as a Parley participant.

RFC 9421 HTTP Message Signatures with an RFC 9530 Content-Digest, exactly as
Sources/ParleyWire/Signatures does (protocol/PROTOCOL.md, "Request signatures"), with the
participant's Ed25519 key through Python's `cryptography` package. The signature is made over the
request as `requests` will send it (its path and query, its body bytes), so a generated request
is checked by the server's endpoint logic, not refused at the door.

Environment: PARLEY_ST_KEY (the participant's key.pem), PARLEY_ST_EXCHANGE (an exchange it takes
part in; most generated requests are pointed at it, the rest keep their generated id).
"""
import base64
import hashlib
import os
import random
import time

import requests
import schemathesis
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_PATH = os.environ["PARLEY_ST_KEY"]
EXCHANGE = os.environ.get("PARLEY_ST_EXCHANGE")

with open(KEY_PATH, "rb") as handle:
    PRIVATE_KEY = serialization.load_pem_private_key(handle.read(), password=None)
assert isinstance(PRIVATE_KEY, Ed25519PrivateKey), "PARLEY_ST_KEY must be an Ed25519 key"
PUBLIC_RAW = PRIVATE_KEY.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
KEY_ID = hashlib.sha256(PUBLIC_RAW).hexdigest()


def signature_headers(method, target, body):
    """The Content-Digest, Signature-Input and Signature header values for one request."""
    digest = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
    nonce = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
    params = (
        '("@method" "@request-target" "content-digest")'
        f";created={int(time.time())};nonce=\"{nonce}\";keyid=\"{KEY_ID}\""
        ';alg="ed25519";tag="parley/v1/request"'
    )
    base = (
        f'"@method": {method}\n'
        f'"@request-target": {target}\n'
        f'"content-digest": {digest}\n'
        f'"@signature-params": {params}'
    )
    signature = base64.b64encode(PRIVATE_KEY.sign(base.encode())).decode()
    return {"Content-Digest": digest, "Signature-Input": "parley=" + params, "Signature": f"parley=:{signature}:"}


class ParleySignature(requests.auth.AuthBase):
    """Signs the prepared request: its final method, path and query, and body bytes."""

    def __call__(self, request):
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        request.headers.update(signature_headers(request.method, request.path_url, body))
        return request


@schemathesis.serializer("application/x-ndjson")
def ndjson_serializer(ctx, value):
    """NDJSON bodies (a push, a genesis) are generated as strings: sent as their UTF-8 bytes."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    import json
    return json.dumps(value).encode()


@schemathesis.hook
def before_call(context, case, kwargs):
    if EXCHANGE and "exchange" in (case.path_parameters or {}) and random.random() < 0.8:
        case.path_parameters["exchange"] = EXCHANGE
    if case.operation.path.endswith("/wait"):
        # A long poll answers after `timeout` seconds (60 without one): keep the valid ones to a
        # second so that a run is not spent waiting; invalid values are sent as generated.
        query = case.query if isinstance(case.query, dict) else None
        if query is not None:
            timeout = query.get("timeout")
            if timeout is None:
                query["timeout"] = 1
            elif isinstance(timeout, int) and not isinstance(timeout, bool) and 1 < timeout <= 60:
                query["timeout"] = 1
    if case.operation.path != "/v1/server":
        kwargs["auth"] = ParleySignature()
