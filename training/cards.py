"""Prints the example messages of one language's situation cards (playbook/situations/*.<lang>.yaml) as
JSON Lines {"text", "card"}: the held-out test of the reader's situation head."""
import glob
import json
import sys

import yaml

lang = sys.argv[1]
for path in sorted(glob.glob(f"{sys.argv[2]}/*.{lang}.yaml")):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for card in doc["situations"]:
        for example in card["examples"]:
            print(json.dumps({"text": example, "labels": [], "card": doc["behaviour"] + "/" + card["id"]},
                             ensure_ascii=False))
