"""Tokens: phrases whose words mean something else apart are one token."""

from ingest.tokens import as_verbs, tokens


def test_working_from_home_is_not_a_home_visit() -> None:
    for phrase in ("working from home", "work from home", "WFH", "home working", "home-working"):
        assert tokens(f"the policy on {phrase}") == tokens("the policy on homeworking"), phrase
    assert "home" in tokens("home visits are recorded within two working days")
    assert "work" in tokens("within two working days")  # the words on their own keep their meaning


def test_looked_after_is_one_token() -> None:
    assert tokens("children looked after") == tokens("children looked-after")
    assert "look" not in tokens("children looked after")


def test_irregular_verb_forms_are_their_verb() -> None:
    # "how soon must the child be seen" asks about "the social worker sees the child within five working days".
    assert as_verbs(tokens("the child was seen")) == as_verbs(tokens("the child she sees")) == ["child", "see"]
    assert as_verbs(tokens("notes kept, reports written")) == as_verbs(tokens("notes keep, reports write"))
    assert as_verbs(tokens("held")) != as_verbs(tokens("holding"))  # "supervision is held" is not "holding work"
    # Forms that are other words too stay apart: "led to delay" is not the "lead professional".
    assert as_verbs(tokens("led")) != tokens("lead") and as_verbs(tokens("left")) != tokens("leave")
    # BM25 reads text as it is: tokens() alone leaves every form apart.
    assert tokens("seen") != tokens("see")


def test_a_noun_of_a_verbs_act_is_its_verb() -> None:
    # "who decides on contacts" asks about "a decision on every contact"; "closes" about "closure"
    assert as_verbs(tokens("who decides")) == as_verbs(tokens("who decision")) == ["decid"]
    assert as_verbs(tokens("case closes")) == as_verbs(tokens("case closure"))
    assert as_verbs(tokens("concluded")) == as_verbs(tokens("conclusions"))
    # nouns that are other words stay apart: a placement is not placing, a care leaver not leaving
    assert as_verbs(tokens("placement")) != as_verbs(tokens("place"))
    assert as_verbs(tokens("leavers")) != as_verbs(tokens("leave"))


def test_talking_to_someone_is_speaking_to_them():
    # "who did the inspectors talk to" is answered by "Inspectors also spoke to a range of staff"
    assert as_verbs(tokens("talk to staff")) == as_verbs(tokens("spoke to staff")) == as_verbs(tokens("speaks to staff"))
