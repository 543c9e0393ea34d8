// ParleyLog: canonical JSON, envelopes, verification, the state fold.
