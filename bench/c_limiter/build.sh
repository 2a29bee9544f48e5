#!/bin/sh
# Builds bench/c_limiter/limiter.wasm from limiter.c (which includes common.h, config.c and
# address.c: one translation unit): the benchmark's hand-written C rate
# limiter. The committed limiter.wasm was built by this script with Debian clang version
# 14.0.6 and its wasm-ld (Debian LLD 14.0.6); only this script needs them, never the
# bench run or the product. Freestanding: no libc, no WASI; it imports only the proxy-wasm
# host calls it makes. Compiled at -O2, then linked in a second step without -O: given an
# optimisation level, clang's driver also runs binaryen's wasm-opt when one is installed,
# which drops the name section. The name section is kept (function names), as main.wasm
# keeps its own, so that their sizes compare fairly.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
object=$(mktemp --suffix=.o)
trap 'rm -f "$object"' EXIT
clang --target=wasm32 -O2 -ffreestanding -fno-builtin -Wall -Wextra -Werror -c -o "$object" "$here/limiter.c"
clang --target=wasm32 -nostdlib -Wl,--no-entry -Wl,-z,stack-size=16384 -o "$here/limiter.wasm" "$object"
echo "$here/limiter.wasm: $(wc -c < "$here/limiter.wasm") bytes ($(clang --version | head -n 1))"
