"""How a message frames its question, and the asides about the asker's own case: none of it is what the question
is about (``evidence.key_terms`` reads the question with both blanked to their length, so the spans of its terms
still hold)."""

from __future__ import annotations

import re

from assistant.understand import REACH
from assistant.years import MONTHS
from ingest.authorities import name_spans

# How a question is framed, not what it is about: a yes/no check ("is it true …", "… is that right", "… 3 months
# right?"), who it is asked for ("my team keep asking", "for team meeting tmrw", "can u confirm for the team"),
# "back in 2011" and a sign-off ("thanks in advance", "anyone got it to hand"). Blanked to their length, as the
# source's "report" is.
_FORMS = (r"one[\s-]+(?:word|line)(?:\s+answer)?|one[\s-]+liner|short\s+answer"
          r"|just\s+the\s+(?:number|figure|grade|date|name|answer)"
          r"|in\s+(?:a|one)\s+(?:sentence|line|word|nutshell)|(?:grade|number|figure|name|date)\s+only")
# How exactly the answer is wanted ("exact number of days not roughly", "down to the working day", "to the day",
# "to one decimal place"): how close, not what it is about
_EXACTLY = (r"|\bnot\s+(?:roughly|approx(?:imately)?|a\s+rough\s+(?:idea|guess))\b"
            r"|\b(?:down\s+)?to\s+the\s+(?:nearest\s+)?(?:working\s+)?(?:day|hour|week|month)\b(?!\s+(?:of|when|that))"
            r"|\bto\s+(?:one|two|1|2)\s+decimal\s+places?\b")
# How far the answer should reach ("as a rule", "in general", "typically", "on average", "who has to be there as a
# minimum", "across the board"): how general, not what it is about
_SCOPE = (r"|\b(?:as\s+a\s+(?:general\s+)?rule|in\s+general|generally\s+speaking|across\s+the\s+board"
          r"|by\s+default|in\s+most\s+cases|typically|usually|normally|ordinarily|generally)\b|" + REACH.pattern)
_ANALOGY_WORD = r"(?!(?:days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|fortnights?)\b)[a-z'-]+"
FRAMING = re.compile(
    r"\b(?:is|isnt|isn't|was|wasnt|wasn't)\s+(?:it|that|this)\s+(?:true|right|correct|so)\b"
    r"|\b(?:am\s+i|are\s+we)\s+right\b"
    # a check of the asker's own case against the rule ("last sup was 7 wks ago, are we in breach", "is that a breach
    # of our recording timescale", "are we outside our timescale", "is that ok or do i need to escalate"): the rule's
    # subject is what the question is about
    r"|\b(?:are\s+we|am\s+i|is\s+(?:that|this|it))\s+(?:now\s+|still\s+)?(?:in\s+breach|a\s+breach|breaching|late|"
    r"overdue|out\s+of|outside|compliant|non[\s-]?compliant|fine|ok|okay|acceptable)(?:\s+of)?\b"
    r"|\b(?:do|should|would)\s+(?:i|we)\s+(?:need\s+to\s+|have\s+to\s+)?escalate(?:\s+(?:it|this|that))?\s*(?=[?.!]|$)"
    r"|\b(?:right|true|correct)\s*\?+"
    # the same tag ending the message without its question mark ("… 10 wd from when the new la accepts it right")
    r"|\b(?:right|correct)\s*[.!]*\s*$"
    r"|\b(?:my|our|the)\s+team\s+(?:keeps?|are|is|have\s+been|has\s+been)\s+(?:asking|wondering|unsure|confused)\b"
    r"|\bfor\s+(?:the\s+|my\s+|our\s+)?team(?:\s+(?:meeting|mtg|briefing|huddle))?"
    r"(?:\s+(?:tmrw|tmr|tomorrow|today|later))?\b(?!\s+around)"
    r"|\bcan\s+(?:u|you|someone|anyone)\s+confirm\b"
    # a reply in a thread ("+1 to this", "following on from above", "as above"): where the message sits, not what it
    # asks; the question it points to may name its subject ("+1 to the redcar q"), so only these words are framing
    r"|(?<![\w+])\+1\b(?:\s+(?:to|re)\s+(?:this|that|(?:the\s+)?above))?"
    r"|\b(?:following\s+on\s+from|further\s+to|re|as\s+per|adding\s+to|to\s+add\s+to)\s+(?:the\s+)?above\b"
    r"|\b(?:as\s+)?(?:mentioned|said|discussed|asked)\s+above\b|^\s*as\s+above\b"
    # a question passed on from someone else ("my student asked how long …", "a new starter wants to know who …")
    r"|\b(?:my|our|a)\s+(?:new\s+)?(?:student|trainee|starter|mgr|manager|tm|colleague|sw|team)s?\s+"
    r"(?:asked|asks|is\s+asking|was\s+asking|keeps\s+asking|wants\s+to\s+know|wanted\s+to\s+know)(?:\s+me)?\b"
    # ... by anyone, as the message opens ("mum asked me how long …", "care leaver asked me …", "iro asking what …",
    # "student on placement wants to know …"), and what the asker will say back, ending the message ("what do i tell
    # her"; "what should i tell the child about the conference" asks what to tell)
    r"|^\s*(?:[\w'-]+\s+){0,3}?(?:asked\s+me|asks\s+me|(?:is|was|keeps|are|were)\s+asking(?:\s+me)?|asking(?:\s+me)?"
    r"|wants?\s+to\s+know|wanted\s+to\s+know)\b"
    r"|\bwhat\s+(?:do|should|can|shall)\s+i\s+(?:tell|say\s+to)\s+(?:her|him|them|mum|dad|the\s+[\w-]+)\s*[?.!]*\s*$"
    # where the asker met the word asked about ("what does ucra stand for, seen it in an old stockton letter", "came
    # across it in the report"): where to look, said by the source's own words after it
    r"|\b(?:(?:i\s+|i'?ve\s+|have\s+)?(?:seen|saw|read|heard|came\s+across|come\s+across|spotted|noticed)\s+"
    r"(?:it|this|that|them|the\s+(?:term|word|phrase|acronym|abbreviation))\s+(?:in|on|at|from|used\s+in)\b)"
    # a greeting ("hiya hope ur well, quick one"): how the asker opens, nothing the question is about
    r"|\bhope\s+(?:ur|your|you'?re|you\s+are|u\s*r|u|you|all'?s|all\s+is|every(?:one|body)'?s?)\s+(?:well|ok|okay|good|"
    r"keeping\s+well|having\s+a\s+good\s+(?:day|week))\b"
    # how sure the asker is ("pretty sure its 10 wd"), and a formal email's framing ("Please could you advise on",
    # "Kindly confirm", "Further to our discussion earlier,")
    r"|\b(?:pretty|fairly|quite|not|i'?m|am)\s+sure\b"
    r"|\b(?:(?:please\s+)?(?:could|would|can)\s+(?:you|u)\s+(?:please\s+)?|please\s+|kindly\s+)(?:kindly\s+)?"
    r"(?:confirm|advise|clarify|let\s+me\s+know)(?:\s+(?:on|re|regarding|as\s+to))?\b"
    r"|\bfurther\s+to\s+(?:our|my|the|your)\s+(?:[\w-]+\s+)?(?:conversation|discussion|call|chat|meeting|e-?mail|"
    r"message|query)(?:\s+(?:earlier|today|yesterday|this\s+morning|last\s+week))?\b"
    r"|\bback(?=\s+(?:in|then)\b)"
    r"|\b(?:thanks|thank\s+you|thx|ta|cheers)(?:\s+(?:so|very|v)\s+much)?\s+(?:in\s+advance|again)\b"
    r"|\b(?:got|have)\s+(?:it|this|that|them)\s+to\s+hand\b"
    # what the answer is wanted for ("need a quote on", "what can i cite for", "need a line for", "for our workforce
    # report", "for an audit"); "the quarterly audit" may be what is asked about, so "the" is not read as framing, nor
    # is "after" a time ("after the sentence"), only "im after a quote"
    r"|\b(?:need|want|looking\s+for|i'?m\s+after)\s+(?:a|an|some|the)\s+(?:exact\s+|actual\s+)?(?:quote|line|sentence|"
    r"wording|ref(?:erence)?)s?\b"
    r"|\bwhat\s+(?:can|could|should)\s+i\s+(?:cite|quote)\b"
    r"|\bfor\s+(?:our|my|a|an)\s+(?:[\w-]+\s+){0,2}?(?:report|audit|panel|presentation|briefing|paper|bid|return)"
    r"(?:\s+(?:report|response))?\b"
    # a quiz, a portfolio or a training session the answer is for ("doing a quiz for new starters - q7:", "for my ASYE
    # portfolio,", "for a training session on inspection history -"): where the answer will go, not what it is about
    r"|\b(?:for|doing|making|writing|prepping|preparing|putting\s+together)\s+(?:(?:a|an|my|our|the)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:quiz|portfolio|slides?|deck|induction|assignment|essay|(?:training|teaching)\s+session)"
    r"(?:\s+for\s+(?:the\s+|my\s+|our\s+)?(?:new\s+starters?|students?|team|asyes?|nqsws?))?"
    r"(?:\s+on\s+(?:[\w-]+\s+){0,2}?(?:history|basics))?(?:\s*[:-]+\s*q\s?\d+\s*:?)?"
    # ... or said as a quiz or a test of others ("training tmrw, trivia:", "quiz q for the team:", "testing the
    # students:"), and how well the asker remembers ("i used to know this", "for the life of me cant remember", "brain
    # fog", "had this in training years ago"): batch 42
    r"|\b(?:training|teaching|induction)(?:\s+session)?\s+(?:tmrw|tmr|tomorrow|today|later|next\s+week)\b"
    r"|\btrivia\b\s*[:-]*|\bquiz\s+q(?:uestion)?\b(?:\s+for\s+(?:the\s+)?(?:team|students?|new\s+starters?))?\s*[:-]*"
    r"|\btesting\s+(?:the\s+|my\s+|our\s+)?(?:students?|team|new\s+starters?|asyes?|nqsws?)\s*[:-]+"
    r"|\bi\s+used\s+to\s+know\s+(?:this|that|it)\b|\bfor\s+the\s+life\s+of\s+me\b|\bbrain\s+fog\b"
    r"|\b(?:i\s+)?(?:cant|can'?t|cannot|can\s+not|don'?t|dont)\s+(?:remember|recall)\b"
    r"|\b(?:had|did|learnt|learned|covered)\s+(?:this|that|it)\s+(?:in|on|at)\s+(?:training|uni|university|"
    r"induction|college)(?:\s+(?:years|ages|a\s+while|a\s+long\s+time)\s+ago)?\b"
    # ... and how new and careful they are ("new to cp and dont want to get it wrong": batch 43)
    r"|\b(?:i'?m\s+|im\s+|am\s+)?(?:fairly\s+|quite\s+|very\s+|brand\s+)?new\s+to\s+(?:cp|child\s+protection|"
    r"the\s+team|the\s+job|the\s+role|this|social\s+work|duty|the\s+la|the\s+council|the\s+area)\b"
    r"|\b(?:do\s*n'?t|dont|do\s+not)\s+want\s+to\s+get\s+(?:it|this|that)\s+wrong\b"
    # ... or who they are ("new starter here -", "im a new starter,": batch 65); "new starters" asked about stay
    r"|\bnew\s+(?:starter|joiner)\s+here\b|\b(?:i'?m|im|i\s+am)\s+(?:a\s+)?new\s+(?:starter|joiner)\b"
    # ... and how they feel in young people's words ("lowkey panicking", "istg nobody knows this")
    r"|\b(?:(?:low|high)key\s+|kinda\s+|a\s+bit\s+)?(?:panicking|stressing|freaking\s+out)\b"
    r"|\b(?:nobody|no\s+one|noone)\s+(?:knows|seems\s+to\s+know)(?:\s+(?:this|that|it))?\b"
    # the labels of a form the asker pasted ("Q: … / LA: norfolk / urgency: high", "Topic - supervision. Council -
    # walsall. Question - how often"): what follows a label is the question; urgency says how soon, not what about
    r"|(?:^|(?<=[/|.;\n])|(?<=[/|.;\n]\s))\s*(?:q|question|query|topic|subject|la|council|authority|area)\s*(?::|\s-)\s"
    r"|\b(?:urgency|priority)\s*(?::|\s-)\s*(?:very\s+|v\s+)?(?:high|medium|med|low|urgent|normal|asap)\b"
    # the form of answer wanted ("yes or no:", "one word:", "just the number -", "tl;dr", "in a sentence -"), where the
    # message opens with it or a colon or dash follows it ("one word or a full sentence in the summary" asks of words)
    r"|\b(?:yes\s+or\s+no|y/n|tl;?\s?dr)\b(?:\s*[:-]+)?"
    # a list or a plain telling asked for ("bullet points pls:", "explain like im new:", "gizza quick list of")
    r"|\bbullet(?:\s+points?|s)\b(?:\s+(?:pls|please|plz))?(?:\s*[:-]+)?"
    r"|\b(?:explain\s+(?:it\s+)?like\s+(?:i'?m|i\s+am)\s+(?:new|five|5)|eli5|in\s+plain\s+english"
    r"|in\s+(?:simple|plain|layman'?s?)\s+terms)\b(?:\s*[:-]+)?"
    r"|\b(?:give\s+(?:me|us)|gizza|gimme)\s+(?:a\s+)?(?:quick\s+)?(?:list|summary|rundown|gist)(?:\s+of)?\b"
    # the passage asked for by where it sits ("gimme the bit about", "wheres the part on", "need the section re")
    r"|\b(?:give\s+(?:me|us)|gimme|gizza|need|want|show\s+me|find\s+me|where'?s|where\s+is|what'?s|what\s+is)\s+"
    r"the\s+(?:bit|part|section|paragraph)s?\s+(?:about|on|re|regarding|covering|that\s+(?:says|covers))\b"
    r"|\b(?:which|what)\s+(?:bit|part|section|paragraph)s?\s+(?:of\s+(?:the\s+|our\s+|this\s+)?[\w-]+\s+)?"
    r"(?:covers|says|talks\s+about|deals\s+with|is\s+about)\b"
    # which document is meant, said in brackets after it ("the stockton letter (unannounced contact referral assessment
    # one)"): like "letter" itself it says where to look, not what about
    r"|\b(?:letter|report|procedure|procs|policy|guidance|framework|doc|document)s?\s*\([^()]{3,80}\)"
    r"|(?:^\s*(?:" + _FORMS + r")\b(?:\s+(?:pls|please|plz))?(?:\s*[:-]+)?|\b(?:" + _FORMS + r")"
    r"(?:\s+(?:pls|please|plz))?\s*[:-]+)"
    # ... or ending the message ("… ? just the number pls", "… overall grade only pls", "… in a sentence"), and a
    # yes/no check's tag ("… or nah")
    r"|(?:(?<=[,;?!.-])|(?<=[,;?!.-]\s))\s*(?:" + _FORMS + r")(?:\s+(?:only|pls|please|plz|thanks|ta))*\s*[?.!]*\s*$"
    r"|\bor\s+(?:nah|not)\s*[?.!]*\s*$"
    # an everyday way to ask how things stand ("whats the drill for a transfer in", "whats the score with sup", "was
    # their sup any good", "how bad was it"): how it is asked; what follows is the subject
    r"|\bwhat'?s\s+the\s+(?:drill|score|deal|craic|lowdown|sitch|story)\b(?:\s+(?:for|with|on|re|about))?"
    r"|\b(?:any|much)\s+good\b|\bhow\s+(?:bad|good)\b"
    # the asker's joke or exasperation around the question ("asking for a friend lol", "dont judge me", "yes i should
    # know this", "before my tm has kittens", "before i lose the will to live"): how they feel, not what they ask
    r"|\basking\s+for\s+a\s+friend\b|\b(?:do\s+not|dont|don'?t|no)\s+judge(?:\s+me)?\b"
    r"|\b(?:yes\s+|yeah\s+|ok\s+)?i\s+(?:really\s+)?(?:should|ought\s+to)\s+(?:know|have\s+known)\s+(?:this|that)\b"
    r"|\b(?:lose|loses|losing|lost)\s+the\s+will\s+to\s+live\b"
    r"|\b(?:has|have|having)\s+(?:kittens|a\s+fit|a\s+meltdown)\b"
    r"|\b(?:go|goes|going)\s+(?:spare|ballistic)\b"
    # ... and their sarcasm ("oh joy, another ilacs", "bet its a laugh", "love that for us", "bet ofsted loved …"): what
    # follows "bet ofsted loved" is what they ask about
    r"|\boh\s+(?:joy|great|good|brilliant|lovely|fab|fun|wonderful)\b|\blove\s+that\s+for\s+(?:us|me|them)\b"
    r"|\bbet\s+(?:it'?s|its|that'?s|thats|it\s+was|that\s+was)\s+(?:a\s+laugh|fun|a\s+joy|a\s+riot|a\s+treat)\b"
    r"|\bbet\s+(?:ofsted|they|the\s+inspectors|inspectors|hmi)\s+(?:loved|enjoyed|liked|were\s+(?:thrilled|delighted|"
    r"impressed|chuffed))(?:\s+(?:with|by|about))?\b"
    # where the asker posted or asked before ("cross-posting from #duty", "(asked in #general, no answer)", "#cp-team
    # q:"): a channel's name says where, not what about
    r"|\bcross[\s-]?post(?:ing|ed)?(?:\s+(?:from|in|to))?\b"
    r"|\b(?:asked|posted|tried)\s+(?:this\s+)?in(?=\s+#)"
    r"|(?:(?<=[(,])|(?<=[(,]\s))\s*no\s+(?:answer|reply|replies|response)(?:\s+(?:there|yet))?\b"
    # what the assistant is said to have answered before ("you told me yesterday …", "last time u said …", "the bot
    # said …, sure?"): the claim is what the question checks, not who made it
    r"|\b(?:last\s+time\s+)?(?:(?:the\s+)?bot|you|u|ya)\s+(?:said|says|told\s+(?:me|us)|reckoned)"
    r"(?:\s+(?:yesterday|earlier|before|last\s+(?:time|week)|this\s+morning))?\b|\bsure\s*\?+"
    # an analogy from another setting ("is the strat basically a triage call", "a bit like an appraisal", "like a fire
    # alarm drill?"): what the asker likens the subject to, up to a stop, "or" or "but", is not the subject; a time
    # is a rough figure, not an analogy ("like a week long")
    r"|\b(?:basically|essentially|(?:kind|sort)\s+of\s+like|a\s+bit\s+like|just\s+like|like)\s+(?:a|an)\s+"
    r"(?:" + _ANALOGY_WORD + r"\s+){0,3}?" + _ANALOGY_WORD + r"(?=\s*(?:[?.,;:!()]|\s-\s|\bor\b|\bbut\b|$))"
    + _EXACTLY + _SCOPE, re.I)
# Time gone by, after a span ("7 wks ago", "9 weeks since my last sup"): the asker's case, never a rule's figure
TIME_GONE_BY = r"(?:ago|since\s+(?:my|our|the|their|his|her|its)\s+last)\b"
# Asides that say how the asker's case stands, never what the question is about. When it happened ("strat was mon 3rd",
# "made 1st march", "til the 8th", "4.50pm thurs") or the season of an inspection ("the summer of 22"); a month stays:
# reports give their inspection's dates ("6 to 17 March 2023"). Weekday words that are also other words ("sat", "sun",
# "wed", "mon") count only before a day's number or am/pm.
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?|weds|thurs?|fri)"
_UNIT = (r"(?:\s*(?:working\s+|calendar\s+|clear\s+)?(?:days?|daily|weeks?|weekly|months?|monthly|wks?|wds?|"
         r"hrs?|hours?|mins?|minutes?|years?|yrs?|yearly|times))?")
ASIDES = re.compile(
    r"\b(?:(?:next|this|last|on)\s+)?(?:" + _WEEKDAYS + r"|(?:mon|wed|sat|sun)(?=\s+(?:\d|am\b|pm\b)))\b"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:\s+(?:am|pm|morning|afternoon|evening|night))?"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTHS + r"\b|\b" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b(?:spring|summer|autumn|winter)\s+(?:of\s+)?(?:'?\d{2}|(?:19|20)\d{2})\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b"
    # the markers of a numbered list the asker sets the case out in ("1) known since 2019 2) dv 3) new baby - …")
    r"|(?:^|(?<=[\s,;:]))\(?\d{1,2}\)(?=\s)"
    # figures offered to choose from ("til 21 or 25", "is it 15 or 10 wd", "2/7 or 1/7"): one at most is the answer,
    # so neither is what the question is about
    r"|(?<![\w./])\d+(?:[./]\d+)?" + _UNIT + r"\s+or\s+\d+(?:[./]\d+)?" + _UNIT + r"\b"
    # that something arrived ("once a referral comes in", "came through from a gp", "the referral landed"): the documents
    # say "received" or "arrives", and the thing that arrived is the subject
    r"|\b(?:come|comes|came|coming)\s+(?:in|through)\b|\blanded\b"
    # how long ago something happened ("last sup was 7 wks ago", "9 weeks since my last sup", "a fortnight ago"): the
    # asker's case, not the rule
    r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s*(?:working\s+)?"
    r"(?:days?|wds?|weeks?|wks?|months?|mths?|years?|yrs?|hours?|hrs?)\s+" + TIME_GONE_BY
    + r"|\ba\s+fortnight\s+ago\b", re.I)


# a Slack channel's name typed as text ("#cp-team q:", "#duty"); one that names a council says which ("#gateshead-cp")
_CHANNEL = re.compile(r"(?<![\w&/])#[a-z][\w-]*(?:\s+q\b\s*:?)?", re.I)


def unframed(text: str) -> str:
    """``text`` with how it is framed blanked to its length (:data:`FRAMING`: "is it true", "thanks in advance"), and
    the channels it names that name no council."""
    text = FRAMING.sub(lambda m: " " * len(m.group(0)), text)
    return _CHANNEL.sub(lambda m: m.group(0) if name_spans(m.group(0).replace("-", " ")) else " " * len(m.group(0)),
                        text)


def without_asides(text: str) -> str:
    """``text`` with the asides about the asker's case blanked to their length (:data:`ASIDES`: "strat was mon 3rd",
    "last sup was 7 wks ago")."""
    return ASIDES.sub(lambda m: " " * len(m.group(0)), text)
