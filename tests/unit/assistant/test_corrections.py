"""How a message's own corrections, the remark after its question and a pasted link or file name are read
(fresh batch 26: "walsall sup freq for nqsw... *all sws", "who chairs a strat in tees (first week here)")."""

from __future__ import annotations

import pytest

from assistant.corrections import corrected, spelled_letters
from assistant.evidence import key_terms
from assistant.story import remark_words, question_part, story_senses, story_words, told_part
from assistant.understand import understand, without_markup


@pytest.mark.parametrize("message, read", [
    # aligned on a word both share, or its clipped form ("strat" and "strategy")
    ("how long for a core assmt in cov - sorry, initial assmt", "how long for a initial assmt in cov"),
    ("how many hrs does a norfolk strat meeting take\n*strategy discussion",
     "how many hrs does a norfolk strategy discussion take"),
    ("sup for our nqsw in month 4 - sorry month 3, she started in jan",
     "sup for our nqsw in month 3, she started in jan"),
    # a word with the same ending, else the last shorthand, else a council for a council
    ("how often do chronologies need updating\n*reviewing i mean", "how often do chronologies need reviewing"),
    ("reports to QARS how many days before an icpc... *rcpc", "reports to QARS how many days before an rcpc"),
    ("walsall sup freq for nqsw... *all sws", "walsall sup freq for all sws"),
    ("how often is sup for sws in sunderland - sorry, south tyneside", "how often is sup for sws in south tyneside"),
    # "i mean" and the words meant, ending the message (batch 42)
    ("whats our timescale for the old core assessment now, i mean the c&f assessment",
     "whats our timescale for the c&f assessment now"),
    ("who chairs the rcpc - i mean the icpc", "who chairs the icpc"),
    # "edit: X not Y" replaces Y; with no Y to replace, X is added
    ("what did ofsted grade mbro in 2019 - edit: meant redcar not mbro", "what did ofsted grade redcar in 2019"),
    ("where do we record it - outside sup\nedit: calderdale not cambs",
     "where do we record it - outside sup calderdale"),
])
def test_a_message_that_corrects_itself_is_read_as_corrected(message, read):
    assert corrected(message) == read


@pytest.mark.parametrize("message", [
    "sorry to bother - who chairs a transfer in conf in norfolk",
    "i mean, how often is sup meant to be",  # a filler opening the message
    "how often is sup, i mean is there an actual rule written down somewhere in the policy",  # a new ask, not a slip
    "cov core assmt timescale - is it 35 wd? (sorry if dumb q)",
    "sorry if this is obvious but how often does the forum meet",
    "long one sorry - family moved into stockton on a cp plan",
    "is it *required* in writing",  # Slack's bold, closed, is no correction
    "*urgent* who chairs a strat",
    "did ofsted say anything about the edit function",
])
def test_an_apology_or_emphasis_corrects_nothing(message):
    assert corrected(message) == message


def test_the_corrected_word_is_no_key_term():
    assert "newli" not in key_terms(understand("walsall sup freq for nqsw... *all sws"))
    assert key_terms(understand("devon - reports how many days before an icpc... *rcpc")) == key_terms(
        understand("devon - reports how many days before an rcpc"))


@pytest.mark.parametrize("message, asked, told", [
    ("who chairs a strat in tees (first week here, came from a county la)", "who chairs a strat in tees", "county"),
    ("who is supposed to chair a strat - sm wants to run tmrws one himself and im not sure thats right",
     "who is supposed to chair a strat", "himself"),
    ("how long for a core assmt in devon asking cos weve commissioned one on dad", "how long for a core assmt in devon",
     "commissioned"),
    # why one asks, after the question (batch 31)
    ("how long do yous have to complete the assessment? just so i can tell the head, thanks",
     "how long do yous have to complete the assessment?", "head"),
])
def test_a_remark_after_the_question_without_a_question_mark_is_told(message, asked, told):
    assert question_part(message) == asked and told in told_part(message)
    assert story_words(message)


@pytest.mark.parametrize("message", [
    "how long for a core assmt - devon",  # a few words after a dash name the subject
    "what is the timescale - is it 15 working days for all of them",  # another ask
    "whats the icpc timescale (ICPC = initial conf)",  # what a word means
    "how long is an icpc - 15 working days from the strat or the s47",  # a figure
    "tees strat - when do adult services get pulled in",  # a lead-in, not a question, before the dash
])
def test_a_dash_or_bracket_that_belongs_to_the_question_stays_in_it(message):
    assert question_part(message) == message and not story_words(message)


def test_a_pasted_link_is_its_label_and_a_file_name_its_words():
    assert without_markup("<https://files.ofsted.gov.uk/v1/file/5000|stockton ucra letter> what on strats") == (
        "stockton ucra letter what on strats")
    assert without_markup("see https://www.gov.uk/x/y-2018 when did it come in") == "see when did it come in"
    assert without_markup("in gloucestershire-supervision-policy.docx whats the minimum") == (
        "in gloucestershire supervision policy whats the minimum")
    assert without_markup("re: stockton-2011-ucra-letter.txt - grade") == "re: stockton 2011 ucra letter - grade"
    kept = "cadsadmin@norfolk.gov.uk and 1.5 hrs and v2.0"  # an address, a figure and a version are no file
    assert without_markup(kept) == kept
    assert key_terms(understand("the tees transfer procedure (pdf) - who chairs")) == key_terms(
        understand("the tees transfer procedure - who chairs"))


@pytest.mark.parametrize("joined, words", [
    ("AssessmentTimescale under working together", "Assessment timescale under working together"),  # batch 48
    ("redcar care_leavers judgement", "redcar care leavers judgement"),
    ("StrategyDiscussion - who chairs", "Strategy discussion - who chairs"),
])
def test_words_typed_joined_as_an_identifier_are_the_words(joined, words):
    assert without_markup(joined) == words
    assert key_terms(understand(joined)) == key_terms(understand(words))


@pytest.mark.parametrize("kept", ["the CHub", "McDonald", "iPad", "C# and &#39;", "cases_"])
def test_a_name_with_a_capital_inside_or_a_lone_mark_is_kept(kept):
    # "CHub" (Hartlepool's children's hub) has one small letter before its capital; "Mc", "i" likewise
    assert without_markup(kept) == kept.rstrip("_")


@pytest.mark.parametrize("dictated, typed", [
    ("what did ofsted say about n q s ws doing their a s y e in mbro",
     "what did ofsted say about nqsws doing their asye in mbro"),
    ("i c p c how many working days", "icpc how many working days"),
    ("is there a c p plan", "is there a cp plan"),  # "a" is the word, "c p" the shorthand
    ("plan a or b", "plan a or b"),  # letters that spell no shorthand stay
    ("section 4 7", "section 4 7"),
])
def test_shorthand_dictated_letter_by_letter_is_the_shorthand(dictated, typed):
    # a phone's speech-to-text spells shorthand out (batch 27)
    assert spelled_letters(dictated) == typed
    assert key_terms(understand(dictated)) == key_terms(understand(typed))


@pytest.mark.parametrize("message, asked, told", [
    # a story, then a question that opens "whos", "remind me", "tell me" (batch 31)
    ("were doing the strat tomorrow am in darlo, whos the bare minimum that needs to be on it",
     "whos the bare minimum that needs to be on it", "darlo"),
    ("prepping for a file audit next wk. remind me who audits the super vision files and how often",
     "remind me who audits the super vision files and how often", "prepping"),
    # a few words before the question word, after a full stop (batch 48)
    ("my tm has cancelled twice now. in notts how often should a qualified sw get supervision? just want to know",
     "in notts how often should a qualified sw get supervision? ", "cancelled"),
    ("back to back visits all day and my laptop died. anyway whats the deadline for writing up a visit",
     "anyway whats the deadline for writing up a visit", "laptop"),
])
def test_a_story_before_a_question_in_its_own_words_is_told(message, asked, told):
    assert question_part(message) == asked and told in told_part(message)


def test_now_in_a_story_asks_for_no_newest_document():
    # "twice now" told before the question had ranked Walsall's newer policy over the Nottinghamshire one asked about
    told = "my tm has cancelled twice now. in notts how often should a qualified sw get sup"
    assert not understand(told).wants_latest
    assert understand("in notts how often should a qualified sw get sup now").wants_latest


def test_a_storys_everyday_words_are_read_as_the_documents_words_and_a_pronoun_never_points_into_a_remark():
    told = story_words("referral came in this morning, mum says she fell off the sofa. by when do we have to see her")
    assert {"mum", "parent"} <= told  # "mum" is a parent (lexicon), and told, so no key term against an answer
    message = "do they have a care leavers forum and how often does it meet? thinking ahead for her transition plan"
    assert {"ahead", "transit"} <= remark_words(message) and not {"forum", "meet"} & remark_words(message)
    assert remark_words("how often does the care leavers forum meet") == frozenset()


def test_a_storys_shorthand_spelled_out_tells_what_happened_before_a_timescale_asked():
    message = "strat disc for Kit was mon 2 june and we went to s47. whats the latest date the icpc can be"
    assert {"strategi", "discuss", "section", "enquiri"} <= story_senses(message)  # the strategy discussion happened
    assert "strategi" not in story_words(message)  # as typed, "strat" only
    assert not {"initi", "confer"} & story_senses(message)  # the question's own words are never the story's
    assert story_senses("whats the latest date the icpc can be") == frozenset()

