"""Prints the messages of one language from labelled JSON Lines files (the corpus or the dev set)."""
import json
import sys

lang = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                if row["lang"] == lang:
                    print(json.dumps({"text": row["text"], "labels": row["labels"]}, ensure_ascii=False))
