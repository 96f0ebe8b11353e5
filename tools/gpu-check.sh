#!/usr/bin/env bash
# The GPU check of issue 16, on a GPU machine that has no Java (it brings its own runtime).
#
#   tools/gpu-check.sh OUTDIR               build the bundle (build/gpu-bundle) and run the check into OUTDIR
#   tools/gpu-check.sh --bundle-only DIR    build the self-contained bundle into DIR, print its size (≤ 60 MB)
#   tools/gpu-check.sh --fetch-nvrtc        unpack NVRTC 12.6 from Maven Central's org.bytedeco:cuda redist jar
#                                           (2 GB download) into build/cuda-redist, so the kernels and the
#                                           NVRTC bindings are tested on a machine without a GPU
#   DIR/gpu-check.sh OUTDIR [GpuCheck options]   inside a bundle, on the GPU machine: needs only bash
#
# Building needs a JDK 22+ (java.lang.foreign; $SCALINGLAB_GPU_JDK, $JAVA_HOME or /usr/lib/jvm/*) and Maven.
# The bundle: runtime/ (jlink of that JDK: java.base and jdk.unsupported, stripped, zip-9), lib/ (lib's jar,
# the gpu module's jar, Gson, and for the CPU engine the GPU steps compare with: JavaCPP and OpenBLAS, the
# native jar without its LAPACK JNI library; no ND4J), this script and tools/gpu_torch_bench.py.
# DIR/gpu-check.sh OUTDIR --emulate runs the training steps on the emulated device (no GPU: a self-test).
# Running: PyTorch's side first when python3 can import torch (OUTDIR/torch-bench.json; skip with
# GPU_CHECK_TORCH=0, size with GPU_CHECK_TORCH_ARGS), then the Java check (OUTDIR/gpu-check.json, which
# includes the PyTorch result). Exit code: the Java check's (0 passed, 1 a step failed, 2 no usable GPU).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAX_BYTES=$((60 * 1000 * 1000))
MODULES="java.base,jdk.unsupported"

die() { printf 'gpu-check: error: %s\n' "$*" >&2; exit 2; }
say() { printf 'gpu-check: %s\n' "$*" >&2; }

# ------------------------------------------------------------------------------------ run (bundle)
run_bundle() {
  local out="$1"; shift
  mkdir -p "$out" || die "cannot create $out"
  out="$(cd "$out" && pwd)"
  local java="$HERE/runtime/bin/java" t0=$SECONDS rc=0
  [ -x "$java" ] || die "this bundle has no runtime ($java)"
  # Python's site-packages, where PyTorch's pip packages keep NVRTC and cuBLAS (nvidia/*/lib): the Java
  # locator finds the usual places itself; this adds whatever this python3 reports
  local py=""
  for c in ${SCALINGLAB_PYTHON:-} python3 /usr/bin/python3; do command -v "$c" >/dev/null 2>&1 && { py="$c"; break; }; done
  if [ -n "$py" ]; then
    local site
    site="$("$py" -c 'import site, sys; print(":".join(site.getsitepackages() + [site.getusersitepackages()]))' 2>/dev/null || true)"
    [ -n "$site" ] && export SCALINGLAB_PYTHON_SITE="${SCALINGLAB_PYTHON_SITE:+$SCALINGLAB_PYTHON_SITE:}$site"
  fi
  if [ "${GPU_CHECK_TORCH:-1}" != 0 ] && [ -n "$py" ] && "$py" -c 'import torch' >/dev/null 2>&1; then
    say "PyTorch baseline: $py $HERE/gpu_torch_bench.py ${GPU_CHECK_TORCH_ARGS:-} (at most 240 s)"
    # shellcheck disable=SC2086
    timeout 240 "$py" "$HERE/gpu_torch_bench.py" --out "$out/torch-bench.json" ${GPU_CHECK_TORCH_ARGS:-} \
      2>&1 | tee "$out/torch-bench.log" >&2 || say "the PyTorch baseline failed or timed out (see $out/torch-bench.log)"
  else
    say "PyTorch baseline skipped (no python3 with torch, or GPU_CHECK_TORCH=0)"
  fi
  set +e
  # JavaCPP unpacks OpenBLAS into its cache: a temporary folder, not OUTDIR (whose files travel back)
  local cache="${TMPDIR:-/tmp}/scalinglab-javacpp-$$"
  "$java" --enable-native-access=ALL-UNNAMED -Dorg.bytedeco.javacpp.cachedir="$cache" -cp "$HERE/lib/*" \
    org.scalinglab.gpu.GpuCheck "$out" "$@" \
    2>&1 | tee "$out/gpu-check.log" >&2
  rc=${PIPESTATUS[0]}
  set -e
  rm -rf "$cache"
  say "done in $((SECONDS - t0)) s, exit $rc: $out/gpu-check.json"
  return $rc
}

# ---------------------------------------------------------------------------------- build (repo)
find_jdk22() {
  local d v
  for d in ${SCALINGLAB_GPU_JDK:-} ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$d/bin/jlink" ] && [ -r "$d/release" ] || continue
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" | head -n1)"
    if [ -n "$v" ] && [ "$v" -ge 22 ]; then printf '%s\n' "$d"; return 0; fi
  done
  return 1
}

build_bundle() {
  local dest="$1" root jdk gson
  root="$(cd "$HERE/.." && pwd)"
  [ -f "$root/gpu/pom.xml" ] || die "run --bundle-only from the repository (tools/gpu-check.sh), not from a bundle"
  jdk="$(find_jdk22)" || die "building the bundle needs a JDK 22+ with jlink (set SCALINGLAB_GPU_JDK or JAVA_HOME; e.g. Temurin 25)"
  command -v mvn >/dev/null 2>&1 || die "building the bundle needs Maven"
  say "building the gpu module with $jdk"
  mkdir -p "$root/build"
  (cd "$root" && JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    mvn -B -ntp -q -pl gpu -am -DskipTests package) >"$root/build/gpu-bundle-mvn.log" 2>&1 \
    || { tail -n 30 "$root/build/gpu-bundle-mvn.log" >&2; die "the build failed (log: $root/build/gpu-bundle-mvn.log)"; }
  gson="$(ls "$root"/lib/target/lib/gson-*.jar 2>/dev/null | head -n1)"
  [ -n "$gson" ] || die "Gson's jar is missing from lib/target/lib"
  rm -rf "$dest"
  mkdir -p "$dest/lib"
  dest="$(cd "$dest" && pwd)"
  say "jlink: $MODULES"
  "$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=zip-9 \
    --output "$dest/runtime" || die "jlink failed"
  cp "$root/lib/target/scalinglab-lib.jar" "$root/gpu/target/scalinglab-gpu.jar" "$gson" "$dest/lib/"
  # the CPU engine (train.Transformer) for the training steps: JavaCPP and OpenBLAS; the native jar slimmed
  # to what openblas_nolapack loads (its LAPACK JNI library and headers dropped: 14 MB -> about 8 MB)
  local j native slim="$root/build/gpu-bundle-openblas"
  for j in javacpp-1.5.7.jar javacpp-1.5.7-linux-x86_64.jar openblas-0.3.19-1.5.7.jar; do
    [ -f "$root/lib/target/lib/$j" ] || die "$j is missing from lib/target/lib"
    cp "$root/lib/target/lib/$j" "$dest/lib/"
  done
  native="$root/lib/target/lib/openblas-0.3.19-1.5.7-linux-x86_64.jar"
  [ -f "$native" ] || die "$(basename "$native") is missing from lib/target/lib"
  rm -rf "$slim" && mkdir -p "$slim"
  (cd "$slim" && "$jdk/bin/jar" xf "$native" && rm -rf org/bytedeco/openblas/linux-x86_64/libjniopenblas.so \
    org/bytedeco/openblas/linux-x86_64/include org/bytedeco/openblas/linux-x86_64/lib \
    META-INF/native-image/linux-x86_64/jniopenblas && "$jdk/bin/jar" cfm "$dest/lib/openblas-0.3.19-1.5.7-linux-x86_64-nolapack.jar" \
    META-INF/MANIFEST.MF $(ls -A | grep -v '^META-INF$') META-INF/maven META-INF/native-image META-INF/versions) \
    || die "slimming the OpenBLAS jar failed"
  rm -rf "$slim"
  cp "$root/tools/gpu-check.sh" "$root/tools/gpu_torch_bench.py" "$dest/"
  chmod +x "$dest/gpu-check.sh"
  {
    echo "scalinglab GPU check bundle"
    echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) with $("$jdk/bin/java" -version 2>&1 | head -n1)"
    echo "run: bash gpu-check.sh OUTDIR   (writes OUTDIR/gpu-check.json; needs an NVIDIA driver, NVRTC and cuBLAS)"
  } >"$dest/README.txt"
  local bytes
  bytes="$(du -sb "$dest" | cut -f1)"
  say "bundle: $dest: $((bytes / 1000000)).$(printf %02d $(( (bytes / 10000) % 100 ))) MB ($bytes bytes; runtime $(du -sh "$dest/runtime" | cut -f1), jars $(du -ch "$dest"/lib/*.jar | tail -n1 | cut -f1))"
  [ "$bytes" -le "$MAX_BYTES" ] || die "the bundle is $bytes bytes, over the 60 MB limit"
}

fetch_nvrtc() {
  local root jar v=12.6-9.5-1.5.11 dest
  root="$(cd "$HERE/.." && pwd)"
  dest="$root/build/cuda-redist"
  jar="$HOME/.m2/repository/org/bytedeco/cuda/$v/cuda-$v-linux-x86_64-redist.jar"
  if [ ! -f "$jar" ]; then
    say "downloading org.bytedeco:cuda:$v:linux-x86_64-redist (2 GB) with Maven"
    mvn -B -ntp -q dependency:get "-Dartifact=org.bytedeco:cuda:$v:jar:linux-x86_64-redist" -Dtransitive=false \
      || die "Maven could not fetch the CUDA redist jar"
  fi
  mkdir -p "$dest"
  unzip -q -j -o "$jar" 'org/bytedeco/cuda/linux-x86_64/libnvrtc*' -d "$dest" || die "unzip failed"
  say "NVRTC in $dest: $(ls "$dest" | tr '\n' ' ')"
}

case "${1:-}" in
  ""|-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
  --bundle-only) [ -n "${2:-}" ] || die "--bundle-only needs a folder"; build_bundle "$2" ;;
  --fetch-nvrtc) fetch_nvrtc ;;
  -*) die "unknown option $1 (see tools/gpu-check.sh --help)" ;;
  *)
    if [ -x "$HERE/runtime/bin/java" ]; then run_bundle "$@"
    else
      root="$(cd "$HERE/.." && pwd)"
      build_bundle "$root/build/gpu-bundle"
      exec bash "$root/build/gpu-bundle/gpu-check.sh" "$@"
    fi ;;
esac
