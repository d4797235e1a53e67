"""Caption helper: every evidence source can be cited, and only real bibliography keys."""

from __future__ import annotations

import re

from support import ROOT

from hipcapsule import evidence, published
from hipcourse import captions

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),",
                          (ROOT / "book" / "references.bib").read_text(encoding="utf-8"),
                          flags=re.MULTILINE))


def test_every_evidence_and_published_source_is_a_known_key():
    known = set(captions.known_source_keys())
    assert evidence.source_keys() <= known
    assert published.all_source_keys() <= known
    assert known <= BIB_KEYS
