"""Claims read from the verb's frame in the dependency parse.

A stance is a verb (or a noun of stance) with its subject, its negation and its complement:
"Moscow pinned responsibility on Kyiv" (a light verb with a noun of blame and an "on"
phrase), "Kyiv would neither confirm nor deny involvement" (a negated verb of comment),
"the agency said its operatives had set the depot on fire" (a verb of reporting whose
complement has the speaker's own side acting), "Moscow's accusations against Kyiv" (a noun
of stance with its possessor). The speaker is the subject's phrase as written; a pronoun
("it", "he") stays a pronoun here and is resolved against the article's earlier speakers by
`claims.resolve_speakers`. Vocabulary: ``[frames]`` in lexicon/en/claims.toml; no word of
it is in this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from eventwatch.extract import vocab
from eventwatch.extract.syntax import Parsed, Token

# Edges a speaker's phrase keeps: its own modifiers and "of/for/in" phrases ("the governor
# of the Belgorod region"), never a relative clause, an apposition or punctuation.
_PHRASE = frozenset({"det", "amod", "compound", "poss", "case", "nmod", "prep", "pobj", "flat", "nummod",
                     "advmod", "quantmod", "cc", "conj"})
_JOINERS = frozenset({"-", "‑"})  # a hyphen the parser splits off inside a name: "Al-Shabaab"
# Edges a verb without a subject takes its subject through: "refused to comment", "confirmed
# the strike and denied ...", "issued a statement denying ...", "..., denying any role".
_CARRIED = frozenset({"xcomp", "conj", "acl", "dobj", "advcl"})


@dataclass(frozen=True)
class Read:
    """One stance read from a parse: offsets are within the sentence."""

    stance: str
    speaker: tuple[int, int]
    subject: tuple[int, int] | None
    span: tuple[int, int]


def _inflect(base: str) -> set[str]:
    """The regular forms of an English verb or noun: base, -s/-es, -ed/-d, -ing, y → ies/ied,
    a doubled final consonant after a short vowel ("pin" → "pinned")."""
    forms = {base, base + "s", base + "es"}
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
        if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


@dataclass(frozen=True)
class _Words:
    base: dict[str, str]  # any form -> base form
    lists: dict[str, frozenset[str]]  # [frames] list name -> base forms (or words, for nouns)


@cache
def _words() -> _Words:
    frames = vocab.load("claims")["frames"]
    irregular: dict[str, list[str]] = frames["irregular"]
    base: dict[str, str] = {}
    lists = {name: frozenset(words) for name, words in frames.items() if isinstance(words, list) and name != "gate"}
    for words in lists.values():
        for word in words:
            for form in _inflect(word) | set(irregular.get(word, [])):
                base.setdefault(form, word)
    return _Words(base, lists)


def forms(*names: str) -> frozenset[str]:
    """Every form of the words of the named [frames] lists."""
    words = _words()
    wanted = frozenset().union(*(words.lists[n] for n in names))
    return frozenset(form for form, base in words.base.items() if base in wanted) | wanted


class _Reader:
    """The stances of one parsed sentence."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.words = _words()
        self.children: list[list[int]] = [[] for _ in tokens]
        for j, t in enumerate(tokens):
            if t.head != j:
                self.children[t.head].append(j)

    def lower(self, i: int) -> str:
        return self.tokens[i].text.lower()

    def base(self, i: int) -> str:
        word = self.lower(i)
        return self.words.base.get(word, word)

    def is_(self, i: int, name: str) -> bool:
        return self.base(i) in self.words.lists[name] or self.lower(i) in self.words.lists[name]

    def kids(self, i: int, *deps: str) -> list[int]:
        return [j for j in self.children[i] if not deps or self.tokens[j].dep in deps]

    def phrase(self, i: int) -> tuple[int, int]:
        keep, todo = {i}, [i]
        while todo:
            for j in self.children[todo.pop()]:
                if (self.tokens[j].dep in _PHRASE or self.tokens[j].text in _JOINERS) and j not in keep:
                    keep.add(j)
                    todo.append(j)
        ordered = sorted(keep)
        run = [i]  # the contiguous run around the head
        for j in reversed(ordered[: ordered.index(i)]):
            if j != run[0] - 1:
                break
            run.insert(0, j)
        for j in ordered[ordered.index(i) + 1:]:
            if j != run[-1] + 1:
                break
            run.append(j)
        return self.tokens[run[0]].start, self.tokens[run[-1]].end

    def negated(self, i: int) -> bool:
        """A `neg` child, a negating adverb or "neither/nor" on the verb or the verb it is
        conjoined to ("would neither confirm nor deny")."""
        own = any(self.is_(j, "negation") for j in self.kids(i, "neg", "advmod", "preconj", "cc", "det"))
        if own or self.tokens[i].dep != "conj":
            return own
        head = self.tokens[i].head
        return any(self.lower(j) in ("neither", "nor") for j in self.kids(head, "preconj", "cc") + self.kids(i, "cc"))

    def subject(self, i: int) -> int | None:
        """The verb's subject, or the subject of the verb it hangs off ("refused to comment",
        "confirmed the strike and denied ...")."""
        seen = set()
        while i not in seen:
            seen.add(i)
            found = self.kids(i, "nsubj")
            if found:
                return found[0]
            if self.tokens[i].dep not in _CARRIED or self.tokens[i].head == i:
                return None
            i = self.tokens[i].head
        return None

    def pobj_of(self, heads: Sequence[int], name: str, depth: int = 2) -> int | None:
        """The object of a preposition of `name` hanging off the heads, or off the objects of
        their other prepositions ("responsibility for the attack on Ukraine")."""
        deeper: list[int] = []
        for h in heads:
            for p in self.kids(h, "prep", "dative"):
                objects = self.kids(p, "pobj")
                if self.is_(p, name) and objects:
                    return self.possessor(objects[0])
                deeper += objects
        return self.pobj_of(deeper, name, depth - 1) if deeper and depth > 1 else None

    def misread_place(self, i: int) -> int:
        """"In Kyiv, a source in the service said": the small parser takes the place for the
        subject and the speaker for its apposition; a subject right after a preposition with
        an apposition is that place, and the apposition the speaker."""
        apposed = self.kids(i, "appos")
        misread = i > 0 and self.tokens[i - 1].dep == "prep" and not self.kids(i - 1)
        return apposed[0] if apposed and misread else i

    def possessor(self, i: int) -> int:
        """"at Kyiv's door" → Kyiv: a noun whose possessor names the party."""
        owners = self.kids(i, "poss")
        return owners[0] if owners and self.tokens[owners[0]].text[:1].isupper() else i

    # -- verbs ----------------------------------------------------------------------------
    def verb_stance(self, i: int) -> tuple[str, int | None] | None:
        """The stance a verb takes, with the token naming the party it blames; None if none."""
        negated = self.negated(i)
        for rule in (self._refusal, self._denial, self._comment, self._claim, self._blame, self._placed,
                     self._held, self._confirm, self._dispute, self._silent, self._report):
            found = rule(i, negated)
            if found is not None:
                return found
        return None

    def _refusal(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        wanted = [j for j in self.kids(i, "xcomp") if self.is_(j, "comment") or self.is_(j, "claim")]
        return ("declines_to_claim", None) if self.is_(i, "refuse") and wanted and not negated else None

    def _denial(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        if not self.is_(i, "deny"):
            return None
        return ("declines_to_claim" if negated else "denies_responsibility"), None

    def _comment(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        if not (negated and self.is_(i, "comment")):
            return None
        if self.base(i) == "say" and not any(
                self.is_(m, "open_question") for c in self.kids(i, "ccomp") for m in self.kids(c, "mark", "nsubj")):
            return None  # "did not say" a fact: only "did not say whether/who" declines
        return "declines_to_claim", None

    def _claim(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        objects = self.kids(i, "dobj", "nsubjpass")  # "responsibility was claimed by ..."
        taken = any(self.is_(o, "claim_nouns") for o in objects) and self.is_(i, "claim")
        if not taken:
            return None
        return ("declines_to_claim" if negated else "claims_responsibility"), None

    def _blame(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        if negated or not self.is_(i, "blame"):
            return None
        objects = self.kids(i, "dobj")
        party = self.pobj_of([i, *objects], "on")
        if party is None:
            party = next((o for o in objects if self.tokens[o].text[:1].isupper() or self.kids(o, "amod")), None)
        return "blames", party

    def _placed(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        nouns = [o for o in self.kids(i, "dobj", "nsubjpass") if self.is_(o, "blame_nouns")]
        if negated or not nouns or not self.is_(i, "place"):
            return None
        party = self.pobj_of([i, *nouns], "on")
        return ("blames", party) if party is not None else None

    def _held(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        if negated or not self.is_(i, "hold"):
            return None
        held = self.kids(i, "dobj", "nsubj", "nsubjpass")
        complements = [j for j in self.kids(i, "oprd", "acomp", "ccomp", "xcomp", "advcl")
                       if self.is_(j, "responsible")]
        for c in complements:
            inner = self.kids(c, "nsubj")  # "held [Kyiv responsible]" parsed as a small clause
            party = inner[0] if inner else next((o for o in held if self.tokens[o].dep == "dobj"), None)
            if party is not None:
                return "blames", party
        return None

    def _confirm(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        if negated or not self.is_(i, "confirm") or not self.kids(i, "dobj", "ccomp", "nsubjpass"):
            return None
        return self._report(i, negated) or ("confirms", None)

    def _dispute(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        disputed = self.kids(i, "dobj", "nsubjpass")
        return ("disputes", None) if not negated and self.is_(i, "dispute") and disputed else None

    def _silent(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        """"Kyiv stays silent", "Ukraine remained tight-lipped": declining by a copula."""
        quiet = any(self.is_(j, "silent") for j in self.kids(i, "acomp", "oprd", "attr"))
        return ("declines_to_claim", None) if quiet and self.is_(i, "stay") and not negated else None

    def _report(self, i: int, negated: bool) -> tuple[str, int | None] | None:
        """A verb of reporting whose complement has a side acting: the speaker's own side
        ("its drones hit") claims it, or denies it when negated; another side is blamed."""
        if negated or not self.is_(i, "report"):
            return None
        for c in self.kids(i, "ccomp"):
            found = self._complement(c)
            if found is not None:
                return found
        return None

    def _complement(self, c: int) -> tuple[str, int | None] | None:
        if self._nothing(c):
            return "denies_responsibility", None
        passive = self.kids(c, "nsubjpass")
        agents = [p for a in self.kids(c, "agent") for p in self.kids(a, "pobj")]
        actor = agents[0] if passive and agents else next(iter(self.kids(c, "nsubj")), None)
        if actor is None and passive and self.is_(c, "agent_passive"):
            actor = passive[0]  # "it had not been involved": the passive's subject took part
        acted = self.is_(c, "act") or any(self.is_(p, "behind") or self.is_(p, "responsible")
                                          for p in self.kids(c, "prep", "acomp"))
        if actor is None or not acted:
            return None
        if self.own(actor):
            return ("denies_responsibility" if self.negated(c) else "claims_responsibility"), None
        return None if self.negated(c) else ("attributes", actor)

    def _nothing(self, c: int) -> bool:
        """"had nothing to do with", "played no part in"."""
        objects = self.kids(c, "dobj")
        nothing = any(self.lower(o) == "nothing" for o in objects)
        no_part = any(self.is_(o, "nothing_nouns") and any(self.lower(d) == "no" for d in self.kids(o, "det"))
                      for o in objects)
        return nothing or no_part

    def own(self, i: int) -> bool:
        """"it", "they", "its drones", "our forces": the speaker's own side."""
        return self.is_(i, "self") or any(self.is_(j, "self") or self.named_again(j) for j in self.kids(i, "poss"))

    def named_again(self, i: int) -> bool:
        """"the group's fighters": the speaker named again by a definite noun of its kind."""
        return self.is_(i, "self_nouns") and any(self.lower(d) == "the" for d in self.kids(i, "det"))

    # -- nouns ----------------------------------------------------------------------------
    def noun_stance(self, i: int) -> tuple[str, int | None, int | None] | None:
        """(stance, speaker, party) of a noun of stance: "Kyiv's denial", "a denial from
        Moscow", "Moscow's accusations against Kyiv", "no comment from Kyiv", "the group's
        claim of responsibility"; the speaker may be the subject of a light verb ("issued a
        denial", "made no comment")."""
        if self.is_(i, "denial_nouns"):
            stance, party = "denies_responsibility", None
        elif self.is_(i, "accusation_nouns"):
            stance, party = "blames", self.pobj_of([i], "on")
        elif self.is_(i, "silence_nouns") and any(self.lower(d) == "no" for d in self.kids(i, "det")):
            stance, party = "declines_to_claim", None
        elif self.is_(i, "claim_noun_forms") and any(
                self.is_(o, "claim_nouns") for p in self.kids(i, "prep") for o in self.kids(p, "pobj")):
            stance, party = "claims_responsibility", None
        else:
            return None
        speaker = self.noun_speaker(i, light=stance != "blames" or party is not None)
        return (stance, speaker, party) if speaker is not None else None

    def noun_speaker(self, i: int, *, light: bool) -> int | None:
        owners = self.kids(i, "poss")
        if owners and not self.is_(owners[0], "self"):
            return owners[0]
        source = self.pobj_of([i], "by")
        if source is not None:
            return source
        head = self.tokens[i].head
        if light and self.tokens[i].dep == "dobj" and self.is_(head, "make"):
            return self.subject(head)
        return None


_NOUNISH = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "compound"})


def read(parsed: Parsed) -> list[Read]:
    """Every stance the sentence's parse shows, in the order of their words."""
    tokens = parsed.tokens
    if not tokens:
        return []
    reader = _Reader(tokens)
    found: list[Read] = []
    for i, token in enumerate(tokens):
        if token.text.lower() not in reader.words.base and token.text.lower() not in _nouns():
            continue
        noun = reader.noun_stance(i) if token.dep in _NOUNISH else None
        if noun is not None:
            stance, speaker, party = noun
        else:
            verb = reader.verb_stance(i) if token.dep not in _NOUNISH - {"conj"} else None
            if verb is None:
                continue
            stance, party = verb
            speaker = reader.subject(i) if token.dep != "ROOT" or reader.kids(i, "nsubj") else None
            speaker = speaker if speaker is not None else _passive_agent(reader, i)
        if speaker is None or tokens[speaker].dep == "expl":
            continue
        speaker = reader.misread_place(speaker)
        said = reader.phrase(speaker)
        whom = reader.phrase(party) if party is not None else None
        ends = [said[1], token.end] + ([whom[1]] if whom else [])
        found.append(Read(stance, said, whom, (min(said[0], token.start), max(ends))))
    return found


def _passive_agent(reader: _Reader, i: int) -> int | None:
    """"the raid was blamed on Kyiv by Russian officials": the speaker is the agent."""
    return next((p for a in reader.kids(i, "agent") for p in reader.kids(a, "pobj")), None)


@cache
def _nouns() -> frozenset[str]:
    lists = _words().lists
    return frozenset().union(*(lists[k] for k in ("denial_nouns", "accusation_nouns", "silence_nouns",
                                                  "claim_noun_forms")))
