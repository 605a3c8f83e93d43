"""Blind paired review of two sets of answers to the same messages (docs/review/README.md).

  python3 docs/review/paired.py make  ASK BEFORE AFTER OUT   # writes OUT.jsonl (for the reviewer) and OUT-key.json
  python3 docs/review/paired.py score ASK BEFORE AFTER OUT VERDICTS

ASK: the messages ({"id", "text"} lines); BEFORE, AFTER: `./partnerbot interpret --jsonl --offline` answers to
them. Only messages whose drafts differ are shown; each message's drafts of both sides are shuffled under
opaque keys, a draft present on both sides is shown once and counted for both. The reviewer writes VERDICTS:
{"key", "verdict": fits|generic|wrong, "note"} per draft. A side without drafts (the help text) counts as
"help", neither fit nor wrong. score prints each message's verdicts and the counts per side, and how many
messages got better or worse (fits 2, generic 1, wrong 0, averaged over the message's drafts)."""
import collections, hashlib, json, random, sys


def lines(path):
    return [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]


def drafts(answer):
    return [r['text'] for r in (answer.get('replies') or [])]


def main():
    mode, ask, before, after, out = sys.argv[1:6]
    text = {a['id']: a['text'] for a in lines(ask)}
    old = {a['id']: a for a in lines(before)}
    new = {a['id']: a for a in lines(after)}
    if mode == 'make':
        rng = random.Random(11)
        items, key = [], {}
        for i, o in old.items():
            ot, nt = drafts(o), drafts(new[i])
            if ot == nt:
                continue
            shown = []
            for which, ts in (('before', ot), ('after', nt)):
                for t in ts:
                    if which == 'after' and t in ot:
                        continue
                    k = hashlib.sha1(f'{i}{which}{t}'.encode()).hexdigest()[:8]
                    key[k] = {'id': i, 'which': which, 'shared': which == 'before' and t in nt}
                    shown.append({'key': k, 'text': t})
            rng.shuffle(shown)
            items.append({'text': text[i], 'drafts': shown})
        rng.shuffle(items)
        with open(out + '.jsonl', 'w', encoding='utf-8') as w:
            for it in items:
                w.write(json.dumps(it, ensure_ascii=False) + '\n')
        json.dump(key, open(out + '-key.json', 'w'), indent=0)
        print('messages with different drafts', len(items), 'drafts', sum(len(i['drafts']) for i in items))
        return
    verdicts = {v['key']: v['verdict'] for v in lines(sys.argv[6])}
    key = json.load(open(out + '-key.json'))
    per = collections.defaultdict(lambda: {'before': [], 'after': []})
    for k, v in verdicts.items():
        m = key[k]
        per[m['id']][m['which']].append(v)
        if m['shared']:
            per[m['id']]['after'].append(v)
    counts = {w: collections.Counter() for w in ('before', 'after')}
    value = {'fits': 2, 'generic': 1, 'wrong': 0}
    better = worse = 0
    for i, d in sorted(per.items()):
        for w in d:
            d[w] = d[w] or ['help']
            counts[w].update(d[w])
        score = {w: sum(value.get(x, 1) for x in d[w]) / len(d[w]) for w in d}
        better += score['after'] > score['before']
        worse += score['after'] < score['before']
        print(i, old[i].get('situation'), d['before'], '->', new[i].get('situation'), d['after'])
    print({w: dict(c) for w, c in counts.items()}, 'messages better', better, 'worse', worse, 'of', len(per))


if __name__ == '__main__':
    main()
