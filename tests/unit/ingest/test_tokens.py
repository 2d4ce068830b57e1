"""Tokens: phrases whose words mean something else apart are one token."""

from ingest.tokens import tokens


def test_working_from_home_is_not_a_home_visit() -> None:
    for phrase in ("working from home", "work from home", "WFH", "home working", "home-working"):
        assert tokens(f"the policy on {phrase}") == tokens("the policy on homeworking"), phrase
    assert "home" in tokens("home visits are recorded within two working days")
    assert "work" in tokens("within two working days")  # the words on their own keep their meaning


def test_looked_after_is_one_token() -> None:
    assert tokens("children looked after") == tokens("children looked-after")
    assert "look" not in tokens("children looked after")
