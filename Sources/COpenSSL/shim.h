#ifndef PARLEY_COPENSSL_SHIM_H
#define PARLEY_COPENSSL_SHIM_H

// The parts of libcrypto (OpenSSL 3) that ParleyCrypto uses, plus `static inline` wrappers for what
// Swift cannot import directly: function-like macros and calls that need a C callback.

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

/// The key type id of Ed25519 (`EVP_PKEY_ED25519` is a macro chain over `NID_ED25519`).
static inline int parley_EVP_PKEY_ED25519(void) {
    return EVP_PKEY_ED25519;
}

/// The key type id of X25519 (`EVP_PKEY_X25519` is a macro over `NID_X25519`).
static inline int parley_EVP_PKEY_X25519(void) {
    return EVP_PKEY_X25519;
}

/// `EVP_KDF_HKDF_MODE_EXTRACT_ONLY`: HKDF-Extract alone (RFC 5869 section 2.2), giving the PRK.
static inline int parley_EVP_KDF_HKDF_MODE_EXTRACT_ONLY(void) {
    return EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
}

/// `EVP_KDF_HKDF_MODE_EXPAND_ONLY`: HKDF-Expand alone (RFC 5869 section 2.3), from a PRK.
static inline int parley_EVP_KDF_HKDF_MODE_EXPAND_ONLY(void) {
    return EVP_KDF_HKDF_MODE_EXPAND_ONLY;
}

/// `EVP_CTRL_AEAD_SET_IVLEN`, `EVP_CTRL_AEAD_GET_TAG`, `EVP_CTRL_AEAD_SET_TAG`: the AEAD controls
/// of `EVP_CIPHER_CTX_ctrl` (macros over the GCM names, shared by ChaCha20-Poly1305).
static inline int parley_EVP_CTRL_AEAD_SET_IVLEN(void) { return EVP_CTRL_AEAD_SET_IVLEN; }
static inline int parley_EVP_CTRL_AEAD_GET_TAG(void) { return EVP_CTRL_AEAD_GET_TAG; }
static inline int parley_EVP_CTRL_AEAD_SET_TAG(void) { return EVP_CTRL_AEAD_SET_TAG; }

/// `BIO_get_mem_data` is a macro over `BIO_ctrl`: points `*data` at the memory BIO's bytes and
/// returns how many there are.
static inline long parley_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// A PEM passphrase callback that refuses: an encrypted PEM fails to load instead of making
/// OpenSSL prompt on the terminal.
static inline int parley_no_passphrase(char *buf, int size, int rwflag, void *userdata) {
    (void)buf; (void)size; (void)rwflag; (void)userdata;
    return -1;
}

/// Reads one private key from PEM (PKCS#8 and the other forms OpenSSL knows), never prompting.
static inline EVP_PKEY *parley_PEM_read_bio_PrivateKey(BIO *bio) {
    return PEM_read_bio_PrivateKey(bio, NULL, parley_no_passphrase, NULL);
}

/// Reads one SubjectPublicKeyInfo public key (`-----BEGIN PUBLIC KEY-----`) from PEM.
static inline EVP_PKEY *parley_PEM_read_bio_PUBKEY(BIO *bio) {
    return PEM_read_bio_PUBKEY(bio, NULL, parley_no_passphrase, NULL);
}

/// Writes a private key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
static inline int parley_PEM_write_bio_PKCS8PrivateKey(BIO *bio, EVP_PKEY *key) {
    return PEM_write_bio_PKCS8PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL);
}

#endif
