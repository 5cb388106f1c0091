"""Build the text-layer evaluation sets (quotes.jsonl, targets.jsonl).

The documents themselves live in quotes_src.py and targets_src.py, written
with inline markup so that every character offset is computed here, by code.

Source conventions (both files)
  * One document = one string.  Paragraphs are separated by a blank line;
    inside a paragraph every source line is exactly one gold sentence.  Lines
    are joined with a single space, paragraphs with "\n\n".  The first
    paragraph is the headline (one sentence, no final full stop).

quotes_src.py
  * [[quoted words|KEY|PC]] wraps everything between the opening and the
    closing quotation mark.  KEY is a key of the document's speaker table
    ("-" = no speaker), PC a pattern code (see PATTERNS).

targets_src.py
  * {{surface|KEY}} marks a mention of entity KEY by name;
    {{surface|KEY|m}} marks a metonymic mention (e.g. "the Kremlin" for
    Russia) -- it counts as a mention of KEY and goes into same_entity.
  * Entities with fewer than two marked mentions are written under
    "mentioned_once" rather than "entities".

Run:  python build.py          (writes the files, then validates them)
      python build.py --check  (validate only)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # keep the folder free of __pycache__
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PATTERNS = {
    "sa": "said_after",
    "sb": "said_before_verb",
    "co": "colon",
    "at": "according_to",
    "tr": "told_reporters",
    "ap": "appositive_title",
    "an": "apposition_name",
    "ms": "multi_sentence",
    "mp": "multi_paragraph",
    "cn": "continuation",
    "ne": "nested",
    "pa": "partial",
    "pr": "pronoun",
    "ro": "role",
    "ov": "other_verb",
    "og": "organisation",
    "sq": "scare_quote",
    "un": "unattributed",
    "po": "possessive",
}
OPEN_MARKS = "\"“‘'"
CLOSE_MARKS = "\"”’'"
SHY = "\u00ad"
SENT = "\x01"
PARA = "\x02"

Q_TOKEN = re.compile(r"\[\[|\|([\w-]+)\|(\w+)\]\]|[\x01\x02]")
T_TOKEN = re.compile(r"\{\{(.*?)\|(\w+)(\|m)?\}\}|[\x01\x02]", re.S)


def _layout(src: str) -> str:
    """Source -> marked string with SENT after each sentence, PARA between paragraphs."""
    paras = [p for p in re.split(r"\n\s*\n", src.strip()) if p.strip()]
    out = []
    for p in paras:
        lines = [ln.strip() for ln in p.strip().split("\n") if ln.strip()]
        out.append((SENT + " ").join(lines) + SENT)
    return PARA.join(out)


def _walk(marked: str, token_re):
    """Strip markup; yield plain text, sentence spans and raw token events."""
    text, events, sents = [], [], []
    pos = 0
    last = 0
    sent_start = 0
    for m in token_re.finditer(marked):
        text.append(marked[last : m.start()])
        pos += m.start() - last
        last = m.end()
        tok = m.group(0)
        if tok == SENT:
            sents.append([sent_start, pos])
        elif tok == PARA:
            text.append("\n\n")
            pos += 2
            sent_start = pos
        else:
            events.append((pos, m))
            if token_re is T_TOKEN:  # entity surface is kept in the text
                surf = m.group(1)
                text.append(surf)
                pos += len(surf)
        if tok == SENT:
            # next sentence starts after the joining space (if any)
            nxt = marked[last : last + 1]
            if nxt == " ":
                text.append(" ")
                pos += 1
                last += 1
            sent_start = pos
    text.append(marked[last:])
    return "".join(text), sents, events


def build_quotes():
    from quotes_src import DOCS

    rows = []
    for doc_id, speakers, src in DOCS:
        text, sents, events = _walk(_layout(src), Q_TOKEN)
        quotes, opened = [], None
        for pos, m in events:
            if m.group(0) == "[[":
                assert opened is None, (doc_id, "nested [[")
                opened = pos
            else:
                assert opened is not None, (doc_id, "]] without [[")
                key, pc = m.group(1), m.group(2)
                if key == "-":
                    spk, names = None, []
                else:
                    spk, names = speakers[key]
                quotes.append(
                    {
                        "start": opened,
                        "end": pos,
                        "text": text[opened:pos],
                        "speaker": spk,
                        "speaker_names": list(names),
                        "pattern": PATTERNS[pc],
                    }
                )
                opened = None
        assert opened is None, (doc_id, "unclosed [[")
        rows.append({"id": doc_id, "text": text, "sentences": sents, "quotes": quotes})
    return rows


def build_targets():
    from targets_src import DOCS

    rows = []
    for doc_id, ents, not_targets, ambiguous, src in DOCS:
        text, sents, events = _walk(_layout(src), T_TOKEN)
        spans, surf, meto = {}, {}, {}
        for pos, m in events:
            s, key, is_m = m.group(1), m.group(2), m.group(3)
            assert key in ents, (doc_id, key)
            spans.setdefault(key, []).append([pos, pos + len(s)])
            clean = s.replace(SHY, "")
            surf.setdefault(key, [])
            if clean not in surf[key]:
                surf[key].append(clean)
            if is_m:
                meto.setdefault(key, [])
                if clean not in meto[key]:
                    meto[key].append(clean)
        entities, once, same = [], [], []
        for key, (name, kind) in ents.items():
            if key not in spans:
                raise AssertionError((doc_id, "entity never marked", key))
            aliases = surf[key]
            e = {"name": name, "kind": kind, "aliases": aliases, "mentions": len(spans[key]), "spans": spans[key]}
            (entities if len(spans[key]) >= 2 else once).append(e)
            if key in meto:
                lit = [a for a in aliases if a not in meto[key]]
                head = [name] if name in lit else lit[:1]
                if len(head + meto[key]) >= 2:
                    same.append(head + meto[key])
        all_aliases = {a for e in entities + once for a in e["aliases"]}
        auto = _auto_not_targets(
            text,
            sents,
            [sp for v in spans.values() for sp in v],
            all_aliases | set(ambiguous),
            {sp[0] for k, v in spans.items() if ents[k][1] == "person" for sp in v},
        )
        not_targets = list(dict.fromkeys(auto + [x for x in not_targets if x not in auto]))
        rows.append(
            {
                "id": doc_id,
                "text": text,
                "sentences": sents,
                "entities": entities,
                "mentioned_once": once,
                "not_targets": list(not_targets),
                "same_entity": same,
                "ambiguous_forms": list(ambiguous),
            }
        )
    return rows


ABBR = {
    "Sen",
    "Gov",
    "Dr",
    "Rep",
    "Mr",
    "Mrs",
    "Ms",
    "St",
    "Gen",
    "Lt",
    "Sgt",
    "Det",
    "Col",
    "Capt",
    "Prof",
    "Rev",
    "Jr",
    "Inc",
    "Corp",
    "Co",
    "Ltd",
    "No",
}
FUNCTION_WORDS = {
    "The",
    "A",
    "An",
    "But",
    "And",
    "In",
    "On",
    "At",
    "For",
    "When",
    "After",
    "Before",
    "While",
    "Under",
    "If",
    "As",
    "By",
    "With",
    "From",
    "To",
    "Last",
    "This",
    "That",
    "Both",
    "Asked",
    "Only",
    "Even",
    "Since",
    "Until",
    "Like",
    "Unlike",
    "Meanwhile",
    "Now",
}
CAP_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Za-z\u00ad'’-]*\.?")


def _auto_not_targets(text, sents, spans, skip, person_starts=frozenset()):
    """Capitalised tokens outside every marked name span.

    Headline: every capitalised token.  Body: tokens that do not open a
    sentence or a quotation.  Possessive 's is dropped; a trailing full stop
    is kept only for abbreviations (Sen., Inc.).  Reviewed by hand.
    """
    out = []
    head = sents[0] if sents else (0, 0)
    starts = {s for s, _ in sents}
    for m in CAP_TOKEN.finditer(text):
        s, tok = m.start(), m.group(0)
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "­'’-"):
            continue
        if any(a <= s < b for a, b in spans):
            continue
        in_head = head[0] <= s < head[1]
        if not in_head:
            opener = s in starts or (s > 0 and text[s - 1] in '"“‘(')
            # a sentence-initial label glued to a name ("Democrat Elena Ruiz",
            # "Gov. Maria Lopez") is still collected
            nxt = m.end() + 1
            glued = text[m.end() : nxt] == " " and nxt in person_starts and tok.rstrip(".") not in FUNCTION_WORDS
            if opener and not glued:
                continue
        if re.fullmatch(r"(?:[A-Z]\.){2,}", tok):
            pass
        elif tok.endswith("."):
            if tok[:-1] not in ABBR:
                tok = tok[:-1]
        tok = re.sub(r"['’]s?$", "", tok).replace(SHY, "")
        if tok.endswith("-"):
            tok = tok[:-1]
        if len(tok) < 2 or tok in skip or tok in out or tok[:2] in ("I'", "I’"):
            continue
        out.append(tok)
    return out


# ---------------------------------------------------------------- validation


def _check_sentences(doc_id, text, sents, errs):
    prev = 0
    covered = [False] * len(text)
    for s, e in sents:
        if not (prev <= s < e <= len(text)):
            errs.append(f"{doc_id}: bad sentence span {s, e}")
        seg = text[s:e]
        if seg != seg.strip():
            errs.append(f"{doc_id}: sentence not stripped {seg!r}")
        for i in range(s, e):
            covered[i] = True
        prev = e
    for i, ch in enumerate(text):
        if not covered[i] and not ch.isspace():
            errs.append(f"{doc_id}: char {i} {ch!r} outside sentences")
            break
    heads = [text[s:e] for s, e in sents]
    if heads and heads[0].endswith("."):
        errs.append(f"{doc_id}: headline ends with full stop")
    if "[[" in text or "]]" in text or "{{" in text or "}}" in text or "|" in text:
        errs.append(f"{doc_id}: markup left in text")


def _whole_word(alias: str, text: str) -> list[int]:
    pat = r"(?<![\w])" + re.escape(alias) + r"(?![\w])"
    return [m.start() for m in re.finditer(pat, text)]


def validate(qrows, trows) -> list[str]:
    errs: list[str] = []
    warn: list[str] = []
    ids = set()
    for r in qrows:
        t = r["text"]
        assert r["id"] not in ids
        ids.add(r["id"])
        _check_sentences(r["id"], t, r["sentences"], errs)
        n = len(r["sentences"])
        if not 3 <= n <= 13:
            warn.append(f"{r['id']}: {n} sentences (incl. headline)")
        t.split("\n\n")
        for q in r["quotes"]:
            s, e = q["start"], q["end"]
            if t[s:e] != q["text"] or not q["text"]:
                errs.append(f"{r['id']}: quote text mismatch {q['text']!r}")
            if s == 0 or t[s - 1] not in OPEN_MARKS:
                errs.append(f"{r['id']}: no opening mark before {q['text'][:30]!r}")
            after_ok = e < len(t) and t[e] in CLOSE_MARKS
            if not after_ok:
                # multi-paragraph convention: open quote runs to paragraph end
                # and the next paragraph re-opens with a mark
                if t[e : e + 3] == "\n\n" + t[e + 2 : e + 3] and t[e + 2 : e + 3] in OPEN_MARKS:
                    after_ok = True
            if not after_ok:
                errs.append(f"{r['id']}: no closing mark after {q['text'][-30:]!r}")
            if q["speaker"] is None:
                if q["speaker_names"] or q["pattern"] not in ("scare_quote", "unattributed"):
                    errs.append(f"{r['id']}: null speaker with pattern {q['pattern']}")
            else:
                if q["pattern"] in ("scare_quote", "unattributed"):
                    errs.append(f"{r['id']}: {q['pattern']} quote has a speaker")
                if q["speaker"] not in q["speaker_names"] and not q["speaker"].lower().startswith(
                    ("a ", "an ", "the ", "one ")
                ):
                    errs.append(f"{r['id']}: canonical speaker not among names {q['speaker']}")
                low = t.lower()
                if not any(nm.lower() in low for nm in q["speaker_names"]):
                    errs.append(f"{r['id']}: no speaker name of {q['speaker']!r} in text")
        # quotes in order, non-overlapping
        last = -1
        for q in r["quotes"]:
            if q["start"] < last:
                errs.append(f"{r['id']}: overlapping quotes")
            last = q["end"]

    for r in trows:
        t = r["text"]
        flat = t.replace(SHY, "")
        assert r["id"] not in ids
        ids.add(r["id"])
        _check_sentences(r["id"], t, r["sentences"], errs)
        n = len(r["sentences"])
        if not 5 <= n <= 16:
            warn.append(f"{r['id']}: {n} sentences (incl. headline)")
        marked = []
        for e in r["entities"] + r["mentioned_once"]:
            for s, en in e["spans"]:
                marked.append((s, en))
                if t[s:en].replace(SHY, "") not in e["aliases"]:
                    errs.append(f"{r['id']}: span/alias mismatch {t[s:en]!r}")
        for e in r["entities"]:
            if e["mentions"] < 2:
                errs.append(f"{r['id']}: {e['name']} has < 2 mentions")
            if e["kind"] not in ("person", "organisation", "place", "group"):
                errs.append(f"{r['id']}: bad kind {e['kind']}")
            for a in e["aliases"]:
                if not _whole_word(a, flat):
                    errs.append(f"{r['id']}: alias {a!r} not found whole-word")
        # alias occurrences that were left unmarked (possible missed mention)
        flat_map = [i for i, ch in enumerate(t) if ch != SHY]
        for e in r["entities"] + r["mentioned_once"]:
            for a in e["aliases"]:
                for fs in _whole_word(a, flat):
                    s = flat_map[fs]
                    if not any(ms <= s < me for ms, me in marked):
                        if a not in r["ambiguous_forms"]:
                            warn.append(f"{r['id']}: unmarked occurrence of alias {a!r} at {s}")
        for nt in r["not_targets"]:
            if not _whole_word(nt, flat):
                errs.append(f"{r['id']}: not_target {nt!r} not in text")
            for e in r["entities"]:
                if nt in e["aliases"]:
                    errs.append(f"{r['id']}: not_target {nt!r} is also an alias")
        for grp in r["same_entity"]:
            for nm in grp:
                if not _whole_word(nm, flat):
                    errs.append(f"{r['id']}: same_entity name {nm!r} not in text")
        for a in r["ambiguous_forms"]:
            if not _whole_word(a, flat):
                errs.append(f"{r['id']}: ambiguous form {a!r} not in text")
    return errs, warn


def stats(qrows, trows) -> dict:
    pc = Counter(q["pattern"] for r in qrows for q in r["quotes"])
    kinds = Counter(e["kind"] for r in trows for e in r["entities"])
    return {
        "quote_docs": len(qrows),
        "quotes": sum(len(r["quotes"]) for r in qrows),
        "quotes_null_speaker": sum(q["speaker"] is None for r in qrows for q in r["quotes"]),
        "quote_sentences": sum(len(r["sentences"]) for r in qrows),
        "patterns": dict(sorted(pc.items(), key=lambda kv: -kv[1])),
        "target_docs": len(trows),
        "target_sentences": sum(len(r["sentences"]) for r in trows),
        "entities": sum(len(r["entities"]) for r in trows),
        "entity_mentions": sum(e["mentions"] for r in trows for e in r["entities"]),
        "kinds": dict(kinds),
        "same_entity_groups": sum(len(r["same_entity"]) for r in trows),
        "not_targets": sum(len(r["not_targets"]) for r in trows),
        "docs_with_soft_hyphen": sum(SHY in r["text"] for r in trows),
    }


def _dump(rows, path):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv):
    if "--check" in argv:
        qrows = [json.loads(line) for line in open(HERE / "quotes.jsonl", encoding="utf-8")]
        trows = [json.loads(line) for line in open(HERE / "targets.jsonl", encoding="utf-8")]
    else:
        qrows, trows = build_quotes(), build_targets()
        _dump(qrows, HERE / "quotes.jsonl")
        _dump(trows, HERE / "targets.jsonl")
    errs, warn = validate(qrows, trows)
    for w in warn:
        print("WARN ", w)
    for e in errs:
        print("ERROR", e)
    print(json.dumps(stats(qrows, trows), indent=1))
    print(f"validation: {len(errs)} errors, {len(warn)} warnings")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
