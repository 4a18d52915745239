"""The reporting lexicon: verbs, nouns and phrases that introduce attributed content."""

from __future__ import annotations

REPORTING_VERBS = frozenset(
    """
    say tell state claim assert emphasize emphasise contend indicate estimate add continue note
    argue insist warn deny confirm acknowledge announce report believe write explain suggest
    allege accuse admit declare predict promise vow stress reply respond ask urge describe
    reveal maintain testify tweet post told repeat reiterate recall concede complain caution
    charge disclose dispute reject dismiss assess conclude find show think expect fear hope
    mention observe point remark comment agree disagree propose pledge threaten boast brag
    counter retort inform assure signal underline highlight affirm announce calculate project
    forecast speculate guess wonder question challenge doubt demand recommend advise answer quip
    joke muse acknowledge estimate reckon figure hint imply insinuate lament mourn admit grant
    underscore posit theorize conjecture allow assume announce notify rule decide call want
    criticize criticise support refuse praise endorse cite urge describe plan defend blame oppose
    back thank mock attack condemn welcome prefer seek offer decline consider recommend applaud
    slam blast fault insist predict vow argue accuse recall tout hail label brand dub point
    refer speak talk focus vote push
    """.split()
)

# Verbs that report only with a clausal complement or a quotation (never with a plain object).
CLAUSE_ONLY = frozenset(
    """
    add continue note show find think expect fear hope point observe decide rule grant allow
    assume figure project calculate highlight underline signal post write answer reply respond
    ask charge question challenge
    """.split()
)

REPORTING_NOUNS = frozenset(
    """
    claim assertion statement allegation assessment estimate announcement warning insistence
    argument belief suggestion denial admission remark comment conclusion promise pledge
    accusation contention testimony prediction view finding criticism complaint charge fear hope
    concern
    """.split()
)

# Reporting verbs whose subject is not the source in the passive ("X is believed to ...").
BELIEF_VERBS = frozenset({"believe", "think", "estimate", "expect", "report", "say", "assess"})

# Verbs through which the writer judges what someone seems to do ("Carson seems to recognize his
# problem"; "it appears that …"): no source, their subject and clause are the content.
RAISING_VERBS = frozenset({"seem", "appear"})

# Nouns whose "in" phrase is the source of the clause it modifies ("In the latest poll, …").
SURVEY_NOUNS = frozenset({"poll", "survey"})

DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "dispute", "refute", "rebut", "counter"})
