// ParleyCrypto: keys, signatures, digests, fingerprints. The only importer of COpenSSL.
