#!/usr/bin/env bash
# Prints the JWT secret of this checkout, making it once: 32 random bytes (hex) in
# .data/jwt-secret, readable by the owner only. `npm start`, `npm run token`, `npm run seed` and
# `npm run bench` use it when AUTH_JWT_SECRET is not set, so a local install never signs tokens
# with a value that is printed in the source.
set -euo pipefail
file="$(cd "$(dirname "$0")/.." && pwd)/.data/jwt-secret"
if [[ ! -s $file ]]; then
  mkdir -p "$(dirname "$file")"
  (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$file.tmp" && mv "$file.tmp" "$file")
fi
chmod 600 "$file"
cat "$file"
