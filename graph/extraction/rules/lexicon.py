"""Word lists of German and English business news: roles, reasons, methods, channels, triggers.

Each table maps a regular expression (matched case-insensitively on word boundaries unless
noted) to the normalised label the records use. Order matters where a longer phrase must win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """A set from a whitespace-separated word list."""
    return frozenset(text.split())


def alternation(patterns: Iterable[str]) -> str:
    """One regex alternative of many, longest first so that longer phrases win."""
    return "|".join(sorted(set(patterns), key=len, reverse=True))


# ---------------------------------------------------------------- roles
# (surface regex, label); the label is what the record's `role` holds.
ROLES: list[tuple[str, str]] = [
    (r"co-?ceo|co-?chef(?:in)?|co-chief executive(?: officer)?|co-vorstandschef(?:in)?", "Co-CEO"),
    (r"brand ceo|markenchef(?:in)?|markenvorstand|head of the \w+ brand", "Brand CEO"),
    (r"(?:group |company |global )?ceo|chief executive(?: officer)?|president and (?:ceo|chief executive)"
     r"|chairman and (?:ceo|chief executive)|konzernchef(?:in)?|konzernlenker(?:in)?|vorstandschef(?:in)?"
     r"|vorstandsvorsitzende[rn]?|unternehmenschef(?:in)?|firmenchef(?:in)?|vorsitzende[rn]? der geschäftsführung"
     r"|vorsitzende[rn]? des vorstands|geschäftsführer(?:in)?|managing director|boss|top manager(?:in)?|chef(?:in)?", "CEO"),
    (r"cfo|chief financial officer|finanzvorstand|finanzvorständin|finanzchef(?:in)?|finance chief"
     r"|finanzgeschäftsführer(?:in)?|finance director|finanzdirektor(?:in)?", "CFO"),
    (r"cmo|chief medical officer|medizinvorstand|medizinvorständin", "Chief Medical Officer"),
    (r"coo|chief operating officer|operativer? chef(?:in)?|produktionsvorstand|produktionsvorständin", "COO"),
    (r"cto|chief technology officer|technikvorstand|technikvorständin|technologiechef(?:in)?|technikchef(?:in)?", "CTO"),
    (r"personalvorstand|personalvorständin|arbeitsdirektor(?:in)?|hr board member|board member for (?:hr|human resources)",
     "HR Board Member"),
    (r"(?:senior )?vize-?präsident(?:in)? für (?:personal\w*|human resources|hr)|(?:senior )?(?:vice president|vp)"
     r" (?:of )?(?:human resources|hr|people(?: experience and technology)?)|personalchef(?:in)?|hr-chef(?:in)?"
     r"|personalleiter(?:in)?|head of (?:hr|human resources|people)|hr (?:chief|head)|chief people officer"
     r"|chief human resources officer|chro|leiter(?:in)? der personalabteilung", "VP Human Resources"),
    (r"leiter(?:in)? (?:der )?(?:unternehmens|konzern)?kommunikation|kommunikationschef(?:in)?"
     r"|head of (?:corporate )?communications|communications director|director of communications",
     "Spokesperson"),
    (r"(?:unternehmens|konzern|firmen|presse|bank|betriebsrats|gewerkschafts)?sprecher(?:in)?"
     r"|(?:company |press )?spokes(?:person|man|woman)|pressesprecher(?:in)?", "Spokesperson"),
    (r"(?:gesamt|konzern)?betriebsrats(?:chef(?:in)?|vorsitzende[rn]?)|vorsitzende[rn]? des (?:gesamt|konzern)?betriebsrat(?:e)?s"
     r"|(?:general )?works council (?:chair(?:man|woman)?|head|chief|leader)|head of the (?:general )?works council",
     "Works Council Chair"),
    (r"aufsichtsrats(?:chef(?:in)?|vorsitzende[rn]?)|vorsitzende[rn]? des aufsichtsrats|chair(?:man|woman|person)?"
     r"(?: of the (?:supervisory )?board)?", "Chair"),
    (r"(?:chef)?verhandlungsführer(?:in)?|(?:chief|lead|union) negotiator", "Chief Negotiator"),
    (r"eigentümer(?:in)?|mehrheitseigner(?:in)?|großaktionär(?:in)?|hauptaktionär(?:in)?|investor(?:in)?|milliardär(?:in)?"
     r"|owner|majority shareholder|major shareholder|controlling shareholder|billionaire", "Owner/Investor"),
    (r"mitgründer(?:in)?|mitbegründer(?:in)?|gründer(?:in)?|co-?founder|founder", "Co-founder"),
    (r"analyst(?:in)?", "Analyst"),
    (r"(?:chef)?volkswirt(?:in)?|ökonom(?:in)?|(?:chief )?economist", "Economist"),
    (r"(?:bezirks|gewerkschafts)leiter(?:in)?|gewerkschaftschef(?:in)?|union (?:leader|chief|head|president)"
     r"|(?:erste[rn]? |zweite[rn]? )?bevollmächtigte[rn]?|bezirksvorsitzende[rn]?"
     r"|\w+(?:bereichs|abteilungs|fachbereichs|landesbezirks|bezirks|standort|werks)leiter(?:in)?", "Head"),
    (r"(?:national|regional|full-time|district) officer|union official|gewerkschaftssekretär(?:in)?", "Union official"),
    (r"(?:managing |general |senior )?partner(?:in)?", "Partner"),
    (r"präsident(?:in)?|president", "President"),
    (r"(?:senior )?vize-?präsident(?:in)?|(?:senior |executive )?vice president|svp|evp"
     r"|vorstandsmitglied|vorstand|leiter(?:in)?|head|direktor(?:in)?|director|manager(?:in)?",
     "Head"),
]  # fmt: skip
ROLE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:{p})", re.I), label) for p, label in ROLES
]
ROLE_RE = alternation(p for p, _ in ROLES)


def role_label(text: str) -> str | None:
    """The normalised label for a role phrase ("Konzernchefin" -> CEO), or None."""
    t = " ".join(text.split()).strip(" ,.")
    t = re.sub(r"^(?:der|die|das|the|a|an|its|seine|ihre)\s+", "", t, flags=re.I)
    for pattern, label in ROLE_PATTERNS:
        if pattern.fullmatch(t):
            return label
    # "Amazon-Chef", "Siemens-Personalvorständin": the role is the compound's last part
    if "-" in t:
        return role_label(t.rsplit("-", 1)[1])
    # "head of automotive research", "president of the Chamber": the role is the head of the phrase
    head = re.sub(r"\s+(?:of|für|at|bei)\s+.*$", "", t, flags=re.I)
    if head == t:  # "Landesfachbereichsleiterin Handel": the field after the role
        head = re.sub(r"\s+[A-ZÄÖÜ][a-zäöü]+$", "", t)
    return role_label(head) if head != t else None


# ---------------------------------------------------------------- event triggers
CUT = (
    r"streich\w*|gestrichen|entlass\w*|entlässt|entließ\w*|abzubauen|abgebaut|abbauen|abbaut|stellenabbau\w*"
    r"|abbau|arbeitsplatzabbau|jobabbau|personalabbau|stellenstreichung\w*|kahlschlag|massenentlassung\w*"
    r"|abbauwelle\w*|abbaurunde\w*|sparrunde\w*|entlassungsrunde\w*|kündigungsrunde\w*"
    r"|entlassungswelle\w*|kündigungen|kündigungswelle|kürzung\w*|stellenkürzung\w*|einschnitt\w*|wegrationalisiert|rationalisierung|jobkiller|streicht"
    r"|vor die tür (?:ge)?setzt|(?:job|jobs|arbeitsplatz|arbeitsplätze|stelle|stellen) (?:verlieren|verloren)"
    r"|(?:müssen|muss|sollen|soll) (?:das unternehmen )?gehen|fallen weg|wegfallen|weggefallen|wegfall|entfallen|opfert"
    r"|vor dem aus|verlier\w* (?:\w+ )?(?:ihren|ihre|seinen|seine|den|die) (?:arbeitsplatz|arbeitsplätze|job|jobs|stelle)"
    r"|(?:baut|bauen|baute|bauten)\b(?:[^.]|\.(?=\d)){0,60}\bab\b|(?:fallen|fällt|fielen|fiel)\b(?:[^.]|\.(?=\d)){0,60}\bweg\b"
    r"|lay(?:s|ing)? off|laid off|layoffs?|job cuts?|cuts?|cutting|eliminat\w*|slash\w*|shed(?:s|ding)?|axe[sd]?"
    r"|axing|redundanc\w*|let go|lose their jobs|los(?:e|es|ing) (?:around |about |some |roughly )?\d[\d,.]*"
    r"|job losses|loss of (?:\w+ )?\d[\d,.]* (?:jobs|positions|roles|posts)|workforce reduction|reduction in force"
    r"|downsiz\w*"
    r"|terminat\w*|fired|firing|zur kündigung (?:an)?(?:gemeldet|angemeldet|anmelden|anzumelden)"
    r"|(?:placed|put) at risk of redundancy|registered (?:\w+ ){0,6}for (?:dismissal|redundancy)"
    r"|(?:jobs|roles|positions|posts)(?: (?:are|were|now|will be|could be|would be))? at risk(?! of)"
)
NEUTRAL = (
    r"reduzier\w*|reduzierung\w*|senken|senkt|gesenkt|verkleiner\w*|verringer\w*|schrumpf\w*|sinken|einspar\w*"
    r"|reduc\w*|shrink\w*|trim\w*|scal\w+ back|lower headcount"
)
FREEZE = (
    r"einstellungsstopp?|einstellungs-stopp|keine neuen (?:mitarbeiter\w*|stellen|beschäftigten)"
    r"|nicht (?:mehr )?(?:nach|neu )?besetz\w*|nicht nachbesetz\w*|hiring freeze|freez\w* (?:on )?hiring"
    r"|(?:paus|halt|stopp|stop|slow|freez|suspend)\w* (?:on |most |all |external |lateral |new |further |its |our )*hiring"
    r"|not (?:be )?backfill\w*|hiring (?:freeze|pause|stop)|(?:einstellungen|neueinstellungen) (?:\w+ )?(?:gestoppt|ausgesetzt)"
)
SOFT = (
    r"(?:natürliche )?fluktuation|altersteilzeit|vorruhestand\w*|frühverrentung|abfindungsprogramm\w*"
    r"|freiwilligenprogramm\w*|freiwillig\w*|sozialverträglich\w*|keine betriebsbedingten kündigungen"
    r"|betriebsbedingte kündigungen (?:\w+ ){0,5}(?:ausgeschlossen|vermieden|verzichtet)|ohne betriebsbedingte kündigungen"
    r"|attrition|natural turnover|early retirement|voluntary (?:buyouts?|redundanc\w*|departures?|separations?"
    r"|exits?|leave|severance|programs?|programmes?)|buyouts?|no (?:forced|compulsory) (?:layoffs|redundancies)"
    r"|without (?:forced|compulsory) (?:layoffs|redundancies)"
)
PLAN = (
    r"restrukturierungs(?:plan|programm)\w*|restrukturierung\w*|sparprogramm\w*|sparpaket\w*|effizienzprogramm\w*"
    r"|transformationsprogramm\w*|umbauprogramm\w*|zukunftspakt\w*|werksschließung\w*|standortschließung\w*"
    r"|schließung\w*|ausgliederung\w*|verlagerung\w*|schließ\w* (?:\w+ ){0,2}(?:werk|werke|standort\w*|fabrik\w*"
    r"|filiale\w*|niederlassung\w*|geschäftsstelle\w*)|schließ\w* (?:\w+ ){0,3}(?:häuser|warenhäuser|kaufhäuser|filialen|märkte)"
    r"|(?:werk|standort|fabrik|häuser|filialen) (?:\w+ ){0,3}dicht\w*"
    r"|restructuring (?:plan|program|programme)|reorgani[sz]ation|plant closures?|site closures?"
    r"|(?:clos|shut)\w* (?:down )?(?:\w+ ){0,4}(?:plants?|factories|factory|sites?|stores|offices|facilit\w+|branches"
    r"|mills?|depots?|warehouses?|studios?|locations|outlets|shops)"
    r"|outsourc\w*|transformation (?:plan|program|programme)"
)
EVENT_ANAPHOR = (
    r"(?:dieser|dieses|diese|der|die|das|den|dem) (?:geplante\w* )?(?:schritt|maßnahme\w*|kürzung\w*|reduzierung\w*"
    r"|stellenabbau|abbau|entlassung\w*|einschnitt\w*|umbau|pläne|plan|entwicklung\w*|entscheidung|sparkurs)"
    r"|the (?:move|cuts|layoffs|job cuts|reductions|decision|plan|restructuring|changes|reorgani[sz]ation)"
    r"|(?:this|these) (?:move|cuts|layoffs|reductions|decision|changes)"
    r"|betroffen\w*|affected|affects|betrifft|betreffen|(?:die|den|der) betroffenen (?:[\w]+-)?(?:mitarbeite\w*|beschäftigten|angestellten)|affected (?:employees|workers|staff)"
)
JOB_NOUN = (
    r"stellen|arbeitsplätze\w*|jobs?|mitarbeite\w*|beschäftigte\w*|angestellte\w*|positionen|vollzeitstellen"
    r"|vollzeitkräfte\w*|vollzeitäquivalente\w*|arbeitskräfte\w*|menschen|personen|leute|arbeitnehmer\w*"
    r"|fachkräfte\w*|stellen\w*|beschäftigungsverhältnisse|leiharbeit\w*|zeitarbeit\w*|positions|roles|employees"
    r"|workers|staff(?:ers)?|contractors|temps|temporary workers|journalists|engineers|nurses|drivers|pilots"
    r"|technicians|redakteur\w*|journalist\w*|ingenieur\w*|pflegekräfte|fahrer\w*|techniker\w*"
    r"|people|team members|members of staff|full-time employees|white-collar jobs|corporate (?:jobs|roles|employees)"
    r"|headcount|fte"
)
WORKFORCE_NOUN = (
    r"belegschaft|mitarbeite\w*|beschäftigte\w*|angestellte\w*|stellen|arbeitsplätze|jobs|personal|workforce"
    r"|employees|staff|workers|headcount|jobs|positions|roles|vollzeitkräfte|arbeitskräfte"
)
ANNOUNCE = (
    r"verkünd\w*|kündig\w*[^.]{0,120}\ban\b|angekündigt|ankündig\w*|teilt\w*[^.]{0,120}\bmit\b|mitgeteilt|mitteilt\w*"
    r"|gab\w*[^.]{0,80}"
    r"\bbekannt\b|bekanntgegeben|bekannt gegeben|informiert\w*|meldet\w*|bestätigt\w*|schrieb|schreibt|erklärt\w*"
    r"|sagt\w*|announc\w*|said|says|told|wrote|writes|confirmed|disclosed|informed|unveiled|revealed|notified"
    r"|vorgestellt|vorgelegt|präsentiert\w*|geht aus\b[^.]{0,120}\bhervor|outlined|detailed"
)
SPEECH = (
    r"sagte|sagt|sagten|erklärte|erklärt|betonte|betont|meinte|schrieb|schreibt|ergänzte|fügte\w*[^.]{0,40}hinzu"
    r"|bezeichnete|nannte|lobte|sprach von|warnte|kritisierte|bekräftigte|räumte\w*[^.]{0,40}\bein|zitiert\w*"
    r"|wies\w*[^.]{0,80}\bzurück|verkündete|so\b|laut|zufolge|said|says|told|added|wrote|writes|explained"
    r"|stressed|noted|called|described|according to|warned|insisted|argued|stated|tweeted|posted"
    r"|spricht von|sprechen von|sprach\w* von|die rede|kündigte\w*[^.]{0,60}\ban|hält\w*[^.]{0,60}\bfür|beziffert\w*"
    r"|versichert\w*|bestätigte|warnt|kritisiert|calls|described|pointed to|vowed|begründete|begründet"
    r"|teilte\w*[^.]{0,60}\bmit\b|said in a statement"
)
SUBJUNCTIVE = (
    r"\b(?:sei|seien|habe|hätten|werde|würden|könne|müsse|gehe|ermögliche|solle|wolle|gebe|lasse|komme|kämen|käme"
    r"|bleibe|liege|stehe|zwinge|fehle|drücke|mache|führe)\b"
)

PAST_MARKERS = (
    r"\bbereits\b(?!\s+(?:\w+\s+)?(?:angekündigt|mitgeteilt|bekannt))|\bschon\b|\bzuvor\b|\bdamals\b|\bfrüher\b"
    r"|\bim vergangenen (?:jahr|sommer|herbst|winter|frühjahr|monat)|\bvergangenes jahr\b|\bim vorjahr\b"
    r"|\bletzte[ns]? jahr\b|\bin den (?:letzten|vergangenen) \w+ (?:monaten|jahren)\b|\bhatten? \b"
    r"|\bpreviously\b|\bearlier\b|\blast year\b|\balready\b(?!\s+announced)|\bhad (?:cut|laid|eliminated|shed|announced|reduced|slashed)\b"
    r"|\bin a previous\b|\ba year ago\b|\bago\b|\bprior\b"
)
# A figure that sums rounds over time ("innerhalb von drei Monaten", "bringing the total since"), not a
# programme's total ("Insgesamt sollen 570 Stellen wegfallen", "In total, 310 roles will be cut").
AGGREGATE_MARKERS = (
    r"(?<!,\s)\bdamit (?:\w+ ){0,3}(?:insgesamt|bereits|schon|bisher)\b|\bbringing\b|\bbisher\b|\bso far\b"
    r"|\binnerhalb (?:von )?(?:nur )?\w+ (?:monaten|jahren|wochen)\b|\bseit\b|\bsince\b|\bcumulative\w*\b|\bcombined\b"
    r"|\bwithin (?:just |only )?\w+ (?:months|years|weeks)\b|\bover the (?:past|last) \w+ (?:months|years)\b"
)
PART_MARKERS = r"\bdavon\b|\bdarunter\b|\bof (?:them|those|which)\b|\bincluding\b|\bunter anderem\b"
SPECULATION = r"\bkönnte\w*\b|\bdürfte\b|\bvermutlich\b|\bmöglicherweise\b|\bcould\b|\bmight\b|\bmay\b|\bspekulier\w*|\bspeculat\w*"
NEGATION = r"\b(?:nicht|kein\w*|nichts|not|no|nothing|never|nie)\b"
DISPLACED = (
    r"\bzuvor\b|\bdamals\b|\bfrüher\b|\bpreviously\b|\bearlier\b|\bin the past\b|\bin der vergangenheit\b"
)
HIRING = r"\bneue\w*\b|\b(?-i:new)\b|\beinstell\w*|\bhir(?:e|es|ed|ing)\b|\bschaff\w*|\bcreat\w*|\badd(?:s|ed|ing)?\b|\brekrutier\w*|\bsuch\w*"

# ---------------------------------------------------------------- reasons (label -> regex)
REASONS: list[tuple[str, str]] = [
    ("ai", r"ki|ki-\w+|\w+-ki|künstliche\w* intelligenz|ai|ai-\w+|artificial intelligence|generative ai|genai"
           r"|maschinelle\w* lernen|machine learning|large language models?"),
    ("automation", r"automatisierung\w*|automation|automat(?:e|ing|ed)\b|roboter\w*|robots?|robotics"),
    ("efficiency", r"effizienz\w*|efficien\w*|produktivität\w*|productivity|streamlin\w*|schlanker\w*|leaner|agiler"
                   r"|simplif\w* (?:\w+ ){0,2}(?:organi[sz]ation|structure|operations|business)"),
    ("cost", r"(?:betriebs|personal|lohn|fix)?kosten (?:\w+ ){0,2}(?:senken|sparen|reduzieren|drücken)|kostensenkung\w*"
             r"|personalkosten|lohnkosten|mieten|(?:wage|labou?r|staff) costs|cost base|kostenbasis"
             r"|kosteneinsparung\w*|kostendruck|hohe\w* kosten|steigende\w* kosten|kosten\w* zu senken"
             r"|(?:cut|cutting|reduce|reducing|lower|lowering|rein in|control|curb)\w* (?:\w+ )?(?:costs?|expenses|spending)"
             r"|cost[- ](?:cutting|reduction|savings?|pressures?)|high(?:er)? costs|rising costs|operating costs"
             r"|(?:employment|personnel|payroll) costs|sparprogramm\w*|sparkurs\w*|kostensparprogramm\w*"
             r"|tak\w* (?:\w+ )?costs? out|cost-competitive|sachkosten|gestiegen\w* (?:\w+ )?kosten"
             r"|high (?!energy)\w+(?: and \w+)? costs"),
    ("bureaucracy", r"bürokratie\w*|\w*bürokratie|hierarchie\w*|managementebenen|führungsebenen|bureaucra\w*"
                    r"|(?:management )?layers|flatten\w*|red tape"),
    ("culture", r"unternehmenskultur|firmenkultur|kultur|culture"),
    ("profitability", r"rentabilität|profitabilität|profitab\w*|marge\w*|margins?|rendite\w*"),
    ("financial_performance", r"finanziell bedingt|umsatzrückgang\w*|umsatzeinbruch\w*|verlust\w*|rote\w* zahlen"
                              r"|gewinneinbruch\w*|gewinnrückgang\w*|schwache\w* (?:zahlen|ergebnisse|geschäft\w*)"
                              r"|financial performance|revenue (?:decline|drop|shortfall)|declining (?:revenue|sales)"
                              r"|weak (?:results|revenue|earnings)|losses|falling (?:sales|revenue|profits?)"
                              r"|missed (?:\w+ )?(?:revenue|sales|profit) (?:targets|goals|forecasts)|net loss\w*"
                              r"|patentablauf\w*|patent expir\w*|umsatzziele? verfehlt|operating loss\w*|profit warning"
                              r"|(?:revenue|sales|umsatz)\w* growth (?:had |has )?(?:slowed|stalled)|slowing (?:revenue|sales) growth"
                              r"|gewinnwarnung|(?:sales|revenue|revenues|umsatz|umsätze|erlöse) (?:[\w%]+ ){0,7}(?:fell|dropped"
                              r"|declined|sank|fiel|fielen|brach\w* ein|eingebrochen|gesunken|ging\w* zurück|zurückgegangen)"),
    ("overhiring", r"overhir\w*|over-hir\w*|hired too (?:many|quickly|fast)|zu viele\w* (?:leute |mitarbeiter\w* )?eingestellt"
                   r"|pandemic hiring|pandemie-boom|überbesetzt|overstaffed|over-?expan\w*|grew too (?:fast|quickly)"
                   r"|zu schnell gewachsen|jahren des booms|hired (?:too )?aggressively|hired ahead of|zu schnell eingestellt"
                   r"|zu viel personal|built (?:up )?more capacity than|boomjahren|grew (?:our |its )?headcount"),
    ("macroeconomic", r"konjunktur\w*|rezession|wirtschaftskrise|wirtschaftliche\w* unsicherheit|wirtschaftsflaute"
                      r"|makroökonom\w*|inflation|zölle\w*|tariffs?|macroeconomic|macro|economic (?:uncertainty|downturn"
                      r"|conditions|environment|slowdown)|recession|economy|finanzierungsumfeld\w*|funding environment"
                      r"|interest rates|zinsen|zinsumfeld|geopoliti\w*|economic climate|uncertain\w* (?:\w+ ){0,3}economy"
                      r"|starke\w* (?:franken|euro)|strong (?:franc|euro|dollar)|wechselkurs\w*|exchange rates?|zoll"),
    ("demand", r"nachfrage\w*|absatzrückgang\w*|absatzkrise|auftragsrückgang\w*|auftragsflaute|demand|weak sales"
               r"|customer spending|consumer spending|sales slump|customers no longer|fewer (?:customers|orders|visitors)"
               r"|weniger kunden|auftragseingang\w*|(?:e-commerce|order|sales|shipping) volumes|volumes?"
               r"|auftragslage|kaufzurückhaltung|konsumflaute|absatzflaute|absatzschwäche|weniger aufträge|auftragsmangel"
               r"|(?:orders?|bookings|aufträge|bestellungen) (?:[\w%]+ ){0,6}(?:eingebrochen|gesunken|zurückgegangen|slid\w*|slide\w*|fell|fallen|falling|declin\w*|dr(?:y|ied) up|slump\w*)"
               r"|postpon\w* (?:\w+ )?orders|fewer orders|sales cycles|(?:rein\w* in|tighten\w*|scrutini[sz]\w*) (?:\w+ ){0,3}"
               r"(?:spending|budgets?|purchases?)|kunden (?:\w+ ){0,3}(?:zurückhaltend|zurückhalten|investitionen zurück)"
               r"|(?:slump|drop|fall|decline|collapse|slowdown) in (?:\w+ )?(?:orders|demand|sales|bookings)"
               r"|(?:spending|spend|buying|ordering) less|abrufe\w*|rückläufige\w* (?:aufträge|nachfrage|bestellungen)"
               r"|(?:weak|weaker|soft|softer|lower|falling|declining|sluggish) (?:orders|bookings|order intake)"
               r"|(?:markt|market)\w* (?:\w+ ){0,4}(?:schrumpf\w*|shrink\w*|contract\w*)"),
    ("competition", r"wettbewerb\w*|konkurrenzdruck|konkurrenz\w*|preisdruck|billigimport\w*|competition|competitive\w*"
                    r"|price pressure|pricing pressure|price competition|preiskampf\w*|\w+konkurrenz"
                    r"|(?:cheap|cheaper|low-cost|low-price) (?:imports|rivals|competitors|producers|suppliers)"),
    ("overcapacity", r"überkapazität\w*|overcapacity|over-capacity|excess capacity|(?:low|poor|under-?)\s?utili[sz]ation"
                     r"|\d+ (?:percent|per cent|%) utili[sz]ation|unterauslastung|auslastung|unterausgelastet\w*"
                     r"|underused (?:plants|capacity|sites)|underutili[sz]ed|idle capacity|spare capacity"),
    ("energy_costs", r"energiekosten|energiepreise\w*|strompreise\w*|gaspreise\w*|energy (?:costs|prices)|gas prices"
                     r"|electricity (?:prices|costs|bills)|power prices|gas und strom|strom und gas"
                     r"|(?:energy|power|gas) bills|energierechnung\w*|stromkosten|gaskosten"
                     r"|kosten für (?:energie|strom|gas)|and energy (?:costs|prices)"),
    ("regulation", r"regulierung\w*|überregulierung|regulation\w*|regulatory (?:\w+ )?(?:pressure|burden|requirements|costs"
                   r"|demands|rules)|berichtspflichten|dokumentationspflichten|regulatorische\w* (?:\w+ )?(?:anforderungen|auflagen)"),
    ("strategy", r"neuausrichtung|strategische\w* (?:neuausrichtung|prioritäten|fokus\w*)|fokussierung|refocus\w*"
                 r"|realign\w*|strategic (?:priorities|shift|refocus|review)|growth areas|wachstumsfelder\w*"
                 r"|reallocat\w*|ressourcen umschicht\w*|kerngeschäft\w*|core business|(?:re)?focus\w* (?:\w+ )?on"
                 r"|konzentrier\w* (?:sich )?(?:\w+ )?auf|priorit(?:i[sz]\w*|ies)|wind(?:ing)? down|auslaufen\w*"),
    ("divestment", r"abspaltung\w*|divest\w*|spin-?off|verkauf von (?:geschäfts|unternehmens)\w*"),
]  # fmt: skip
REASON_PATTERNS = [(label, re.compile(rf"(?<![\w-])(?:{p})(?![\w])", re.I)) for label, p in REASONS]
REASON_CUE = (
    r"\b(?:grund|gründe|grunde|hintergrund|begründe\w*|wegen|aufgrund|angesichts|infolge|ursache\w*|reasons?|because"
    r"|due to|citing|cited|blam\w*|attribut\w*|driven by|as a result of)\b"
)
CAUSAL = (
    r"durch|wegen|aufgrund|angesichts|zugunsten|infolge|um\b.{0,60}\bzu\b|ziel|grund|gründe|begründe\w*|bedingt"
    r"|hintergrund|gehe es um|geht es um|soll\w* .{0,40}ermöglich\w*|ermöglich\w*|zusammenhang|because|due to"
    r"|as a result|driven by|amid|citing|cited|to (?:reduce|cut|boost|improve|focus|streamline|invest)"
    r"|in order to|reason|blam\w*|attribut\w*|part of an effort|aim\w*|goal|focus"
)

# ---------------------------------------------------------------- methods (extension row)
METHODS: list[tuple[str, str]] = [
    ("attrition", r"(?:natürliche\w* )?fluktuation|attrition|natural turnover|not backfill\w*|nicht nachbesetz\w*"),
    ("early_retirement", r"vorruhestand\w*|frühverrentung\w*|early retirement"),
    ("partial_retirement", r"altersteilzeit\w*|partial retirement"),
    ("voluntary_leave", r"abfindungsprogramm\w*|freiwilligenprogramm\w*|freiwillig\w* (?:abgänge|ausscheiden|programm\w*)"
                        r"|voluntary (?:buyouts?|redundanc\w*|departures?|separations?|exits?|leave|programs?)|buyouts?"),
    ("hiring_freeze", FREEZE),
    ("reskilling", r"umschulung\w*|weiterbildung\w*|qualifizierung\w*|reskill\w*|retrain\w*|upskill\w*"),
    ("outsourcing", r"ausgliederung\w*|auslagerung\w*|outsourc\w*"),
    ("divestment", r"verkauf von \w+|divest\w*|sale of (?:the |its )?\w+"),
    ("plant_closure", r"werksschließung\w*|standortschließung\w*|schließung\w* (?:des|der|von) \w+|plant closures?"
                      r"|site closures?|clos\w+ (?:\w+ ){0,2}(?:plants?|factories|factory|sites?)"),
    ("production_end", r"produktion\w* (?:\w+ )?einstell\w*|produktionsende|end of production|end production"),
    ("office_reduction", r"büroflächen|office space|office closures?|real estate"),
    ("severance", r"abfindung\w*|severance"),
    ("no_forced_layoffs", r"keine betriebsbedingten kündigungen|ohne betriebsbedingte kündigungen|no (?:forced|compulsory)"
                          r" (?:layoffs|redundancies)|without (?:forced|compulsory) (?:layoffs|redundancies)"),
    ("internal_transfer", r"intern\w* (?:auf |um )?(?:neue |andere )?(?:stellen|positionen|jobs|rollen)\w*|intern\w* bewerb\w*"
                          r"|internal (?:transfers?|mobility|redeployment|roles)|apply for (?:other |new )?(?:roles|jobs|positions) internally"
                          r"|sich intern"),
]  # fmt: skip
METHOD_PATTERNS = [(label, re.compile(rf"(?<![\w-])(?:{p})(?![\w])", re.I)) for label, p in METHODS]

# ---------------------------------------------------------------- channels (label -> regex), by priority
CHANNELS: list[tuple[str, str]] = [
    ("sec_filing", r"sec[- ]filing|filing with the (?:u\.?s\.? )?(?:sec|securities)|8-k|form 8-k|regulatory filing|in a filing"
                   r"|pflichtmitteilung\w*|börsenpflichtmitteilung|mitteilung an die (?:us-)?(?:sec|börsenaufsicht|aufsichtsbehörde)"
                   r"|bei der (?:us-)?börsenaufsicht\b|(?:an|bei) die sec|filed with the sec"),
    ("press_release", r"pressemitteilung\w*|pressemeldung\w*|presseerklärung\w*|press release|ad-hoc-mitteilung\w*"
                      r"|ad-hoc-meldung\w*|news release|communiqu[ée]\w*|medienmitteilung\w*|trading update"),
    ("memo", r"memo\w*|rundschreiben|rundmail|interne\w* (?:mitteilung|schreiben|e-mail|mail|nachricht|brief)"
             r"|(?:schreiben|brief|mail|e-mail|nachricht|botschaft) an (?:die|alle) (?:mitarbeite\w*|belegschaft|beschäftigten)"
             r"|internal (?:memo|email|e-mail|message|note|letter)|(?:email|e-mail|letter|note|message) to (?:staff|employees"
             r"|workers|the workforce|all employees)|per e-?mail|in (?:einer|der|seiner|ihrer) e-?mail|(?<!said )(?<!says )in an? e-?mail"
             r"|(?:schreiben|brief) (?:von|des|der) [^.]{0,60}an die (?:belegschaft|mitarbeite\w*|beschäftigten)"
             r"|in (?:seinem|ihrem|einem) (?:schreiben|brief)\b|told (?:staff|employees|workers) in an? (?:e-?mail|letter|note)"),
    ("blog_post", r"blog\w*|blog post|linkedin[- ](?:post|beitrag)|post(?:ed)? on linkedin|auf linkedin"),
    ("interview", r"interview\w*|im gespräch mit"),
    ("media_statement", r"(?:in an? )?(?:\w+ )?statement to (?:the )?(?-i:[A-Z])[\w.-]*|stellungnahme gegenüber"),
]  # fmt: skip
CHANNEL_PATTERNS = [(label, re.compile(rf"(?<![\w-])(?:{p})(?![\w])", re.I)) for label, p in CHANNELS]

# ---------------------------------------------------------------- units of a company
UNITS = (
    r"einzelhandel\w*|personalabteilung|personalwesen|personalbereich|marketing\w*|kundenservice|kundendienst|vertrieb"
    r"|verwaltung|produktion|fertigung|logistik|forschung und entwicklung|buchhaltung|finanzabteilung|rechtsabteilung"
    r"|it-abteilung|backoffice|back-office|mittleres management|konzernzentrale|cloud-sparte|werbegeschäft"
    r"|retail|human resources|recruiting|sales|customer (?:service|support)|engineering|back office"
    r"|middle management|advertising|research and development|r&d|headquarters|manufacturing|supply chain"
    r"|devices|hardware|gaming|filialen|filialnetz|branches|stores|zentralfunktionen|corporate staff"
    r"|montage|endmontage|qualitätssicherung|einkauf|konstruktion|controlling|kundenbetreuung|kundensupport"
    r"|assembly|quality assurance|procurement|purchasing|customer success|head office|finance|administration"
    r"|administrative (?:staff|roles|functions|jobs)|middle managers|management layers|software development"
    r"|softwareentwicklung|newsrooms?|redaktion\w*"
)
UNIT_HEADS = (
    r"sparte|geschäftsbereich|bereich|abteilung|division|unit|business|segment|team|tochter|tochtergesellschaft"
    r"|werk|standort|fabrik|plant|site|office|niederlassung"
)

# ---------------------------------------------------------------- organisations
LEGAL_SUFFIX = (
    r"AG|SE|GmbH|gGmbH|KGaA|GmbH & Co\.? KG|AG & Co\.? KGaA|Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Ltd\.?"
    r"|Limited|PLC|plc|LLC|LLP|L\.P\.|N\.V\.|NV|S\.A\.|SA|S\.p\.A\.|SpA|AB|ASA|A/S|Oyj|Holding|Holdings|Group|Gruppe"
)
ORG_HEAD_DE = (
    r"konzern|unternehmen|hersteller|zulieferer|händler|anbieter|firma|riese|gigant|bauer|versicherer|plattform"
    r"|dienst|netzwerk|kette|discounter|start-?up|fintech|entwickler|betreiber|dienstleister|spezialist|produzent"
    r"|versorger|sender|verlag|bank|airline|fluggesellschaft|reederei|mittelständler|marktführer|softwarehaus"
    r"|gruppe|holding|tochter|mutter|rivale|konkurrent|wettbewerber|investor|finanzinvestor|gewerkschaft|portal"
    r"|magazin|zeitung|nachrichtenagentur|agentur|sender|blatt|institut|geldhaus|kreditinstitut|versicherung|verband"
    r"|sparkasse|firma|softwarefirma|autobauer|chemiekonzern|verbund|beratung|beratungsgesellschaft|kanzlei"
    r"|vermieter|lieferant|kunde|gläubiger|bäckerei|molkerei"
)
ORG_HEAD_EN = (
    r"company|firm|giant|maker|chipmaker|automaker|carmaker|retailer|startup|start-up|lender|insurer|conglomerate"
    r"|platform|provider|manufacturer|supplier|airline|operator|developer|rival|competitor|parent|group|chain|carrier"
    r"|bank|fintech|producer|publisher|broadcaster|network|service|app|brand|unit|subsidiary|union|steelmaker"
    r"|outlet|newspaper|magazine|agency|site|website|consultancy|consulting firm|tracker|research firm|brokerage"
    r"|investment bank|exchange|foundry|steelmaker|drugmaker|toolmaker|automaker|grocer|wholesaler|distributor"
    r"|utility|miner|shipper|shipbuilder|brewer|studio|health system|hospital system|hospital operator|insurer"
)
# Last words of firm names ("Gresham Steel", "Vessler Chemie", "Northgate Ventures"): a capitalised run ending in
# one names a firm, and such a word never ends a person's name.
ORG_WORDS = words(
    """Retail Group Gruppe Holding Holdings Capital Partners Ventures Foods Food Steel Stahl Networks Insurance
    Versicherung Versicherungen Pharma Automotive Logistik Logistics Systems Systeme Cloud Bank Kreditbank Energy
    Energie Motor Motors Airlines Technologies Technology Technik Technologie Media Medien Labs Software Solutions
    Industries Industrie Werke Chemie Chemicals Kunststoffe Maschinenbau Financial Finance Life Health Healthcare
    Telecom Telekom Mobile Robotics Semiconductor Semiconductors Electronics Elektronik Digital Studios Games
    Entertainment Services Consulting Investments Trust Securities Mutual Brands Kitchen Bancorp Corp Inc AG SE GmbH
    Manufacturing Aerospace Airways Shipping Pharmaceuticals Therapeutics Biotech Diagnostics Devices Instruments
    Materials Metals Mining Oil Gas Power Utilities Realty Properties Hotels Resorts Restaurants Stores Markets
    Textil Mode Fashion Apparel Beverages Brewing Brauerei Bau Baustoffe Immobilien Handel Versand Verlag
    Publishing Pictures Records Networks Communications Kommunikation Batteries Solar Wind Mobility Automation
    Maritime Marine Rail Bahn Airport Medical Medizintechnik Health Care Clinic Kliniken Savings Bancorp Exchange
    Volksbank Sparkasse Raiffeisenbank Society Research Advisors Advisory Outfitters Freight Service Interactive Tooling Engineering Packaging Printing Staffing Trading Plastics
    Precision Analytics Castings Foundry Foundries Data Biosciences Sciences Insights Dynamics Works Mills Farms
    Brewery Freight Transport Cargo Furniture Goods Supply Components Parts Tools Controls Sensors Optics Textiles
    Paper Glass Ceramics Cement Chemical Dairy Bakery Hospitals Payments Credit Lending Aviation Defense Robotics
    Microsystems Photonics Semiconductors Fabrication Metal Plast Gusswerke Fertigung Antriebe Getriebe Werkzeuge"""
)
# German compounds ending in one of these are last words of firm names too ("Dorndahl Fördertechnik",
# "Krellmann Motorkomponenten", "Solvana Spezialchemie", "Sonnhalde Möbelwerke").
ORG_WORD_ENDINGS = (
    "technik", "chemie", "werke", "anlagen", "komponenten", "maschinen", "elektronik", "armaturen", "sensorik",
    "gruppe", "versicherung", "versicherungen", "bank",
    "systeme", "kunststoffe", "logistik", "textilien", "metallbau", "stahlbau", "maschinenbau", "werkzeugbau",
    "fahrzeugbau", "hydraulik", "pneumatik", "optik", "polster", "möbel", "hausgeräte", "motoren", "pharma",
    "guss", "gießerei", "druckerei", "verpackungen", "papier", "glas", "antriebe", "getriebe", "werkzeuge", "keramik",
    "lebensmittel", "brauerei", "elektrik", "textil", "versand", "handel", "stahl", "metall", "bauteile", "kabel",
)  # fmt: skip
UNION_WORDS = words("Union Gewerkschaft Teamsters Syndicate Alliance")
OUTLET_WORDS = words(
    "Zeitung Allgemeine Times Journal Post Rundschau Tagblatt Anzeiger Kurier Nachrichten Gazette"
)
REGION_WORDS = words(
    """Deutschland Germany Österreich Austria Schweiz Switzerland UK USA US America Americas Europe Europa France
    Frankreich Italien Italy Polen Poland China Japan India Indien Benelux Nordics Iberia Asia Asien EMEA International
    North South East West Nord Süd Ost West"""
)
AGENCY_WORDS = words(
    "Department Agency Commission Authority Ministry Ministerium Behörde Amt Bundesamt Office Bureau Administration"
)
# Capitalised words that are never names of firms or people.
NOT_NAMES = words(
    """Der Die Das Den Dem Des Ein Eine Einer Einem Einen Eines Dieser Diese Dieses Diesen Jener Jene Sein Seine
    Ihr Ihre Wir Sie Er Es Ich Man Auch Nun Jetzt Doch Aber Und Oder Wenn Als Wie Was Wer Wo Während Nachdem
    Bereits Schon Noch Nur Laut Bei Mit Nach Von Vor Für Über Unter Durch Gegen Ohne Seit Bis Um Zu Zum Zur Im Am
    Ins Beim Vom An Auf Aus In Dass Damit Daher Deshalb Dennoch Trotzdem Zudem Außerdem Allerdings Insgesamt
    Rund Etwa Knapp Fast Mehr Weniger Viele Alle Jeder Jede Jedes Keine Kein So Da Dort Hier Heute Gestern Morgen
    Erstens Zweitens Drittens Gleichzeitig Parallel Vielmehr Stattdessen Zuletzt Zunächst Später Dabei Darüber
    The A An This That These Those It Its He She They We I You His Her Their Our And Or But If When While As
    After Before Since For From With Without Into Over Under About Around Among Between Through During At By On
    In Of To Up Also Now Still Yet Meanwhile However Although Because So Then There Here Today Yesterday
    Separately Additionally Similarly Likewise Previously Currently Finally Overall Elsewhere Instead Moreover
    Furthermore Earlier Later Last Next Initially Ultimately Altogether
    Tomorrow Some Many All Each Every No Not Nearly Almost More Less Most Such Other Another One Two Three
    Mr Mrs Ms Dr Prof Herr Frau CEO CFO COO CTO KI AI HR IT US USA EU UK GB EUR USD Inc Corp AG SE GmbH
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Januar Februar März April Mai Juni Juli August September Oktober November Dezember January
    February March May June July October December Deutschland Germany Europa Europe Amerika America China
    Indien India Japan Frankreich France Schweden Sweden Berlin München Frankfurt Hamburg London Paris York
    Washington California Kalifornien Seattle Silicon Valley Wall Street Street Insider Insiders Analysten
    Experten Gewerkschaften Mitarbeiter Beschäftigte Stellen Jobs Unternehmen Konzern Konzerne Firma Firmen
    Regierung Bundesregierung Politik Wirtschaft Branche Industrie Markt Märkte Börse Aktie Aktien Anleger
    Mehrere Einige Viele Betroffene Several Many Kunden Nutzer Zahl Zahlen Prozent Millionen Milliarden Dollar Euro Franken Rappen Pfund Quartal Jahr Jahre Monate Wochen Tage
    Ende Anfang Mitte Plan Pläne Stellenabbau Abbau Entlassungen Kündigungen Kosten Gewinn Umsatz Technologie
    Intelligenz Künstliche Künstlicher Hinweis Update Breaking Exklusiv Exclusive News Nachrichten Video Foto
    Read More Related Share Teilen Weiter Zurück Home Startseite Newsletter Cookie Cookies Online
    International National Company Companies Corporation Chief Executive Officer
    President Vice Senior Head Board Chairman Spokesperson Spokesman Spokeswoman Sprecher Sprecherin Chef Chefin
    Vorstand Aufsichtsrat Betriebsrat Gewerkschaft Union Works Council Federal State Department Ministry"""
)
