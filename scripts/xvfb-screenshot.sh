#!/usr/bin/env bash
# Runs the Arshif window under a virtual X display (Xvfb + Mesa llvmpipe/lavapipe) and takes
# screenshots two ways: the app's own (eframe screenshot command → PNG) and the X root window
# (`import -window root`, ImageMagick).
#
#   scripts/xvfb-screenshot.sh OUT_DIR [extra example args, e.g. --lang ar]
#
# Env: ARSHIF_KEYS (keys to press before the root screenshot), ARSHIF_WINDOW_WAIT (seconds).
# Needs: xvfb xauth libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 mesa-vulkan-drivers
# libvulkan1 libxkbcommon-x11-0 libxcursor1 libxi6 libx11-xcb1 imagemagick (Debian packages).
set -euo pipefail
out="${1:?usage: $0 OUT_DIR [example args]}"
shift || true
mkdir -p "$out"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-shared}"
cargo build --example ui_window
bin="$CARGO_TARGET_DIR/debug/examples/ui_window"
display=":${ARSHIF_XVFB_DISPLAY:-97}"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
export DISPLAY="$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
# 1. The app's own screenshot.
"$bin" --screenshot "$out/arshif-app.png" "$@"
echo "app screenshot: $out/arshif-app.png"
# 2. The real window on the X root, grabbed from outside.
"$bin" "$@" &
app_pid=$!
sleep "${ARSHIF_WINDOW_WAIT:-8}"
# Optional keys to press first (xdotool syntax), e.g. ARSHIF_KEYS="ctrl+i" to try the import dialog.
if [ -n "${ARSHIF_KEYS:-}" ]; then
  xdotool mousemove 640 400 click 1
  xdotool key --delay 200 $ARSHIF_KEYS
  sleep 3
fi
import -window root "$out/arshif-root.png"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
echo "root screenshot: $out/arshif-root.png"
