#ifndef PARLEY_CZLIB_SHIM_H
#define PARLEY_CZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a macro (it passes the library version and the stream's size); Swift sees
/// this function instead.
static inline int parley_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
