"""Well-known organisations: companies, their brands and units (with owners), news outlets,
regulators and unions. A lexicon like the role and trigger lists, not a database: names the
patterns in `orgs` cannot find on their own, and the parent of a brand when both are named.

Format: `Name | alias | alias > Parent`, in sections by kind. A leading `?` marks a name that is
also an ordinary word; it counts only with support in the text (see `orgs`).
"""

from __future__ import annotations

from dataclasses import dataclass

_TABLE = """
[company]
Amazon | Amazon.com | Amazon.com Inc.
Amazon Web Services | AWS > Amazon
Twitch > Amazon
Whole Foods | Whole Foods Market > Amazon
Zoox > Amazon
Audible > Amazon
Alphabet
Google > Alphabet
YouTube > Alphabet
DeepMind | Google DeepMind > Alphabet
Waymo > Alphabet
Meta | Meta Platforms
Facebook > Meta
Instagram > Meta
WhatsApp > Meta
Reality Labs > Meta
Microsoft
LinkedIn > Microsoft
GitHub > Microsoft
Xbox > Microsoft
Activision Blizzard | Activision > Microsoft
Apple
Nvidia | NVIDIA
Intel
AMD | Advanced Micro Devices
Qualcomm
IBM
Oracle
Salesforce
Slack > Salesforce
Tableau > Salesforce
SAP
Cisco | Cisco Systems
HP | HP Inc.
Hewlett Packard Enterprise | HPE
Dell | Dell Technologies
Netflix
Spotify
Uber
Lyft
Airbnb
Tesla
xAI
Twitter
OpenAI
Anthropic
Pinterest
Snap | Snapchat
Reddit
TikTok > ByteDance
ByteDance
Klarna
PayPal
eBay
Shopify
Zoom | Zoom Video Communications
Dropbox
Intuit
Workday
Adobe
Autodesk
Micron
Broadcom
VMware > Broadcom
ServiceNow
Atlassian
Snowflake
Palantir
CrowdStrike
Cloudflare
Stripe
Coinbase
Robinhood
Peloton
Chegg
Duolingo
Wayfair
Indeed
Yahoo
Verizon
AT&T
Siemens
Siemens Energy
Siemens Healthineers > Siemens
Bosch | Robert Bosch
Continental
Schaeffler
ZF | ZF Friedrichshafen
Mahle
Volkswagen | VW | Volkswagen Group | Volkswagen-Konzern
Audi > Volkswagen
Porsche > Volkswagen
Skoda | Škoda > Volkswagen
Seat > Volkswagen
Cupra > Volkswagen
Cariad > Volkswagen
Traton > Volkswagen
Scania > Volkswagen
Bentley > Volkswagen
Lamborghini > Volkswagen
Mercedes-Benz | Mercedes | Mercedes-Benz Group
Daimler Truck
BMW
Stellantis
Opel > Stellantis
Fiat > Stellantis
Peugeot > Stellantis
Chrysler > Stellantis
Ford
General Motors | GM
Toyota
Honda
Nissan
Hyundai
Volvo Cars
Polestar
Rivian
BYD
BASF
Bayer
Covestro
Evonik
Henkel
Merck
Lanxess
Wacker | Wacker Chemie
Thyssenkrupp | thyssenkrupp | ThyssenKrupp
Thyssenkrupp Steel | Thyssenkrupp Steel Europe | TKSE > Thyssenkrupp
Salzgitter
ArcelorMittal
Deutsche Bank
DWS > Deutsche Bank
Commerzbank
Allianz
Munich Re
Hannover Rück | Hannover Re
Deutsche Telekom | Telekom
T-Mobile | T-Mobile US > Deutsche Telekom
Vodafone
Telefónica | Telefonica
Deutsche Post | DHL Group | DHL
Lufthansa | Deutsche Lufthansa
Eurowings > Lufthansa
Lufthansa Technik > Lufthansa
TUI
Deutsche Bahn | DB
DB Cargo > Deutsche Bahn
DB Schenker > Deutsche Bahn
Adidas | adidas
Puma
Zalando
Otto | Otto Group
Metro
Aldi
Lidl
Kaufland
Rewe
Edeka
Galeria
Ceconomy
MediaMarkt | Media Markt > Ceconomy
Infineon
Zeiss | Carl Zeiss
Trumpf
Miele
Stihl
Vonovia
RWE
E.ON | Eon
EnBW
Uniper
Airbus
Boeing
Rheinmetall
Fresenius
Sartorius
Beiersdorf
Axel Springer
ProSiebenSat.1
RTL | RTL Group
Bertelsmann
Delivery Hero
HelloFresh
N26
Celonis
Goldman Sachs
JPMorgan | JPMorgan Chase | JP Morgan
Morgan Stanley
Citigroup | Citi
Bank of America
Wells Fargo
BlackRock
UBS
Credit Suisse > UBS
HSBC
Barclays
UPS
FedEx
Walmart
Starbucks
McDonald's
Nike
Disney | Walt Disney
Warner Bros. Discovery
Paramount
Comcast
Procter & Gamble
Unilever
Nestlé | Nestle
Johnson & Johnson
Pfizer
Moderna
Novartis
Roche
Sanofi
GSK
AstraZeneca
Novo Nordisk
BioNTech
Ericsson
Nokia
Philips
ASML
Shell
BP
ExxonMobil | Exxon
Chevron
Accenture
Capgemini
Deloitte
PwC
KPMG
EY | Ernst & Young
McKinsey
Boston Consulting Group | BCG
Sony
Samsung
LG
Huawei
Xiaomi
Alibaba
Tencent
Baidu
Foxconn
TSMC
Panasonic
3M
General Electric | GE
Honeywell
Caterpillar
Deere | John Deere
Electronic Arts | EA
Ubisoft
Epic Games
Unity
Cognizant
Infosys
Wipro
Tata Consultancy Services | TCS
Bumble
Match Group
Grab
Shein
Temu
Northvolt
Wolfspeed
Heidelberg Materials
Heidelberger Druckmaschinen
Hapag-Lloyd
Kühne + Nagel | Kuehne + Nagel
Sixt
Ottobock
Villeroy & Boch
Vaillant
Viessmann
Knorr-Bremse
Dürr
Krones
Jenoptik
Aixtron
Software AG
TeamViewer
Hellofresh
SMA Solar
Nordex
Siemens Gamesa > Siemens Energy
Vestas
Wintershall Dea
Uniqlo
H&M
Ikea | IKEA
Douglas
Hornbach
Obi | OBI
Tchibo
Ford-Werke > Ford
Bosch Rexroth > Bosch
BSH | BSH Hausgeräte > Bosch
Webasto
Brose
Hella
Eberspächer
Benteler
Leoni
Kion
Jungheinrich
# stock exchanges and market operators (named where a firm is listed or files a trading update)
[exchange]
Nasdaq | NASDAQ
New York Stock Exchange | NYSE
London Stock Exchange | LSE
Deutsche Börse | Frankfurter Wertpapierbörse
SIX Swiss Exchange | SIX
Euronext
Wiener Börse
Tokyo Stock Exchange
Hong Kong Stock Exchange | HKEX
National Stock Exchange of India | NSE
Bombay Stock Exchange | BSE
[outlet]
Reuters | Thomson Reuters
Bloomberg | Bloomberg News
CNBC
CNN
BBC
The Verge | Verge
TechCrunch
Wired
Axios
Semafor
GeekWire
The Information
Business Insider | Insider
Fortune
Forbes
Financial Times | FT
Wall Street Journal | The Wall Street Journal | WSJ
New York Times | The New York Times | NYT
Washington Post | The Washington Post
The Guardian | Guardian
The Economist | Economist
Associated Press | AP
Agence France-Presse | AFP
dpa | Deutsche Presse-Agentur
Handelsblatt
Frankfurter Allgemeine Zeitung | Frankfurter Allgemeine | FAZ | F.A.Z.
Süddeutsche Zeitung | SZ
Der Spiegel | Spiegel
Die Zeit | Zeit Online
Wirtschaftswoche | WirtschaftsWoche | WiWo
Manager Magazin | manager magazin
Capital
Bild | Bild-Zeitung
Die Welt | Welt
Tagesschau
n-tv | ntv
heise | heise online
Golem | Golem.de
t3n
Börsen-Zeitung
Stuttgarter Zeitung
Rheinische Post
Lebensmittel Zeitung
Automobilwoche
Nikkei
Yahoo Finance
MarketWatch
Barron's
The Telegraph | Telegraph
Sky News
Politico
[regulator]
SEC | US-Börsenaufsicht | US-Börsenaufsicht SEC | Securities and Exchange Commission | U.S. Securities and Exchange Commission | US-Wertpapieraufsicht | Börsenaufsicht SEC
BaFin | Finanzaufsicht BaFin
FTC | Federal Trade Commission
Bundeskartellamt
EU-Kommission | Europäische Kommission | European Commission
FCA | Financial Conduct Authority
EZB | Europäische Zentralbank | ECB | European Central Bank
Federal Reserve | Fed | US-Notenbank
Bundesagentur für Arbeit
# labour-market agencies that receive mass-layoff notices
AMS | Arbeitsmarktservice | Arbeitsmarktservice Österreich
?Agentur für Arbeit | Arbeitsagentur
[union]
IG Metall
Verdi | ver.di
IG BCE
NGG
EVG
United Auto Workers | UAW
Teamsters
Communications Workers of America | CWA
Unite
"""

KINDS = ("company", "outlet", "regulator", "union", "exchange")
NOT_ACTORS = frozenset({"outlet", "regulator", "exchange"})
"""Kinds of organisation that report, rule on or list firms, and never cut jobs of their own in an article."""


@dataclass(frozen=True)
class Known:
    """A known organisation: name, other names, kind and owner (by name)."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None
    ambiguous: bool


def _load() -> list[Known]:
    entries: list[Known] = []
    kind = "company"
    for raw in _TABLE.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            kind = line.strip("[]")
            continue
        names, _, parent = line.partition(">")
        parts = [p.strip() for p in names.split("|") if p.strip()]
        ambiguous = parts[0].startswith("?")
        parts = [p.lstrip("?") for p in parts]
        entries.append(Known(parts[0], tuple(parts[1:]), kind, parent.strip() or None, ambiguous))
    return entries


KNOWN: list[Known] = _load()
BY_NAME: dict[str, Known] = {k.name: k for k in KNOWN}
SURFACES: dict[str, Known] = {s: k for k in KNOWN for s in (k.name, *k.aliases)}
"""Every written form (case as written) to its entry."""
# Short forms that collide with ordinary words unless written in capitals or with support.
AMBIGUOUS_SURFACES = frozenset(
    {
        "SIX",
        "LSE",
        "BSE",
        "NSE",
        "Fed",
        "Insider",
        "Capital",
        "Welt",
        "Bild",
        "Spiegel",
        "Zeit",
        "Unite",
        "Metro",
        "Otto",
        "Shell",
        "Unity",
        "Merck",
        "Puma",
        "Seat",
        "Continental",
        "Allianz",
        "Telekom",
        "Galeria",
        "Grab",
        "Snap",
        "Ford",
        "GE",
        "EA",
        "AP",
        "FT",
        "SZ",
        "DB",
        "GM",
        "EY",
        "LG",
        "BP",
        "Mercedes",
        "Douglas",
        "Verge",
        "Guardian",
        "Economist",
        "Telegraph",
        "Golem",
        "Obi",
        "Slack",
        "Zoom",
        "Indeed",
        "Fortune",
        "Wired",
    }
)
