"""One step: is a sign blamed on a cause that is not the clinic's treatment? (data:
the ``cause_*`` lists of the ``addressee`` section of
``knowledge/triage_subjects.yml``).

A message that tells a sign as the doing of a named thing that is not the
treatment is not a report after it. Its signs above the expected effects are
not counted (status ``other_cause``, with the cause for staff) when:

* a made thing, a food or a substance (WordNet classes in ``cause_classes``:
  artifact, food, substance; never the clinic's own words, a medicine or a
  cosmetic) heads a clause whose verb gives, makes or leaves a person in a state
  ("the new sandals GAVE me blisters", "the oven cleaner MADE us cough and we
  could hardly breathe", "the wool scarf LEFT my son with a rash");
* a sign is the result of a degree said of a thing, a place or "it" (the
  weather): "so ADJ (that) <person> <sign>" ("the collar was so stiff he said he'd
  choke", "it's so stuffy in the hall we can't breathe"); "it" counts only with a
  word of the surroundings (``environment_states``: hot, stuffy, loud...) and no
  body part in the sentence ("my lips are so swollen I can't breathe" and "it's
  so sore I can't sleep" keep their level);
* a thing struck a body part (``impact_verbs``: "the lap bar SLAMMED down on my
  thigh") and a sign of a blow follows (``injury_signs``: a bruise, pain,
  swelling);
* the same with a degree of low light (``light_states``: dim, dark...), which
  explains only trouble seeing (``light_signs``): "the lighting is so dim I
  couldn't read the menu, it was all blurry";
* a thing or a place is said to be hot or cold (``heat_states``) and a
  sign the surroundings cause (``environment_signs``: shivering, feeling faint,
  breathing) follows in the same sentence ("the bus was roasting and my dad felt
  faint");
* a sign is told as coming "from" a made thing, a food or a substance named
  right after it ("a bruise from the seatbelt", "blisters from the new boots"), or
  after the gerund of what was done with it ("my arm is numb from holding the jug");
* a numb hand, finger, foot or toe (``cold_signs`` of ``cold_parts``) is told in
  or right after a sentence that names the cold or a heating that is off ("it's
  freezing, couldn't feel my fingers"), with no side, arm, leg or face named; so is a
  finger or toe gone white or blue there (``cold_far_parts``, ``cold_far_colours``).

It never acts when the message names the clinic's treatment or the clinic (the
addressee step's test), and never on a ``keep_signs`` sign (an allergic or
airway reaction) unless the message tells it as over, nor on an airway sign
told now in a message that tells a reaction. Called once from ``assess``,
after ``addressee``.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.levels import rank
from bot.triage import addressee, wordnet
from bot.triage.addressee import ARTIFACT, BODY, CLAUSE_STOP, SENTENCE_END, Addressees
from bot.triage.match import POSSESSIVES, Doc, Match, Spans, boundaries
from bot.triage.rules import ASK
from bot.triage.subject import Subjects

STATUS = "other_cause"
_JOINERS = frozenset({"and", "but", ",", ";", "then", "while", "when"})
_ALSO = frozenset({"and", ","})  # joins two degrees of one thing
_REACH = 14  # how far after the cause a sign is read as its result (in surface words)


def apply(
    data: Addressees,
    doc: Doc,
    found: Spans,
    matches: list[Match],
    subj: Subjects,
    combinations: Sequence[tuple[str, list[set[str]]]] = (),
) -> None:
    """Mark counted signs above ``none`` that the message blames on another cause.

    ``combinations``: the rules' signs made of others; signs that together make a
    ``keep_signs`` sign ("hives" and swollen lips: an allergic reaction) all count."""
    counted = [
        m
        for m in matches
        if m.status == "counted" and (m.level == ASK or rank(m.level) > rank("none"))
    ]
    if not counted or addressee.names_clinic(data, doc, found, matches, subj):
        return
    for target, groups in combinations:
        if target in data.keep_signs and all(
            any(m.sign in g or m.base in g for m in counted) for g in groups
        ):
            return  # the signs make an allergic reaction together
    words, spans = addressee.surface(doc)
    now = any(addressee.phrase_at(words, k, data.ongoing_words) for k in range(len(words)))
    if not now:
        _numb_with_cold(data, doc, counted)
    causes = _causes(data, words, subj)
    if not causes:
        return
    reaction = addressee.reaction_told(data, doc, matches)
    over = addressee.told_as_over(data, doc, counted)
    sentence = [0] * len(words)
    for i in range(1, len(words)):
        sentence[i] = sentence[i - 1] + (words[i - 1] in SENTENCE_END)
    for m in counted:
        at = next((k for k, (a, b) in enumerate(spans) if b > m.start), len(words) - 1)
        said = set(words[at : next((k for k, (a, b) in enumerate(spans) if b >= m.end), at) + 1])
        keep = m.sign in data.keep_signs or (m.base is not None and m.base in data.keep_signs)
        airway = m.sign in data.airway_signs or m.base in data.airway_signs
        spiced = (keep or airway) and _spiced(data, words, sentence, at, said, causes)
        if keep and not over and not spiced:
            continue  # an allergic or airway reaction counts whatever its cause
        if airway and reaction and not spiced and not addressee.told_in_past(data, doc, m):
            continue  # a reaction with breathing trouble now
        if now and rank(m.level) >= rank("emergency"):
            continue  # "... I'm STILL dizzy": an emergency sign told as going on
        for start, first, end, kind, cue in causes:
            if not (first <= at <= end + _REACH and sentence[start] == sentence[at]):
                continue
            if kind == "from" and at >= end:
                continue  # the sign comes before "from" ("a bruise from the seatbelt")
            if kind == "degree_after" and (
                at >= start or not ({m.sign, m.base} & data.after_degree_signs)
            ):
                continue  # the explanation comes after the sign; a substance stings the eyes only
            if kind == "cause" and any(_new_subject(words, k, subj) for k in range(end, at)):
                continue  # "the curry made me sick AND MY vision is blurry": another clause's
            if kind == "injury" and not ({m.sign, m.base} & data.injury_signs):
                continue  # a blow makes a bruise, no numb arm
            if (
                kind == "injury"
                and {m.sign, m.base} & data.injury_colour_signs
                and not said & data.injury_colours
            ):
                continue  # a blow leaves a bruise's colours, never grey or white skin
            if kind == "slip" and (
                not ({m.sign, m.base} & data.slip_signs)
                or any(
                    words[k] in data.slip_keeps
                    for k in range(len(words))
                    if sentence[k] == sentence[at]
                )
            ):
                continue  # a slip explains a fall, never a faint or a blackout
            if kind == "light" and not ({m.sign, m.base} & data.light_signs):
                continue  # low light makes reading hard, never a lip blue or a fever
            if kind in ("degree", "environment") and (
                not ({m.sign, m.base} & data.environment_signs) or said & data.not_environment_words
            ):
                continue  # a cold room makes no lips blue, no fever
            m.status = STATUS
            m.note = f"(blamed on another cause: '{cue}')"
            break


def _numb_with_cold(data: Addressees, doc: Doc, counted: list[Match]) -> None:
    """A numb hand, finger, foot or toe in a sentence that names the cold or a heating that
    is off, or right after one, or a lip or finger gone blue in cold water (see
    ``cold_signs`` in the data)."""
    low = [t.lower_ for t in doc]
    starts = boundaries(doc, set())  # the sentence of each token
    colds = [k for k in range(len(low)) if _cold_at(data, low, starts, k)]
    if not colds:
        return
    waters = {starts[k] for k, w in enumerate(low) if w in data.cold_waters}
    for m in counted:
        if m.status != "counted" or not ({m.sign, m.base} & data.cold_signs):
            continue
        said = [low[k] for k in range(m.start, m.end) if low[k].isalpha()]
        sentence = starts[m.start]
        colour = bool({m.sign, m.base} & data.cold_colour_signs)
        # the part a colour is said of may come just before its words ("my fingers WENT WHITE")
        before = [low[k] for k in range(max(0, m.start - 3), m.start) if starts[k] == sentence]
        far = [w for w in said + before if w in data.cold_far_parts]
        if colour and (
            _other_emergency(data, counted, m)
            or not (
                (set(said) & data.cold_colours and {sentence, sentence - 1} & waters)
                or (far and set(said) & data.cold_far_colours)
            )
        ):
            continue  # cold water turns a lip blue, never grey, white or mottled; a blue lip
            # with another emergency ("... and I couldn't breathe") or a cold room keeps its alarm;
            # the cold of the air whitens or blues only fingers and toes ("in winter ... my
            # fingers went white and numb")
        parts = [w for w in said + (before if colour else []) if w in data.cold_parts]
        body = [w for w in said if _is_body(w) and w not in data.cold_parts]
        sides = any(
            low[k] in data.side_words and not _pronoun_one(data, low, k)
            for k in range(len(low))
            if starts[k] == sentence
        )
        # a colour's cold is named outside the sign's own words ("my lips went blue and COLD" is the
        # lips'); numb hands "get freezing and go numb" from the cold they feel
        cold = {starts[k] for k in colds if not (colour and m.start <= k < m.end)}
        if not parts or body or sides or not ({sentence, sentence - 1} & cold):
            continue
        m.status = STATUS
        m.note = "(blamed on another cause: the cold)"


def _spiced(
    data: Addressees,
    words: list[str],
    sentence: list[int],
    at: int,
    said: set[str],
    causes: list[tuple[int, int, int, str, str]],
) -> bool:
    """A mouth or tongue told as numb, tingly or burning (``pungent_states``) in a
    sentence whose cause names a hot spice (``pungent_causes``: "my tongue was numb FROM
    THE CHILI"), with nothing of a swelling, the breath or an allergy in that sentence
    (``pungent_never``): the spice's heat, no airway reaction."""
    here = {w for k, w in enumerate(words) if sentence[k] == sentence[at]}
    if not (said | here) & data.pungent_states or here & data.pungent_never:
        return False
    return any(
        sentence[start] == sentence[at] and set(cue.lower().split()) & data.pungent_causes
        for start, _first, _end, _kind, cue in causes
    )


def _pronoun_one(data: Addressees, low: list[str], k: int) -> bool:
    """ "one" at ``k`` stands for a thing named before ("the outdoor ONE was freezing"),
    not one side of the body ("ONE hand went numb", "one of my fingers"): no part, side
    or "of" right after it."""
    if low[k] != "one":
        return False
    after = low[k + 1] if k + 1 < len(low) else ""
    return not (
        after in data.cold_parts or after in data.side_words or after == "of" or _is_body(after)
    )


def _other_emergency(data: Addressees, counted: list[Match], m: Match) -> bool:
    """Another emergency sign than the cold's own is counted in the message."""
    return any(
        o is not m
        and o.status == "counted"
        and rank(o.level) >= rank("emergency")
        and not {o.sign, o.base} & data.cold_signs
        for o in counted
    )


#: what may stand between "from" and the thing a sign came from ("from THE NEW boots")
_FROM_SKIP = POSSESSIVES | {"the", "a", "an", "that", "this"}
#: ... and between a slip and the thing slipped on ("slipped on A BIT OF spilt batter")
_SLIP_SKIP = _FROM_SKIP | {"bit", "of", "some", "spilled", "spilt", "'s", "s"}

_FEEL = frozenset({"feel", "feels", "felt", "feeling", "feelin"})


def _cold_at(data: Addressees, low: list[str], starts: list[int], k: int) -> bool:
    """Word ``k`` names the cold, or a heating that a word of ``heating_off`` after it
    (at most five words on, in its sentence) says is off or broken."""
    if low[k] in data.cold_words:
        # (not a chill the person feels: "my hands went numb and I FEEL cold and shivery")
        felt = range(max(0, k - 3), k)
        return not any(low[j] in _FEEL and starts[j] == starts[k] for j in felt)
    if low[k] not in data.heating_words:
        return False
    near = range(k + 1, min(len(low), k + 6))
    return any(low[j] in data.heating_off and starts[j] == starts[k] for j in near)


def _causes(
    data: Addressees, words: list[str], subj: Subjects
) -> list[tuple[int, int, int, str, str]]:
    """(first word, first word a sign may be at, last word + 1, kind, words for staff)
    of each cause told; a degree's own state may be the sign ("it's so HOT")."""
    n = len(words)
    out: list[tuple[int, int, int, str, str]] = []
    for i, w in enumerate(words):
        # "the new sandals gave me", "the oven cleaner made us", "had me choking"
        if (
            w in data.cause_verbs
            and i + 1 < n
            and _person_next(words, i + 1, subj)
            and not (i + 2 < n and words[i + 2] in data.seem_words)  # "make me LOOK pale"
        ):
            head = _clause_head(data, words, i, subj)
            if head is not None and _is_thing_cause(data, words[head], subj):
                out.append((head, i + 1, i + 1, "cause", " ".join(words[head : i + 1])))
            elif head is not None and _hot_place(data, words, head, i, subj):
                # "the hot yoga room made me dizzy": a place said to be hot
                out.append((head, i + 1, i + 1, "environment", " ".join(words[head : i + 1])))
        # "a bruise FROM the seatbelt", "blisters from the new boots": a sign told as
        # coming from a made thing, a food or a substance named right after it
        if w == "from" and 0 < i and i + 1 < n:
            k = i + 1
            handled = wordnet.is_gerund(words[k])
            load = handled and words[k] in data.load_gerunds  # "from CARRYING two toddlers"
            if handled:
                k += 1  # "numb FROM HOLDING the jug": the thing handled is the cause
            while (
                k < n and k - i <= 3 and (words[k] in _FROM_SKIP or wordnet.is_adjective(words[k]))
            ):
                k += 1
            while load and k < n and k - i <= 4 and _is_count(words[k]):
                k += 1  # "from carrying TWO toddlers"
            if (
                k < n
                and k - i <= 4
                and (
                    _is_thing_cause(data, words[k], subj)
                    or (handled and _is_handled_thing(data, words[k], subj))
                    or (load and _is_load(data, words[k], subj))
                )
            ):
                if (
                    k + 1 >= n
                    or not _in_run(data, words[k + 1], subj)
                    or _is_thing_cause(data, words[k + 1], subj)
                ):
                    out.append(
                        (max(0, i - 3), max(0, i - 3), i, "from", " ".join(words[i : k + 1]))
                    )
        # "the lap bar slammed down on my thigh": a thing struck a body part
        if w in data.impact_verbs:
            head = _clause_head(data, words, i, subj)
            part = next(
                (k for k in range(i + 1, min(n, i + 5)) if _is_body(words[k])),
                None,
            )
            if head is not None and part is not None and not _stop_between(words, i, part):
                if _is_thing_cause(data, words[head], subj) or _is_place_or_thing(
                    data, words[head], subj
                ):
                    out.append((head, part, part + 1, "injury", " ".join(words[head : part + 1])))
                    continue
            # "he dropped a plank ON his foot", "I banged my knee AGAINST the table": a
            # person's blow, a body part and a surface within seven words of the verb
            near = range(i + 1, min(n, i + 8))
            part = next((k for k in near if _is_body(words[k])), None)
            if (
                part is not None
                and any(words[k] in data.impact_surfaces for k in near)
                and not _stop_between(words, i, part)
            ):
                out.append((i, part, part + 1, "injury", " ".join(words[i : part + 1])))
                continue
            # "my nephew GOT HIT in the face BY the ball", "was struck on the head with a branch":
            # the blow told in the passive, a made thing or a place after "by" or "with"
            if i > 0 and words[i - 1] in _PASSIVE and part is not None:
                agent = next(
                    (k for k in range(part + 1, min(n, part + 6)) if words[k] in ("by", "with")),
                    None,
                )
                thing = (
                    next(
                        (
                            k
                            for k in range(agent + 1, min(n, agent + 4))
                            if _is_thing_cause(data, words[k], subj)
                            or _is_place_or_thing(data, words[k], subj)
                        ),
                        None,
                    )
                    if agent is not None
                    else None
                )
                if thing is not None and not _stop_between(words, i, thing):
                    out.append((i, part, part + 1, "injury", " ".join(words[i - 1 : thing + 1])))
        # "slipped on a bit of batter", "tripped over a loose cable": a fall a thing explains
        if w in data.slip_verbs:
            thing = _slipped_on(data, words, i, subj)
            if thing is not None:
                out.append((i, thing + 1, thing + 1, "slip", " ".join(words[i : thing + 1])))
        # "took a ball to the shin", "got an elbow in the face": a blow taken to a body part
        if w in data.blow_takers:
            taken = _blow_taken(data, words, i, subj)
            if taken is not None:
                out.append((i, taken, taken + 1, "injury", " ".join(words[i : taken + 1])))
        # a substance's degree told after the sign, as its explanation: "eyes stinging all session,
        # think the chlorine is TOO STRONG today" ("so" or "too" and a describing word, no result
        # clause after it; the sign came before, in the same sentence; it explains only a sting
        # of the eyes, `after_degree_signs`)
        if w in _DEGREE_WORDS and i + 1 < n and wordnet.is_adjective(words[i + 1]):
            subject = _subject_before(words, i, subj)
            if (
                subject is not None
                and subject > 0
                and words[subject] not in data.it_words
                and _is_place_or_thing(data, words[subject], subj)
                and wordnet.classes(words[subject], 1)[:1] == (_SUBSTANCE,)
                and not any(
                    _person_next(words, k, subj) and words[k - 1] not in _OBJECT_BEFORE
                    for k in range(i + 2, min(n, i + 6))
                )  # (a result said of a person; "too strong SINCE YOUR visit" names none)
            ):
                out.append(
                    (subject, max(0, subject - _REACH), subject, "degree_after",
                     " ".join(words[subject : i + 2]))
                )  # fmt: skip
        # "so stiff (that) he", "so stuffy in the hall we"
        if w == "so" and i + 1 < n and wordnet.is_adjective(words[i + 1]):
            after = i + 2  # past more degrees of the same thing: "so bright AND FLICKERY that"
            while (
                after + 1 < n and words[after] in _ALSO and wordnet.is_adjective(words[after + 1])
            ):
                after += 2
            person = next(
                (k for k in range(after, min(n, after + 6)) if _person_next(words, k, subj)), None
            )
            if person is None or any(words[k] in _JOINERS for k in range(after, person)):
                continue  # "it's so hot in here AND my son can't breathe": no result clause
            subject = _subject_before(words, i, subj)
            if subject is None:
                continue
            s = words[subject]
            light = words[i + 1] in data.light_states
            if s in data.it_words:
                if (words[i + 1] not in data.environment_states and not light) or _body_in_sentence(
                    words, i
                ):
                    continue
            elif not (_is_place_or_thing(data, s, subj) or (light and s in data.light_words)):
                continue
            kind = "light" if light else "degree"
            out.append((subject, subject, i + 2, kind, " ".join(words[subject : i + 2])))
        # "the bus was roasting", "screen 3 was freezing" (a thing, never "it")
        if w in data.heat_states and i >= 1:
            subject = _subject_before(words, i, subj)
            if subject is not None and words[subject] not in data.it_words:
                if _is_place_or_thing(data, words[subject], subj):
                    out.append(
                        (subject, i + 1, i + 1, "environment", " ".join(words[subject : i + 1]))
                    )
    return out


#: the words of a degree said of a thing: "SO strong", "TOO bright"
_DEGREE_WORDS = frozenset({"so", "too"})
#: WordNet's class of substances ("chlorine", "smoke", "bleach")
_SUBSTANCE = 27

#: the auxiliary of a blow told in the passive ("got hit", "was struck")
_PASSIVE = frozenset({"got", "get", "gets", "getting", "was", "were", "been", "is", "be"})

_BE = frozenset(
    {"is", "was", "were", "are", "'s", "s", "been", "being", "be", "got", "gets", "getting",
     "became", "felt", "feels", "feel", "way", "too", "really", "very", "just", "absolutely",
     "literally", "completely", "totally", "still", "always", "also"}
)  # fmt: skip


def _new_subject(words: list[str], k: int, subj: Subjects) -> bool:
    """A clause with a subject of its own starts at ``k``: "but", or a joiner and an
    owner ("and my eye", "then his lips"); "and we couldn't" goes on with the same people."""
    if words[k] == "but":
        return True
    if words[k] not in {"and", ",", "then", ";"} and words[k] not in CLAUSE_STOP:
        return False
    j = k + 1
    while j < len(words) and words[j] in {"now", "then", "also", "and", "suddenly"}:
        j += 1
    return j < len(words) and words[j] in POSSESSIVES


def _subject_before(words: list[str], i: int, subj: Subjects) -> int | None:
    """The word a state at ``i`` is said of: back over "be" and degree words, and over a
    number ("screen 3 was"); a noun owned with "'s" is passed ("the groom's jacket")."""
    k = i - 1
    while k >= 0 and (words[k] in _BE or words[k].isdigit()):
        k -= 1
    if k < 0 or words[k] in CLAUSE_STOP:
        return None
    return k


def _clause_head(data: Addressees, words: list[str], i: int, subj: Subjects) -> int | None:
    """The head of the clause before the verb at ``i``: its first noun after a
    determiner, an owner or describing words ("the NEW sandals", "the oven cleaner",
    "the bleach the cleaners used"), within eight words and the same clause."""
    start = i
    while start > 0 and i - start < 8 and words[start - 1] not in CLAUSE_STOP:
        start -= 1
    for k in range(start, i):
        w = words[k]
        if w in subj.skip_words or w in data.cause_skip or not w.isalpha():
            continue
        if k + 1 < i and words[k + 1] in {"'s", "s"}:
            continue  # "the groom's jacket": the jacket
        if wordnet.is_adjective(w) and not wordnet.is_mainly_noun(w):
            continue  # "the new sandals"
        # a run of nouns ("the oven cleaner", "the nail polish remover smell"): its first
        # thing that may cause a sign, else its first word
        run = [k]
        while run[-1] + 1 < i and _in_run(data, words[run[-1] + 1], subj):
            run.append(run[-1] + 1)
        return next((r for r in run if _is_thing_cause(data, words[r], subj)), k)
    return None


def _in_run(data: Addressees, word: str, subj: Subjects) -> bool:
    """A noun that goes on a run of nouns (not a joiner, a verb or a sign's word)."""
    if not word.isalpha() or word in subj.skip_words or word in data.name_joiners:
        return False
    return wordnet.is_mainly_noun(word) and not wordnet.is_adjective(word)


def _hot_place(data: Addressees, words: list[str], head: int, i: int, subj: Subjects) -> bool:
    """A place or a thing said to be hot or cold before it in its clause ("the HOT
    yoga ROOM made me dizzy"): a word of ``heat_states`` before the head, a place in
    the run of nouns the head opens."""
    k = head - 1
    hot = False
    while k >= 0 and words[k] not in CLAUSE_STOP and head - k <= 3:
        hot = hot or words[k] in data.heat_states
        k -= 1
    if not hot:
        return False
    run = head
    while run < i and _in_run(data, words[run], subj):
        if _is_place_or_thing(data, words[run], subj):
            return True
        run += 1
    return False


#: a preposition before a person word makes it an object, no clause's subject ("since YOUR visit")
_OBJECT_BEFORE = frozenset(
    {"since", "after", "from", "at", "in", "on", "by", "for", "with", "of", "to", "before"}
)


def _person_next(words: list[str], k: int, subj: Subjects) -> bool:
    """A person at ``k``: "me", "us", "they", "my son", "the kids", or "everything"."""
    if k >= len(words):
        return False
    w = words[k]
    if w == "that" and k + 1 < len(words):
        k, w = k + 1, words[k + 1]
    if w in subj.person_words or w.split("'")[0] in subj.person_words or w == "everything":
        return True
    return w in POSSESSIVES or (
        w == "the" and k + 1 < len(words) and words[k + 1] in subj.person_words
    )


def _is_thing_cause(data: Addressees, word: str, subj: Subjects) -> bool:
    """A made thing, a food or a substance that is not the clinic's nor a sign's word."""
    if word in subj.sign_words or word in subj.person_words or word in data.own_causes:
        return False
    return addressee.is_cause(data, word)


def _is_handled_thing(data: Addressees, word: str, subj: Subjects) -> bool:
    """One of ``neutral_things`` that is first a made thing in WordNet ("the phone", "the
    cup"), handled after a gerund; not one of ``not_handled`` (the needles, a light)."""
    if word not in data.neutral_things or word in data.not_handled or word in subj.sign_words:
        return False
    senses = wordnet.classes(word, 1)
    return bool(senses) and senses[0] == ARTIFACT


_COUNTS = frozenset({"two", "three", "four", "five", "six", "both", "all", "some", "several"})


def _is_count(word: str) -> bool:
    """A number told in words or digits ("two", "3"), or a word of how many ("both")."""
    return word.isdigit() or word in _COUNTS


def _is_load(data: Addressees, word: str, subj: Subjects) -> bool:
    """A load borne, after a gerund of ``load_gerunds``: a thing or a person ("from carrying
    two toddlers"), never a body part, a sign's word or the clinic's."""
    if not word.isalpha() or _is_body(word):
        return False
    if word in subj.sign_words or word in data.clinic_words or word in data.not_handled:
        return False
    return word in subj.person_words or wordnet.is_mainly_noun(word)


def _is_place_or_thing(data: Addressees, word: str, subj: Subjects) -> bool:
    """A thing, a room or a vehicle a state can be said of (any noun whose first WordNet
    sense is no body part, person, feeling or state), not a sign's or a person's word."""
    if word in subj.sign_words or word in subj.person_words or word in data.own_causes:
        return False
    if word in data.clinic_words or word in data.health_words or not word.isalpha():
        return False
    if not wordnet.is_mainly_noun(word):
        return False
    senses = wordnet.classes(word, 1)
    return bool(senses) and senses[0] in data.environment_classes


def _blow_taken(data: Addressees, words: list[str], i: int, subj: Subjects) -> int | None:
    """The body part a blow was taken to, after a word of ``blow_takers`` at ``i``: within
    four words a made thing or a word of ``blow_words`` ("took A BALL to the shin", "got an
    ELBOW in the face"), then "to" or "in", an article or an owner, and the part."""
    n = len(words)
    for k in range(i + 2, min(n - 1, i + 6)):
        if words[k] not in ("to", "in"):
            continue
        blow = any(
            words[j] in data.blow_words or _is_thing_cause(data, words[j], subj)
            for j in range(i + 1, k)
        )
        j = k + 1
        if j < n and words[j] in _FROM_SKIP:  # "the", "a", an owner
            j += 1
        if blow and j < n and _is_body(words[j]) and not _stop_between(words, i, j):
            return j
        return None
    return None


def _slipped_on(data: Addressees, words: list[str], i: int, subj: Subjects) -> int | None:
    """The thing slipped or tripped on, after a word of ``slip_verbs`` at ``i``: "on" or
    "over", at most three words of an article, an owner or a describing word, then a made
    thing, a food, a substance or a place ("slipped on A BIT OF batter", "tripped over the
    loose CABLE"); its index, or None."""
    n = len(words)
    if i + 1 >= n or words[i + 1] not in ("on", "over"):
        return None
    k = i + 2
    while (
        k < n
        and k - i <= 4
        and (
            words[k] in _SLIP_SKIP
            or (wordnet.is_adjective(words[k]) and not wordnet.is_mainly_noun(words[k]))
        )
    ):
        k += 1
    if k < n and (
        _is_thing_cause(data, words[k], subj) or _is_place_or_thing(data, words[k], subj)
    ):
        return k
    return None


def _is_body(word: str) -> bool:
    """A body part ("thigh", "shin"): a noun whose first WordNet sense is of the body."""
    return word.isalpha() and wordnet.is_mainly_noun(word) and BODY in wordnet.classes(word, 1)


def _stop_between(words: list[str], a: int, b: int) -> bool:
    """A punctuation mark between ``a`` and ``b``."""
    return any(words[k] in CLAUSE_STOP for k in range(a + 1, b))


def _body_in_sentence(words: list[str], i: int) -> bool:
    """A body part named in the sentence of ``i`` ("it" may be that part)."""
    a = i
    while a > 0 and words[a - 1] not in SENTENCE_END:
        a -= 1
    b = i
    while b < len(words) and words[b] not in SENTENCE_END:
        b += 1
    return any(
        w.isalpha() and BODY in wordnet.classes(w, 1) and wordnet.is_mainly_noun(w)
        for w in words[a:b]
    )
