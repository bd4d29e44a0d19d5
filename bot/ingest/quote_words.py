"""Word tables for quote attribution, by language: speech verbs, titles, job and company words.

Data only, so that a new language is a few lines here rather than new rules.
"""

from __future__ import annotations

# Verbs (and verb phrases) that mark quoted speech, as written around the quote.
_GERMANIC_VERBS = frozenset(
    # English
    {"said", "says", "added", "adds", "noted", "notes", "stated", "states", "commented",
     "comments", "explained", "explains", "remarked", "remarks", "continued", "continues",
     "concluded", "concludes", "emphasized", "emphasised", "emphasizes", "emphasises",
     "stressed", "stresses", "observed", "observes", "shared", "declared", "highlighted",
     "affirmed", "acknowledged", "recalled", "insisted", "announced", "wrote", "writes",
     "pointed out", "points out", "went on", "replied", "reiterated", "underlined",
     "underscored", "asserted", "elaborated", "reflected", "told reporters", "told",
     "admitted",
     # German
     "sagte", "sagt", "erklärte", "erklärt", "betonte", "betont", "ergänzte", "ergänzt",
     "meinte", "meint", "kommentierte", "kommentiert", "unterstrich", "unterstreicht",
     "führte aus", "fügte hinzu", "bekräftigte", "versicherte", "resümierte", "bilanziert",
     "bilanzierte",
     # Swedish, Dutch
     "säger", "sade", "kommenterar", "berättar", "förklarar", "konstaterar", "zegt", "zei",
     "verklaarde", "siger", "sier", "udtaler", "uttaler", "sanoo", "toteaa"}
)  # fmt: skip
# Romance verbs may leave their subject out: ", ha insistido." is said by the last person named.
SUBJECTLESS_VERBS = frozenset(
    # French
    {"a déclaré", "a dit", "a affirmé", "a souligné", "a expliqué", "a ajouté", "a indiqué",
     "a estimé", "a précisé", "a commenté", "a assuré", "a poursuivi", "déclare", "affirme",
     "explique", "souligne", "ajoute", "indique", "estime", "précise", "commente", "assure",
     "poursuit", "conclut", "s’est dit", "s'est dit", "a-t-il déclaré", "a-t-elle déclaré",
     "a-t-il dit", "a-t-elle dit", "a-t-il ajouté", "a-t-elle ajouté", "a-t-il souligné",
     "a-t-elle souligné",
     # Spanish
     "dijo", "afirmó", "declaró", "explicó", "señaló", "aseguró", "añadió", "destacó",
     "subrayó", "indicó", "comentó", "manifestó", "apuntó", "concluyó", "admitió", "ha dicho",
     "ha afirmado", "ha declarado", "ha explicado", "ha señalado", "ha asegurado",
     "ha añadido", "ha destacado", "ha subrayado", "ha remarcado", "ha insistido",
     "ha indicado", "ha comentado", "afirma", "asegura", "explica", "señala", "dice",
     "destaca", "apunta", "apostilló", "insistió", "recordó", "advirtió", "reconoció",
     "precisó", "matizó", "agregó", "explicaba", "decía", "afirmaba", "señalaba",
     "aseguraba", "comentaba",
     # Italian
     "ha dichiarato", "ha detto", "ha affermato", "ha spiegato", "ha aggiunto",
     "ha sottolineato", "ha commentato", "ha osservato", "ha ricordato", "ha concluso",
     "ha precisato", "ha evidenziato", "ha rimarcato", "dichiara", "afferma", "spiega",
     "aggiunge", "sottolinea", "commenta", "esprime", "precisa",
     # Portuguese
     "disse", "afirmou", "declarou", "explicou", "destacou", "ressaltou", "comentou",
     "acrescentou", "garantiu", "observou", "frisou", "completou", "concluiu", "admitiu",
     "salientou", "enfatizou", "lembrou", "diz", "declara", "ressalta"}
)  # fmt: skip
SPEECH_VERBS = _GERMANIC_VERBS | SUBJECTLESS_VERBS
# "According to X": the name follows. German "so X" and Italian "Così X" come after a quote.
SOURCE_WORDS = frozenset(
    {"according to", "selon", "d’après", "d'après", "según", "secondo", "laut", "enligt",
     "segundo", "aldus", "so", "così", "cosi"}
)  # fmt: skip
PRONOUNS = frozenset(
    {"he", "she", "er", "sie", "il", "elle", "él", "ella", "lui", "lei", "ele", "ela", "han",
     "hon", "hij", "zij"}
)  # fmt: skip
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "madam", "herr",
     "frau", "m", "mme", "monsieur", "madame", "sr", "sra", "don", "doña", "dott", "dottor",
     "ing", "signor", "sig", "hon"}
)  # fmt: skip
# Lower-case words that may sit inside a name ("José Domingues dos Santos").
PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "del", "della", "di", "van", "von", "der", "den", "du",
     "la", "le", "bin", "al", "y", "e", "ter", "zu"}
)  # fmt: skip
PREPOSITIONS = frozenset(
    {"in", "at", "on", "during", "en", "durante", "ante", "bei", "am", "im", "auf", "à", "au",
     "lors", "nel", "nella", "a", "em", "no", "na", "i", "på", "op", "tijdens"}
)  # fmt: skip
# Words after which a capitalised run is the object of a phrase ("CEO of Acme Labs"), no person.
OBJECT_LEADS = frozenset(
    {"of", "at", "for", "with", "from", "by", "in", "on", "company", "firm", "de", "di", "du",
     "von", "bei", "chez", "da", "do", "del", "della", "för", "på", "hos"}
)  # fmt: skip
# Capitalised words that start a clause or name a thing, never a person's first name.
NOT_NAMES = frozenset(
    {"the", "this", "that", "these", "those", "it", "its", "i", "a", "an", "our", "their",
     "his", "her", "we", "in", "on", "at", "by", "for", "to", "with", "from", "and", "but",
     "as", "also", "meanwhile", "today", "yesterday", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
     "may", "june", "july", "august", "september", "october", "november", "december",
     "analysts", "officials", "experts", "sources", "reporters", "people", "everyone",
     "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une", "el", "los", "las",
     "il", "lo", "gli", "o", "os", "quant", "así", "così", "so", "wir", "nous",
     "however", "while", "when", "after", "before", "speaking", "commenting"}
)  # fmt: skip
# Job words: a capitalised run made of them is a role, not a name ("Chief Executive Officer").
ROLE_WORDS = frozenset(
    {"ceo", "cfo", "coo", "cto", "cso", "cmo", "cio", "cbo", "vp", "svp", "evp", "md",
     "chairman", "chairwoman", "chairperson", "chair", "president", "founder", "co-founder",
     "cofounder", "director", "officer", "head", "chief", "vice", "manager", "partner",
     "executive", "senior", "secretary", "lead", "principal", "general", "deputy", "member",
     "board", "dean", "minister", "governor", "mayor", "chancellor", "commissioner",
     "treasurer", "outgoing", "incoming", "former", "interim", "acting", "managing",
     "financial", "operating", "commercial", "marketing", "sales", "business", "development",
     "operations", "area", "digital", "products", "technology", "analyst", "editor",
     "spokesperson", "spokesman", "spokeswoman", "founding", "group", "global", "regional",
     "country", "research", "investor", "relations", "communications",
     "vorstandsvorsitzende", "vorstandsvorsitzender", "vorstandschef", "vorstand",
     "geschäftsführer", "geschäftsführerin", "sprecher", "sprecherin", "präsident",
     "präsidentin", "generaldirektor", "direktor", "chef", "leiter", "leiterin",
     "aufsichtsratsvorsitzende", "aufsichtsratsvorsitzender", "mitglied", "presidente",
     "président", "présidente", "directeur", "directrice", "pdg", "consejero", "delegado",
     "amministratore", "delegato", "diretor", "diretora", "gerente", "ministre", "ministro",
     "portavoz", "porte-parole", "fondateur", "fundador", "fondatore", "governadora",
     "governador", "vd", "ordförande", "numéro"}
)  # fmt: skip
# German compounds end in their job word: "Firmenchef", "Vertriebsleiter", "Konzernsprecher".
ROLE_SUFFIXES = ("chef", "chefin", "leiter", "leiterin", "direktor", "direktorin", "vorsitzende",
                 "vorsitzender", "sprecher", "sprecherin", "präsident", "präsidentin", "vorstand",
                 "vorständin", "minister", "ministerin", "meister", "gründer", "gründerin",
                 "inhaber", "inhaberin")  # fmt: skip
# Words that make a capitalised run an organisation rather than a person.
COMPANY_WORDS = frozenset(
    {"inc", "corp", "corporation", "ltd", "limited", "llc", "plc", "ag", "gmbh", "sa", "spa",
     "se", "nv", "bv", "ab", "asa", "company", "holdings", "holding", "bank", "solutions",
     "solution", "energy", "technologies", "systems", "motors", "electronics",
     "international", "association", "ministry", "government", "university", "institute",
     "council", "exchange", "capital", "foundation", "agency", "authority", "industries",
     "pharmaceuticals", "therapeutics", "mining", "resources", "airlines", "airways",
     "telecom", "communications", "network", "networks", "media", "news", "times", "post",
     "journal", "reuters", "bloomberg", "press", "société", "groupe", "grupo", "gruppo",
     "konzern", "unternehmen", "labs", "lab", "pharma", "biosciences", "medical", "health",
     "healthcare", "ventures", "software", "games", "studios", "robotics", "semiconductor",
     "semiconductors", "materials", "chemicals", "foods", "brands", "automotive", "aerospace",
     "logistics", "insurance", "securities", "investments", "fund", "trust", "properties",
     "hotels", "resorts", "railways", "shipping", "steel", "oil", "gas", "petroleum", "power",
     "utilities", "electric", "wireless", "mobile", "cloud", "co", "&"}
)  # fmt: skip
SPOKESPEOPLE = frozenset(
    {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative",
     "porte-parole", "sprecher", "sprecherin", "portavoz", "portavoce",
     "porta-voz", "talesperson", "company", "firm", "group", "unternehmen", "société",
     "empresa", "azienda", "entreprise"}
)  # fmt: skip
