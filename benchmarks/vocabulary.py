"""Fictional names, roles and titles for the generated benchmark databases."""

from __future__ import annotations

HELICES = ("government", "business", "education", "civil_society")
REGIONS: dict[str, tuple[str, ...]] = {
    "Groningen": ("Groningen", "Delfzijl", "Veendam", "Winschoten", "Stadskanaal"),
    "Drenthe": ("Emmen", "Assen", "Hoogeveen", "Coevorden", "Meppel"),
    "Fryslân": ("Leeuwarden", "Heerenveen", "Drachten", "Sneek", "Harlingen"),
    "Twente": ("Enschede", "Hengelo", "Almelo", "Hardenberg", "Oldenzaal"),
    "Randstad": ("Utrecht", "Den Haag", "Rotterdam", "Amsterdam", "Zwolle"),
}
LEVELS = ("municipality", "municipality", "municipality", "province", "national", "eu")
LEVELS_RARE = ("northern_netherlands",)
SECTORS = ("htsm", "logistics", "chemistry", "other")

GIVEN = (
    "Jan", "Anna", "Pieter", "Els", "Kees", "Sanne", "Hélène", "Daan", "Femke", "Bram",
    "Joost", "Marloes", "Sietse", "Ilse", "Wouter", "Noor", "Geert", "Lotte", "Hendrik",
    "Saskia", "Ruud", "Ingrid", "Thijs", "Annelies", "Tjeerd", "Esther", "Marco", "Fleur",
    "Harm", "Jolanda", "Sjoerd", "Karin", "Bart", "Mirjam", "Ronald", "Yvonne", "Luuk", "Eva",
)  # fmt: skip
PREFIXES = ("", "", "", "", "van", "van der", "de", "ter", "van den", "ten")
FAMILY = (
    "Berg", "Bakker", "Jansen", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Dijk", "Kok",
    "Hoekstra", "Postma", "Wierenga", "Dijkstra", "Boer", "Veen", "Brink", "Kuipers", "Hof",
    "Zwart", "Schouten", "Huisman", "Kramer", "Scholten", "Oosting", "Kamphuis", "Nijboer",
    "Wolters", "Timmer", "Hulst", "Molenaar", "Brouwer", "Pol", "Haan", "Jonker", "Sikkema",
)  # fmt: skip
TITLES = ("", "", "", "", "", "", "dr.", "ir.", "mr.", "drs.", "prof. dr.")

ROLES: dict[str, tuple[str, ...]] = {
    "government": (
        "wethouder Economie", "beleidsadviseur", "gedeputeerde", "directeur", "accountmanager",
        "programmamanager", "raadslid", "burgemeester", "beleidsmedewerker", "afdelingshoofd",
    ),
    "business": (
        "directeur", "CEO", "CTO", "innovatiemanager", "plantmanager", "bedrijfsleider",
        "business developer", "HR-manager", "eigenaar", "R&D-manager",
    ),
    "education": (
        "lector", "hoogleraar", "collegevoorzitter", "onderzoeker", "opleidingsmanager",
        "directeur onderwijs", "docent", "valorisatiemanager",
    ),
    "civil_society": (
        "voorzitter", "secretaris", "bestuurslid", "coördinator", "directeur", "projectleider",
    ),
}  # fmt: skip

ORG_WORDS = (
    "Noord", "Hanze", "Delta", "Eems", "Veen", "Dollard", "Kanaal", "Wadden", "Esker", "Hunze",
    "Zuidlaren", "Beilen", "Vledder", "Lauwers", "Twentse", "Regge", "Vecht", "Linde",
)  # fmt: skip
BUSINESS_SUFFIXES = (
    "tech", "logistics", "chem", "data", "bouw", "werk", "systems", "motion", "plast", "metaal",
)  # fmt: skip
BUSINESS_FORMS = ("B.V.", "B.V.", "N.V.", "Groep", "Holding")
EDUCATION_FORMS = ("Hogeschool", "ROC", "Kenniscentrum", "Lectoraat", "Instituut")
CIVIL_FORMS = ("Stichting", "Vereniging", "Coöperatie", "Platform", "Ondernemersvereniging")

TEAM = (
    "Marieke Hofstra", "Jeroen Bosma", "Anouk de Vries", "Rik Zandstra", "Lieke Kuiper",
    "Gerrit Mulder",
)  # fmt: skip

AGENDAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Nationaal Groeifonds", "national",
     ("Sleuteltechnologieën", "Kennisontwikkeling", "Infrastructuur", "Onderzoek en innovatie")),
    ("Omgevingsvisie Drenthe", "province",
     ("Werklocaties", "Energietransitie", "Bereikbaarheid", "Arbeidsmarkt")),
    ("Economische agenda Noord-Nederland", "northern_netherlands",
     ("Waterstof", "Circulaire economie", "Digitalisering", "Talent")),
    ("Just Transition Fund", "eu",
     ("Omscholing", "Innovatie mkb", "Duurzame bedrijventerreinen", "Kennisinfrastructuur")),
    ("Uitvoeringsagenda TechZone", "own",
     ("Smart industry", "Talent voor de techniek", "Logistieke hotspot", "Chemie van morgen")),
    ("Regio Deal Zuid- en Oost-Drenthe", "national",
     ("Brede welvaart", "Werk en inkomen", "Onderwijs", "Leefbaarheid")),
    ("Provinciale innovatieagenda", "province",
     ("Innovatieve maakindustrie", "Vouchers", "Netwerkfinanciering", "Proeftuinen")),
    ("Nij Begun", "northern_netherlands",
     ("Perspectief", "Economisch herstel", "Sociale agenda", "Kennis en innovatie")),
)  # fmt: skip

DOSSIERS = (
    "Spoorverbinding Emmen–Groningen", "Netcongestie op bedrijventerreinen",
    "Waterstofnetwerk Noord-Nederland", "Praktijkleren in de techniek", "Lelylijn",
    "Stikstofruimte voor de industrie", "Vestiging datacenter", "Arbeidsmigratie en huisvesting",
    "Verduurzaming chemiecluster", "Campus voor de maakindustrie", "Regionale fondsen 2028+",
    "Beroepsonderwijs in de krimpregio",
)  # fmt: skip
STAGES = ("latent", "emerging", "current", "critical", "dormant")
STAKEHOLDER_ROLES = ("decides", "influences", "funds", "implements", "benefits")
RELATIONSHIP_KINDS = ("works_with", "advises", "reports_to", "member_of", "partner_of")
ORG_RELATIONSHIP_KINDS = ("partner_of", "funds", "member_of", "works_with")
INTERACTION_KINDS = ("meeting", "meeting", "call", "email", "email", "event", "working_visit")
SUBJECTS = (
    "Kennismaking", "Voortgangsgesprek", "Werkbezoek", "Overleg", "Netwerkbijeenkomst",
    "Terugkoppeling", "Afstemming", "Rondetafelgesprek",
)  # fmt: skip
