# Installs whatever Trellis needs that is missing, at pinned versions; sourced by
# scripts/serve, scripts/build, scripts/test and scripts/bench. Safe to run again: each
# step checks first and does nothing when the right version is already present.
# Nothing is downloaded from GitHub or a CDN: Rust tools come from crates.io, wasm-opt and
# Playwright from the npm registry, Chromium and ChromeDriver from Debian.

TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130"
WASM_OPT_VERSION="132"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Debug info is not needed for tests here; leaving it out halves target/ and speeds builds.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-false}"

say() { printf '==> %s\n' "$*" >&2; }
die() {
  printf '\nerror: %s\n' "$*" >&2
  exit 1
}

is_root() { [ "$(id -u)" = "0" ]; }

apt_install() {
  # Installs Debian packages, refreshing the package lists only when needed.
  is_root || return 1
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

RUST_VERSION="1.95.0" # the channel in rust-toolchain.toml

setup_rust() {
  command -v cargo >/dev/null 2>&1 ||
    die "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again."
  # rust-toolchain.toml names $RUST_VERSION. Where the machine's one toolchain is that
  # version under another name (often "stable") and no other can be downloaded, the
  # pinned name is made to point at it (rustup refuses to `link` a name that looks like a
  # release, so this is the symbolic link rustup itself would read).
  if ! (cd / && rustup toolchain list 2>/dev/null | grep -q "^$RUST_VERSION-"); then
    local host sysroot
    host="$(cd / && rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
    sysroot="$(cd / && rustc --print sysroot 2>/dev/null)"
    if [ -n "$host" ] && [ -d "$sysroot" ] && (cd / && rustc --version | grep -q "^rustc $RUST_VERSION "); then
      say "using the installed Rust $RUST_VERSION as toolchain $RUST_VERSION"
      ln -s "$sysroot" "${RUSTUP_HOME:-$HOME/.rustup}/toolchains/$RUST_VERSION-$host" ||
        die "could not register Rust $RUST_VERSION under its own name."
    else
      say "installing Rust $RUST_VERSION with rustup"
      (cd / && rustup toolchain install "$RUST_VERSION" --profile minimal -c rustfmt -c clippy -t wasm32-unknown-unknown) ||
        die "Rust $RUST_VERSION is needed (rust-toolchain.toml) and could not be installed."
    fi
  fi
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target to the Rust toolchain"
    rustup target add wasm32-unknown-unknown ||
      die "could not add the wasm32-unknown-unknown target (rustup target add wasm32-unknown-unknown)."
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION from crates.io (about 6 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked ||
      die "could not install trunk $TRUNK_VERSION with cargo install."
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # --locked fails on some registry mirrors (a locked dependency is missing), so it is
    # left out here; the version itself is pinned.
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 2 minutes, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" ||
      die "could not install wasm-bindgen-cli $WASM_BINDGEN_VERSION with cargo install."
  fi
  cargo fetch --locked >/dev/null 2>&1 || cargo fetch --locked ||
    die "could not fetch the Rust dependencies in Cargo.lock from crates.io."
}

setup_node() {
  if ! command -v npm >/dev/null 2>&1; then
    say "installing Node.js and npm from Debian"
    apt_install nodejs npm ||
      die "Node.js and npm are missing and could not be installed (run as root, or install nodejs and npm)."
  fi
  local marker="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$marker" ] || [ "$ROOT/package-lock.json" -nt "$marker" ]; then
    say "installing pinned npm tools (binaryen for wasm-opt, Playwright)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) ||
      die "npm ci failed: could not install the tools pinned in package-lock.json."
  fi
  wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION" ||
    die "wasm-opt version $WASM_OPT_VERSION is not on PATH after npm ci (expected node_modules/.bin/wasm-opt)."
}

setup_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver from Debian (once)"
    apt_install chromium chromium-driver ||
      die "Chromium and ChromeDriver are needed for the browser tests. Run this as root, or install the Debian packages chromium and chromium-driver."
  fi
  if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    say "installing poppler-utils from Debian (once), to check the printed board report"
    apt_install poppler-utils ||
      die "pdftotext and pdfinfo are needed to check the printed report. Run this as root, or install the Debian package poppler-utils."
  fi
  if ! command -v zbarimg >/dev/null 2>&1; then
    say "installing zbar-tools from Debian (once), to read the printed invitation's QR code"
    apt_install zbar-tools ||
      die "zbarimg is needed to check the printed invitation's QR code. Run this as root, or install the Debian package zbar-tools."
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver
  export CHROMIUM=/usr/bin/chromium
}

# Builds the deployable static site into dist/ (relative URLs, see Trunk.toml): the app
# (index.html, every section) and the respondent's entry (answer.html, the answering
# journey only; see src/route.rs, Surface), built separately by Trunk and put side by
# side. Both use the same hashed stylesheets and static files.
build_release() {
  say "building the release site into dist/"
  (cd "$ROOT" && trunk build --release --offline=true index.html) || die "the release build of index.html failed (see above)."
  local out="$ROOT/target/trunk-answer"
  (cd "$ROOT" && trunk build --release --offline=true --dist "$out" answer.html) ||
    die "the release build of answer.html failed (see above)."
  # Trunk names its page index.html in its own output.
  cp "$out/index.html" "$ROOT/dist/answer.html"
  cp "$out"/trellis-answer-*.wasm "$out"/trellis-answer-*.js "$ROOT/dist/"
  python3 "$ROOT/scripts/finish_dist.py" "$ROOT/dist" || die "could not finish dist/ (integrity, old addresses, service worker)."
}
