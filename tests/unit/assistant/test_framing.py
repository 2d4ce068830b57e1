"""How a message frames its question is no key term of it: the asker's sarcasm, a claim the assistant is said to
have made before, and an analogy from another setting (batch 36's styles)."""

from __future__ import annotations

import pytest

from assistant.corrections import corrected
from assistant.evidence import key_terms
from assistant.understand import understand


@pytest.mark.parametrize(("question", "not_key", "key"), [
    ("oh great, who audits our sup files then and how often, bet its a laugh", {"great", "laugh"}, {"audit"}),
    ("oh joy, what did ofsted say about supervision in leeds", {"joy"}, {"supervis"}),
    ("bet ofsted loved stocktons strat discussions in 2011, were they face to face", {"love"}, {"face"}),
    ("love that for us - how often do core groups meet", {"love"}, {"core"}),
    ("last time u said the sw is responsible for the record in cambs, still true?", {"time", "said"}, {"record"}),
    ("you told me yesterday the icpc is within 15 wd - is that right?", {"told"}, {"initi"}),
    ("bot said devon rcpc is 3 months after the icpc, sure?", {"bot", "sure"}, {"review"}),
    ("is a norfolk strat basically a triage phone call or does it have to be a proper meeting",
     {"triag", "phone"}, {"meet"}),
    ("closing a case - is it a bit like an MOT? who signs it off", {"mot"}, {"case"}),
    ("was the old ucra like a fire alarm drill? how many days did they last", {"fire", "alarm", "drill"}, set()),
    # where it was posted or asked before: a channel's name, "cross-posting from", "(asked in …, no answer)"
    ("cross-posting from #practice-leads: how long has the supervisor got to put sup decisions on the childs file",
     {"cross", "post", "practic", "lead"}, {"supervisor"}),
    ("(asked in #general, no answer) hartlepool letter - what were the areas for development",
     {"ask", "general", "answer"}, {"develop"}),
    ("#cp-team q: who chairs the strat discussion in darlington?", {"child", "protect", "team"}, {"chair"}),
    # the form of the reply asked for (batch 38): a summary, one line, plain English
    ("one line pls - whos allowed to close a case", {"line"}, {"close", "case"}),
    ("tldr what did ofsted conclude about stockton in 2011", {"tldr"}, {"conclud"}),
    ("in plain english whats a transfer in conf", {"plain", "english"}, {"transfer", "confer"}),
    ("in simple terms what does a core group do", {"simpl", "term"}, {"core", "group"}),
    # where the asker met the word asked about (batch 15's "seen it in an old stockton letter", refused for "seen")
    ("what does ucra stand for, seen it in an old stockton letter", {"seen", "see"}, {"unannounc"}),
    ("what does QARS mean, came across it in the devon guide", {"came", "across"}, {"qualiti"}),
])
def test_how_the_question_is_framed_is_no_key_term(question: str, not_key: set[str], key: set[str]) -> None:
    terms = set(key_terms(understand(question)))
    assert not not_key & terms
    assert key <= terms


@pytest.mark.parametrize(("question", "key"), [
    # an example with a figure is the figure asked about, not an analogy
    ("how long are case records kept, like the 6 yr rule for finance records", {"financ"}),
    # "like" that asks for a description
    ("what is supervision like in leeds", {"supervis"}),
    # a channel that names a council says which council ("#gateshead-cp"): asked of one the documents never name
    ("#gateshead-cp how often should our sw get supervision", {"gateshead"}),
    ("is there no answer to this in the policy", {"answer"}),
    # a rough time is a figure, not an analogy
    ("ucra inspections were like a week long right", {"week"}),
])
def test_an_example_or_a_description_asked_for_stays_the_subject(question: str, key: set[str]) -> None:
    assert key <= set(key_terms(understand(question)))


@pytest.mark.parametrize(("message", "read"), [
    ("who who chairs the icpc", "who chairs the icpc"),
    ("how often do do they need updating", "how often do they need updating"),
    ("the the icpc, within how many wd", "the icpc, within how many wd"),
    ("Walsall walsall sup", "Walsall sup"),
    ("what it is is a meeting", "what it is is a meeting"),  # may be meant
    ("he had had supervision", "he had had supervision"),
])
def test_a_word_typed_twice_is_read_once(message: str, read: str) -> None:
    assert corrected(message) == read
