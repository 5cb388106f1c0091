# Invented news articles for named-target discovery.
# Markup: {{surface|KEY}} = mention by name; {{surface|KEY|m}} = metonymic
# mention (counts for KEY and goes into same_entity).
# T(id, entities, extra_not_targets, ambiguous_forms, text)
#   entities: KEY -> (canonical name, kind)
#   extra_not_targets: hand-picked not-target words the automatic
#     collector (see build.py) cannot find, e.g. sentence-initial labels.
#   ambiguous_forms: name forms deliberately left unassigned (shared
#     surnames); they are listed under no entity.
# Every name mention is marked, including names mentioned only once
# (those end up in "mentioned_once").  Soft hyphens are written \u00ad.
# All people, organisations and events are fictitious.  Evaluation only.

DOCS = []


def T(doc_id, ents, extra, ambiguous, text):
    DOCS.append((doc_id, ents, extra, ambiguous, text))


T(
    "t001",
    {
        "er": ("Elena Ruiz", "person"),
        "tk": ("Tom Kile", "person"),
        "dem": ("Democrats", "group"),
        "rep": ("Republicans", "group"),
        "az": ("Arizona", "place"),
        "ph": ("Phoenix", "place"),
        "tu": ("Tucson", "place"),
    },
    [],
    [],
    """
{{Ruiz|er}} Leads {{Kile|tk}} In New {{Arizona|az}} Senate Poll

Democrat {{Elena Ruiz|er}} holds a six-point lead over Republican {{Tom Kile|tk}} in the race for one of {{Arizona|az}}'s Senate seats, a poll released on Wednesday found.
The survey of 900 likely voters put {{Ruiz|er}} at 49 percent and {{Kile|tk}} at 43 percent.
{{Kile|tk}}'s campaign dismissed the poll as an outlier.
Speaking at a rally in {{Phoenix|ph}}, {{Kile|tk}} said {{Democrats|dem}} had "lost touch with working families."
{{Ruiz|er}}, a former prosecutor, has focused her campaign on water rights and border security.
{{Republicans|rep}} need to gain two seats to win control of the chamber, and strategists in both parties see {{Arizona|az}} as pivotal.
"{{Republicans|rep}} can read a poll as well as anyone," said a {{Ruiz|er}} spokeswoman.
Early voting begins in {{Phoenix|ph}} and {{Tucson|tu}} on October 9.
""",
)

T(
    "t002",
    {
        "md": ("Marcus Dwyer", "person"),
        "kd": ("Keisha Dwyer", "person"),
        "aw": ("Aaron Whitfield", "person"),
        "rpd": ("Riverside Police Department", "organisation"),
        "rs": ("Riverside", "place"),
        "naacp": ("NAACP", "organisation"),
        "ch": ("City Hall", "place"),
    },
    [],
    ["Dwyer", "Dwyers"],
    """
Dwyer Family Calls for Independent Inquiry

The family of {{Marcus Dwyer|md}}, the 27-year-old man injured during an arrest in {{Riverside|rs}} last week, called on Monday for an independent investigation.
His sister, {{Keisha Dwyer|kd}}, read a statement on the steps of {{City Hall|ch}}.
"Dwyer deserves the truth," the statement began, before listing six questions for the {{Riverside Police Department|rpd}}.
{{Keisha|kd}} said the family had not been shown the officers' body camera footage.
Police Chief {{Aaron Whitfield|aw}} said the department would release the footage "once the review is complete."
{{Whitfield|aw}} has led the department since 2019.
The local chapter of the {{NAACP|naacp}} said it supported the Dwyers' request.
A spokesman for the {{NAACP|naacp}} in {{Riverside|rs}} said the {{Riverside Police Department|rpd}} had a "long record of investigating itself and finding nothing."
{{Marcus|md}} remains at home with a broken wrist, his sister said.
""",
)

T(
    "t003",
    {
        "vx": ("Vortex Inc.", "organisation"),
        "hx": ("Helix Corp", "organisation"),
        "pp": ("Priya Patel", "person"),
        "dv": ("Denver", "place"),
        "ubw": ("United Battery Workers", "organisation"),
        "jm": ("Julia Moss", "person"),
        "cs": ("Crestline Securities", "organisation"),
    },
    [],
    [],
    """
{{Vor\u00adtex|vx}} Shares Jump After {{Helix|hx}} Supply Deal

Shares of {{Vortex Inc.|vx}} rose 11 percent on Tuesday after the battery maker signed a five-year supply agreement with {{Helix Corp|hx}}.
Under the deal, {{Helix|hx}} will buy at least 40,000 home battery units a year from {{Vortex|vx}}'s plant outside {{Denver|dv}}.
{{Vortex|vx}} Chief Executive {{Priya Patel|pp}} said the contract "changes the maths" for the company after a difficult year.
{{Patel|pp}} announced 1,200 job cuts in March.
The {{United Battery Workers|ubw}} union said it hoped some of those jobs would now return to {{Denver|dv}}.
{{Julia Moss|jm}}, an analyst at {{Crestline Securities|cs}}, said the deal was "the first good news from {{Vor\u00adtex|vx}} in eighteen months."
{{Moss|jm}} raised her price target to $34.
{{Helix Corp|hx}} shares were little changed.
""",
)

T(
    "t004",
    {
        "ru": ("Russia", "place"),
        "fi": ("Finland", "place"),
        "hk": ("Helsinki", "place"),
        "ek": ("Eero Koskinen", "person"),
        "nato": ("NATO", "organisation"),
        "fin": ("Finns", "group"),
    },
    [],
    [],
    """
{{Finland|fi}} Accuses {{Russia|ru}} of Jamming Flights

{{Finland|fi}} on Thursday accused {{Russia|ru}} of jamming satellite navigation signals used by civilian aircraft near the border.
"This is deliberate and it is dangerous," Interior Minister {{Eero Koskinen|ek}} told reporters in {{Helsinki|hk}}.
{{Koskinen|ek}} said two airliners had been forced to divert to {{Helsinki|hk}} last month.
{{Moscow|ru|m}} denied any involvement.
A spokesman for {{the Kremlin|ru|m}} called the accusation "hysterical" and said {{Finland|fi}} was trying to please its new allies in {{NATO|nato}}.
{{Finland|fi}} joined {{NATO|nato}} in 2023.
Polls suggest most {{Finns|fin}} now see the alliance as their best guarantee of security.
Younger {{Finns|fin}} are especially likely to say so.
""",
)

T(
    "t005",
    {
        "eu": ("European Union", "organisation"),
        "fr": ("France", "place"),
        "de": ("Germany", "place"),
        "ml": ("Mathilde Laurent", "person"),
        "kh": ("Klaus Hoffmann", "person"),
        "ec": ("European Commission", "organisation"),
    },
    [],
    [],
    """
{{EU|eu}} Ministers Split Over Farm Subsidy Cuts

Agriculture ministers from across the {{European Union|eu}} clashed on Monday over a plan to cut direct payments to large farms.
{{France|fr}}, the biggest recipient of farm aid, said it would block any deal that hurt its producers.
"Our farmers are not a line in a spreadsheet," French minister {{Mathilde Laurent|ml}} said.
{{Germany|de}} backed the cuts.
Its minister, {{Klaus Hoffmann|kh}}, said the {{EU|eu}} could not keep spending a third of its budget on agriculture.
{{Laurent|ml}} and {{Hoffmann|kh}} met privately for an hour after the session.
{{Brussels|ec|m}} wants a deal by June.
The {{European Commission|ec}} has said it will publish a revised proposal in the spring.
Farmers' groups from {{France|fr}} and {{Germany|de}} plan a joint protest outside the {{EU|eu}} summit in March.
""",
)

T(
    "t006",
    {
        "gov": ("UK government", "organisation"),
        "rh": ("Rachel Hume", "person"),
        "ol": ("Owen Lacey", "person"),
        "lab": ("Labour", "organisation"),
        "con": ("Conservatives", "organisation"),
        "ld": ("Leeds", "place"),
        "nhs": ("NHS", "organisation"),
    },
    [],
    [],
    """
{{Downing Street|gov|m}} Stands by Fuel Duty Rise

{{Downing Street|gov|m}} said on Tuesday that it would not reverse a 3p rise in fuel duty despite growing anger among backbenchers.
The Chancellor, {{Rachel Hume|rh}}, defended the rise on a visit to {{Leeds|ld}}, saying the alternative was cuts to the {{NHS|nhs}}.
{{Labour|lab}} backbencher {{Owen Lacey|ol}} has gathered 40 signatures for a letter opposing the policy.
{{Lacey|ol}} said his constituents in {{Leeds|ld}} had "no choice but to drive."
The {{Conservatives|con}} accused the government of "taxing the commute."
A spokesman for {{No 10|gov|m}} said {{Hume|rh}} had the prime minister's full confidence.
{{Labour|lab}} whips are expected to meet the rebels on Wednesday.
The {{Conservatives|con}} will force a vote on the issue next week.
""",
)

T(
    "t007",
    {
        "us": ("United States", "place"),
        "cn": ("China", "place"),
        "lw": ("Linda Walsh", "person"),
        "zh": ("Zhou Hua", "person"),
        "wto": ("World Trade Organization", "organisation"),
        "gn": ("Geneva", "place"),
        "sg": ("Singapore", "place"),
    },
    [],
    [],
    """
{{Washington|us|m}} and {{Beijing|cn|m}} Trade Barbs Over Chip Curbs

{{Washington|us|m}} on Friday widened its restrictions on exports of advanced chips to {{China|cn}}, adding 30 companies to a trade blacklist.
U.S. Trade Representative {{Linda Walsh|lw}} said the move was about "national security, not protectionism."
{{Beijing|cn|m}} called the decision "economic bullying" and promised to respond.
{{China|cn}}'s commerce ministry spokesman, {{Zhou Hua|zh}}, said the {{United States|us}} was "weaponising trade."
{{Zhou|zh}} did not say what form any retaliation would take.
Both countries are members of the {{World Trade Organization|wto}}, which has its headquarters in {{Geneva|gn}}.
Trade lawyers in {{Geneva|gn}} said a complaint to the {{WTO|wto}} could take years to resolve.
{{Walsh|lw}} is due to meet her Chinese counterpart in {{Singapore|sg}} next month.
""",
)

T(
    "t008",
    {
        "dm": ("Diane Morgan", "person"),
        "ms": ("Morgan Stanley", "organisation"),
        "jj": ("Johnson & Johnson", "organisation"),
        "hp": ("Halden Pharma", "organisation"),
        "oj": ("Oliver Johnson", "person"),
        "bos": ("Boston", "place"),
    },
    [],
    [],
    """
{{Halden Pharma|hp}} Names Former Banker as Chief Executive

{{Halden Pharma|hp}} on Monday named {{Diane Morgan|dm}}, a former {{Morgan Stanley|ms}} banker, as its next chief executive.
{{Morgan|dm}}, 51, spent twelve years at {{Morgan Stanley|ms}} advising drug companies on mergers before joining {{Johnson & Johnson|jj}} in 2016.
At {{Johnson & Johnson|jj}} she ran the consumer health division.
She succeeds {{Oliver Johnson|oj}}, who is retiring after nine years in the job.
{{Johnson|oj}} said {{Morgan|dm}} was "the right person to take {{Halden|hp}} into its next chapter."
{{Halden|hp}}, based in {{Boston|bos}}, makes generic heart and diabetes drugs.
The company's shares rose 2 percent in {{Boston|bos}} trading.
""",
)

T(
    "t009",
    {
        "ml": ("Maria Lopez", "person"),
        "so": ("Sam Okafor", "person"),
        "nm": ("New Mexico", "place"),
        "sdh": ("State Department of Health", "organisation"),
        "cdc": ("Centers for Disease Control and Prevention", "organisation"),
        "sf": ("Santa Fe", "place"),
        "at": ("Atlanta", "place"),
    },
    ["Republican"],
    [],
    """
Governor Names New Health Chief Amid Measles Outbreak

Gov. {{Maria Lopez|ml}} on Thursday appointed Dr. {{Sam Okafor|so}} to lead the {{State Department of Health|sdh}} as {{New Mexico|nm}} battles its worst measles outbreak in decades.
{{Okafor|so}}, a pediatrician, previously worked for the {{Centers for Disease Control and Prevention|cdc}} in {{Atlanta|at}}.
"Dr. {{Okafor|so}} knows outbreaks better than anyone I've met," {{Lopez|ml}} said at a news conference in {{Santa Fe|sf}}.
The {{State Department of Health|sdh}} has confirmed 57 cases since January.
{{Okafor|so}} said his first priority would be getting vaccine clinics into rural schools.
The {{CDC|cdc}} sent a team of four epidemiologists to {{New Mexico|nm}} last week.
{{Lopez|ml}}, a Democrat, faces re-election next year.
Republican lawmakers in {{Santa Fe|sf}} welcomed the appointment.
""",
)

T(
    "t010",
    {
        "fm": ("Ferris Motors", "organisation"),
        "ef": ("Ellen Ferris", "person"),
        "hf": ("Henry Ferris", "person"),
        "dt": ("Detroit", "place"),
        "mx": ("Mexico", "place"),
        "uaw": ("United Auto Workers", "organisation"),
    },
    [],
    [],
    """
{{Ferris|fm}} to Build Electric Pickups in {{Mexico|mx}}

{{Ferris Motors|fm}} said on Wednesday that it would build its next electric pickup truck in {{Mexico|mx}} rather than at its main plant near {{Detroit|dt}}.
{{Ellen Ferris|ef}}, the company's executive chair and a great-granddaughter of founder {{Henry Ferris|hf}}, said the decision was "painful but necessary."
{{Henry Ferris|hf}} opened the first factory in 1921.
The {{United Auto Workers|uaw}} said the move betrayed the company's history.
"{{Ferris|fm}} was built by {{Detroit|dt}} workers," said a {{UAW|uaw}} spokesman.
{{Ellen Ferris|ef}} said no jobs would be lost at existing plants.
Shares of {{Ferris|fm}} rose 3 percent.
""",
)

T(
    "t011",
    {
        "hcfc": ("Harbour City FC", "organisation"),
        "mr": ("Millbrook Rovers", "organisation"),
        "hc": ("Harbour City", "place"),
        "mb": ("Millbrook", "place"),
        "gp": ("Gareth Pryce", "person"),
        "ja": ("Joel Amadi", "person"),
    },
    [],
    [],
    """
{{Millbrook Rovers|mr}} Stun {{Harbour City|hcfc}} to Climb off the Bottom

{{Millbrook Rovers|mr}} won 3-0 away at {{Harbour City FC|hcfc}} on Saturday, their first league win since August.
{{Rovers|mr}} scored twice in the first 20 minutes through their new striker.
{{Harbour City|hcfc}} manager {{Gareth Pryce|gp}} said his team had been "second to every ball."
Captain {{Joel Amadi|ja}} apologised to the fans who had made the short trip across the bay.
Traffic in the centre of {{Harbour City|hc}} was gridlocked for an hour after the match because of roadworks on the seafront.
In {{Millbrook|mb}}, supporters celebrated in the pubs around the old market square.
{{Pryce|gp}} is under growing pressure after seven defeats in a row.
{{Amadi|ja}} said the players still backed the manager.
The two clubs meet again in the cup in February, this time in {{Millbrook|mb}}.
""",
)

T(
    "t012",
    {
        "cath": ("Catholics", "group"),
        "musl": ("Muslims", "group"),
        "pm": ("Patrick Mulcahy", "person"),
        "ya": ("Yusuf Ahmed", "person"),
        "dub": ("Dunmore", "place"),
        "sm": ("St Mary's Church", "organisation"),
        "dcm": ("Dunmore Central Mosque", "organisation"),
        "kil": ("Kilby", "place"),
    },
    [],
    [],
    """
Church and Mosque Join Forces to Run Food Bank

{{Catholics|cath}} and {{Muslims|musl}} in {{Dunmore|dub}} have opened a joint food bank in the hall of {{St Mary's Church|sm}}.
Father {{Patrick Mulcahy|pm}}, the parish priest, said demand had tripled since the winter.
"Hunger doesn't ask what you believe," said {{Mulcahy|pm}}.
Imam {{Yusuf Ahmed|ya}} of the {{Dunmore Central Mosque|dcm}} said volunteers from his congregation would staff the food bank three days a week.
{{Ahmed|ya}} said many of the families who used it were neither {{Catholics|cath}} nor {{Muslims|musl}}.
The food bank at {{St Mary's|sm}} served 400 families in its first week.
The Catholic diocese has donated a refrigerated van, and a mosque in nearby {{Kilby|kil}} has promised flour and rice.
By spring, organisers hope to open a second site in east {{Dunmore|dub}}.
""",
)

T(
    "t013",
    {
        "gop": ("Republican Party", "organisation"),
        "dc": ("Dean Carver", "person"),
        "lp": ("Lucia Park", "person"),
        "ia": ("Iowa", "place"),
        "dm": ("Des Moines", "place"),
        "rep": ("Republicans", "group"),
    },
    ["Democratic"],
    [],
    """
{{GOP|gop}} Leaders Back {{Carver|dc}} as Party Splits Over Tariffs

Senior figures in the {{Republican Party|gop}} on Tuesday endorsed Gov. {{Dean Carver|dc}} for a second term, ending weeks of speculation about a primary challenge.
Republican Senator {{Lucia Park|lp}}, who had criticised {{Carver|dc}}'s support for farm tariffs, said she would not run against him.
"The {{GOP|gop}} needs unity more than it needs another primary," {{Park|lp}} said in {{Des Moines|dm}}.
Many {{Republicans|rep}} in rural {{Iowa|ia}} depend on exports of soybeans and pork.
{{Carver|dc}} has argued that the tariffs will eventually force trading partners to the table.
Democratic strategists said the endorsements papered over deep divisions.
Rank-and-file {{Republicans|rep}} will choose their nominee in June.
The state party convention will be held in {{Des Moines|dm}}.
""",
)

T(
    "t014",
    {
        "sh": ("Siobhán Ní Bhriain", "person"),
        "dub": ("Dublin", "place"),
        "tcd": ("Trinity College Dublin", "organisation"),
        "ie": ("Ireland", "place"),
        "esa": ("European Space Agency", "organisation"),
        "gw": ("Galway", "place"),
        "cd": ("Ciarán Doyle", "person"),
    },
    [],
    [],
    """
Irish Physicist Wins Top European Science Prize

{{Siobhán Ní Bhri\u00adain|sh}}, a physicist at {{Trinity College Dublin|tcd}}, has won the {{European Space Agency|esa}}'s annual prize for young researchers.
{{Ní Bhriain|sh}}, 34, was recognised for her work on detecting small asteroids with ground-based telescopes.
She is the first scientist from {{Ireland|ie}} to win the award.
The {{ESA|esa}} said her methods had "transformed how we look for objects that could threaten the Earth."
{{Ní Bhriain|sh}} grew up in {{Galway|gw}} and studied in {{Dub\u00adlin|dub}}.
She said she would use the €250,000 prize to hire two doctoral students in {{Dublin|dub}}.
Science minister {{Ciarán Doyle|cd}} said the award was "a proud day for {{Ireland|ie}}."
""",
)

T(
    "t015",
    {
        "tl": ("Talon Logistics", "organisation"),
        "mo": ("Miguel Ochoa", "person"),
        "kr": ("Kavita Rao", "person"),
        "bc": ("Brightwater Capital", "organisation"),
        "mem": ("Memphis", "place"),
    },
    [],
    [],
    """
{{Talon|tl}} Cuts Forecast as Online Orders Slow

{{Talon Logistics|tl}} lowered its full-year profit outlook on Wednesday, sending its shares down 9 percent.
Finance chief {{Miguel Ochoa|mo}} said consumers were ordering less often and choosing cheaper delivery options.
{{Ochoa|mo}} said the company would close two sorting centres, including one near {{Memphis|mem}}.
About 600 workers in {{Memphis|mem}} will be affected.
{{Kavita Rao|kr}} of {{Brightwater Capital|bc}} said {{Talon|tl}} had been too slow to respond.
{{Brightwater Capital|bc}} rates the stock a sell.
{{Rao|kr}} said other carriers were likely to follow with their own warnings.
""",
)

T(
    "t016",
    {
        "ak": ("Ahmed Karimi", "person"),
        "rd": ("Rosa Delgado", "person"),
        "eb": ("Eastbrook", "place"),
        "esb": ("Elm Street Bridge", "place"),
        "dot": ("Department of Transportation", "organisation"),
        "kr": ("Kell River", "place"),
        "ehs": ("Eastbrook High School", "organisation"),
    },
    [],
    [],
    """
Mayor {{Karimi|ak}} Defends Bridge Closure at Stormy Meeting

Mayor {{Ahmed Karimi|ak}} faced jeers on Wednesday night as he defended the eight-month closure of the {{Elm Street Bridge|esb}}.
More than 300 residents packed the gym of {{Eastbrook High School|ehs}} for the meeting.
{{Karimi|ak}} said inspectors from the state {{Department of Transportation|dot}} had found corrosion in two of the bridge's main girders.
Council member {{Rosa Delgado|rd}}, whose ward includes {{Eastbrook|eb}}, said shop owners had been given "no notice and no plan."
{{Delgado|rd}} proposed a temporary footbridge across the {{Kell River|kr}}.
The {{Department of Transportation|dot}} said a footbridge could be installed by May.
The {{Elm Street Bridge|esb}} carries about 18,000 vehicles a day.
{{Karimi|ak}} promised weekly updates on the city website and a shuttle bus for residents of {{Eastbrook|eb}}.
""",
)

T(
    "t017",
    {
        "ab": ("Anna Berg", "person"),
        "kb": ("Kristin Berg", "person"),
        "nl": ("Norland", "place"),
        "vb": ("Vesterby", "place"),
        "nato": ("NATO", "organisation"),
        "sdp": ("Social Democrats", "organisation"),
    },
    ["Defence"],
    ["Berg"],
    """
Two Bergs, One Budget Fight

{{Norland|nl}}'s parliament opened its budget debate on Monday with a clash between two politicians who share a surname but little else.
Defence Minister {{Anna Berg|ab}} argued for doubling the number of jets assigned to {{NATO|nato}} air patrols.
Opposition leader {{Kristin Berg|kb}} of the {{Social Democrats|sdp}} said the money should go to hospitals.
The two are not related, though Berg joked that "we do get each other's post."
{{Kristin Berg|kb}} has led the {{Social Democrats|sdp}} since 2021.
{{Anna Berg|ab}} said {{Norland|nl}} could not ignore its obligations to {{NATO|nato}}.
The debate in {{Vesterby|vb}} is expected to last three days.
Protesters gathered outside the parliament building in {{Vesterby|vb}} on Monday afternoon.
""",
)

T(
    "t018",
    {
        "qb": ("QuillBank", "organisation"),
        "ts": ("Theo Sandoval", "person"),
        "io": ("Information Office", "organisation"),
        "ldn": ("London", "place"),
        "mb": ("Marsh & Barrow", "organisation"),
    },
    [],
    [],
    """
{{QuillBank|qb}} Hit by Data Breach

Online lender {{Quill\u00adBank|qb}} said on Monday that hackers had stolen personal details of 900,000 customers.
Chief Executive {{Theo Sandoval|ts}} apologised in a video message.
{{Sandoval|ts}} said no passwords or card numbers had been taken.
The {{Information Office|io}}, the data regulator, said it was making urgent enquiries.
{{QuillBank|qb}}, founded in {{London|ldn}} in 2015, has about four million customers.
The bank has hired the law firm {{Marsh & Barrow|mb}} to handle claims.
{{Marsh & Barrow|mb}} said it would set up a helpline.
The {{Information Office|io}} can fine companies up to 4 percent of global turnover.
Shares of {{QuillBank|qb}} fell 6 percent in {{London|ldn}}.
""",
)

T(
    "t019",
    {
        "ru": ("Russia", "place"),
        "ua": ("Ukraine", "place"),
        "tr": ("Turkey", "place"),
        "ist": ("Istanbul", "place"),
        "un": ("United Nations", "organisation"),
        "ef": ("Emre Faruk", "person"),
        "ag": ("Ana Goncharenko", "person"),
    },
    ["Turkish", "Ukrainian"],
    [],
    """
Grain Talks Resume in {{Istanbul|ist}}

Negotiators from {{Russia|ru}} and {{Ukraine|ua}} met in {{Istanbul|ist}} on Tuesday to discuss reopening a shipping corridor for grain.
The talks were brokered by {{Turkey|tr}} and the {{United Nations|un}}.
Turkish mediator {{Emre Faruk|ef}} said both sides had agreed to meet again next week.
{{Kyiv|ua|m}} wants guarantees that ships will not be targeted.
{{Moscow|ru|m}} is demanding the easing of sanctions on its fertiliser exports.
Ukrainian delegate {{Ana Goncharenko|ag}} said the {{Kremlin|ru|m}} was "using hunger as a bargaining chip."
{{Faruk|ef}} declined to comment on the substance of the talks.
The {{UN|un}} estimates that 20 million tonnes of grain are stuck in ports.
{{Goncharenko|ag}} said {{Ukraine|ua}} would not accept new conditions.
""",
)

T(
    "t020",
    {
        "hs": ("Hugh Sefton", "person"),
        "ls": ("Lydia Sefton", "person"),
        "car": ("Carra", "place"),
        "ke": ("Kenji Endo", "person"),
        "us": ("United States", "place"),
        "sc": ("Scotland", "place"),
        "sd": ("Sefton Distillery", "organisation"),
        "chi": ("Chicago", "place"),
    },
    [],
    ["Sefton"],
    """
Island Distillery Braced for {{US|us}} Tariffs

{{Hugh Sefton|hs}} and his sister {{Lydia Sefton|ls}} run the {{Sefton Distillery|sd}} on {{Carra|car}}, off the west coast of {{Scotland|sc}}.
The business sells more than a third of its whisky in the {{United States|us}}.
New American tariffs of 25 percent could wipe out its profits, {{Hugh|hs}} said.
{{Lydia|ls}}, who handles exports, said customers in {{Chicago|chi}} had already cancelled orders.
Trade Secretary {{Kenji Endo|ke}} said the government was working for an exemption for small producers.
{{Endo|ke}} visited {{Carra|car}} in the summer and toured the distillery.
A Sefton has run the stillhouse since 1948.
Whisky is {{Scotland|sc}}'s largest food and drink export.
""",
)

T(
    "t021",
    {
        "ik": ("Ines Kovac", "person"),
        "dk": ("Dragan Kovac", "person"),
        "lm": ("Lena Marsh", "person"),
        "wb": ("Westbay", "place"),
        "cro": ("Croatia", "place"),
        "wta": ("WTA", "organisation"),
        "ch": ("Charleston", "place"),
    },
    [],
    ["Kovac"],
    """
{{Kovac|ik}} Rallies to Win Title in {{Westbay|wb}}

{{Ines Kovac|ik}} of {{Croatia|cro}} saved two match points to beat {{Lena Marsh|lm}} in the final of the Coastal Classic in {{Westbay|wb}} on Sunday.
The 22-year-old is coached by her father, {{Dragan Kovac|dk}}, a former Davis Cup player.
{{Marsh|lm}}, the second seed, served for the match at 6-5 in the second set.
Kovac said afterwards that she had "stopped thinking and started swinging."
{{Ines|ik}} will rise to 14th in the {{WTA|wta}} rankings on Monday, the highest ever for a player from {{Croatia|cro}}.
{{Dragan|dk}} watched the final from the players' box with his wife.
{{Marsh|lm}} said she would take two weeks off before the clay season.
The {{WTA|wta}} tour moves on to {{Charleston|ch}} next week, while {{Westbay|wb}} organisers said ticket sales had broken records.
""",
)

T(
    "t022",
    {
        "so": ("Sam Okafor", "person"),
        "ho": ("Hannah Okafor", "person"),
        "lu": ("Lakeshore University", "organisation"),
        "rf": ("Rita Fenwick", "person"),
        "ci": ("Carrow Institute", "organisation"),
        "nih": ("National Institutes of Health", "organisation"),
    },
    [],
    ["Okafor", "Okafors"],
    """
Sleep Study by Married Researchers Draws Praise and Doubts

A study led by the husband-and-wife team of Dr. {{Sam Okafor|so}} and Dr. {{Hannah Oka\u00adfor|ho}} has linked short sleep to faster memory decline.
The Okafors work at {{Lakeshore University|lu}}, where {{Sam|so}} is a neurologist and {{Hannah|ho}} a statistician.
"We argue about the statistics at dinner," {{Hannah|ho}} said.
Okafor, the study's first author, said the effect held across income and education levels.
The work was funded by the {{National Institutes of Health|nih}}.
Dr. {{Rita Fenwick|rf}} of the {{Carrow Institute|ci}} called the study important but limited.
{{Fenwick|rf}} said the researchers had relied on people's own reports of how long they slept.
{{Lakeshore|lu}} said a follow-up trial would begin next year, again with {{NIH|nih}} funding.
""",
)

T(
    "t023",
    {
        "ht": ("Hank Tolliver", "person"),
        "ab": ("Adam Beck", "person"),
        "cb": ("Carol Beck", "person"),
        "rpw": ("Red Pine Wilderness", "place"),
        "oh": ("Ohio", "place"),
        "fs": ("Forest Service", "organisation"),
    },
    ["Sheriff"],
    [],
    """
Hiker Missing Five Days Found Alive in {{Red Pine Wilderness|rpw}}

A helicopter crew found {{Adam Beck|ab}}, 23, alive on Friday near a creek in the {{Red Pine Wilderness|rpw}}.
Sheriff {{Hank Tolliver|ht}} said {{Beck|ab}} had survived by staying close to water.
{{Tolliver|ht}} praised the volunteers from the {{Forest Service|fs}} and three neighbouring counties who joined the search.
{{Beck|ab}}'s mother, {{Carol Beck|cb}}, had flown in from {{Ohio|oh}}.
"I never stopped believing," {{Carol Beck|cb}} told reporters.
The {{Forest Service|fs}} said it would review signage on the trail where {{Adam Beck|ab}} went missing.
The {{Red Pine Wilderness|rpw}} covers about 400 square miles of steep, forested terrain.
{{Adam|ab}} is expected to fly home to {{Ohio|oh}} next week.
""",
)

T(
    "t024",
    {
        "am": ("Amina Kiprop", "person"),
        "sk": ("Samuel Kiprop", "person"),
        "ke": ("Kenya", "place"),
        "jr": ("Jonas Richter", "person"),
        "kenyans": ("Kenyans", "group"),
        "eth": ("Ethiopians", "group"),
    },
    [],
    ["Kiprop", "Kiprops"],
    """
{{Kiprop|am}} Smashes Harbourside Marathon Record

{{Amina Kiprop|am}} of {{Kenya|ke}} broke the Harbourside Marathon course record by 41 seconds on Sunday.
Her husband, {{Samuel Kiprop|sk}}, was fourth in the men's race.
{{Kenyans|kenyans}} took five of the top six places in the women's race.
Two {{Ethiopians|eth}} finished second and third in the men's race, and {{Ethiopians|eth}} also won both wheelchair races.
Race director {{Jonas Richter|jr}} said a record 22,000 runners had entered.
{{Richter|jr}} said the course would be changed next year to avoid a steep bridge.
The Kiprops train together in the highlands of {{Kenya|ke}}.
{{Amina|am}} said she now wanted to run under 2 hours 17 minutes, while {{Samuel|sk}} said he was "just happy to finish ahead of the {{Kenyans|kenyans}} I train with."
""",
)

T(
    "t025",
    {
        "hx": ("Helix Corp", "organisation"),
        "sf": ("Sorrel Foods", "organisation"),
        "cw": ("Carla Weiss", "person"),
        "cc": ("Competition Commission", "organisation"),
        "bs": ("Brandt Stevens", "person"),
        "hh": ("Hollins & Hart", "organisation"),
    },
    [],
    [],
    """
{{Helix|hx}} Walks Away From {{Sorrel|sf}} Deal

{{Helix Corp|hx}} has abandoned its $4 billion bid for {{Sorrel Foods|sf}} after the {{Competition Commission|cc}} demanded the sale of eleven factories.
{{Helix|hx}} Chief Executive {{Carla Weiss|cw}} said the conditions made the deal "commercially unworkable."
{{Weiss|cw}} joined {{Helix|hx}} from the consumer goods group {{Hollins & Hart|hh}} in 2020.
{{Sorrel|sf}} shares fell 14 percent.
The {{Competition Commission|cc}} said it had acted to protect shoppers from higher prices.
Analyst {{Brandt Stevens|bs}} said the outcome had been "priced in for weeks."
{{Stevens|bs}} said {{Sorrel Foods|sf}} could now attract a lower offer from a private equity firm.
{{Hollins & Hart|hh}} was once seen as a possible bidder.
""",
)

T(
    "t026",
    {
        "ro": ("Rafael Ortega", "person"),
        "do": ("Diego Ortega", "person"),
        "ep": ("Eastport", "place"),
        "sm": ("Sandra Mbeki", "person"),
        "hl": ("Harold Lunn", "person"),
        "gc": ("Gleam Clean Services", "organisation"),
    },
    [],
    ["Ortega"],
    """
Brothers Admit Billing Hospitals for Phantom Cleaning

{{Rafael Ortega|ro}} and {{Diego Ortega|do}} pleaded guilty on Thursday to defrauding three hospitals in {{East\u00adport|ep}}.
The brothers ran {{Gleam Clean Services|gc}}, which billed the hospitals for cleaning that was never done.
Prosecutor {{Sandra Mbeki|sm}} said {{Gleam Clean|gc}} had submitted hundreds of fake invoices.
{{Rafael|ro}}, the older brother, apologised in court.
Ortega's lawyer said his client would repay the money.
Judge {{Harold Lunn|hl}} will sentence both men in June.
{{Mbeki|sm}} said the hospitals in {{Eastport|ep}} had lost about $1.8 million.
{{Diego|do}} did not speak during the hearing, and {{Lunn|hl}} allowed both brothers to remain free on bail.
""",
)

T(
    "t027",
    {
        "rh": ("Red Lake Nation", "organisation"),
        "wb": ("Walter Black Elk", "person"),
        "pg": ("Paula Grant", "person"),
        "nv": ("Northvale Energy", "organisation"),
        "mn": ("Minnesota", "place"),
        "mr": ("Marten River", "place"),
        "ls": ("Lake Superior", "place"),
    },
    [],
    [],
    """
Tribe Vows Legal Fight Over Pipeline Route

The {{Red Lake Nation|rh}} said on Tuesday that it would sue to block a 210-mile oil pipeline approved by Gov. {{Paula Grant|pg}}.
The pipeline, to be built by {{Northvale Energy|nv}}, would cross the {{Marten River|mr}} upstream of the reservation.
Chairman {{Walter Black Elk|wb}} said the river was the tribe's main source of drinking water.
{{Black Elk|wb}} said the {{Red Lake Nation|rh}} had not been properly consulted.
{{Grant|pg}}, a Democrat, said the route was the safest option available.
{{Northvale|nv}} said construction would begin in the spring.
Environmental groups across {{Minnesota|mn}} have pledged to support the tribe's lawsuit.
The {{Marten River|mr}} flows into {{Lake Superior|ls}} about 90 miles downstream, and the case could become one of the biggest environmental fights in {{Minnesota|mn}} in years.
""",
)

T(
    "t028",
    {
        "us": ("United States", "place"),
        "ir": ("Iran", "place"),
        "om": ("Oman", "place"),
        "mus": ("Muscat", "place"),
        "hn": ("Hamid Nouri", "person"),
        "rb": ("Rebecca Blake", "person"),
        "sd": ("State Department", "organisation"),
    },
    [],
    [],
    """
{{Tehran|ir|m}} Says Talks With {{Washington|us|m}} Could Resume

{{Iran|ir}} is ready to resume indirect talks with the {{United States|us}} on its nuclear programme, its foreign ministry said on Saturday.
Spokesman {{Hamid Nouri|hn}} said {{Oman|om}} had offered to host the talks in {{Muscat|mus}}.
{{Washington|us|m}} has not yet responded.
{{State Department|sd}} spokeswoman {{Rebecca Blake|rb}} said the {{U.S.|us}} remained "open to diplomacy."
{{Nouri|hn}} said {{Tehran|ir|m}} would not negotiate "under the threat of force."
{{Oman|om}} has acted as a go-between for the two countries for more than a decade.
{{Blake|rb}} declined to say when a {{U.S.|us}} envoy might travel to {{Muscat|mus}}.
""",
)

T(
    "t029",
    {
        "lt": ("Linh Tran", "person"),
        "mb": ("Millbrook", "place"),
        "kr": ("Kell River", "place"),
        "od": ("Oscar Delacroix", "person"),
        "rc": ("Red Cross", "organisation"),
        "fema": ("FEMA", "organisation"),
    },
    ["County"],
    [],
    """
{{Millbrook|mb}} Begins Long Clean-Up After Flood

Residents of {{Millbrook|mb}} began clearing mud from their homes on Saturday after the {{Kell River|kr}} burst its banks.
{{Linh Tran|lt}}, 64, said she had lost forty years of photographs.
{{Tran|lt}} is staying with her daughter until her house dries out.
County Fire Chief {{Oscar Delacroix|od}} said two people were still missing.
{{Delacroix|od}} said the {{Kell|kr}} had risen more than two metres in six hours.
The {{Red Cross|rc}} has opened a shelter in the town's high school.
{{FEMA|fema}} officials arrived on Friday to assess the damage.
The {{Red Cross|rc}} said it had registered about 400 displaced people, and {{FEMA|fema}} said federal aid could be approved within days.
""",
)

T(
    "t030",
    {
        "pl": ("Pixel Lane", "organisation"),
        "rv": ("Roman Vance", "person"),
        "eu": ("European Union", "organisation"),
        "sh": ("Sofia Haddad", "person"),
        "dsa": ("Digital Services Act", "organisation"),
        "ie": ("Ireland", "place"),
    },
    [],
    [],
    """
{{Pixel Lane|pl}} Founder Attacks {{EU|eu}} Content Rules

{{Roman Vance|rv}}, the founder of {{Pixel Lane|pl}}, attacked the {{European Union|eu}}'s content rules in a series of late-night posts.
{{Vance|rv}} called the rules "censorship with a nicer logo."
{{Pixel Lane|pl}} has its European headquarters in {{Ireland|ie}} and is regulated there.
The {{EU|eu}} has opened an investigation into whether the app breaches the {{Digital Services Act|dsa}}.
Researcher {{Sofia Haddad|sh}} said {{Vance|rv}}'s posts were "a negotiating tactic."
{{Haddad|sh}} said fines under the {{Digital Services Act|dsa}} can reach 6 percent of global turnover.
Regulators in {{Ireland|ie}} declined to comment.
""",
)

T(
    "t031",
    {
        "ml": ("Maria Lopez", "person"),
        "jh": ("Jack Holloway", "person"),
        "dem": ("Democrats", "group"),
        "rep": ("Republicans", "group"),
        "nm": ("New Mexico", "place"),
        "abq": ("Albuquerque", "place"),
        "sv": ("South Valley", "place"),
    },
    [],
    [],
    """
{{Lopez|ml}} Signs Water Bill After Bipartisan Deal

Gov. {{Maria Lopez|ml}} signed a $300 million water infrastructure bill on Friday after a rare deal between {{Democrats|dem}} and {{Republicans|rep}} in the legislature.
Republican Sen. {{Jack Holloway|jh}}, who co-wrote the bill, stood beside the governor at the ceremony in {{Albuquerque|abq}}.
"{{Republicans|rep}} drink water too," {{Holloway|jh}} said.
The law will fund new pipes and treatment plants in 40 rural communities across {{New Mexico|nm}}.
Democrat {{Lopez|ml}} called it "the most important thing we've done for rural families in a gen\u00aderation."
Some {{Democrats|dem}} had wanted stricter limits on oil industry water use.
{{Holloway|jh}} said the deal showed that {{New Mexico|nm}} could "still get things done."
Work on the first projects, in {{Albuquerque|abq}}'s {{South Valley|sv}}, begins in the spring.
""",
)

T(
    "t032",
    {
        "kurds": ("Kurds", "group"),
        "iq": ("Iraq", "place"),
        "erb": ("Erbil", "place"),
        "krg": ("Kurdistan Regional Government", "organisation"),
        "nb": ("Nechirvan Barzani", "person"),
        "iqs": ("Iraqis", "group"),
    },
    [],
    [],
    """
Oil Exports From Northern {{Iraq|iq}} Set to Resume

Oil exports from the Kurdish region of northern {{Iraq|iq}} will resume next month under a deal announced on Sunday.
The {{Kurdistan Regional Government|krg}}, based in {{Erbil|erb}}, had been locked in a dispute with {{Baghdad|iq|m}} over revenue for more than a year.
Regional president {{Nechirvan Barzani|nb}} said the agreement was "fair to all {{Iraqis|iqs}}."
Under the deal, the {{KRG|krg}} will hand oil sales to the state marketing company.
Many {{Kurds|kurds}} in {{Erbil|erb}} have gone months without full salaries because of the dispute.
{{Barzani|nb}} said salaries would be paid within weeks.
{{Kurds|kurds}} make up about a fifth of {{Iraq|iq}}'s population.
""",
)

T(
    "t033",
    {
        "rb": ("Rivermen", "organisation"),
        "mt": ("Marcus Tate", "person"),
        "dl": ("Derrick Lowe", "person"),
        "phx": ("Phoenix Suns", "organisation"),
        "lp": ("Lakeport", "place"),
        "nba": ("NBA", "organisation"),
    },
    [],
    [],
    """
{{Rivermen|rb}} Deal {{Tate|mt}} in Blockbuster Trade

The {{Lakeport|lp}} {{Rivermen|rb}} traded star guard {{Marcus Tate|mt}} to the {{Phoenix Suns|phx}} on Thursday for two first-round draft picks.
{{Tate|mt}}, 29, was a three-time All-Star in six seasons with the {{Rivermen|rb}}.
General manager {{Derrick Lowe|dl}} said the team was building "for the next decade."
{{Lowe|dl}} has traded four starters since the end of last season.
The {{Suns|phx}} are second in the Western Conference.
{{Tate|mt}} thanked fans in a post on social media: "Thank you, {{Lakeport|lp}}."
The trade deadline in the {{NBA|nba}} is next Thursday, and {{NBA|nba}} rules bar the {{Rivermen|rb}} from reacquiring {{Tate|mt}} this season.
""",
)

T(
    "t034",
    {
        "wm": ("Westmere University", "organisation"),
        "gm": ("Gloria Mendez", "person"),
        "ab": ("Ayo Bankole", "person"),
        "su": ("Students' Union", "organisation"),
        "wmc": ("Westmere", "place"),
    },
    [],
    [],
    """
{{Westmere|wm}} Students End Occupation After Fee Talks

Students at {{Westmere University|wm}} ended a six-day occupation of the administration building on Tuesday after the president agreed to review a 12 percent fee rise.
President {{Gloria Mendez|gm}} said the review would report by March.
{{Mendez|gm}} said she had "listened carefully" to the students.
{{Ayo Bankole|ab}}, a spokesman for the occupiers, called the deal "a first step, not a victory."
The {{Students' Union|su}} will take part in the review.
{{Bankole|ab}} said the {{Students' Union|su}} would hold a vote on further action if the fee rise stayed.
{{Westmere University|wm}} has about 18,000 students, many of them from the town of {{Westmere|wmc}} and its suburbs.
Shop owners in {{Westmere|wmc}} said they were relieved the protest had ended peacefully.
""",
)

T(
    "t035",
    {
        "ra": ("Roberta Alvarez", "person"),
        "dj": ("Damon Jefferies", "person"),
        "aclu": ("American Civil Liberties Union", "organisation"),
        "sl": ("Southlake", "place"),
        "pd": ("Police Department", "organisation"),
        "shot": ("ShotSense", "organisation"),
    },
    [],
    [],
    """
Civil Liberties Group Questions Gunshot Sensor Trial

The {{American Civil Liberties Union|aclu}} on Monday asked the city to publish details of a planned trial of gunshot detection sensors.
Police Commissioner {{Roberta Alvarez|ra}} announced the one-year trial last week.
The sensors, made by {{ShotSense|shot}}, will be installed in three neighbourhoods, including {{Southlake|sl}}.
{{Alvarez|ra}} said they recorded only loud bangs, not conversations.
The {{ACLU|aclu}} said similar systems elsewhere had produced many false alerts.
{{Damon Jefferies|dj}}, a community organiser in {{Southlake|sl}}, said residents had not been consulted.
{{Jefferies|dj}} plans to raise the issue at next week's council meeting.
{{ShotSense|shot}} said its error rate was below 1 percent, a figure the {{Police Department|pd}} has not independently checked.
""",
)

T(
    "t036",
    {
        "rv": ("Renata Voss", "person"),
        "gv": ("Gabriel Voss", "person"),
        "vh": ("Voss Holdings", "organisation"),
        "za": ("Zurich", "place"),
        "ch": ("Switzerland", "place"),
        "finma": ("FINMA", "organisation"),
        "gva": ("Geneva", "place"),
    },
    [],
    ["Voss"],
    """
Heiress Challenges Brother for Control of {{Voss Holdings|vh}}

{{Renata Voss|rv}} has launched a legal challenge to her brother {{Gabriel Voss|gv}}'s control of the family investment company, {{Voss Holdings|vh}}.
The case was filed on Wednesday at the commercial court in {{Zurich|za}}.
{{Renata|rv}} claims that {{Gabriel|gv}} breached their late father's will by selling a stake in a private bank.
A Voss spokesman said the claims were "without merit."
{{Voss Holdings|vh}} manages assets of about 9 billion Swiss francs.
The Swiss financial regulator, {{FINMA|finma}}, said it was aware of the case.
{{Gabriel Voss|gv}} has run the company since 2019 from its offices in {{Zurich|za}}.
The dispute has fascinated business circles in {{Switzerland|ch}}, where family feuds rarely reach the courts, and {{FINMA|finma}} is expected to follow the case closely.
{{Renata Voss|rv}} lives in {{Geneva|gva}}.
""",
)

T(
    "t037",
    {
        "sw": ("SkyWay Airlines", "organisation"),
        "hia": ("Harbour International Airport", "place"),
        "faa": ("Federal Aviation Administration", "organisation"),
        "ml": ("Michael Lund", "person"),
        "dt": ("Dorothy Tan", "person"),
    },
    [],
    [],
    """
{{SkyWay|sw}} Chief Apologises as Flights Return to Normal

{{SkyWay Airlines|sw}} said on Sunday that its flights were back to normal after a software failure grounded its fleet for nine hours.
Chief Executive {{Michael Lund|ml}} apologised to the 60,000 passengers affected.
{{Lund|ml}} said the fault had been in a crew scheduling system supplied by an outside vendor.
The {{Federal Aviation Administration|faa}} said it had asked {{SkyWay|sw}} for a report.
At {{Harbour International Airport|hia}}, some passengers waited more than 14 hours.
{{Dorothy Tan|dt}}, travelling with two toddlers, said she had received "one voucher for a sandwich."
{{Tan|dt}} said she would never fly {{SkyWay|sw}} again.
The {{FAA|faa}} has fined two other airlines for similar outages this year, and officials at {{Harbour International|hia}} said they would review how stranded travellers were looked after.
""",
)

T(
    "t038",
    {
        "sikhs": ("Sikhs", "group"),
        "bf": ("Bradford", "place"),
        "hs": ("Harpreet Singh", "person"),
        "gs": ("Gurdwara Sahib Bradford", "organisation"),
        "cc": ("Bradford City Council", "organisation"),
        "hr": ("Helen Rigby", "person"),
        "en": ("England", "place"),
    },
    [],
    [],
    """
{{Bradford|bf}} Celebrates Vaisakhi With Record Crowds

Tens of thousands of people lined the streets of {{Bradford|bf}} on Sunday for the city's annual Vaisakhi procession.
Organisers said it was the largest gathering of {{Sikhs|sikhs}} in the north of {{England|en}} this year.
{{Harpreet Singh|hs}}, a volunteer at the {{Gurdwara Sahib Bradford|gs}}, said the free kitchen served more than 20,000 meals.
"Anyone who is hungry eats, {{Sikhs|sikhs}} or not," {{Singh|hs}} said.
{{Bradford City Council|cc}} closed several roads in the city centre for the procession.
Council leader {{Helen Rigby|hr}} thanked volunteers and said the event was "{{Bradford|bf}} at its best."
{{Rigby|hr}} said {{the council|cc}} hoped to make the event even bigger next year.
""",
)

T(
    "t039",
    {
        "un": ("United Nations", "organisation"),
        "ao": ("Amara Osei", "person"),
        "sd": ("Sudan", "place"),
        "kh": ("Khartoum", "place"),
        "wfp": ("World Food Programme", "organisation"),
        "sud": ("Sudanese", "group"),
        "td": ("Chad", "place"),
        "sc": ("Security Council", "organisation"),
    },
    ["Secretary"],
    [],
    """
{{UN|un}} Chief Warns of Famine in {{Sudan|sd}}

{{United Nations|un}} Secretary General {{Amara Osei|ao}} warned on Wednesday that millions of people in {{Sudan|sd}} faced famine within months.
{{Osei|ao}} said aid convoys had been blocked from entering parts of {{Khartoum|kh}} for six weeks.
The {{World Food Programme|wfp}} said it had enough food in warehouses but could not reach those in need.
"The {{Sudanese|sud}} are not starving because there is no food," {{Osei|ao}} told the {{Security Council|sc}}.
The {{WFP|wfp}} estimates that 18 million people are acutely hungry.
Fighting in {{Khartoum|kh}} has forced more than a million people to flee.
Many {{Sudanese|sud}} have crossed into neighbouring {{Chad|td}}.
""",
)

T(
    "t040",
    {
        "hm": ("Hallam Museum", "organisation"),
        "ev": ("Esther Vogel", "person"),
        "ng": ("Nigeria", "place"),
        "bc": ("Benin City", "place"),
        "ob": ("Obiora Bello", "person"),
        "ncmm": ("National Commission for Museums and Monuments", "organisation"),
    },
    [],
    [],
    """
{{Hallam Museum|hm}} to Return Benin Bronzes

The {{Hallam Museum|hm}} will return six bronze heads to {{Nigeria|ng}}, its director said on Thursday.
The heads were taken from {{Benin City|bc}} by British soldiers in 1897.
Director {{Esther Vogel|ev}} said keeping them was "never defensible."
{{Vogel|ev}} will travel to {{Benin City|bc}} for the handover later this year.
{{Nigeria|ng}}'s {{National Commission for Museums and Monuments|ncmm}} welcomed the decision.
Historian {{Obiora Bello|ob}} has campaigned for the return of the bronzes for two decades.
{{Bello|ob}} said other British institutions should follow the {{Hallam|hm}}'s lead.
{{The commission|ncmm}} said the heads would be displayed in a new museum.
""",
)

T(
    "t041",
    {
        "jk": ("Jane Kessler", "person"),
        "ow": ("Omar Wahid", "person"),
        "rs": ("Riverside", "place"),
        "bp": ("Brightline Paints", "organisation"),
        "fd": ("Riverside Fire Department", "organisation"),
        "epa": ("Environmental Protection Agency", "organisation"),
    },
    [],
    [],
    """
Paint Warehouse Fire Under Investigation

Fire investigators are examining the cause of a blaze that destroyed a {{Bright\u00adline Paints|bp}} warehouse in {{Riverside|rs}} on Thursday night.
Fire marshal {{Jane Kessler|jk}} of the {{Riverside Fire Department|fd}} said arson had not been ruled out.
{{Kessler|jk}} said the fire had spread quickly because of stored solvents.
About 300 homes near the warehouse were evacuated.
{{Omar Wahid|ow}}, who lives two streets away, said the smoke was "like a wall."
{{Wahid|ow}} returned home on Friday afternoon.
{{Brightline Paints|bp}} said it was cooperating with the investigation.
The {{Environmental Protection Agency|epa}} is testing air and water samples, and the {{EPA|epa}} said early results showed no danger to residents.
The {{Riverside Fire Department|fd}} said it would release a report within a month.
""",
)

T(
    "t042",
    {
        "lm": ("Lindiwe Vilakazi", "person"),
        "bn": ("Bongani Ndlovu", "person"),
        "tn": ("Thandi Ndlovu", "person"),
        "eh": ("Eastern Highlands", "place"),
        "fu": ("Farmers' Union", "organisation"),
        "mr": ("Marondi", "place"),
    },
    [],
    ["Ndlovu"],
    """
Farmers Say Drought Aid Falls Short

Cattle farmers in the {{Eastern High\u00adlands|eh}} say a government drought relief package is too small to save their herds.
{{Bongani Ndlovu|bn}}, who keeps 200 cattle near {{Marondi|mr}}, has already sold half his animals.
His daughter {{Thandi Ndlovu|tn}} said officials had ignored forecasts published in March.
Agriculture Minister {{Lindiwe Vilakazi|lm}} said the package was "the first tranche, not the last."
{{Vilakazi|lm}} is due to visit the {{Eastern Highlands|eh}} next week.
The {{Farmers' Union|fu}} said it would ask for a meeting with the minister.
Ndlovu said he would keep his best breeding cows "whatever it costs."
{{Thandi|tn}} is studying agriculture and plans to take over the farm, and the {{Farmers' Union|fu}} has asked her to speak at its conference in {{Marondi|mr}}.
""",
)

T(
    "t043",
    {
        "dg": ("Dana Whitlock", "person"),
        "lh": ("Leonard Haskins", "person"),
        "cc": ("Carver County", "place"),
        "gm": ("Gil Moreno", "person"),
        "rwb": ("Regional Water Board", "organisation"),
        "fbi": ("FBI", "organisation"),
    },
    [],
    [],
    """
Ex-Water Board Chief Found Guilty of Taking Bribes

{{Leonard Haskins|lh}}, the former head of the {{Regional Water Board|rwb}}, was convicted on Tuesday of accepting more than $300,000 in bribes.
A jury in {{Carver County|cc}} deliberated for two days.
Prosecutor {{Dana Whitlock|dg}} said {{Haskins|lh}} had steered contracts to friends in exchange for cash and holidays.
The case was built on wiretaps recorded by the {{FBI|fbi}}.
Defence lawyer {{Gil Moreno|gm}} said {{Haskins|lh}} would appeal.
{{Moreno|gm}} argued that the {{FBI|fbi}} recordings had been taken out of context.
The {{Regional Water Board|rwb}} said it had tightened its contracting rules.
{{Whitlock|dg}} said the verdict sent "a clear message to every official in {{Carver County|cc}}."
""",
)

T(
    "t044",
    {
        "ln": ("Leila Nasser", "person"),
        "ap": ("Arcadia Pharma", "organisation"),
        "vh": ("Victor Hahn", "person"),
        "ema": ("European Medicines Agency", "organisation"),
        "us": ("United States", "place"),
        "fda": ("Food and Drug Administration", "organisation"),
    },
    ["Dr."],
    [],
    """
{{Arcadia|ap}} RSV Vaccine Cuts Hospital Admissions in Trial

An experimental vaccine from {{Arcadia Pharma|ap}} cut hospital admissions for respiratory syncytial virus by 71 percent in adults over 65.
Dr. {{Leila Nasser|ln}}, who led the trial, said the results were better than expected.
{{Nasser|ln}} said the vaccine would be most useful for frail and elderly patients.
{{Arcadia|ap}} plans to apply to the {{European Medicines Agency|ema}} and the {{Food and Drug Administration|fda}} this year.
Dr. {{Victor Hahn|vh}}, an infectious disease specialist, said he wanted to see the full data.
{{Hahn|vh}} noted that two rival vaccines were already approved in the {{United States|us}}.
The {{EMA|ema}} usually takes about a year to review new vaccines.
A decision from the {{FDA|fda}} could come sooner, because RSV vaccines for older adults already have a fast-track pathway in the {{U.S.|us}}
""",
)

T(
    "t045",
    {
        "fh": ("Frank Hart", "person"),
        "lh": ("Laura Hart", "person"),
        "bo": ("Bernadette Osei", "person"),
        "gm": ("Glenmoor", "place"),
        "gpd": ("Glenmoor Police Department", "organisation"),
    },
    [],
    ["Hart"],
    """
{{Glenmoor|gm}} Mayoral Race Becomes Family Affair

Former police chief {{Frank Hart|fh}} and his daughter, architect {{Laura Hart|lh}}, are both running for mayor of {{Glenmoor|gm}}.
{{Frank|fh}} led the {{Glenmoor Police Department|gpd}} for eleven years before retiring in 2021.
{{Laura|lh}} is campaigning on affordable housing and a new cycle network.
Hart said on Tuesday that there was "no bad blood" in the family.
The third candidate, {{Bernadette Osei|bo}}, said voters were tired of "the Hart show."
{{Osei|bo}} wants to rebuild the town's sewage treatment plant.
The election in {{Glenmoor|gm}} is on November 4.
{{Frank Hart|fh}} has been endorsed by the police union, while {{Laura Hart|lh}} has the backing of two former mayors and the {{Glenmoor Police Department|gpd}} has stayed neutral.
""",
)

T(
    "t046",
    {
        "gs": ("Goldberg Sachs Realty", "organisation"),
        "mr": ("Mario Russo", "person"),
        "la": ("Landlords' Association", "organisation"),
        "ph": ("Pauline Hewitt", "person"),
        "es": ("Eastside", "place"),
        "ny": ("Newark", "place"),
    },
    [],
    [],
    """
Rent Cap Plan Divides {{Newark|ny}}

{{Newark|ny}}'s housing commissioner, {{Mario Russo|mr}}, has proposed capping annual rent increases at 5 percent.
{{Russo|mr}} said the cap would give families certainty.
The {{Landlords' Association|la}} said it would choke off investment.
{{Goldberg Sachs Realty|gs}}, the city's largest private landlord, owns about 4,000 apartments in {{Eastside|es}}.
A spokeswoman for {{Goldberg Sachs|gs}} said the company was "studying the proposal."
Tenant {{Pauline Hewitt|ph}}, 71, said her rent in {{Eastside|es}} had risen by 28 percent in two years.
{{Hewitt|ph}} plans to testify at a hearing next month.
The {{Landlords' Association|la}} will also send a representative.
""",
)

T(
    "t047",
    {
        "dc": ("Dean Carver", "person"),
        "lp": ("Lucia Park", "person"),
        "dem": ("Democrats", "group"),
        "rep": ("Republicans", "group"),
        "fair": ("State Fairgrounds", "place"),
        "cw": ("Carver for Iowa", "organisation"),
    },
    ["Democrat", "Republican"],
    [],
    """
{{Carver|dc}} Kicks Off Re-election Bid

Republican Gov. {{Dean Carver|dc}} launched his re-election campaign on Saturday before about 3,000 supporters at the {{State Fairgrounds|fair}}.
{{Carver|dc}} attacked State Sen. {{Lucia Park|lp}}, his likely Democratic opponent, as "the candidate of the faculty lounge."
{{Park|lp}} said the governor had spent four years ignoring roads and schools.
{{Democrats|dem}} have not won the governorship in twelve years.
{{Republicans|rep}} hold large majorities in both chambers of the legislature.
The campaign committee, {{Carver for Iowa|cw}}, said it had raised $8 million.
Democrat {{Park|lp}} has raised about half that.
Some {{Republicans|rep}} privately worry that {{Carver|dc}}'s tariff stance could cost votes in farm counties, and {{Democrats|dem}} hope to capitalise.
The next rally is planned for the {{State Fairgrounds|fair}} in August.
""",
)
