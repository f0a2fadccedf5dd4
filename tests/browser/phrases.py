"""The search's query rules written again in Python, independently of the worker
(docs/assets/search/phrase-worker.js), to compute what each query must find: text compared after
NFKC, lower case, without white space; a space between Japanese and Latin text joins (生成 AI =
生成AI); one between two Japanese or two Latin words ANDs."""

import re
import unicodedata


def fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def kind(char: str) -> str:
    if re.match(r"[\u3040-\u30ff\u4e00-\u9fff々ー]", char):
        return "J"
    return "L" if re.match(r"[0-9a-z]", fold(char)) else "P"


def query_terms(query: str) -> list[str]:
    phrases: list[str] = []
    for word in query.split():
        if phrases and {kind(phrases[-1][-1]), kind(word[0])} == {"J", "L"}:
            phrases[-1] += word
        else:
            phrases.append(word)
    return [fold(p) for p in phrases]
