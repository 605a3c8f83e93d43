#!/usr/bin/env bash
# Learning curve: the reader trained on the first corpus only, then with a share of the data engine's lines
# added (shuffled with seed 42), scored on the dev set. Same seed and settings for every point, 3 epochs,
# no cross-validation (thresholds fixed at 0.5) and no situation head, so the points compare with each
# other (not with the shipped reader, whose thresholds come from cross-validation).
#
#   training/curve.sh [--lang en|zh] [SHARE ...]     e.g. training/curve.sh --lang en 0.25 0.5 1
#
# Needs the token ids that training/train.sh writes (training/work/tokens-<lang>.jsonl and
# dev-tokens-<lang>.jsonl); each point is one training run (minutes to tens of minutes on 2 cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
lang=en
if [[ ${1:-} == --lang ]]; then lang=$2; shift 2; fi
shares=("$@"); [[ ${#shares[@]} -gt 0 ]] || shares=(0.25 0.5 1)
if [[ $lang == en ]]; then base=work/base/all-minilm-l6-v2.onnx; name=all-MiniLM-L6-v2; pooling=mean
else base=work/base/bge-small-zh-v1.5.onnx; name=bge-small-zh-v1.5; pooling=cls; fi
res=../bot-core/src/main/resources/corpus
PY=/usr/bin/python3
"$PY" - "$lang" "$res" "${shares[@]}" <<'PY'
import json, random, sys
lang, res, shares = sys.argv[1], sys.argv[2], [float(s) for s in sys.argv[3:]]
files = [f.strip() for f in open(f'{res}/index.txt') if f.strip() and not f.startswith('#')]
# token rows are in index order, one per line of this language (as training/select.py writes them)
n_first = sum(1 for f in files if not f.startswith('engine') for l in open(f'{res}/{f}')
              if l.strip() and json.loads(l)['lang'] == lang)
rows = open(f'work/tokens-{lang}.jsonl').readlines()
first, rest = rows[:n_first], rows[n_first:]
random.Random(42).shuffle(rest)
open(f'work/curve-{lang}-0.jsonl', 'w').writelines(first)
for s in shares:
    open(f'work/curve-{lang}-{s}.jsonl', 'w').writelines(first + rest[:int(len(rest) * s)])
print(f'first corpus {len(first)} messages, data engine {len(rest)}')
PY
for s in 0 "${shares[@]}"; do
  n=$(wc -l < "work/curve-$lang-$s.jsonl")
  printf 'curve %s: %s messages: ' "$lang" "$n"
  "$PY" train.py --lang "$lang" --base "$base" --base-name "$name" --pooling "$pooling" \
      --tokens "work/curve-$lang-$s.jsonl" --dev "work/dev-tokens-$lang.jsonl" --out "work/curve-$lang-$s" \
      --folds 0 --epochs 3 | grep '^dev (float' | sed 's/^dev (float model, python decision): //' | cut -c1-120
done
