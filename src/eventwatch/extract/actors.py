"""Actors: who acted (actor1) and who was acted on (actor2), with ACLED inter codes.

The side acting is read from the dependency parse first: the subject of the event's trigger
("A Russian drone hit ..."), the agent of a passive ("was hit by Ukrainian drones"), the
subject of the verb a noun trigger is the object of ("Russia launched a missile strike"), or
the modifiers of a noun trigger ("a Russian missile strike"); a possessive for the speaker
("the SBU said its drones hit ...") names the speaker's side. Without a parse, or when the
parse names no side, the first side the sentence names acting (a nationality before a force
noun), never one inside what the trigger acts on.

States are named ACLED-style ("Military Forces of Ukraine", conventions/actors.py) from the
demonyms of every country (lexicon/en/demonyms.toml); capitals and leaders ("Kyiv", "the
Kremlin") name the state too. Vocabulary: lexicon/en/actors.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from eventwatch.conventions.actors import actor_name, state_of_demonym
from eventwatch.extract import vocab
from eventwatch.extract.syntax import Parsed, Token, head_of, vocabulary


@dataclass(frozen=True)
class Actor:
    name: str
    state: str | None  # country a state actor belongs to
    inter: int
    start: int
    end: int


@dataclass(frozen=True)
class _Vocab:
    states: tuple[tuple[str, str, Any], ...]  # country, ISO2, pattern of the words naming it
    groups: tuple[tuple[Any, str, int], ...]  # pattern, ACLED name, inter
    state_force: Any
    state_subject: Any
    target: Any
    not_agent: Any
    defence: Any
    shield: Any
    civilian: Any
    police: frozenset[str]
    place_target: tuple[str, ...]
    self_words: frozenset[str]
    acted_on: frozenset[str]
    agent_by: frozenset[str]


@cache
def _vocab() -> _Vocab:
    data, words = vocab.load("actors"), vocab.load("actors")["words"]
    demonyms = [w for country, ws in vocab.load("demonyms")["demonyms"].items() for w in [country, *ws]]
    states = tuple((country, spec["iso2"], regex.compile(rf"\b(?:{spec['words']})\b"))
                   for country, spec in data["states"].items())
    named = "|".join(f"(?:{spec['words']})" for spec in data["states"].values())
    adjective = f"{named}|{vocab.alternation(demonyms)}"
    force = vocab.alternation(words["force"])
    not_actor = rf"(?!\s+{vocab.alternation(words['not_actor'])}\b)"
    return _Vocab(
        states=states,
        groups=tuple((regex.compile(rf"\b(?:{spec['words']})\b"), spec["name"], int(spec["inter"]))
                     for spec in data["groups"]),
        state_force=regex.compile(
            rf"\b(?P<state>{adjective})(?:['’]s)?\s+(?:(?!and\b|or\b)\p{{Ll}}[\w-]*\s+){{0,3}}?(?P<noun>{force})\b"
            + not_actor),
        state_subject=regex.compile(
            rf"\b(?P<state>{adjective})\b(?:\s+[\w’']+){{0,6}}?\s+{vocab.alternation(words['acting'])}\b"),
        target=regex.compile(
            rf"\b(?:against|on|at|targeting|hitting|struck|hit|alongside)\s+(?:the\s+)?(?P<state>{adjective})"
            rf"(?:['’]s)?\s+(?:(?!and\b)\p{{Ll}}[\w-]*\s+){{0,2}}?(?P<noun>{force}|"
            rf"{vocab.alternation(words['target'])})\b"),
        not_agent=regex.compile(rf"\b{vocab.alternation(words['not_agent'])}\s+(?:the\s+)?$", regex.IGNORECASE),
        defence=regex.compile(rf"{vocab.alternation(words['defence'])}\b", regex.IGNORECASE),
        shield=regex.compile(rf"\b{vocab.alternation(words['shield'])}\b", regex.IGNORECASE),
        civilian=regex.compile(rf"\b{vocab.alternation(words['civilians'])}\b"),
        police=frozenset(vocab.load("demonyms")["forces"]["police"]),
        place_target=tuple(words["place_target"]),
        self_words=frozenset(words["self"]),
        acted_on=frozenset(words["acted_on"]),
        agent_by=frozenset(words["agent_by"]),
    )


def state_of(text: str) -> str | None:
    """The state a word names: 'Kyiv' -> 'Ukraine', 'Moscow' -> 'Russia', 'Malian' -> 'Mali'."""
    word = regex.sub(r"^(?:the|The)\s+|['’]s$", "", text.strip())
    for country, _, pattern in _vocab().states:
        if pattern.fullmatch(word):
            return country
    return state_of_demonym(word)


def state_in(text: str) -> str | None:
    """The first state a phrase names: "Ukraine's military intelligence" -> "Ukraine"."""
    found = [(m.start(), country) for country, _, pattern in _vocab().states for m in [pattern.search(text)] if m]
    if found:
        return min(found)[1]
    for word in regex.findall(r"\p{Lu}[\w-]*", text):
        country = state_of_demonym(word.split("-")[0]) if not word.endswith(("-made", "-built")) else None
        if country:
            return country
    return None


def state_force(country: str, event_country: str | None, start: int, end: int, kind: str = "military") -> Actor:
    inter = 1 if event_country in (None, country) else 8
    return Actor(actor_name(kind, country), country, inter, start, end)


def _state_match(match: Any, event_country: str | None) -> Actor | None:
    country = state_of(match.group("state"))
    if country is None:
        return None
    noun = match.groupdict().get("noun") or ""
    kind = "police" if noun.lower() in _vocab().police else "military"
    return state_force(country, event_country, match.start(), match.end(), kind)


def _nobody(start: int, end: int) -> bool:
    return False


def find_attacker(sentence: str, event_country: str | None,
                  speaker: Callable[[int, int], bool] = _nobody,
                  parsed: Parsed | None = None, trigger: tuple[int, int] | None = None) -> Actor | None:
    """The actor named as the one acting: from the parse (`agent_phrases`) when given, else
    the first named acting ('Ukrainian drones', 'North Korea has sent troops'); never one
    `speaker` marks as whoever reports the event ("Ukraine's air force said ...", see
    `syntax.outside_event`), nor one inside what the trigger acts on."""
    excluded: list[tuple[int, int]] = []
    if parsed is not None and parsed.tokens and trigger is not None:
        phrases = [(s, e) for s, e in agent_phrases(parsed, trigger) if not speaker(s, e)]
        for start, end in phrases:
            actor = phrase_actor(sentence, start, end, event_country)
            if actor is not None:
                return actor
        domestic = next((found for s, e in phrases for found in [_bare_force(sentence[s:e])] if found), None)
        if domestic == "police" and event_country is not None:  # "troops" may be a foreign army's
            start, end = phrases[0]
            return state_force(event_country, event_country, start, end, domestic)
        excluded = patient_phrases(parsed, trigger) + [
            _subtree(parsed.tokens, i) for i in range(len(parsed.tokens)) if _speaks(parsed.tokens, i)]

    def ignored(start: int, end: int) -> bool:
        return speaker(start, end) or any(s <= start < e for s, e in excluded)

    return _first_named(sentence, event_country, ignored, defenders=False)


def _first_named(sentence: str, event_country: str | None, ignored: Callable[[int, int], bool],
                 *, defenders: bool = True) -> Actor | None:
    """The first actor the sentence names acting; with `defenders` False, never a side named
    by its air defence ("Russian air defences"), which attacks nothing."""
    words = _vocab()
    for name_re, name, inter in words.groups:
        match = next((m for m in name_re.finditer(sentence) if not ignored(*m.span())), None)
        if match and not _inside_target(sentence, match.start()):
            return Actor(name, None, inter, match.start(), match.end())
    found = [m for m in words.state_force.finditer(sentence)
             if not _inside_target(sentence, m.start()) and not ignored(m.start("state"), m.end("state"))
             and (defenders or not words.shield.search(m.group(0)))]
    found += [m for m in words.state_subject.finditer(sentence) if not ignored(m.start("state"), m.end("state"))]
    for match in sorted(found, key=lambda m: m.start()):
        actor = _state_match(match, event_country)
        if actor:
            return actor
    return None


def _bare_force(phrase: str) -> str | None:
    """The kind of force a phrase names without a side ("police", "the army"). Police are
    the forces of the country they act in; an unnamed army may be a foreign one (measured:
    coding it as the country's own cost a check of quality/paraphrase/demo-b), so only
    police are given the country's name."""
    words = regex.sub(r"^(?i:the|a|an)\s+", "", phrase.strip()).casefold()
    return next((kind for kind, nouns in vocab.load("demonyms")["forces"].items() if words in nouns), None)


def phrase_actor(sentence: str, start: int, end: int, event_country: str | None) -> Actor | None:
    """The actor a noun phrase names: a group ("RSF fighters"), a state's forces ("Russian
    troops", "Colombian police", "Ukraine", "the Kremlin"); None for one naming no side."""
    text = sentence[start:end]
    for name_re, name, inter in _vocab().groups:
        match = name_re.search(text)
        if match:
            return Actor(name, None, inter, start + match.start(), start + match.end())
    for match in regex.finditer(r"[\p{Lu}][\w.’'-]*(?:\s+\p{Lu}[\w.’'-]*)?", text):
        if text[match.end():match.end() + 1] == "-" or match.group(0).endswith("-"):
            continue  # "Iranian-made drones": who made it, not who used it
        for candidate in (match.group(0), match.group(0).split()[0]):
            country = state_of(candidate)
            if country is not None:
                kind = "police" if any(w in _vocab().police for w in text.lower().split()) else "military"
                return state_force(country, event_country, start + match.start(), start + match.end(), kind)
    return None


# dependency edges of a noun's own modifiers: the phrase naming an actor ("a Russian attack
# drone", "Ukraine's navy"); relative clauses and prepositional phrases are left out
_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "nummod", "det", "flat", "quantmod", "case", "npadvmod"})
_SUBJECT = frozenset({"nsubj"})
_CLIMB = frozenset({"conj", "xcomp", "advcl"})
_OBJECT = frozenset({"dobj", "obj", "attr", "oprd"})


def _children(tokens: Sequence[Token], i: int) -> list[int]:
    return [j for j, t in enumerate(tokens) if t.head == i and j != i]


def _phrase(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """The span of a noun with its own modifiers."""
    keep, todo = {i}, [i]
    while todo:
        for j in _children(tokens, todo.pop()):
            if tokens[j].dep in _MODIFIERS and j not in keep:
                keep.add(j)
                todo.append(j)
    return tokens[min(keep)].start, tokens[max(keep)].end


def _agents_of_verb(tokens: Sequence[Token], verb: int) -> list[int]:
    found = []
    for j in _children(tokens, verb):
        if tokens[j].dep in _SUBJECT:
            found.append(j)
        elif tokens[j].dep == "agent":  # "was hit by Ukrainian drones"
            found += [k for k in _children(tokens, j) if tokens[k].dep == "pobj"]
    return found


def agent_phrases(parsed: Parsed, trigger: tuple[int, int], *, own: bool = True) -> list[tuple[int, int]]:
    """Spans of the phrases that name who carried out the event the trigger reports, most
    direct first: its subject or passive agent, a noun trigger's modifiers and "by" phrase,
    the subject of the verb a noun trigger is the object of, up through conjoined, open and
    adverbial clauses ("... hit a market, killing two"); a possessive for the speaker ("its
    drones") adds the speaker of the statement. `own`: also the trigger's own phrase ("a
    Russian drone", where the trigger is "drone")."""
    tokens = parsed.tokens
    t = head_of(tokens, *trigger)
    if t is None:
        return []
    heads: list[int] = []
    modified: list[int] = []
    i, seen = t, set()
    while i not in seen:
        seen.add(i)
        heads += _agents_of_verb(tokens, i)
        if tokens[i].dep in _SUBJECT and not heads and not _speaks(tokens, i):
            modified.append(i)  # "A Russian drone hit ...", trigger on "drone"
        for j in _children(tokens, i):
            if tokens[j].dep == "prep" and tokens[j].text.lower() in _vocab().agent_by:
                heads += [k for k in _children(tokens, j) if tokens[k].dep == "pobj"]
        if heads or tokens[i].head == i:
            break
        if tokens[i].dep in _OBJECT | _CLIMB | _SUBJECT:
            if tokens[i].dep in _SUBJECT:
                break
            i = tokens[i].head
        else:
            break
    spans = [_phrase(tokens, j) for j in heads] + [_phrase(tokens, j) for j in modified]
    spans += [] if _speaks(tokens, t) or not own else [_phrase(tokens, t)]
    return spans + _speaker_phrases(tokens, heads + modified)


def _speaks(tokens: Sequence[Token], i: int) -> bool:
    """Whether the token is the subject of a verb of saying ("Ukraine's air force said ...")."""
    return tokens[i].dep in _SUBJECT and tokens[tokens[i].head].text.lower() in vocabulary().speech


def _speaker_phrases(tokens: Sequence[Token], heads: list[int]) -> list[tuple[int, int]]:
    """The speaker of the statement an agent "it", "its drones", "our forces" stands for."""
    words = _vocab().self_words
    selfish = [h for h in heads if tokens[h].text.lower() in words or any(
        tokens[k].dep == "poss" and tokens[k].text.lower() in words for k in _children(tokens, h))]
    found = []
    for h in selfish:
        i = h
        while tokens[i].head != i:
            i = tokens[i].head
            if tokens[i].dep != "ccomp" and any(tokens[k].dep == "nsubj" for k in _children(tokens, i)) and (
                    i != tokens[h].head):
                found += [_phrase(tokens, k) for k in _children(tokens, i) if tokens[k].dep == "nsubj"]
                break
    return found


def patient_phrases(parsed: Parsed, trigger: tuple[int, int]) -> list[tuple[int, int]]:
    """Spans the trigger acts on (its object, passive subject, "on ..." phrase): a side
    named there is the target, never the actor."""
    tokens = parsed.tokens
    t = head_of(tokens, *trigger)
    if t is None:
        return []
    found = []
    for j in _children(tokens, t):
        acted_on = tokens[j].dep == "prep" and tokens[j].text.lower() in _vocab().acted_on
        if acted_on or tokens[j].dep in ("dobj", "obj", "nsubjpass"):
            found.append(_subtree(tokens, j))
    return found


def _subtree(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    keep, todo = {i}, [i]
    while todo:
        for j in _children(tokens, todo.pop()):
            if j not in keep:
                keep.add(j)
                todo.append(j)
    return tokens[min(keep)].start, tokens[max(keep)].end


def _inside_target(sentence: str, position: int) -> bool:
    """Whether the state named at `position` is acted on or merely mentioned ("strikes on
    Russian positions", "drones assembled for the Russian military"), not the one acting."""
    words = _vocab()
    if words.not_agent.search(sentence[max(0, position - 20) : position]):
        return True
    return any(m.start("state") == position for m in words.target.finditer(sentence))


def names_defence(text: str) -> bool:
    """Whether a phrase names a weapon that only defends ("air defence systems", "electronic
    warfare"): a side saying its air defences destroyed drones claims no attack."""
    return bool(_vocab().shield.search(text))


def is_defender(sentence: str, actor: Actor) -> bool:
    """An actor named by its air defence ("Ukrainian air defence destroyed ..."): in an
    interception the side defending."""
    rest = sentence[actor.start:]
    first = rest.split()[0] if rest.split() else ""
    return bool(_vocab().defence.match(sentence, actor.start + len(first) + 1))


def find_target(sentence: str, event_country: str | None, attacker: Actor | None) -> Actor | None:
    words = _vocab()
    for match in words.target.finditer(sentence):
        if regex.search(r"\b(?:alongside|with|beside)\s+$", sentence[: match.start("state")]):
            continue
        actor = _state_match(match, event_country)
        noun = match.group("noun")
        if actor and (attacker is None or actor.state != attacker.state):
            if noun.lower().startswith(words.place_target):
                return None
            return actor
    civilian = words.civilian.search(sentence)
    if civilian and event_country:
        return Actor(f"Civilians ({event_country})", None, 7, civilian.start(), civilian.end())
    return None


def countries_mentioned(text: str) -> list[str]:
    """ISO2 codes of the states a text names, most often named first (ties: first named)."""
    counts: list[tuple[int, int, str]] = []
    for _, iso2, pattern in _vocab().states:
        hits = [m.start() for m in pattern.finditer(text)]
        if hits:
            counts.append((-len(hits), hits[0], iso2))
    return [iso2 for _, _, iso2 in sorted(counts)]


def interception_actors(sentence: str, event_country: str | None, speaker: Callable[[int, int], bool],
                        parsed: Parsed | None, trigger: tuple[int, int]) -> tuple[Actor | None, Actor | None]:
    """(interceptor, launcher) of an interception, as ACLED codes it: actor1 is the side that
    downed, jammed or intercepted ("Russian air defences downed 12 Ukrainian drones"), actor2
    the side whose weapons it stopped. A side named only with the weapons ("12 Ukrainian
    drones were shot down") is the launcher."""
    interceptor = launcher = None
    if parsed is not None and parsed.tokens:
        for start, end in agent_phrases(parsed, trigger, own=False):  # not the trigger's own ("drones")
            interceptor = interceptor or phrase_actor(sentence, start, end, event_country)
        for start, end in patient_phrases(parsed, trigger):
            launcher = launcher or phrase_actor(sentence, start, end, event_country)
    if interceptor is None and launcher is None:
        named = _first_named(sentence, event_country, speaker)
        if named is not None and is_defender(sentence, named):
            interceptor = named
            rest = _first_named(sentence[named.end:], event_country, _nobody)
            launcher = rest and Actor(rest.name, rest.state, rest.inter, rest.start + named.end, rest.end + named.end)
        else:
            launcher = named
    if interceptor is not None and launcher is None:  # "X attacked with 24 drones, and Y's air defence downed 19"
        found = interceptor
        other = _first_named(sentence, event_country, lambda s, e: speaker(s, e) or found.start <= s < found.end)
        launcher = other if other is not None and other.state != interceptor.state else None
    if interceptor is not None and launcher is not None and interceptor.name == launcher.name:
        launcher = None
    return interceptor, launcher
