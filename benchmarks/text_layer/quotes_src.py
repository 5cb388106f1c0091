# Invented news documents for quotation-attribution evaluation.
# Markup: [[quoted words|SPEAKER_KEY|PATTERN_CODE]]; "-" = no speaker.
# One source line = one gold sentence; blank line = paragraph break.
# All people, companies and events are fictitious.  Evaluation only.

DOCS = []


def Q(doc_id, speakers, text):
    DOCS.append((doc_id, speakers, text))


Q(
    "q001",
    {
        "aw": ("Aaron Whitfield", ["Aaron Whitfield", "Whitfield", "Police Chief Aaron Whitfield"]),
        "kd": ("Keisha Dwyer", ["Keisha Dwyer", "Keisha"]),
        "md": ("Marcus Dwyer", ["Marcus Dwyer", "Marcus"]),
    },
    """
Family Disputes Police Account of Riverside Arrest

Police in Riverside said on Tuesday that officers acted lawfully when they detained Marcus Dwyer, 27, outside a convenience store on Ninth Street.
“[[The officers followed their training at every step,|aw|sa]]” Police Chief Aaron Whitfield said at a news conference.
The chief described the 27-year-old as “[[combative and uncooperative|aw|ro]]” and said two officers had been treated for minor injuries.

Dwyer's sister, Keisha Dwyer, disputed the department's account.
“[[My brother had his hands up,|kd|pr]]” she told reporters outside City Hall.
“[[He was on the ground before anyone said a word.|kd|cn]]”

A bystander's phone video, viewed more than two million times, shows part of the encounter.
Whitfield said the clip was “[[incomplete and, frankly, misleading.|aw|pa]]”
Marcus Dwyer, who was released without charge late on Wednesday, spoke only briefly.
“[[I just want the truth out there,|md|pr]]” he said.
""",
)

Q(
    "q002",
    {
        "er": ("Elena Ruiz", ["Elena Ruiz", "Ruiz", "Sen. Elena Ruiz"]),
        "tk": ("Tom Kile", ["Tom Kile", "Kile"]),
        "rc": ("the Ruiz campaign", ["the Ruiz campaign", "Ruiz campaign", "her campaign"]),
    },
    """
Ruiz and Kile Clash Over Taxes in First Senate Debate

Sen. Elena Ruiz and her Republican challenger, Tom Kile, traded sharp words over taxes on Thursday night in the first debate of the race.
Kile said the senator's budget was “[[a blank check for bureaucrats.|tk|pa]]”
“[[My opponent has never met a tax she didn't like,|tk|pr]]” he added.

Ruiz countered that her plan would cut taxes for “[[nine out of ten working families.|er|pa]]”
“[[Tom wants to talk about bureaucrats.
I want to talk about nurses, teachers and bus drivers,|er|ms]]” she said.

Kile, a former state treasurer, insisted that his own plan was “[[leaner than ever.|tk|ov]]”
Kile went on to claim that Ruiz had “[[missed forty votes|tk|pa]]” last year, a figure her campaign called “[[flatly false.|rc|og]]”
Asked whether they would accept the result in November, both candidates said yes.
“[[Absolutely, and so should he,|er|sa]]” Ruiz said with a smile.
""",
)

Q(
    "q003",
    {
        "pp": ("Priya Patel", ["Priya Patel", "Patel", "Chief Executive Priya Patel"]),
        "ubw": ("United Battery Workers", ["United Battery Workers", "United Battery Workers union"]),
        "dr": ("Dale Renner", ["Dale Renner", "Renner"]),
        "jm": ("Julia Moss", ["Julia Moss", "Moss"]),
    },
    """
Vortex Inc. to Cut 1,200 Jobs as Sales Slump

Vortex Inc., the Denver-based maker of home batteries, said on Monday that it would cut about 1,200 jobs, or 9 percent of its workforce.
Chief Executive Priya Patel said the company would “[[reinvest in artificial intelligence and grid software.|pp|pa]]”
“[[These are painful decisions, and they are not made lightly,|pp|ov]]” Patel wrote in a memo to staff.

The United Battery Workers union, which represents about 800 of the affected employees, called the cuts “[[a betrayal of the people who built this company.|ubw|og]]”
Its president, Dale Renner, said: “[[We gave them wage concessions in 2022.
We were promised job security in return.
Now we know what that promise was worth.|dr|ms]]”

Shares of Vortex rose 4.1 percent in afternoon trading.
“[[The market likes a leaner Vortex, at least for now,|jm|sb]]” said Julia Moss, an analyst at Crestline Securities.
She warned that the company still faced “[[a brutal price war with Asian rivals.|jm|ov]]”
""",
)

Q(
    "q004",
    {
        "so": ("Sam Okafor", ["Sam Okafor", "Dr. Sam Okafor"]),
        "ho": ("Hannah Okafor", ["Hannah Okafor", "Dr. Hannah Okafor"]),
        "rf": ("Rita Fenwick", ["Rita Fenwick", "Fenwick", "Dr. Rita Fenwick"]),
    },
    """
Short Nights Linked to Faster Memory Decline, Study Finds

People who regularly sleep fewer than six hours a night show faster memory decline in their sixties, according to a study published on Wednesday.
The research was led by Dr. Sam Okafor, a neurologist at Lakeshore University, and his wife, Dr. Hannah Okafor, a statistician at the same institution.
“[[We were surprised by how consistent the effect was across groups,|so|sa]]” Sam Okafor said.

Hannah Okafor cautioned that the study “[[shows an association, not a cause.|ho|ov]]”
“[[People should not panic about one bad week,|ho|pr]]” she said.
“[[It is the pattern over decades that matters.|ho|cn]]”

Dr. Rita Fenwick, a sleep researcher at the Carrow Institute who was not involved in the work, called the findings “[[important but not the final word.|rf|ov]]”
The study relied on “[[self-reported sleep, which people are notoriously bad at estimating,|rf|at]]” according to Fenwick.
""",
)

Q(
    "q005",
    {
        "hc": ("Harbour City FC", ["Harbour City FC", "Harbour City", "the club"]),
        "gp": ("Gareth Pryce", ["Gareth Pryce", "Pryce"]),
        "ja": ("Joel Amadi", ["Joel Amadi", "Amadi", "Captain Joel Amadi"]),
        "tw": ("Tomasz Wrona", ["Tomasz Wrona", "Wrona"]),
        "nb": ("Neil Baird", ["Neil Baird", "Baird"]),
    },
    """
Harbour City Sack Manager After Seventh Straight Defeat

Harbour City FC dismissed manager Gareth Pryce on Sunday, a day after a 3-0 home loss to Millbrook Rovers left the club second from bottom.
“[[The board felt a change was needed to protect our Premier Division status,|hc|og]]” the club said in a statement.
Pryce, who took charge in June, had insisted as recently as Friday that he had “[[the full backing of the owners.|gp|ov]]”

Captain Joel Amadi said the players shared the blame.
“[[We let the gaffer down.
It's on us, not him,|ja|ms]]” he said.
Amadi's teammate, the winger Tomasz Wrona, was blunter still.
“[[Nobody should feel safe in that dressing room!|tw|pr]]” he said after training.

Assistant coach Neil Baird will take charge for Saturday's trip to Eastport.
“[[I've been asked to steady the ship, and that's what I'll do,|nb|tr]]” Baird told reporters at the training ground.
""",
)

Q(
    "q006",
    {
        "ak": ("Ahmed Karimi", ["Ahmed Karimi", "Karimi", "the mayor"]),
        "rd": ("Rosa Delgado", ["Rosa Delgado", "Delgado", "Council member Rosa Delgado"]),
    },
    """
Mayor Backs Eight-Month Closure of Elm Street Bridge

The mayor, Ahmed Karimi, said: “[[The engineers have told us the bridge is not safe for heavy traffic, and I will not gamble with people's lives.|ak|an]]”
The Elm Street bridge will close for repairs in March, city officials confirmed on Thursday.
Repairs were last carried out in 2009 under a so-called “[[quick fix|-|sq]]” programme that left the steel deck largely untouched.

Council member Rosa Delgado, whose ward includes the bridge, opposed the timetable.
Delgado said: “[[Eight months is a death sentence for a small business.|rd|co]]”
“[[Who is going to compensate them?|rd|cn]]”

Karimi said the city would offer rent relief to affected shops.
The mayor added that detours would be “[[clearly signposted and reviewed every week.|ak|ro]]”
Handwritten signs in shop windows on Elm Street read “[[Save our bridge, save our shops.|-|un]]”
""",
)

Q(
    "q007",
    {
        "ab": ("Anna Berg", ["Anna Berg", "Berg", "Defence Minister Anna Berg", "the minister"]),
        "mf": ("Mark Feld", ["Mark Feld", "Feld", "NATO Secretary General Mark Feld", "the NATO chief"]),
        "kb": ("Kristin Berg", ["Kristin Berg"]),
        "go": ("a government official", ["a government official", "government official"]),
    },
    """
Norland to Double Jets for Northern Air Patrols

Defence Minister Anna Berg said on Friday that Norland would double its contribution to the alliance's northern air patrols.
“[[The security situation in the Baltic has changed, and we must change with it,|ab|sa]]” Berg said in Vesterby.
The minister said the extra jets would be “[[ready by the end of the summer.|ab|ro]]”

NATO Secretary General Mark Feld welcomed the announcement.
“[[This is exactly the kind of burden-sharing our allies have asked for,|mf|pr]]” he said.
The NATO chief told reporters in Brussels that other members should “[[follow Norland's lead.|mf|ro]]”

Not everyone in Vesterby was pleased.
Opposition leader Kristin Berg, who is not related to the minister, accused the government of “[[buying fighter jets while hospitals close wards.|kb|ov]]”
“[[Where is the money coming from?|kb|pr]]” she asked.
A government official, speaking on condition of anonymity, said the money would come from “[[reallocated procurement budgets.|go|pa]]”
""",
)

Q(
    "q008",
    {
        "dw": ("Dana Whitlock", ["Dana Whitlock", "Whitlock", "Prosecutor Dana Whitlock"]),
        "gm": ("Gil Moreno", ["Gil Moreno", "Moreno"]),
        "po": ("Patricia Olsen", ["Patricia Olsen", "Olsen", "Judge Patricia Olsen"]),
        "lh": ("Leonard Haskins", ["Leonard Haskins", "Haskins"]),
    },
    """
Former Water Board Chief Convicted of Bribery

A jury in Carver County on Tuesday convicted Leonard Haskins, the former head of the regional water board, of accepting more than $300,000 in bribes.
Prosecutor Dana Whitlock told jurors in her closing argument that Haskins had treated the board "[[like a personal piggy bank.|dw|pa]]"
"[[The evidence was overwhelming,|dw|tr]]" Whitlock told reporters after the verdict.

Haskins's attorney, Gil Moreno, said his client would appeal.
"[[We respect the jury, but we believe the judge made serious errors in admitting the wiretap evidence,|gm|pr]]" he said.
According to Moreno, the recordings were "[[garbled, incomplete and taken out of context.|gm|at]]"

Judge Patricia Olsen set sentencing for May 14.
She warned Haskins that he faced "[[a substantial period of incarceration.|po|pr]]"
Haskins declined to comment as he left the courthouse, saying only: "[[Not today.|lh|co]]"
""",
)

Q(
    "q009",
    {
        "lt": ("Linh Tran", ["Linh Tran", "Tran"]),
        "od": ("Oscar Delacroix", ["Oscar Delacroix", "Delacroix", "County Fire Chief Oscar Delacroix"]),
        "em": (
            "the county's emergency management office",
            ["emergency management office", "the county's emergency management office"],
        ),
    },
    """
Residents Return to Flooded Homes in Millbrook

Hundreds of residents returned to Millbrook on Saturday to find homes filled with mud after the Kell River burst its banks two days earlier.
“[[We had maybe ten minutes of warning,|lt|sb]]” said Linh Tran, 64, who has lived on Water Lane for 30 years.
“[[I grabbed the dog and my husband's medicines, and that was it.|lt|cn]]

“[[When we came back, the fridge was in the hallway.
Forty years of photographs, gone.|lt|mp]]”

County Fire Chief Oscar Delacroix said two people remained missing.
“[[Our crews are still searching the riverbanks south of the town,|od|sa]]” Delacroix said.
The county's emergency management office said tap water was “[[not safe to drink until further notice.|em|og]]”
""",
)

Q(
    "q010",
    {
        "rv": ("Roman Vance", ["Roman Vance", "Vance"]),
        "va": ("Vance's aide", ["Vance's aide"]),
        "sh": ("Sofia Haddad", ["Sofia Haddad", "Haddad"]),
        "pl": ("Pixel Lane", ["Pixel Lane"]),
    },
    """
Pixel Lane Founder Lashes Out at Content Rules

Roman Vance, the founder of the social app Pixel Lane, attacked a proposed European content law in a string of late-night posts on Tuesday.
Vance tweeted that the rules were “[[censorship with a nicer logo.|rv|ov]]”
He later posted: “[[If Brussels wants to run a social network, they can build one!|rv|co]]”

Vance's aide said the ‘[[so-called safety code|va|po]]’ was ‘[[a gift to our competitors|va|po]]’.
Sofia Haddad, a digital policy researcher in Brussels, said the outburst was predictable.
“[[Every platform says the sky will fall.
It never does,|sh|ms]]” she said.

In a statement, Pixel Lane said it would “[[engage constructively with regulators.|pl|og]]”
""",
)

Q(
    "q011",
    {
        "ml": ("Maria Lopez", ["Maria Lopez", "Lopez", "Gov. Maria Lopez", "the governor"]),
        "ja": ("James Abbott", ["James Abbott", "Abbott", "Dr. James Abbott"]),
        "hd": (
            "the state health department",
            ["the state health department", "state health department", "the department"],
        ),
    },
    """
Governor Orders Measles Vaccination Drive in Three Counties

Gov. Maria Lopez on Monday ordered free measles vaccination clinics in three northern counties after 41 cases were confirmed since January.
“[[We are not going to wait for this to become a crisis,|ml|tr]]” Lopez told reporters at the statehouse.
The governor said the clinics would be open “[[seven days a week, evenings included.|ml|ro]]”

The state health department said most of the cases involved children who had not been vaccinated.
Dr. James Abbott, the department's chief epidemiologist, said: “[[Measles is one of the most contagious diseases we know of.
One case in a classroom can become twenty in a fortnight.|ja|ap]]”
Abbott urged parents to check their children's records.
“[[If you are unsure, come in.
We will check for you,|ja|ms]]” he said.
""",
)

Q(
    "q012",
    {
        "bh": ("Brenda Hale", ["Brenda Hale", "Hale", "Superintendent Brenda Hale", "the superintendent"]),
        "nf": ("Nora Finch", ["Nora Finch"]),
        "ef": ("Eli Finch", ["Eli Finch"]),
        "tu": ("the teachers' union", ["the teachers' union", "teachers' union"]),
    },
    """
School Board Votes to Shorten Summer Break

The Fairview school board voted 5-2 on Wednesday night to start the school year two weeks earlier, beginning in August.
Superintendent Brenda Hale said the change would “[[give students more time to catch up after years of disruption.|bh|pa]]”
“[[This is about reading and maths, not about holidays,|bh|sa]]” Hale said.

The vote split the Finch family, who have four children in district schools.
Nora Finch, a nurse, supported the plan.
“[[My kids are bored by the middle of July anyway,|nf|pr]]” she said with a laugh.
Her husband, Eli Finch, disagreed.
“[[August in those classrooms is brutal.
There is no air conditioning in half the buildings,|ef|pr]]” he said.

The teachers' union called the decision “[[rushed and poorly costed.|tu|og]]”
The superintendent said the district would install cooling units in “[[every classroom that needs them|bh|ro]]” before the first day.
""",
)

Q(
    "q013",
    {
        "ik": ("Ines Kovac", ["Ines Kovac", "Kovac"]),
        "lm": ("Lena Marsh", ["Lena Marsh", "Marsh"]),
        "dk": ("Dragan Kovac", ["Dragan Kovac"]),
    },
    """
Kovac Saves Two Match Points to Win Title

Ines Kovac saved two match points before beating Lena Marsh 6-7, 7-6, 6-4 in the final of the Westbay Open on Sunday.
“[[I honestly thought it was over!|ik|sa]]” Kovac said afterwards, still holding the trophy.
“[[At 5-6 in the second set I was already thinking about my flight home.|ik|cn]]”

Marsh, who was bidding for her first title in three years, was gracious in defeat.
“[[She played the big points better than me.
That's tennis,|lm|ms]]” Marsh said.
Kovac's father and coach, Dragan Kovac, watched from the players' box.
He described his daughter's comeback as “[[the bravest thing I have ever seen on a court.|dk|pr]]”
Asked what he had told her before the final set, he laughed.
“[[Nothing!
She doesn't listen to me anyway,|dk|ms]]” he said.
""",
)

Q(
    "q014",
    {
        "hx": ("Helix Corp", ["Helix Corp", "Helix"]),
        "cw": ("Carla Weiss", ["Carla Weiss", "Weiss"]),
        "bs": ("Brandt Stevens", ["Brandt Stevens", "Stevens"]),
        "cc": (
            "the Competition Commission",
            ["the Competition Commission", "Competition Commission", "the commission"],
        ),
    },
    """
Helix Corp Abandons $4 Billion Bid for Sorrel Foods

Helix Corp said on Friday that it had abandoned its $4 billion takeover of Sorrel Foods after regulators raised competition concerns.
In a statement, Helix said the conditions imposed by the Competition Commission were “[[commercially unworkable.|hx|og]]”
The commission had demanded the sale of eleven factories, a remedy it described as “[[the minimum necessary to protect consumers.|cc|og]]”

Helix's chief executive, Carla Weiss, said she was disappointed.
“[[We believed in this deal, and we still believe in the logic behind it,|cw|pr]]” she said on a call with analysts.
“[[But we will not overpay, and we will not dismantle the business to get it done.|cw|cn]]”

Brandt Stevens, a food industry analyst, said the collapse was “[[the least surprising news of the year.|bs|pa]]”
Stevens noted that Sorrel shares had “[[priced in failure weeks ago.|bs|ov]]”
""",
)

Q(
    "q015",
    {
        "ro": ("Rafael Ortega", ["Rafael Ortega", "Rafael"]),
        "do": ("Diego Ortega", ["Diego Ortega", "Diego"]),
        "sm": ("Sandra Mbeki", ["Sandra Mbeki", "Mbeki", "Assistant District Attorney Sandra Mbeki"]),
        "jd": ("Harold Lunn", ["the judge", "Judge Harold Lunn", "Harold Lunn", "Lunn"]),
    },
    """
Brothers Plead Guilty in Fake Invoice Scheme

Two brothers who ran a cleaning company in Eastport pleaded guilty on Thursday to a scheme that billed hospitals for work that was never done.
Rafael Ortega, 41, and Diego Ortega, 38, admitted to wire fraud in federal court.
Assistant District Attorney Sandra Mbeki said the brothers had submitted “[[hundreds of invoices for floors that were never mopped.|sm|pa]]”

Rafael Ortega addressed the court briefly.
“[[I am ashamed, and I am sorry to every nurse and patient we let down,|ro|pr]]” he said.
His younger brother did not speak, but his lawyer said Diego had been “[[a junior partner who followed his brother's lead.|do|pa]]”
Judge Harold Lunn was unmoved.
“[[You both signed the invoices.
You both cashed the cheques,|jd|ms]]” the judge said.
""",
)

Q(
    "q016",
    {
        "rh": ("Rachel Hume", ["Rachel Hume", "Hume", "the Chancellor"]),
        "ds": (
            "a Downing Street spokesman",
            ["a Downing Street spokesman", "Downing Street spokesman", "Downing Street"],
        ),
        "ol": ("Owen Lacey", ["Owen Lacey", "Lacey"]),
        "ns": ("a No 10 source", ["a No 10 source", "No 10 source"]),
    },
    """
Chancellor Defends Fuel Duty Rise Amid Backbench Revolt

The Chancellor, Rachel Hume, has defended a 3p rise in fuel duty, insisting it was ‘[[the responsible choice in difficult times|rh|an]]’.
Speaking on a visit to a bus depot in Leeds, Hume said: ‘[[Nobody likes paying more at the pump.
But the alternative is cutting the NHS, and I won't do that.|rh|ms]]’

A Downing Street spokesman said the prime minister had ‘[[full confidence|ds|og]]’ in the Chancellor.
But the Labour-leaning backbencher Owen Lacey said the rise was ‘[[a tax on people who have no choice but to drive|ol|pa]]’.
‘[[My constituents can't get to work on a bus that comes twice a day,|ol|pr]]’ he said.

A No 10 source dismissed the rebels as ‘[[the usual suspects|ns|ov]]’.
Lacey hit back on social media, writing that the source was ‘[[welcome to say that to my face|ol|ov]]’.
""",
)

Q(
    "q017",
    {
        "za": ("Zara Aziz", ["Zara Aziz", "Aziz"]),
        "ps": ("a police spokeswoman", ["a police spokeswoman", "police spokeswoman"]),
        "gc": ("Greyfield Cement", ["Greyfield Cement", "Greyfield", "the company"]),
    },
    """
Climate Activists Block Entrance to Cement Plant

About 60 climate activists blocked the main gate of the Greyfield Cement plant near Ashby on Monday, halting deliveries for six hours.
The protesters, who call themselves “[[Concrete Truth|-|sq]]”, chained themselves to a fence and unfurled a banner reading “[[No more grey skies|-|un]]”.
“[[We have written letters, we have signed petitions, we have marched.
Nothing has changed,|za|ms]]” said Zara Aziz, one of the organisers.

A police spokeswoman said eleven people had been arrested for “[[obstructing a public highway.|ps|pa]]”
“[[The right to protest does not include the right to shut down a business,|ps|pr]]” she said.
Greyfield called the protest “[[reckless and dangerous|gc|og]]” and said its new kiln would cut emissions by a fifth.
Aziz said the company's figures were “[[greenwash, plain and simple.|za|pa]]”
""",
)

Q(
    "q018",
    {
        "ck": ("Colm Keane", ["Colm Keane", "Keane"]),
        "nr": ("Northern Rail Partnership", ["Northern Rail Partnership", "the company", "the operator"]),
        "fo": ("Fatima Osei", ["Fatima Osei", "Osei"]),
    },
    """
Rail Strike to Go Ahead After Talks Collapse

A 48-hour rail strike will go ahead on Thursday after last-ditch talks between the drivers' union and Northern Rail Partnership broke down.
Colm Keane, the union's general secretary, said: “[[We went in with an open mind and came out with nothing.|ck|ap]]”
“[[The company has not moved one inch on pay,|ck|cn]]”

Northern Rail Partnership said the union's demands were “[[simply unaffordable|nr|og]]” and urged passengers to avoid travelling.
The operator said it would run “[[a very limited service|nr|og]]” on the main lines.

Commuters at Westgate station were resigned.
“[[It's the third strike this year.
I just work from home now,|fo|sb]]” said Fatima Osei, a dental nurse.
She said the strikes were “[[the least of my problems|fo|pr]]” compared with rent.
""",
)

Q(
    "q019",
    {
        "na": (
            "the National Aerospace Agency",
            ["the National Aerospace Agency", "National Aerospace Agency", "the agency"],
        ),
        "yt": ("Yuki Tanaka", ["Yuki Tanaka", "Tanaka"]),
        "pb": ("Peter Blom", ["Peter Blom", "Blom"]),
    },
    """
Comet Probe Sends First Close-Up Images

The Pathfinder probe sent back its first close-up images of the comet 41P on Tuesday, the National Aerospace Agency said.
“[[We are looking at a surface nobody has ever seen, and it is stranger than any of our models,|yt|sb]]” said Yuki Tanaka, the mission's lead scientist.
Tanaka said one of the engineers had shouted “[[It's alive!|-|un]]” when the first image appeared on the screen.

Peter Blom, the flight director, recalled the moment.
“[[Someone behind me said, 'Is that a cliff?' and the whole room went quiet,|pb|ne]]” he said.
“[[Then everybody started talking at once.|pb|cn]]”
The agency said the probe was “[[healthy and on course|na|og]]” for its landing attempt in March.
""",
)

Q(
    "q020",
    {
        "hl": ("Henrik Lindqvist", ["Henrik Lindqvist", "Henrik"]),
        "al": ("Astrid Lindqvist", ["Astrid Lindqvist", "Astrid"]),
        "pc": ("the planning committee", ["the planning committee", "planning committee", "the committee"]),
        "gw": ("Gordon Walsh", ["Gordon Walsh", "Walsh", "Councillor Gordon Walsh"]),
    },
    """
Couple Split Over Plan for Homes on Farm Land

A plan to build 140 homes on farmland outside Kilby has divided the village, and at least one household.
Henrik Lindqvist, who farms the neighbouring fields, told the planning committee that the scheme would "[[pave over the best soil in the county.|hl|pa]]"
His wife, Astrid Lindqvist, spoke in favour.
"[[Our own children cannot afford to live here,|al|pr]]" she told councillors.
"[[Without new homes, this becomes a village of pensioners.|al|cn]]"

The planning committee said it would decide in April.
Councillor Gordon Walsh, who chairs the committee, said: "[[We will weigh every objection, including the ones from the same kitchen table.|gw|ap]]"
Asked about the disagreement, Henrik Lindqvist shrugged.
"[[We argue about everything.
This is just louder,|hl|ms]]" he said.
""",
)

Q(
    "q021",
    {
        "dc": ("Dean Carver", ["Dean Carver", "Carver", "Gov. Dean Carver", "the governor"]),
        "lp": ("Lucia Park", ["Lucia Park", "Park", "State Sen. Lucia Park"]),
    },
    """
Governor Launches Re-election Bid With Attack on Rival

Gov. Dean Carver formally launched his re-election campaign on Saturday in front of about 3,000 supporters at the state fairgrounds.
“[[Four years ago, you took a chance on me.
I'm asking you to do it again,|dc|ms]]” Carver told the crowd.
He mocked his likely opponent, State Sen. Lucia Park, as “[[the candidate of the faculty lounge.|dc|pr]]”

Park responded within the hour.
She tweeted: “[[The governor has had four years to fix the roads.
He's had four years to fix the schools.
He'd rather talk about me.|lp|ms]]”
Carver's campaign manager said the governor would debate Park “[[any time, anywhere.|dc|pa]]”
""",
)

Q(
    "q022",
    {
        "mo": ("Miguel Ochoa", ["Miguel Ochoa", "Ochoa"]),
        "kr": ("Kavita Rao", ["Kavita Rao", "Rao"]),
        "tc": ("Talon Logistics", ["Talon Logistics", "Talon"]),
    },
    """
Talon Logistics Warns of Weaker Holiday Season

Talon Logistics cut its full-year profit forecast on Wednesday, blaming a slowdown in online orders.
The shipping group's finance chief, Miguel Ochoa, said on a call with analysts: “[[We are seeing consumers trade down and order less often.|mo|an]]”
“[[That is not a Talon problem; it is an industry problem,|mo|cn]]”

Talon now expects operating profit of $610 million, down from $700 million, according to a filing.
Kavita Rao, an analyst at Brightwater Capital, said the warning was “[[worse than feared.|kr|pa]]”
Volumes had been “[[falling for three quarters straight,|kr|at]]” according to Rao, who rates the shares a sell.
Rao argued that the company had been “[[too slow to cut capacity.|kr|ov]]”
""",
)

Q(
    "q023",
    {
        "ht": ("Hank Tolliver", ["Hank Tolliver", "Tolliver", "Sheriff Hank Tolliver", "the sheriff"]),
        "cb": ("Carol Beck", ["Carol Beck", "Beck"]),
        "ab": ("Adam Beck", ["Adam Beck", "Adam"]),
    },
    """
Missing Hiker Found Alive After Five Days

A 23-year-old hiker missing for five days in the Red Pine Wilderness was found alive on Friday, the county sheriff said.
Adam Beck was spotted by a helicopter crew near a creek about four miles from the trail where his car had been found.
“[[He was cold, hungry and very dehydrated, but he was walking and talking,|ht|sb]]” said Sheriff Hank Tolliver.

The sheriff credited the young man's decision to stay near water.
“[[That choice saved his life,|ht|ro]]” the sheriff said.
His mother, Carol Beck, had flown in from Ohio to join the search.
“[[I never stopped believing.
Not for one minute,|cb|pr]]” she said, her voice breaking.

Adam Beck, speaking from a hospital bed, said he had survived on “[[creek water and two granola bars.|ab|pa]]”
""",
)

Q(
    "q024",
    {
        "ak": ("Amina Kiprop", ["Amina Kiprop", "Kiprop"]),
        "jr": ("Jonas Richter", ["Jonas Richter", "Richter"]),
        "sk": ("Samuel Kiprop", ["Samuel Kiprop"]),
    },
    """
Kiprop Breaks Course Record in Harbourside Marathon

Amina Kiprop broke the Harbourside Marathon course record by 41 seconds on Sunday, finishing in 2 hours 18 minutes 3 seconds.
“[[The wind was behind us for the last ten kilometres, and I just went!|ak|sa]]” Kiprop said.
Her husband and training partner, Samuel Kiprop, finished fourth in the men's race.
“[[I'm happy for her.
Tonight she's buying dinner,|sk|pr]]” he joked.

Race director Jonas Richter said the event had drawn a record 22,000 entrants.
Richter described the day as “[[close to perfect, apart from the queues for the portable toilets.|jr|ov]]”
He said organisers would add “[[at least a hundred more|jr|pr]]” next year.
""",
)

Q(
    "q025",
    {
        "cm": ("Claire Madden", ["Claire Madden", "Madden"]),
        "sh": ("St Anne's Hospital", ["St Anne's Hospital", "the hospital", "hospital management"]),
        "pk": ("Paul Kerrigan", ["Paul Kerrigan", "Kerrigan", "Health Minister Paul Kerrigan", "the minister"]),
    },
    """
Nurses Walk Out at St Anne's Over Staffing

Nurses at St Anne's Hospital in Dunmore walked out on Tuesday morning in the first strike at the hospital in 20 years.
“[[We are not striking for money.
We are striking because there are four of us for thirty patients at night,|cm|sb]]” said Claire Madden, a ward nurse and union representative.

Hospital management said emergency care was “[[operating normally|sh|og]]” and that planned surgery had been postponed.
Health Minister Paul Kerrigan said he would meet the union on Thursday.
The minister said he was “[[not going to negotiate through the media.|pk|ro]]”
Madden said that was “[[exactly what he has been doing for six months.|cm|pa]]”
""",
)

Q(
    "q026",
    {
        "ev": ("Esther Vogel", ["Esther Vogel", "Vogel", "the museum's director"]),
        "ob": ("Obiora Bello", ["Obiora Bello", "Bello"]),
    },
    """
Museum to Return Bronze Heads Taken in 1897

The Hallam Museum said on Thursday that it would return six bronze heads taken from Benin City by British troops in 1897.
The museum's director, Esther Vogel, said: “[[These objects were taken by force.
Keeping them was never defensible, and it is not defensible now.|ev|an]]”
Vogel said the handover would take place “[[within the year.|ev|pa]]”

Obiora Bello, a historian who has campaigned for the return of the bronzes for two decades, welcomed the move.
“[[It has taken far too long, but today I am only grateful,|ob|sa]]” Bello said.
He called on other museums to “[[stop hiding behind legal technicalities.|ob|pr]]”
""",
)

Q(
    "q027",
    {
        "sd": ("Simon Drake", ["Simon Drake", "Drake", "the opposition leader"]),
        "mc": ("Moira Cullen", ["Moira Cullen", "Cullen", "the chief whip"]),
        "gv": ("the government", ["the government"]),
    },
    """
Housing Bill Scrapes Through Parliament by Three Votes

The government's housing bill passed its final vote on Tuesday by 312 votes to 309 after a day of frantic lobbying.
The opposition leader, Simon Drake, said the margin showed the bill was "[[built on sand.|sd|an]]"
"[[Three votes.
That is not a mandate; it is a coin toss,|sd|ms]]" Drake told the chamber.

The chief whip, Moira Cullen, said the result was "[[a win, and a win is a win.|mc|an]]"
Cullen denied that wavering members had been offered jobs.
"[[Nobody was promised anything,|mc|pr]]" she said.
The government described the bill as "[[the biggest housebuilding programme in a generation.|gv|og]]"
""",
)

Q(
    "q028",
    {
        "qb": ("QuillBank", ["QuillBank", "the bank"]),
        "io": ("the Information Office", ["the Information Office", "Information Office"]),
        "ts": ("Theo Sandoval", ["Theo Sandoval", "Sandoval"]),
        "sa": ("Sandoval's spokeswoman", ["Sandoval's spokeswoman"]),
    },
    """
Online Bank Admits Data Breach Affecting 900,000 Customers

QuillBank said on Monday that hackers had accessed the names, addresses and birth dates of about 900,000 customers.
The bank said no passwords or card numbers had been taken and that it had “[[no evidence of fraud so far.|qb|og]]”

Chief Executive Theo Sandoval apologised in a video posted on the bank's website.
“[[We let you down, and I am sorry,|ts|sa]]” Sandoval said in the video.
Sandoval's spokeswoman said the ‘[[so-called leak|sa|po]]’ reported online last week was ‘[[unrelated to this incident|sa|po]]’.

The Information Office, the data regulator, said it was “[[making urgent enquiries.|io|og]]”
""",
)

Q(
    "q029",
    {
        "bo": ("Bongani Ndlovu", ["Bongani Ndlovu", "Ndlovu"]),
        "tn": ("Thandi Ndlovu", ["Thandi Ndlovu", "Thandi"]),
        "lv": (
            "Lindiwe Vilakazi",
            ["Lindiwe Vilakazi", "Vilakazi", "Agriculture Minister Lindiwe Vilakazi", "the minister"],
        ),
    },
    """
Drought Relief Too Little, Too Late, Farmers Say

Farmers in the Eastern Highlands said on Wednesday that a government drought relief package was too small to save their herds.
Bongani Ndlovu, who keeps 200 cattle near Marondi, said he had already sold half his animals.
“[[The relief money would buy feed for about a week,|bo|pr]]” he said.
His daughter, Thandi Ndlovu, who studies agriculture at the provincial university, was angrier.
“[[They knew this drought was coming.
The forecasts were public in March,|tn|pr]]” she said.

Agriculture Minister Lindiwe Vilakazi defended the package.
“[[This is the first tranche, not the last,|lv|sa]]” Vilakazi said.
The minister promised “[[further support before the end of the season.|lv|ro]]”
""",
)

Q(
    "q030",
    {
        "jw": ("Ruth Ambrose", ["Ruth Ambrose", "Ambrose", "Justice Ruth Ambrose"]),
        "jh": ("Carl Hendry", ["Carl Hendry", "Hendry", "Justice Carl Hendry"]),
        "ag": ("the attorney general's office", ["the attorney general's office", "attorney general's office"]),
    },
    """
Court Strikes Down Law Limiting Public Protests

The state Supreme Court on Friday struck down a law that required protest organisers to obtain permits 30 days in advance.
Writing for the 5-2 majority, Justice Ruth Ambrose said the law placed “[[an unreasonable burden on the most basic form of political speech.|jw|ov]]”
She wrote: “[[A protest that must be scheduled a month in advance is not a protest.
It is a parade.|jw|ms]]”

In a dissent, Justice Carl Hendry argued that the majority had ignored “[[the real costs to cities of policing large crowds.|jh|ov]]”
Hendry wrote that the ruling would leave towns “[[powerless to plan.|jh|ov]]”
The attorney general's office said it was “[[reviewing the decision.|ag|og]]”
""",
)

Q(
    "q031",
    {
        "pg": ("Paula Grant", ["Paula Grant", "Grant", "Gov. Paula Grant", "the governor"]),
        "wb": ("Walter Black Elk", ["Walter Black Elk", "Black Elk", "Chairman Walter Black Elk"]),
        "nv": ("Northvale Energy", ["Northvale Energy", "Northvale"]),
    },
    """
Governor Approves Pipeline Route Despite Tribal Objections

Gov. Paula Grant on Monday approved the route of a 210-mile oil pipeline, rejecting objections from the Red Lake Nation.
“[[I have read every page of the record.
This route is the safest one available,|pg|ms]]” Grant said in a written statement.
Chairman Walter Black Elk of the Red Lake Nation said the tribe would go to court.
“[[The pipeline crosses the river our people drink from,|wb|pr]]” he said.
“[[We will not be moved on this.|wb|cn]]”

Northvale Energy, which is building the pipeline, said construction would begin “[[as soon as the final permits are in hand.|nv|og]]”
The governor said she had asked Northvale to fund “[[independent monitoring of the crossing.|pg|ro]]”
""",
)

Q(
    "q032",
    {
        "mt": ("Marcus Tate", ["Marcus Tate", "Tate"]),
        "dl": ("Derrick Lowe", ["Derrick Lowe", "Lowe"]),
        "ca": ("Tate's agent", ["Tate's agent"]),
    },
    """
Rivermen Trade Star Guard Tate to Phoenix

The Lakeport Rivermen traded guard Marcus Tate to Phoenix on Thursday in exchange for two first-round draft picks.
General manager Derrick Lowe said: “[[Marcus gave this city six great years.
We wish him nothing but the best.|dl|co]]”
Lowe said the team was “[[building for the next decade, not the next month.|dl|pa]]”

Tate's agent said the ‘[[so-called rebuild|ca|po]]’ was ‘[[a salary dump dressed up as strategy|ca|po]]’.
Tate himself posted a short message on social media.
“[[Thank you, Lakeport.
See you in March!|mt|ms]]”
""",
)

Q(
    "q033",
    {
        "ju": ("June Ashworth", ["June Ashworth", "Ashworth"]),
        "ch": ("the council", ["the council", "Harlow District Council"]),
        "ki": ("Kieran Ives", ["Kieran Ives", "Ives", "Councillor Kieran Ives"]),
    },
    """
Village Library Saved by Volunteers

The library in Stoke Bramley will stay open after 30 volunteers agreed to run it, Harlow District Council said on Friday.
The council had planned to close the branch in April to save £48,000 a year.
June Ashworth, a retired teacher who organised the volunteers, said: "[[A village without a library is a village without a heart.|ju|ap]]"

Councillor Kieran Ives said the deal was "[[a model for other branches.|ki|pa]]"
But Ives warned that volunteers could not replace "[[the expertise of a trained librarian.|ki|ov]]"
The council said the building would be handed to the volunteers "[[on a peppercorn rent.|ch|og]]"
""",
)

Q(
    "q034",
    {
        "ln": ("Leila Nasser", ["Leila Nasser", "Nasser", "Dr. Leila Nasser"]),
        "ap": ("Arcadia Pharma", ["Arcadia Pharma", "Arcadia"]),
        "vh": ("Victor Hahn", ["Victor Hahn", "Hahn", "Dr. Victor Hahn"]),
    },
    """
Experimental RSV Vaccine Shows Promise in Older Adults

An experimental vaccine against respiratory syncytial virus cut hospital admissions by 71 percent in adults over 65, its maker, Arcadia Pharma, said on Tuesday.
Dr. Leila Nasser, who led the trial, said the results were “[[better than we dared to hope.|ln|pa]]”
“[[For a frail 80-year-old, RSV can be the start of a long decline,|ln|pr]]” she said.

Arcadia said it would apply for approval in Europe and the United States “[[before the end of the year.|ap|og]]”
Dr. Victor Hahn, an infectious disease specialist who was not involved in the trial, was more cautious.
“[[These are company-reported results.
I want to see the full data,|vh|sb]]” said Hahn.
""",
)

Q(
    "q035",
    {
        "sp": ("Imani Brooks", ["Imani Brooks", "Brooks", "Sgt. Imani Brooks", "a police spokeswoman"]),
        "wt": ("Walter Timms", ["Walter Timms", "Timms"]),
    },
    """
Armed Man Robs Bank in Broad Daylight

A man armed with a handgun robbed the Mercer Savings branch on Cole Avenue shortly after 11 a.m. on Monday.
According to a police spokeswoman, Sgt. Imani Brooks, the man handed a teller a note and left with “[[an undisclosed amount of cash.|sp|at]]”
“[[No one was hurt, and that is the most important thing,|sp|sa]]” Brooks said.

Walter Timms, who was waiting in line, said the robber was calm.
“[[He didn't shout.
He just stood there like he was waiting for a bus,|wt|pr]]” he said.
Brooks asked anyone with information to call the department.
“[[Somebody knows who this is,|sp|pr]]” she said.
""",
)

Q(
    "q036",
    {
        "fh": ("Frank Hart", ["Frank Hart"]),
        "lh": ("Laura Hart", ["Laura Hart", "Laura"]),
        "bo": ("Bernadette Osei", ["Bernadette Osei", "Osei"]),
    },
    """
Father and Daughter Face Off in Mayoral Race

For the first time in Glenmoor's history, a father and daughter are running against each other for mayor.
Frank Hart, 68, a former police chief, says the town needs “[[experience, not experiments.|fh|pa]]”
His daughter, Laura Hart, a 36-year-old architect, said: “[[I love my dad.
I just think his ideas belong in the last century.|lh|ms]]”

Asked about the rivalry at a candidates' forum, Frank Hart smiled.
“[[Thanksgiving is going to be interesting,|fh|pr]]” he said.
The third candidate, Bernadette Osei, called the Hart contest “[[a family drama that is distracting from the real issues.|bo|ov]]”
“[[Nobody is talking about the sewer plant!|bo|pr]]” she said.
""",
)

Q(
    "q037",
    {
        "sw": ("SkyWay Airlines", ["SkyWay Airlines", "SkyWay", "the airline"]),
        "dt": ("Dorothy Tan", ["Dorothy Tan", "Tan"]),
        "rk": ("Raj Kohli", ["Raj Kohli", "Kohli"]),
    },
    """
Thousands Stranded as Airline Software Fails

Thousands of SkyWay Airlines passengers were stranded on Saturday after a software failure grounded the carrier's fleet for nine hours.
SkyWay said the problem was “[[a fault in a crew scheduling system, not a cyberattack.|sw|og]]”
The airline said it would refund “[[all reasonable hotel and meal costs.|sw|og]]”

At Harbour International Airport, Dorothy Tan had been waiting since 6 a.m. with two toddlers.
“[[Every time I ask, the man at the desk says, 'Check the app.'
The app hasn't changed since breakfast,|dt|ne]]” said Tan.
Raj Kohli, a businessman, was missing his daughter's graduation.
“[[Is this what they call customer service?|rk|pr]]” he asked.
""",
)

Q(
    "q038",
    {
        "em": ("Emil Sørensen", ["Emil Sørensen", "Sørensen"]),
        "af": ("Amal Farouk", ["Amal Farouk", "Farouk", "Foreign Minister Amal Farouk"]),
        "dn": ("one diplomat", ["one diplomat", "a diplomat"]),
    },
    """
Ceasefire Talks Resume in Geneva

Talks aimed at a ceasefire in the Karsa region resumed in Geneva on Monday after a two-week pause.
The United Nations mediator, Emil Sørensen, said: “[[Both sides are at the table, and that in itself is progress.|em|an]]”
Sørensen said he had seen “[[a new seriousness|em|pa]]” in the delegations.

Foreign Minister Amal Farouk, who leads one of the delegations, was less upbeat.
“[[We have heard promises before.
We want to see the guns fall silent,|af|ms]]” Farouk said.
One diplomat, speaking on condition of anonymity, described the mood as “[[tense but businesslike.|dn|ov]]”
""",
)

Q(
    "q039",
    {
        "gm": ("Gloria Mendez", ["Gloria Mendez", "Mendez", "the university's president", "the president"]),
        "ay": ("Ayo Bankole", ["Ayo Bankole", "Bankole"]),
    },
    """
Students Occupy Administration Building Over Fee Rise

About 200 students occupied the administration building at Westmere University on Wednesday in protest at a 12 percent rise in tuition fees.
The university's president, Gloria Mendez, said: “[[I understand the anger, but the occupation has to end.|gm|an]]”
The president said the fee rise was “[[unavoidable given the cuts to state funding.|gm|ro]]”

Ayo Bankole, a third-year engineering student, said the students would stay “[[as long as it takes.|ay|pa]]”
“[[They found money for a new stadium.
They can find money for us,|ay|pr]]” he said.
Mendez told reporters she would meet student representatives on Friday.
""",
)

Q(
    "q040",
    {
        "la": (
            "the Landlords' Association",
            ["the Landlords' Association", "Landlords' Association", "the association"],
        ),
        "ph": ("Pauline Hewitt", ["Pauline Hewitt", "Hewitt"]),
        "mr": ("Mario Russo", ["Mario Russo", "Russo", "Housing Commissioner Mario Russo", "the commissioner"]),
    },
    """
City Moves to Cap Annual Rent Increases

The city's housing commissioner proposed on Tuesday to cap annual rent increases at 5 percent for most apartments.
Housing Commissioner Mario Russo said the cap would "[[give families some certainty about next year.|mr|pa]]"
The commissioner added: "[[Nobody should open a letter and find their rent has gone up by a third.|mr|ro]]"

The Landlords' Association warned that the cap would "[[choke off investment in new housing.|la|og]]"
Pauline Hewitt, a tenant in the Eastside district, said her rent had risen by 28 percent in two years.
"[[I'm 71.
Where am I supposed to go?|ph|sb]]" asked Hewitt.
The association said the city's figures were "[[cherry-picked.|la|og]]"
""",
)

Q(
    "q041",
    {
        "gh": ("Greta Holm", ["Greta Holm", "Holm", "Dr. Greta Holm"]),
        "bf": ("Ben Fischer", ["Ben Fischer", "Fischer"]),
    },
    """
Lab Leak Rumours Dog New Virus Research Centre

Dr. Greta Holm, director of the new Eastmoor Virology Centre, has spent much of her first month answering questions about rumours online.
“[[When I took this job, my mother asked me, 'Are you going to make the next pandemic?'|gh|ne]]” Holm said in an interview.
“[[I told her, 'No, Mum, we're trying to stop it.'
She didn't look convinced.|gh|ms]]”

The centre's so-called “[[biosafety level four|-|sq]]” wing, designed for the most dangerous pathogens, will not open until 2027.
Ben Fischer, who leads a residents' group opposed to the centre, said: “[[We were promised a public meeting.
We got a glossy leaflet.|bf|ms]]

“[[Nobody here is anti-science.
We just want to know what happens if something goes wrong.|bf|mp]]”
Fischer said the group had collected 1,400 signatures against the centre.
""",
)

Q(
    "q042",
    {
        "wo": ("Wendell Oakes", ["Wendell Oakes", "Oakes"]),
        "mh": ("Mira Holt", ["Mira Holt", "Holt", "Rep. Mira Holt"]),
        "ew": ("Eddie Walsh", ["Eddie Walsh", "Walsh"]),
    },
    """
Veteran Lawmaker Announces Retirement After 30 Years

Rep. Wendell Oakes, who has represented the Fourth District since 1995, said on Monday that he would not seek re-election.
“[[I have loved every day of this job, even the bad ones,|wo|tr]]” Oakes told reporters outside his district office.
“[[But my grandchildren have been very clear.
They told me, 'Grandpa, it's time to come home.'|wo|ne]]”

Rep. Mira Holt, a Republican who served with Oakes on the transportation committee for a decade, paid tribute.
“[[Wendell and I disagreed about almost everything,|mh|sb]]” said Holt.
“[[But when he said, 'You have my word,' you could take it to the bank.|mh|ne]]”

Eddie Walsh, a longtime aide, recalled the congressman's habits.
“[[He read every letter that came into the office.
Every single one.|ew|mp]]

“[[People used to think it was a form letter when he wrote back.
It never was.|ew|mp]]”
""",
)

Q(
    "q043",
    {
        "vm": ("Valentina Moreau", ["Valentina Moreau", "Moreau"]),
        "tf": ("Tobias Frey", ["Tobias Frey", "Frey", "Det. Sgt. Tobias Frey"]),
        "al": ("Alain Moreau", ["Alain Moreau", "Alain"]),
    },
    """
Art Dealer Charged Over Forged Paintings

A gallery owner in Lyonne has been charged with selling at least 14 forged paintings attributed to minor 19th-century landscape artists, police said on Thursday.
Valentina Moreau, 52, is accused of selling the works for a total of about €2.1 million.
According to Det. Sgt. Tobias Frey, the forgeries were “[[good enough to fool two auction houses and one museum.|tf|at]]”
Frey told reporters that some of the canvases had been “[[aged with tea and a hair dryer.|tf|tr]]”

Her husband, Alain Moreau, insisted she was innocent.
“[[She was deceived like everybody else.
She bought these paintings in good faith,|al|pr]]” he said.

A so-called “[[certificate of authenticity|-|sq]]” found with one painting carried the signature of an expert who died in 1988.
Police have not said where the paintings were made.
""",
)

Q(
    "q044",
    {
        "jk": ("Jane Kessler", ["Jane Kessler", "Kessler", "the fire marshal"]),
        "ow": ("Omar Wahid", ["Omar Wahid", "Wahid"]),
    },
    """
Warehouse Fire Forces Evacuation of Riverside Homes

A fire at a paint warehouse in the Riverside industrial zone forced the evacuation of about 300 homes overnight.
Residents were woken by police officers knocking on doors and shouting "[[Get out now!|-|un]]"
"[[The smoke was so thick you couldn't see the end of the street,|ow|sb]]" said Omar Wahid, who lives on Canal Road.
"[[My neighbour carried her cat out in a laundry basket.|ow|cn]]"

Fire marshal Jane Kessler, the city's chief fire investigator, said: "[[We have not ruled anything out, including arson.|jk|ap]]"
The fire marshal said the blaze was "[[under control but not out.|jk|ro]]"
A note pinned to the warehouse gate on Friday morning said simply "[[Closed.|-|un]]"
""",
)

Q(
    "q045",
    {
        "hs": ("Hugh Sefton", ["Hugh Sefton", "Sefton"]),
        "ls": ("Lydia Sefton", ["Lydia Sefton", "Lydia"]),
        "ke": ("Kenji Endo", ["Kenji Endo", "Endo", "Trade Secretary Kenji Endo", "the trade secretary"]),
    },
    """
Distillery Owners Fear Tariff Hit

Hugh Sefton and his sister Lydia run a whisky distillery on the island of Carra that their grandfather founded in 1948.
Hugh Sefton said new American tariffs could cost the business a third of its sales.
‘[[The United States is our biggest market by a mile,|hs|pr]]’ he said.
‘[[If this goes ahead, we will have to let people go.|hs|cn]]’

Lydia Sefton, who handles exports, said the tariffs were ‘[[a sledgehammer to crack a nut|ls|pa]]’.
‘[[We sell 40,000 bottles a year.
We are not a threat to anybody's economy,|ls|ms]]’ she said.

Trade Secretary Kenji Endo said the government was ‘[[working day and night|ke|pa]]’ to secure an exemption.
The trade secretary told reporters that talks were ‘[[at a delicate stage|ke|tr]]’.
The government's so-called ‘[[export champions|-|sq]]’ scheme offers small firms little help with tariffs.
""",
)

Q(
    "q046",
    {
        "ra": (
            "Roberta Alvarez",
            ["Roberta Alvarez", "Alvarez", "Police Commissioner Roberta Alvarez", "the commissioner"],
        ),
        "dj": ("Damon Jefferies", ["Damon Jefferies", "Jefferies"]),
    },
    """
City Tests Gunshot Sensors in Three Neighbourhoods

The city will install gunshot detection sensors in three neighbourhoods under a one-year trial, Police Commissioner Roberta Alvarez said on Tuesday.
Alvarez said: “[[Every second counts when someone has been shot.
These sensors can get officers to the scene before the first 911 call comes in.|ra|co]]”

The commissioner said the trial would cost “[[about $1.4 million, paid for by a federal grant.|ra|ro]]”
Civil liberties groups have questioned the so-called “[[smart policing|-|sq]]” programme.
Damon Jefferies, a community organiser in one of the trial areas, said: “[[Nobody asked us whether we wanted microphones on our lampposts.|dj|co]]

“[[Who listens to the recordings?
How long are they kept?|dj|mp]]”
According to the commissioner, the sensors “[[only record loud impulsive sounds, not conversations.|ra|at]]”
""",
)
