"""Word lists shared by the sentence splitter, quote attribution and target discovery."""

from __future__ import annotations

__all__ = [
    "TITLE_ABBREVIATIONS",
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "REPORTING_VERBS",
    "PRONOUNS",
    "TITLE_WORDS",
    "DEMONYMS",
    "STOP_CAPS",
    "ORG_WORDS",
    "ORG_NAMES",
    "PLACES",
    "NAME_PARTICLES",
    "FEMALE_NAMES",
    "MALE_NAMES",
]

# Abbreviations that precede a name: a period after them never ends a sentence.
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr gen sen rep gov lt col capt cpt sgt prof st rev hon maj adm cmdr brig pres supt insp"
    " fr sr jr messrs mme mlle gens sens reps".split()
)

# Other abbreviations: a period after them ends a sentence only before a typical sentence opener.
ABBREVIATIONS: frozenset[str] = frozenset(
    "u.s u.k u.n u.s.a e.u d.c n.y l.a inc corp co ltd llc plc bros dept univ assn est approx"
    " jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun"
    " no nos vs v etc e.g i.e cf al a.m p.m ph.d b.a m.a fig figs vol vols pp p ch art sec para"
    " mt ft ave blvd rd hwy mln bln bn tn".split()
)

# Capitalised words that commonly open a sentence (used to decide ambiguous splits).
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """a an the this that these those there here it its he she they we i you his her their our my your
    but and or so yet nor for if when while although though because since as after before once until
    however meanwhile moreover furthermore still also then now today yesterday tomorrow last next
    in on at by with without from to of over under during despite about among between into through
    what who whom whose which where why how no not some many most much more all any each every both
    one two three several few other another such instead indeed thus hence overall later earlier
    according asked speaking""".split()
)

_VERB_FORMS = """
say says said
tell tells told
add adds added
continues continued
argue argues argued
insist insists insisted
claim claimed
warn warns warned
stated
noted
explain explains explained
ask asked
write writes wrote
tweet tweets tweeted
replied
responded
declared
announced
admitted
acknowledged
stressed
emphasized emphasise emphasised
suggested
recalled
remarked
commented
conceded
countered
urged
cautioned
predicted
vowed
pledged
promised
observed
posted
quipped
shouted
answered
complained
concluded
maintained
contended
alleged
reported
asserted
speak speaks spoke
demanded
boasted
retorted
exclaimed
joked
scoffed
lamented
mused
wondered
testified
"""

# Reporting verbs, all forms matched case-insensitively as whole words.
# Ambiguous forms ("states", "claims", "continue", "reports") are left out on purpose.
REPORTING_VERBS: frozenset[str] = frozenset(_VERB_FORMS.split())

PRONOUNS: frozenset[str] = frozenset("he she they we i".split())

# Words that form a title in front of a name ("Foreign Minister", "Secretary General").
TITLE_WORDS: frozenset[str] = frozenset(
    """president vice prime minister foreign defence defense interior finance deputy secretary general
    chancellor senator sen. rep. representative gov. governor mayor mr. mrs. ms. dr. gen. lt. col. capt.
    sgt. prof. rev. st. chief spokesman spokeswoman spokesperson ambassador envoy king queen prince
    princess pope judge justice ceo chairman chairwoman chair director commander admiral colonel
    general lieutenant captain sergeant professor archbishop bishop cardinal sheikh emir sultan premier
    leader head officer lawmaker congressman congresswoman councillor councilman minister-president
    attorney speaker economist analyst reporter correspondent editor founder executive chancellor
    commissioner""".split()
)

DEMONYMS: frozenset[str] = frozenset(
    """american americans british briton britons english scottish welsh irish french german germans
    italian spanish portuguese dutch belgian swiss austrian polish czech slovak hungarian romanian
    bulgarian greek turkish russian russians ukrainian ukrainians belarusian estonian latvian lithuanian
    finnish swedish norwegian danish icelandic serbian croatian bosnian albanian moldovan georgian
    armenian azerbaijani kazakh chinese japanese korean taiwanese vietnamese thai indian pakistani
    afghan iranian iraqi syrian lebanese israeli israelis palestinian palestinians jordanian saudi
    egyptian libyan tunisian algerian moroccan nigerian kenyan ethiopian somali sudanese african
    canadian mexican brazilian argentine argentinian chilean colombian venezuelan cuban peruvian
    australian european europeans asian arab arabs muslim muslims christian jewish western eastern
    northern southern soviet baltic nordic transatlantic""".split()
)

# Capitalised words that are never targets on their own (function words, months, days, ...).
STOP_CAPS: frozenset[str] = frozenset(
    """the a an this that these those there here it its he she they we i you his her their our my your
    but and or so yet nor for if when while although though because since as after before once until
    however meanwhile moreover furthermore still also then now today yesterday tomorrow last next first
    in on at by with without from to of over under during despite about among between into through
    what who whom whose which where why how no not some many most much more all any each every both
    one two three several few other another such instead indeed thus hence overall later earlier
    according asked speaking addressing only even just yes mr mrs ms dr sen gen
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    western eastern northern southern east west north south breaking update updated read watch
    photo video editor's note copyright reuters-style ap afp""".split()
) - {"ap", "afp"}

ORG_WORDS: frozenset[str] = frozenset(
    """ministry party union bank council committee commission agency army navy force forces inc corp
    company group organization organisation alliance association federation institute university
    court parliament congress senate government department office fund foundation league club
    corporation ltd llc plc news times post journal reuters tass press network service services""".split()
)

PLACES: frozenset[str] = frozenset(
    """russia ukraine belarus moldova georgia poland romania bulgaria hungary germany france italy spain
    portugal britain england scotland wales ireland netherlands belgium luxembourg switzerland austria
    czechia slovakia slovenia croatia serbia bosnia albania greece turkey estonia latvia lithuania
    finland sweden norway denmark iceland china japan korea taiwan india pakistan afghanistan iran iraq
    syria lebanon israel gaza palestine jordan egypt libya yemen qatar canada mexico brazil argentina
    venezuela cuba australia africa europe asia america moscow kremlin kyiv kiev kharkiv odesa crimea
    donbas donbass mariupol bucharest warsaw berlin paris london brussels washington beijing tokyo
    delhi tehran baghdad damascus jerusalem ankara rome madrid vienna budapest prague vilnius riga
    tallinn helsinki stockholm oslo copenhagen minsk geneva""".split()
)

NAME_PARTICLES: frozenset[str] = frozenset("de da di del della van von der den le la bin al ibn du dos".split())

# Common given names by the pronoun that usually refers to their bearer, for resolving he/she to the
# right person (a surname inherits the gender of a given name or of Mr./Mrs./Ms. met before it in the
# same text). Names used for both are left out.
FEMALE_NAMES: frozenset[str] = frozenset(
    """abigail alice alicia alison amanda ava amy ana andrea angela angelina ann anna anne annie barbara betsy
    betty beverly brenda caroline carolyn catherine cathy cheryl christina christine cindy claire
    claudia cynthia dana debbie deborah debra denise diana diane donna doris dorothy elaine eleanor elena
    elizabeth ellen emily emma erin eva evelyn gabrielle gina gloria grace hannah heather heidi helen
    hillary hope huma ilhan irene ivanka jacqueline jane janet janice jean jeanne jennifer jessica jill
    joan joanna joni joy joyce judith judy julia julie karen kate katherine kathleen kathy katie kayleigh
    kelly kellyanne kimberly kirsten kristen laura lauren linda lisa lori louise lucy lynn madeleine
    maria marie marine marilyn marion martha mary megan melania melissa michelle mona nancy natalie
    nicola nikki nina olivia pamela patricia paula peggy rachel rebecca rosa rose ruth sally samantha
    sandra sara sarah sharon shirley sonia sophie stephanie susan suzanne tammy tara teresa theresa
    tiffany tina tracy ursula valerie vanessa victoria virginia wendy yvonne zoe""".split()
)
MALE_NAMES: frozenset[str] = frozenset(
    """aaron adam alan albert alex alexander andrew anthony arthur barack ben benjamin bernie bill billy
    bob bobby boris brad brandon brett brian bruce carl charles chris christopher chuck clarence colin
    corey craig dan daniel darren dave david dennis dick don donald doug douglas ed eddie edward emmanuel
    eric frank fred gary george gerald greg gregory harold harry henry howard ian jack jacob jake james
    jared jason jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jose
    joseph josh joshua juan justin keith ken kenneth kevin kurt larry lee leon louis luke marco mark
    martin matt matthew max michael mike mitch mitt nathan neil newt nick nicholas oliver patrick paul
    pete peter phil philip ralph rand randy ray raymond reince richard rick rob robert robby roger ron
    ronald rudy russell ryan sam samuel scott sean sergei stephen steve steven stuart ted terry thomas
    tim timothy todd tom tony travis trey tyler victor vince vincent vladimir walter wayne william""".split()
)

# Well-known organisations whose names carry no organisation word (NER often takes them for people
# or places): platforms, companies, news outlets, international bodies.
ORG_NAMES: frozenset[str] = frozenset(
    """twitter facebook google youtube instagram tiktok snapchat whatsapp telegram reddit linkedin wikipedia
    netflix microsoft tesla uber airbnb spotify paypal samsung huawei toyota boeing
    airbus nike walmart exxon chevron gazprom rosneft pfizer moderna cnn bbc msnbc cnbc nbc abc cbs
    npr pbs reuters bloomberg politico axios breitbart buzzfeed yahoo nasa fbi cia nsa
    nato opec interpol unesco unicef hamas hezbollah taliban""".split()
)
