"""Third, blind evaluation corpus: support-tool / KYC / payments / exchange back-office responses.

Seeded and reproducible. Every response carries the personal values it holds (type, value) and the
decoys (class, value) that must pass unchanged. Written without reading the team's corpora or recognizers.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import unicodedata

from tests.eval.third import values as V

SEED = 20250917
N_RESPONSES = 400

# ------------------------------------------------------------------ people
NAMES = {
    "en": (
        [
            "James",
            "Olivia",
            "Michael",
            "Emily",
            "Daniel",
            "Hannah",
            "Tyrone",
            "Keisha",
            "Connor",
            "Siobhán",
            "Priya",
            "Wei",
            "Aaliyah",
            "Brandon",
            "Megan",
        ],
        [
            "Thompson",
            "Okafor",
            "Fitzgerald",
            "Whitaker",
            "O'Connor",
            "Nakamura",
            "Washington",
            "Kowalczyk",
            "MacLeod",
            "Patel",
            "Henderson",
            "Sullivan",
            "Abernathy",
            "Delacroix",
        ],
    ),
    "de": (
        ["Lukas", "Anna", "Jürgen", "Sabine", "Maximilian", "Lea", "Dieter", "Katharina", "Felix", "Ursula"],
        [
            "Müller",
            "Schneider",
            "Weißenberger",
            "Fischer",
            "Köhler",
            "Hoffmann",
            "Brandstätter",
            "Schäfer",
            "Zimmermann",
            "Krüger",
        ],
    ),
    "es": (
        [
            "María José",
            "Alejandro",
            "Lucía",
            "Javier",
            "Carmen",
            "Sergio",
            "Valentina",
            "Diego",
            "Ximena",
            "Andrés",
        ],
        [
            "García Fernández",
            "Martínez",
            "López de la Torre",
            "Rodríguez",
            "Sánchez Ruiz",
            "Gómez",
            "Ibáñez",
            "Castillo",
            "Navarro",
            "Domínguez",
        ],
    ),
    "fr": (
        [
            "Jean-Baptiste",
            "Camille",
            "Élodie",
            "Mathieu",
            "Chloé",
            "Théo",
            "Margaux",
            "Benoît",
            "Anaïs",
            "Grégoire",
        ],
        [
            "Lefèvre",
            "Dubois",
            "Moreau",
            "Girard",
            "Fontaine",
            "Rousseau",
            "Chevalier",
            "Lambert",
            "Faure",
            "Mercier",
        ],
    ),
    "pt": (
        [
            "João Pedro",
            "Ana Clara",
            "Thiago",
            "Fernanda",
            "Rafael",
            "Beatriz",
            "Gustavo",
            "Larissa",
            "Rodrigo",
            "Juliana",
        ],
        [
            "da Silva",
            "Oliveira",
            "Santos",
            "Pereira",
            "Carvalho",
            "Gonçalves",
            "Rodrigues",
            "Almeida",
            "Nascimento",
            "Ferreira Lima",
        ],
    ),
    "it": (
        [
            "Giuseppe",
            "Francesca",
            "Alessandro",
            "Chiara",
            "Lorenzo",
            "Giulia",
            "Matteo",
            "Federica",
            "Davide",
            "Martina",
        ],
        ["Rossi", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo"],
    ),
    "pl": (
        [
            "Katarzyna",
            "Piotr",
            "Agnieszka",
            "Tomasz",
            "Małgorzata",
            "Krzysztof",
            "Zofia",
            "Paweł",
            "Magdalena",
            "Grzegorz",
        ],
        [
            "Nowak",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowska",
            "Zieliński",
            "Szymańska",
            "Woźniak",
            "Dąbrowski",
            "Kozłowska",
        ],
    ),
    "nl": (
        ["Daan", "Sanne", "Bram", "Femke", "Joris", "Lotte", "Thijs", "Eva", "Sem", "Noor"],
        [
            "de Vries",
            "van den Berg",
            "Jansen",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "van Dijk",
        ],
    ),
    "tr": (
        ["Mehmet", "Ayşe", "Mustafa", "Zeynep", "Emre", "Elif", "Burak", "Şule"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın"],
    ),
    "ng": (
        ["Chinedu", "Oluwaseun", "Ngozi", "Emeka", "Folake", "Adebayo"],
        ["Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Ogunleye"],
    ),
    "vn": (
        ["Nguyễn Văn", "Trần Thị", "Lê Minh"],
        ["Anh", "Hương", "Tuấn"],
    ),  # Vietnamese order: family name first
}
LANGS = ["en", "en", "en", "de", "es", "fr", "pt", "it", "pl", "nl", "tr"]

DOMAINS = {
    "en": [
        "gmail.com",
        "yahoo.com",
        "outlook.com",
        "icloud.com",
        "protonmail.com",
        "hotmail.co.uk",
        "btinternet.com",
        "comcast.net",
        "me.com",
        "aol.com",
    ],
    "de": ["web.de", "gmx.de", "t-online.de", "posteo.de", "gmx.net"],
    "es": ["hotmail.es", "telefonica.net", "gmail.com", "yahoo.es"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "hotmail.fr", "sfr.fr"],
    "pt": ["uol.com.br", "bol.com.br", "sapo.pt", "gmail.com"],
    "it": ["libero.it", "virgilio.it", "alice.it", "tiscali.it"],
    "pl": ["wp.pl", "onet.pl", "interia.pl", "o2.pl"],
    "nl": ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "xs4all.nl"],
    "tr": ["hotmail.com.tr", "yandex.com.tr", "gmail.com"],
    "ng": ["yahoo.com", "gmail.com"],
    "vn": ["gmail.com", "yahoo.com.vn"],
}


def ascii_fold(s: str) -> str:
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


class Person:
    def __init__(self, r: random.Random, lang: str | None = None):
        self.lang = lang or r.choice([*LANGS, "ng", "vn"])
        firsts, lasts = NAMES[self.lang]
        self.given = r.choice(firsts)
        self.family = r.choice(lasts)
        self.full = f"{self.given} {self.family}"
        g = ascii_fold(self.given).lower().replace(" ", "").replace("'", "")
        f = ascii_fold(self.family).lower().replace(" ", "").replace("'", "")
        local = r.choice(
            [
                f"{g}.{f}",
                f"{g}{f}",
                f"{g[0]}{f}",
                f"{g}_{f}{r.randint(1, 99)}",
                f"{f}.{g}",
                f"{g}{r.randint(70, 99)}",
                f"{g}.{f}+crypto",
                f"{g[0]}.{f}",
            ]
        )
        dom = r.choice([*DOMAINS.get(self.lang, DOMAINS["en"]), "gmail.com"])
        self.email = f"{local}@{dom}"
        if r.random() < 0.07:
            self.email = self.email[0].upper() + self.email[1:].replace(
                dom, dom.upper() if r.random() < 0.5 else dom
            )
        self.dob = (r.randint(1942, 2005), r.randint(1, 12), r.randint(1, 28))
        self.street, self.city, self.zip, self.country = address(r, self.lang)


STREETS = {
    "en": (
        ["Maple", "Willow Creek", "Harbor View", "Chestnut", "Lincoln", "Sycamore", "Juniper", "Beacon Hill"],
        ["Street", "Avenue", "Road", "Lane", "Drive", "Blvd", "Court"],
        [
            ("Austin", "TX 78704", "US"),
            ("Portland", "OR 97214", "US"),
            ("Leeds", "LS6 2AB", "GB"),
            ("Manchester", "M14 5RT", "GB"),
            ("Toronto", "ON M5V 2T6", "CA"),
            ("Sydney", "NSW 2010", "AU"),
        ],
    ),
    "de": (
        ["Lindenstraße", "Hauptstraße", "Königsallee", "Schillerstraße", "Am Mühlbach", "Bahnhofstr."],
        None,
        [
            ("Berlin", "10115", "DE"),
            ("München", "80331", "DE"),
            ("Köln", "50667", "DE"),
            ("Wien", "1070", "AT"),
        ],
    ),
    "es": (
        ["Calle de Alcalá", "Avenida de la Constitución", "Calle Mayor", "Paseo de Gracia", "Calle Sierpes"],
        None,
        [
            ("Madrid", "28014", "ES"),
            ("Sevilla", "41004", "ES"),
            ("Barcelona", "08007", "ES"),
            ("Ciudad de México", "06700", "MX"),
        ],
    ),
    "fr": (
        [
            "rue de la République",
            "avenue Victor Hugo",
            "boulevard Haussmann",
            "rue des Lilas",
            "impasse du Moulin",
        ],
        None,
        [("Paris", "75009", "FR"), ("Lyon", "69002", "FR"), ("Bordeaux", "33000", "FR")],
    ),
    "pt": (
        ["Rua Augusta", "Avenida Paulista", "Rua das Flores", "Rua Oscar Freire", "Travessa do Carmo"],
        None,
        [
            ("São Paulo", "01310-100", "BR"),
            ("Lisboa", "1100-053", "PT"),
            ("Rio de Janeiro", "22071-900", "BR"),
        ],
    ),
    "it": (
        ["Via Roma", "Corso Buenos Aires", "Via dei Mille", "Viale Monza", "Piazza Garibaldi"],
        None,
        [("Milano", "20124", "IT"), ("Roma", "00184", "IT"), ("Napoli", "80134", "IT")],
    ),
    "pl": (
        ["ul. Marszałkowska", "ul. Piotrkowska", "al. Jerozolimskie", "ul. Długa", "ul. Floriańska"],
        None,
        [("Warszawa", "00-624", "PL"), ("Łódź", "90-406", "PL"), ("Kraków", "31-019", "PL")],
    ),
    "nl": (
        ["Keizersgracht", "Prinsengracht", "Kalverstraat", "Oudegracht", "Witte de Withstraat"],
        None,
        [("Amsterdam", "1016 DK", "NL"), ("Utrecht", "3511 AL", "NL"), ("Rotterdam", "3012 BH", "NL")],
    ),
    "tr": (
        ["Atatürk Caddesi", "İstiklal Caddesi", "Bağdat Caddesi"],
        None,
        [("İstanbul", "34433", "TR"), ("Ankara", "06420", "TR")],
    ),
}


def address(r: random.Random, lang: str) -> tuple[str, str, str, str]:
    lang = lang if lang in STREETS else "en"
    names, suffixes, cities = STREETS[lang]
    city, zp, country = r.choice(cities)
    n = r.randint(1, 240)
    nm = r.choice(names)
    if lang == "en":
        street = f"{n} {nm} {r.choice(suffixes)}"
        if r.random() < 0.3:
            street = f"{n}{r.choice('AB')} {nm} {r.choice(suffixes)}" if r.random() < 0.3 else street
    elif lang in ("de", "nl"):
        street = f"{nm} {n}" + (r.choice(["a", "b", ""]) if r.random() < 0.3 else "")
    elif lang == "fr":
        street = f"{n}{r.choice(['', ' bis', ''])} {nm}"
    elif lang == "es" or lang == "pt":
        street = f"{nm}, {n}"
    elif lang == "pl":
        street = f"{nm} {n}/{r.randint(1, 60)}"
    elif lang == "tr":
        street = f"{nm} No:{n}"
    else:
        street = f"{nm} {n}"
    return street, city, zp, country


MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
}


def fmt_date(r: random.Random, d: tuple[int, int, int], lang: str, iso_bias: float = 0.0) -> str:
    y, m, dd = d
    if r.random() < iso_bias:
        return f"{y:04d}-{m:02d}-{dd:02d}"
    x = r.random()
    if lang == "en":
        return r.choice(
            [
                f"{m:02d}/{dd:02d}/{y}",
                f"{MONTHS['en'][m - 1]} {dd}, {y}",
                f"{dd} {MONTHS['en'][m - 1][:3]} {y}",
                f"{y}-{m:02d}-{dd:02d}",
            ]
        )
    if lang in ("de", "pl", "tr"):
        return f"{dd:02d}.{m:02d}.{y}" if x < 0.7 or lang != "de" else f"{dd}. {MONTHS['de'][m - 1]} {y}"
    if lang == "nl":
        return f"{dd:02d}-{m:02d}-{y}"
    if lang in MONTHS and x < 0.35:
        de = " de " if lang in ("es", "pt") else " "
        return f"{dd}{de}{MONTHS[lang][m - 1]}{de}{y}"
    return f"{dd:02d}/{m:02d}/{y}"


# ------------------------------------------------------------------ the builder
class Doc:
    def __init__(self, r: random.Random):
        self.r = r
        self.personal: list[dict] = []
        self.decoys: list[dict] = []

    def P(self, typ: str, value, sub: str = "", **extra):
        self.personal.append({"type": typ, "value": str(value), "sub": sub, **extra})
        return value

    def mark(self, path: list[str]):
        """The last personal value was split in a JSON container: it leaked whole iff the container is unchanged."""
        self.personal[-1]["json_path"] = path
        self.personal[-1]["sub"] = (self.personal[-1]["sub"] + " split").strip()

    def D(self, cls: str, value):
        self.decoys.append({"cls": cls, "value": str(value)})
        return value

    # values -------------------------------------------------------
    def card(self):
        brand, v = V.card(self.r)
        return self.P("CREDIT_CARD", v, brand)

    def iban(self, country=None):
        return self.P("IBAN", V.iban(self.r, country))

    def ssn(self):
        return self.P("US_SSN", V.ssn(self.r))

    def wallet(self):
        coin, v = V.crypto(self.r)
        self.P("CRYPTO", v, coin)
        return coin, v

    def ip(self):
        v = V.ipv4(self.r) if self.r.random() < 0.7 else V.ipv6(self.r)
        return self.P("IP_ADDRESS", v, "v6" if ":" in v else "v4")

    def phone(self):
        region, v = V.phone(self.r)
        return self.P("PHONE", v, region)

    def passport(self):
        c, v = V.passport(self.r)
        self.P("PASSPORT", v, c)
        return c, v

    def natid(self, p: Person):
        k, v = V.national_id(self.r, p.family, p.given)
        self.P("NATIONAL_ID", v, k)
        return k, v

    def dl(self, p: Person):
        k, v = V.driver_licence(self.r, p.family, p.given)
        self.P("DRIVER_LICENCE", v, k)
        return k, v

    def bank(self):
        kind, acct, extra = V.bank_account(self.r)
        self.P("BANK_ACCOUNT", acct, kind)
        return kind, acct, extra

    def email(self, p: Person):
        return self.P("EMAIL", p.email)

    def full(self, p: Person, text: str | None = None):
        return self.P("PERSON", text or p.full)

    def last(self, p: Person):
        return self.P("LAST_NAME", p.family)

    def dob(self, p: Person, lang=None, iso_bias=0.0):
        return self.P("DATE_OF_BIRTH", fmt_date(self.r, p.dob, lang or p.lang, iso_bias))

    def street(self, p: Person):
        return self.P("STREET_ADDRESS", p.street)

    # decoys -------------------------------------------------------
    def ts(self):
        r = self.r
        y, mo, d, h, mi, s = (
            r.randint(2023, 2025),
            r.randint(1, 12),
            r.randint(1, 28),
            r.randint(0, 23),
            r.randint(0, 59),
            r.randint(0, 59),
        )
        k = r.random()
        if k < 0.35:
            v = f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{r.randint(0, 999):03d}Z"
        elif k < 0.5:
            v = f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}+0{r.randint(0, 9)}:00"
        elif k < 0.62:
            v = f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"
        elif k < 0.72:
            v = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][r.randint(0, 4)]}, {d:02d} {MONTHS['en'][mo - 1][:3]} {y} {h:02d}:{mi:02d}:{s:02d} +0000"
        elif k < 0.84:
            v = f"{y}-{mo:02d}-{d:02d}"
        elif k < 0.92:
            v = f"{d:02d}/{mo:02d}/{y} {h:02d}:{mi:02d}"
        else:
            return self.D(
                "timestamp", str(r.randint(1672531200, 1750000000) * (1000 if r.random() < 0.5 else 1))
            )
        return self.D("timestamp", v)

    def order(self):
        r = self.r
        k = r.choice(["amazon", "shop", "ord", "hash", "num", "ord2"])
        v = {
            "amazon": f"{r.randint(111, 114)}-{V.digits(r, 7)}-{V.digits(r, 7)}",
            "shop": f"#{r.randint(1001, 99999)}",
            "ord": f"ORD-{r.randint(2023, 2025)}-{V.digits(r, 7)}",
            "hash": f"#{V.digits(r, 9, True)}",
            "num": V.digits(r, 10, True),
            "ord2": f"SO{V.digits(r, 8)}",
        }[k]
        return self.D("order_number", v)

    def tracking(self):
        r = self.r
        k = r.choice(["ups", "fedex", "usps", "dhl", "royal"])
        v = {
            "ups": V.ups(r),
            "fedex": V.digits(r, 12, True),
            "usps": "9400" + V.digits(r, 18),
            "dhl": "JD01" + V.digits(r, 16),
            "royal": "".join(r.choice(V.UP) for _ in range(2)) + V.digits(r, 9) + "GB",
        }[k]
        return self.D("tracking_number", v)

    def uuid(self):
        return self.D("uuid", V.uuid4(self.r) if self.r.random() < 0.8 else V.ulid(self.r))

    def amount(self):
        r = self.r
        k = r.random()
        if k < 0.3:
            v = f"${r.randint(1, 99999):,}.{r.randint(0, 99):02d}"
        elif k < 0.5:
            v = f"{r.randint(1, 99999):,}.{r.randint(0, 99):02d} EUR".replace(",", ".", 0)
        elif k < 0.7:
            v = f"{r.randint(0, 12)}.{V.digits(r, 8)} BTC"
        elif k < 0.85:
            v = f"{r.randint(1, 250000)}.{V.digits(r, 6)}"
        else:
            v = f"R$ {r.randint(1, 99):d}.{r.randint(100, 999)},{r.randint(0, 99):02d}"
        return self.D("amount", v)

    def sku(self):
        r = self.r
        k = r.choice(["sku", "ean", "isbn", "asin", "part"])
        v = {
            "sku": f"SKU-{V.digits(r, 5)}-{r.choice(['BLK', 'WHT', 'RED'])}-{r.choice(['S', 'M', 'XL'])}",
            "ean": V.ean13(r),
            "isbn": f"978-{r.randint(0, 1)}-{V.digits(r, 3)}-{V.digits(r, 5)}-{r.randint(0, 9)}",
            "asin": "B0" + "".join(r.choice(V.UP + V.DIG) for _ in range(8)),
            "part": f"{r.choice(['LN', 'TR', 'KK'])}-{V.digits(r, 4)}-{V.digits(r, 2)}",
        }[k]
        return self.D("product_code", v)

    def version(self):
        r = self.r
        k = r.choice(["semver", "four", "ios", "win", "build"])
        v = {
            "semver": f"{r.randint(1, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}",
            "four": f"{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 9)}.{r.randint(1, 250)}",
            "ios": f"iOS {r.randint(15, 18)}.{r.randint(0, 6)}.{r.randint(1, 3)}",
            "win": f"10.0.{r.randint(17000, 26100)}.{r.randint(100, 5000)}",
            "build": f"{r.randint(2, 7)}.{r.randint(10, 99)}.0 ({r.randint(1000, 9999)})",
        }[k]
        return self.D("version", v)

    def hashv(self):
        r = self.r
        k = r.choice(["eth_tx", "btc_tx", "sha256", "git", "md5", "trace"])
        if k == "eth_tx":
            return self.D("tx_hash", V.tx_hash(r, True))
        if k == "btc_tx":
            return self.D("tx_hash", V.tx_hash(r, False))
        if k == "sha256":
            return self.D("hash", V.tx_hash(r, False))
        if k == "git":
            return self.D("hash", f"{r.getrandbits(160):040x}")
        if k == "md5":
            return self.D("hash", f"{r.getrandbits(128):032x}")
        return self.D("trace_id", f"00-{r.getrandbits(128):032x}-{r.getrandbits(64):016x}-01")

    def numeric_ref(self):
        """Long numbers that are not identifiers of a person: Luhn-failing 16-digit references, tickets."""
        r = self.r
        k = r.choice(["nonluhn16", "ticket", "intercom", "invoice", "rf", "block"])
        v = {
            "nonluhn16": V.non_luhn(r, 16),
            "ticket": f"#{r.randint(100000, 9999999)}",
            "intercom": V.digits(r, 15, True),
            "invoice": f"INV-{r.randint(2023, 2025)}-{V.digits(r, 6)}",
            "rf": V.creditor_reference(r),
            "block": str(r.randint(780000, 880000)),
        }[k]
        return self.D("reference_number", v)

    def any_decoy(self):
        return self.r.choice(
            [
                self.ts,
                self.order,
                self.tracking,
                self.uuid,
                self.amount,
                self.sku,
                self.version,
                self.hashv,
                self.numeric_ref,
            ]
        )()


# ------------------------------------------------------------------ customer prose in 9 languages
SNIPPETS = {
    "card": {
        "en": "I was charged twice on my card {v}, please refund one of them.",
        "de": "Meine Kreditkarte {v} wurde doppelt belastet.",
        "es": "Me cobraron dos veces en la tarjeta {v}.",
        "fr": "Ma carte {v} a été débitée deux fois.",
        "pt": "Fui cobrado duas vezes no cartão {v}.",
        "it": "Mi hanno addebitato due volte sulla carta {v}.",
        "pl": "Moja karta {v} została obciążona dwa razy.",
        "nl": "Mijn kaart {v} is twee keer belast.",
        "tr": "Kartımdan ({v}) iki kez çekim yapıldı.",
    },
    "iban": {
        "en": "Please send the refund to my account {v} instead.",
        "de": "Bitte überweisen Sie das Geld auf mein Konto {v}.",
        "es": "Mi cuenta bancaria es {v}, hagan ahí la devolución.",
        "fr": "Voici mon RIB : {v}",
        "pt": "Meu IBAN é {v}.",
        "it": "Il mio IBAN è {v}",
        "pl": "Numer konta do zwrotu: {v}",
        "nl": "Mijn rekeningnummer is {v}.",
        "tr": "IBAN numaram {v}",
    },
    "wallet": {
        "en": "My withdrawal to {v} still hasn't arrived after 6 hours!",
        "de": "Meine Auszahlung an {v} ist immer noch nicht angekommen.",
        "es": "Mi retiro a la dirección {v} no llegó.",
        "fr": "Mon retrait vers l'adresse {v} n'est jamais arrivé.",
        "pt": "Meu saque para a carteira {v} não caiu ainda.",
        "it": "Il prelievo verso {v} non è mai arrivato.",
        "pl": "Wypłata na adres {v} nie dotarła.",
        "nl": "Mijn opname naar {v} is niet aangekomen.",
        "tr": "{v} adresine çekim yaptım ama gelmedi.",
    },
    "phone": {
        "en": "You can call me back on {v} any time after 5pm.",
        "de": "Rufen Sie mich bitte unter {v} zurück.",
        "es": "Llámenme al {v} por favor.",
        "fr": "Rappelez-moi au {v} svp.",
        "pt": "Me liga no {v}.",
        "it": "Richiamatemi al numero {v}.",
        "pl": "Proszę o kontakt pod numerem {v}.",
        "nl": "Bel me terug op {v}.",
        "tr": "Beni {v} numarasından arayın.",
    },
    "email": {
        "en": "I no longer have access to my old mailbox, my new email is {v}",
        "de": "Meine neue E-Mail-Adresse lautet {v}.",
        "es": "Mi correo nuevo es {v}",
        "fr": "Ma nouvelle adresse e-mail est {v}",
        "pt": "Meu novo e-mail é {v}",
        "it": "La mia nuova email è {v}",
        "pl": "Mój nowy adres e-mail to {v}",
        "nl": "Mijn nieuwe e-mailadres is {v}",
        "tr": "Yeni e-posta adresim: {v}",
    },
    "dob": {
        "en": "For verification, my date of birth is {v}.",
        "de": "Zur Verifizierung: geboren am {v}.",
        "es": "Para verificar: nací el {v}.",
        "fr": "Pour vérification, je suis né le {v}.",
        "pt": "Para confirmar, nasci em {v}.",
        "it": "Per la verifica, sono nato il {v}.",
        "pl": "Data urodzenia: {v}.",
        "nl": "Ter verificatie: geboren op {v}.",
        "tr": "Doğum tarihim {v}.",
    },
    "street": {
        "en": "I moved, my new address is {v}, {city}.",
        "de": "Ich bin umgezogen, neue Anschrift: {v}, {city}.",
        "es": "Me mudé, mi nueva dirección es {v}, {city}.",
        "fr": "J'ai déménagé au {v}, {city}.",
        "pt": "Mudei para {v}, {city}.",
        "it": "Mi sono trasferito in {v}, {city}.",
        "pl": "Przeprowadziłem się: {v}, {city}.",
        "nl": "Ik ben verhuisd naar {v}, {city}.",
        "tr": "Yeni adresim {v}, {city}.",
    },
    "passport": {
        "en": "I uploaded my passport again, number {v}.",
        "de": "Ich habe meinen Reisepass ({v}) erneut hochgeladen.",
        "es": "Volví a subir el pasaporte, número {v}.",
        "fr": "J'ai renvoyé mon passeport n° {v}.",
        "pt": "Enviei de novo o passaporte nº {v}.",
        "it": "Ho ricaricato il passaporto n. {v}.",
        "pl": "Ponownie wysłałem paszport nr {v}.",
        "nl": "Ik heb mijn paspoort ({v}) opnieuw geüpload.",
        "tr": "Pasaportumu tekrar yükledim, numarası {v}.",
    },
    "natid": {
        "en": "My {label} is {v}.",
        "de": "Meine {label} ist {v}.",
        "es": "Mi {label} es {v}.",
        "fr": "Mon {label} : {v}.",
        "pt": "Meu {label} é {v}.",
        "it": "Il mio {label} è {v}.",
        "pl": "Mój numer {label}: {v}.",
        "nl": "Mijn {label} is {v}.",
        "tr": "{label}: {v}.",
    },
    "ssn": {
        "en": "SSN for the tax form is {v}.",
        "de": "Meine US-Sozialversicherungsnummer ist {v}.",
        "es": "Mi número de seguro social (SSN) es {v}.",
        "fr": "Mon SSN américain est le {v}.",
        "pt": "Meu SSN é {v}.",
        "it": "Il mio SSN è {v}.",
        "pl": "Mój SSN: {v}.",
        "nl": "Mijn SSN is {v}.",
        "tr": "SSN numaram {v}.",
    },
    "bank": {
        "en": "Wire it to account {v} (routing {extra}).",
        "de": "Kontonummer {v}, {extra}.",
        "es": "Cuenta {v}, {extra}.",
        "fr": "Compte n° {v} ({extra}).",
        "pt": "Conta {v}, {extra}.",
        "it": "Conto {v}, {extra}.",
        "pl": "Konto {v}, {extra}.",
        "nl": "Rekening {v}, {extra}.",
        "tr": "Hesap {v}, {extra}.",
    },
    "sign": {
        "en": "Thanks,\n{v}",
        "de": "Mit freundlichen Grüßen\n{v}",
        "es": "Saludos,\n{v}",
        "fr": "Cordialement,\n{v}",
        "pt": "Atenciosamente,\n{v}",
        "it": "Cordiali saluti,\n{v}",
        "pl": "Pozdrawiam,\n{v}",
        "nl": "Met vriendelijke groet,\n{v}",
        "tr": "Saygılarımla,\n{v}",
    },
    "intro": {
        "en": "Hi, this is {v} here.",
        "de": "Hallo, hier ist {v}.",
        "es": "Hola, soy {v}.",
        "fr": "Bonjour, je suis {v}.",
        "pt": "Olá, aqui é {v}.",
        "it": "Buongiorno, sono {v}.",
        "pl": "Dzień dobry, tu {v}.",
        "nl": "Hallo, met {v}.",
        "tr": "Merhaba, ben {v}.",
    },
}
DECOY_SNIPPETS = {
    "en": [
        "Order {d} still shows as pending.",
        "The tx hash is {d}.",
        "App version {d} on my phone.",
        "Tracking says {d} but nothing moved.",
        "It was about {d}.",
        "Reference {d} from your last email.",
        "Happened at {d}.",
    ],
    "de": [
        "Bestellung {d} ist noch offen.",
        "Transaktions-Hash: {d}.",
        "App-Version {d}.",
        "Sendungsnummer {d}.",
        "Es ging um {d}.",
        "Referenz {d}.",
        "Passiert am {d}.",
    ],
    "es": [
        "El pedido {d} sigue pendiente.",
        "El hash de la transacción es {d}.",
        "Versión de la app {d}.",
        "El número de seguimiento es {d}.",
        "Eran {d}.",
        "Referencia {d}.",
        "Ocurrió el {d}.",
    ],
    "fr": [
        "La commande {d} est toujours en attente.",
        "Le hash de la transaction est {d}.",
        "Version de l'appli {d}.",
        "Numéro de suivi {d}.",
        "C'était {d}.",
        "Référence {d}.",
        "C'est arrivé le {d}.",
    ],
    "pt": [
        "O pedido {d} continua pendente.",
        "O hash da transação é {d}.",
        "Versão do app {d}.",
        "Código de rastreio {d}.",
        "Foi {d}.",
        "Referência {d}.",
        "Aconteceu em {d}.",
    ],
    "it": [
        "L'ordine {d} è ancora in sospeso.",
        "L'hash della transazione è {d}.",
        "Versione app {d}.",
        "Codice di tracciamento {d}.",
        "Erano {d}.",
        "Riferimento {d}.",
        "È successo il {d}.",
    ],
    "pl": [
        "Zamówienie {d} wciąż oczekuje.",
        "Hash transakcji: {d}.",
        "Wersja aplikacji {d}.",
        "Numer przesyłki {d}.",
        "Chodziło o {d}.",
        "Referencja {d}.",
        "Stało się {d}.",
    ],
    "nl": [
        "Bestelling {d} staat nog open.",
        "De transactiehash is {d}.",
        "App-versie {d}.",
        "Trackingnummer {d}.",
        "Het ging om {d}.",
        "Referentie {d}.",
        "Gebeurd op {d}.",
    ],
    "tr": [
        "{d} numaralı sipariş hâlâ beklemede.",
        "İşlem hash'i {d}.",
        "Uygulama sürümü {d}.",
        "Kargo takip no {d}.",
        "Tutar {d} idi.",
        "Referans {d}.",
        "{d} tarihinde oldu.",
    ],
}


def prose(b: Doc, p: Person, n_personal: int, n_decoy: int, lang: str | None = None) -> str:
    r = b.r
    lang = lang if lang in SNIPPETS["card"] else (p.lang if p.lang in SNIPPETS["card"] else "en")
    kinds = r.sample(
        [
            "card",
            "iban",
            "wallet",
            "phone",
            "email",
            "dob",
            "street",
            "passport",
            "natid",
            "ssn",
            "bank",
            "wallet",
            "card",
            "phone",
        ],
        n_personal,
    )
    parts = []
    if r.random() < 0.5:
        parts.append(SNIPPETS["intro"][lang].format(v=b.full(p)))
    for k in kinds:
        t = SNIPPETS[k][lang]
        if k == "card":
            parts.append(t.format(v=b.card()))
        elif k == "iban":
            parts.append(t.format(v=b.iban()))
        elif k == "wallet":
            parts.append(t.format(v=b.wallet()[1]))
        elif k == "phone":
            parts.append(t.format(v=b.phone()))
        elif k == "email":
            parts.append(t.format(v=b.email(p)))
        elif k == "dob":
            parts.append(t.format(v=b.dob(p, lang)))
        elif k == "street":
            parts.append(t.format(v=b.street(p), city=p.city))
        elif k == "passport":
            parts.append(t.format(v=b.passport()[1]))
        elif k == "natid":
            kk, v = b.natid(p)
            parts.append(t.format(v=v, label=V.ID_LABELS[kk][0]))
        elif k == "ssn":
            parts.append(t.format(v=b.ssn()))
        elif k == "bank":
            _kind, acct, extra = b.bank()
            ex = ", ".join(f"{k2} {v2}" for k2, v2 in extra.items()) or "CLABE"
            parts.append(t.format(v=acct, extra=ex))
    for _ in range(n_decoy):
        parts.insert(r.randint(0, len(parts)), r.choice(DECOY_SNIPPETS[lang]).format(d=b.any_decoy()))
    sep = r.choice([" ", " ", "\n", "\n\n"])
    text = sep.join(parts)
    if r.random() < 0.6:
        text += "\n\n" + SNIPPETS["sign"][lang].format(v=b.full(p))
    return text


# ------------------------------------------------------------------ key styles
def style_key(words: list[str], style: str) -> str:
    if style == "snake":
        return "_".join(words)
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if style == "pascal":
        return "".join(w.capitalize() for w in words)
    if style == "screaming":
        return "_".join(words).upper()
    if style == "kebab":
        return "-".join(words)
    if style == "dotted":
        return ".".join(words)
    return "".join(words)


KEYS_EN = {
    "first": ["first", "name"],
    "last": ["last", "name"],
    "full": ["full", "name"],
    "email": ["email", "address"],
    "phone": ["mobile", "phone"],
    "dob": ["date", "of", "birth"],
    "street": ["street", "line1"],
    "city": ["city"],
    "zip": ["postcode"],
    "ssn": ["tax", "id"],
    "natid": ["national", "id", "number"],
    "passport": ["passport", "no"],
    "card": ["pan"],
    "iban": ["iban"],
    "acct": ["account", "number"],
    "wallet": ["withdrawal", "address"],
    "ip": ["last", "login", "ip"],
    "dl": ["driver", "license", "number"],
}
KEYS_L10N = {
    "de": {
        "first": "vorname",
        "last": "nachname",
        "full": "vollständiger_name",
        "email": "e_mail",
        "phone": "telefonnummer",
        "dob": "geburtsdatum",
        "street": "straße_hausnummer",
        "city": "wohnort",
        "zip": "plz",
        "ssn": "steuer_id",
        "natid": "personalausweisnummer",
        "passport": "reisepassnummer",
        "card": "kartennummer",
        "iban": "iban",
        "acct": "kontonummer",
        "wallet": "auszahlungsadresse",
        "ip": "ip_adresse",
        "dl": "führerscheinnummer",
    },
    "es": {
        "first": "nombre",
        "last": "apellidos",
        "full": "nombre_completo",
        "email": "correo_electronico",
        "phone": "telefono_movil",
        "dob": "fecha_de_nacimiento",
        "street": "domicilio",
        "city": "localidad",
        "zip": "codigo_postal",
        "ssn": "nif",
        "natid": "documento_identidad",
        "passport": "pasaporte",
        "card": "numero_tarjeta",
        "iban": "cuenta_iban",
        "acct": "numero_cuenta",
        "wallet": "direccion_billetera",
        "ip": "ip_ultimo_acceso",
        "dl": "permiso_de_conducir",
    },
    "fr": {
        "first": "prénom",
        "last": "nom",
        "full": "nom_complet",
        "email": "courriel",
        "phone": "téléphone_portable",
        "dob": "date_de_naissance",
        "street": "adresse_postale",
        "city": "ville",
        "zip": "code_postal",
        "ssn": "numéro_fiscal",
        "natid": "numéro_sécu",
        "passport": "numéro_passeport",
        "card": "numéro_carte",
        "iban": "iban",
        "acct": "numéro_de_compte",
        "wallet": "adresse_portefeuille",
        "ip": "adresse_ip",
        "dl": "permis_de_conduire",
    },
    "pt": {
        "first": "nome",
        "last": "sobrenome",
        "full": "nome_completo",
        "email": "e-mail",
        "phone": "celular",
        "dob": "data_nascimento",
        "street": "logradouro",
        "city": "cidade",
        "zip": "cep",
        "ssn": "cpf",
        "natid": "rg",
        "passport": "passaporte",
        "card": "numero_cartao",
        "iban": "iban",
        "acct": "conta_corrente",
        "wallet": "carteira_saque",
        "ip": "ip_acesso",
        "dl": "cnh",
    },
    "ja": {
        "first": "名",
        "last": "姓",
        "full": "氏名",
        "email": "メールアドレス",
        "phone": "電話番号",
        "dob": "生年月日",
        "street": "住所",
        "city": "市区町村",
        "zip": "郵便番号",
        "ssn": "納税者番号",
        "natid": "マイナンバー",
        "passport": "旅券番号",
        "card": "カード番号",
        "iban": "IBAN",
        "acct": "口座番号",
        "wallet": "出金アドレス",
        "ip": "IPアドレス",
        "dl": "運転免許証番号",
    },
}


def keyer(r: random.Random):
    style = r.choice(["snake", "camel", "pascal", "screaming", "kebab", "dotted", "l10n", "snake", "camel"])
    lang = r.choice(list(KEYS_L10N)) if style == "l10n" else None
    prefix = (
        r.choice(["", "", "customer", "client", "user", "kyc", "holder"]) if style not in ("l10n",) else ""
    )

    def k(concept: str) -> str:
        if lang:
            return KEYS_L10N[lang][concept]
        words = ([prefix] if prefix and concept not in ("city", "zip") else []) + KEYS_EN[concept]
        return style_key(words, style)

    return k, style, lang


# ------------------------------------------------------------------ routes
def undeclared_path(r: random.Random) -> str:
    n = r.randint(1000, 99999999)
    return r.choice(
        [
            f"/api/v1/things/{n}",
            f"/admin/users/{n}/profile",
            "/services/data/v59.0/query",
            f"/api/now/table/incident/{n}",
            f"/api/data/v9.2/contacts({V.uuid4(r)})",
            f"/conversations/{n}",
            f"/crm/v3/objects/contacts/{n}",
            f"/api/v2/kyc/applicants/{n}",
            f"/internal/ops/withdrawals/{n}",
            f"/api/v1/tickets/{n}",
            f"/desk/api/v1/contacts/{n}",
            f"/api/v1/things/{n}/history",
        ]
    )


DECLARED = [
    "/api/v2/users/{n}",
    "/api/v2/tickets/{n}",
    "/api/v2/tickets/{n}/comments",
    "/api/v2/users/search",
    "/api/v2/users/{n}/tickets",
    "/api/v2/tickets",
    "/api/v2/users",
]


def pick_path(r: random.Random, declared_ok: bool = False) -> str:
    if declared_ok and r.random() < 0.25:
        return r.choice(DECLARED).format(n=r.randint(100, 99999))
    return undeclared_path(r)


# ------------------------------------------------------------------ templates
def t_flat_record(b: Doc):
    """A customer record from some CRM / admin tool, key style varied, values as strings or numbers."""
    r = b.r
    p = Person(r)
    k, style, lang = keyer(r)
    rec: dict = {}
    rec[style_key(["id"], style) if not lang else "id"] = (
        b.D("order_number", V.digits(r, 8, True)) if r.random() < 0.3 else r.randint(1000, 99999)
    )
    if r.random() < 0.5:
        rec[k("first")] = p.given
        rec[k("last")] = b.last(p)
    else:
        rec[k("full")] = b.full(p)
    rec[k("email")] = b.email(p)
    ph = b.phone()
    rec[k("phone")] = (
        int("".join(ch for ch in ph if ch.isdigit())) if r.random() < 0.1 and ph.startswith("+") else ph
    )
    rec[k("dob")] = b.dob(p, iso_bias=0.6)
    rec[k("street")] = b.street(p)
    rec[k("city")] = p.city
    rec[k("zip")] = p.zip
    for concept in r.sample(
        ["ssn", "natid", "passport", "card", "iban", "acct", "wallet", "ip", "dl"], r.randint(3, 6)
    ):
        if concept == "ssn":
            v = b.ssn()
            rec[k("ssn")] = (
                int(v.replace("-", "").replace(" ", "")) if r.random() < 0.15 and not v.startswith("0") else v
            )
        elif concept == "natid":
            rec[k("natid")] = b.natid(p)[1]
        elif concept == "passport":
            rec[k("passport")] = b.passport()[1]
        elif concept == "card":
            rec[k("card")] = b.card()
        elif concept == "iban":
            rec[k("iban")] = b.iban()
        elif concept == "acct":
            _kind, acct, extra = b.bank()
            rec[k("acct")] = acct
            for ek, ev in extra.items():
                rec[ek] = ev
        elif concept == "wallet":
            coin, v = b.wallet()
            rec[k("wallet")] = v
            rec["network" if not lang else "red"] = coin
        elif concept == "ip":
            rec[k("ip")] = b.ip()
        elif concept == "dl":
            rec[k("dl")] = b.dl(p)[1]
    for dk in r.sample(
        [
            "created_at",
            "updated_at",
            "app_version",
            "last_order",
            "vip_tier_since",
            "lifetime_volume",
            "device_id",
            "last_tx",
        ],
        3,
    ):
        rec[style_key(dk.split("_"), style if style != "l10n" else "snake")] = {
            "created_at": b.ts,
            "updated_at": b.ts,
            "app_version": b.version,
            "last_order": b.order,
            "vip_tier_since": b.ts,
            "lifetime_volume": b.amount,
            "device_id": b.uuid,
            "last_tx": b.hashv,
        }[dk]()
    wrap = r.choice(["plain", "data", "result", "record", "sf", "odata"])
    if wrap == "plain":
        doc = rec
    elif wrap == "sf":
        rec = {
            "attributes": {
                "type": "Contact",
                "url": f"/services/data/v59.0/sobjects/Contact/{b.D('record_id', V.sf_id(r, '003'))}",
            },
            **rec,
        }
        doc = {"totalSize": 1, "done": True, "records": [rec]}
    elif wrap == "odata":
        doc = {
            "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts",
            "value": [{"@odata.etag": f'W/"{r.randint(10**6, 10**8)}"', **rec}],
        }
    else:
        doc = {wrap: rec, "meta": {"request_id": b.uuid()}}
    return (
        "application/json",
        pick_path(r, True),
        json.dumps(doc, ensure_ascii=r.random() < 0.3, indent=r.choice([None, 2])),
    )


def t_zendesk_ticket(b: Doc):
    r = b.r
    p = Person(r)
    n_comments = r.randint(2, 4)
    comments = []
    for i in range(n_comments):
        if i % 2 == 0:
            body = prose(b, p, r.randint(1, 3), r.randint(0, 1))
            c = {
                "id": r.randint(10**10, 10**11),
                "type": "Comment",
                "author_id": 372 + i,
                "body": body,
                "public": True,
                "created_at": b.ts(),
            }
            if r.random() < 0.4:
                c["html_body"] = (
                    '<div class="zd-comment"><p>' + html.escape(body).replace("\n", "<br>") + "</p></div>"
                )
                # the same values appear twice: count them once in the html body too (oracle checks the whole doc)
        else:
            c = {
                "id": r.randint(10**10, 10**11),
                "type": "Comment",
                "author_id": 900001,
                "body": f"Hi {p.given}, thanks for reaching out. Could you confirm the order {b.order()}?",
                "public": True,
                "created_at": b.ts(),
            }
        c["metadata"] = {
            "system": {
                "client": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + b.D("version", f"{r.randint(110, 128)}.0.{r.randint(5000, 6500)}.{r.randint(50, 200)}")
                + " Safari/537.36",
                "ip_address": b.ip(),
                "location": f"{p.city}, {p.country}",
            }
        }
        comments.append(c)
    doc = {
        "ticket": {
            "id": r.randint(10000, 999999),
            "subject": r.choice(
                ["Withdrawal stuck", "Double charge", "Account locked", "KYC rejected", "Change of address"]
            ),
            "requester": {"id": r.randint(10**9, 10**10), "name": b.full(p), "email": b.email(p)},
            "created_at": b.ts(),
            "external_id": b.uuid(),
            "custom_fields": [
                {"id": 360001234567, "value": b.wallet()[1]},
                {"id": 360001234568, "value": b.order()},
                {"id": 360001234569, "value": b.dob(p, iso_bias=0.7)},
            ],
            "tags": ["vip", "kyc_level_2"],
            "via": {"channel": "email", "source": {"from": {"address": p.email, "name": p.full}}},
        },
        "comments": comments,
    }
    return "application/json", pick_path(r, True), json.dumps(doc, ensure_ascii=False)


def t_intercom(b: Doc):
    r = b.r
    p = Person(r)
    parts = []
    for i in range(r.randint(2, 4)):
        if i % 2 == 0:
            txt = prose(b, p, r.randint(1, 2), r.randint(0, 1))
            parts.append(
                {
                    "type": "conversation_part",
                    "part_type": "comment",
                    "body": "<p>" + "</p><p>".join(html.escape(x) for x in txt.split("\n") if x) + "</p>",
                    "author": {"type": "user", "id": b.D("record_id", f"{r.getrandbits(96):024x}")},
                    "created_at": int(b.ts()) if False else r.randint(1700000000, 1750000000),
                }
            )
        else:
            parts.append(
                {
                    "type": "conversation_part",
                    "part_type": "comment",
                    "body": f"<p>Thanks {html.escape(p.given)}! Ticket {b.numeric_ref()} created.</p>",
                    "author": {"type": "admin", "name": "Support Bot"},
                }
            )
    doc = {
        "type": "conversation",
        "id": b.D("reference_number", V.digits(r, 15, True)),
        "created_at": r.randint(1700000000, 1750000000),
        "source": {
            "type": "conversation",
            "author": {"type": "user", "name": b.full(p), "email": b.email(p)},
            "body": f"<p>{html.escape(prose(b, p, 1, 0))}</p>",
        },
        "contacts": {
            "contacts": [
                {
                    "type": "contact",
                    "id": b.D("record_id", f"{r.getrandbits(96):024x}"),
                    "external_id": b.uuid(),
                }
            ]
        },
        "custom_attributes": {
            "Wallet": b.wallet()[1],
            "Phone verified": b.phone(),
            "Last seen IP": b.ip(),
            "Plan": "Pro",
        },
        "conversation_parts": {
            "type": "conversation_part.list",
            "conversation_parts": parts,
            "total_count": len(parts),
        },
    }
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_kyc_onfido(b: Doc):
    r = b.r
    p = Person(r)
    c, num = b.passport()
    y, m, d = p.dob
    dob_iso = b.P("DATE_OF_BIRTH", f"{y:04d}-{m:02d}-{d:02d}")
    l1, l2 = V.mrz_lines(r, c, num, p.family, p.given, f"{y % 100:02d}{m:02d}{d:02d}", r.choice("MF"))
    b.P("MRZ", l2, "line2")
    b.P("MRZ", l1, "line1")
    doc = {
        "payload": {
            "resource_type": "report",
            "action": "report.completed",
            "object": {
                "id": b.uuid(),
                "status": "complete",
                "completed_at_iso8601": b.ts(),
                "href": f"https://api.eu.onfido.com/v3.6/reports/{V.uuid4(r)}",
            },
        },
        "report": {
            "name": "document",
            "result": r.choice(["clear", "consider"]),
            "breakdown": {"data_validation": {"result": "clear"}, "visual_authenticity": {"result": "clear"}},
            "properties": {
                "document_type": "passport",
                "issuing_country": c,
                "nationality": c,
                "first_name": p.given,
                "last_name": b.last(p),
                "date_of_birth": dob_iso,
                "date_of_expiry": f"20{r.randint(27, 35)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}",
                "document_numbers": [{"type": "document_number", "value": num}],
                "mrz_line1": l1,
                "mrz_line2": l2,
                "barcode": [{"document_type": "passport"}],
                "gender": "Female" if r.random() < 0.5 else "Male",
                "address": {"line1": b.street(p), "town": p.city, "postcode": p.zip, "country": p.country},
            },
        },
        "applicant": {"id": b.uuid(), "email": b.email(p), "phone_number": b.phone(), "created_at": b.ts()},
    }
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_kyc_sumsub(b: Doc):
    r = b.r
    p = Person(r)
    _k, idn = b.natid(p)
    c, pp = b.passport()
    doc = {
        "id": b.D("record_id", f"{r.getrandbits(96):024x}"),
        "createdAt": b.ts(),
        "externalUserId": b.uuid(),
        "inspectionId": b.D("record_id", f"{r.getrandbits(96):024x}"),
        "email": b.email(p),
        "phone": b.phone(),
        "info": {
            "firstName": p.given,
            "firstNameEn": ascii_fold(p.given),
            "lastName": b.last(p),
            "dob": b.dob(p, iso_bias=1.0),
            "country": p.country,
            "idDocs": [
                {"idDocType": "ID_CARD", "country": p.country, "number": idn, "validUntil": "2031-04-30"},
                {
                    "idDocType": "PASSPORT",
                    "country": c,
                    "number": pp,
                    "issuedDate": b.ts() if False else "2019-06-02",
                },
            ],
            "addresses": [
                {
                    "street": b.street(p),
                    "town": p.city,
                    "postCode": p.zip,
                    "country": p.country,
                    "formattedAddress": None,
                }
            ],
        },
        "review": {
            "reviewStatus": "completed",
            "reviewResult": {"reviewAnswer": r.choice(["GREEN", "RED"]), "rejectLabels": []},
            "elapsedSincePendingMs": b.D("reference_number", str(r.randint(10**5, 10**8))),
        },
        "ipInfo": {"ip": b.ip(), "countryCode2": p.country, "asn": r.randint(1000, 60000)},
    }
    doc["info"]["addresses"][0]["formattedAddress"] = (
        doc["info"]["addresses"][0]["street"] + ", " + p.zip + " " + p.city
    )
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_kyc_jumio(b: Doc):
    r = b.r
    p = Person(r, r.choice(["en", "en", "es", "pt"]))
    k, dl = b.dl(p)
    doc = {
        "callBackType": "NETVERIFYID",
        "jumioIdScanReference": b.uuid(),
        "verificationStatus": "APPROVED_VERIFIED",
        "idScanStatus": "SUCCESS",
        "idType": "DRIVING_LICENSE",
        "idCountry": "USA"
        if k not in ("UK", "DE", "AU-NSW", "CA-ON")
        else {"UK": "GBR", "DE": "DEU", "AU-NSW": "AUS", "CA-ON": "CAN"}[k],
        "idNumber": dl,
        "idFirstName": p.given.upper(),
        "idLastName": b.P("LAST_NAME", p.family.upper()),
        "idDob": b.dob(p, iso_bias=1.0),
        "idExpiry": "2029-11-30",
        "idAddress": json.dumps(
            {"line1": b.street(p), "city": p.city, "postalCode": p.zip}, ensure_ascii=False
        ),
        "personalNumber": b.ssn() if r.random() < 0.5 else "N/A",
        "clientIp": b.ip(),
        "transactionDate": b.ts(),
        "callbackDate": b.ts(),
    }
    if r.random() < 0.5:  # SCREAMING keys, as some gateways forward it
        doc = {kk.upper(): vv for kk, vv in doc.items()}
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_payment(b: Doc):
    r = b.r
    p = Person(r)
    card = b.card()
    kind = r.choice(["gateway_json", "stripe_like", "adyen"])
    if kind == "stripe_like":
        doc = {
            "id": b.D("record_id", V.stripe_id(r, "ch")),
            "object": "charge",
            "amount": r.randint(100, 500000),
            "currency": "usd",
            "billing_details": {
                "name": b.full(p),
                "email": b.email(p),
                "phone": b.phone(),
                "address": {"line1": b.street(p), "city": p.city, "postal_code": p.zip, "country": p.country},
            },
            "payment_intent": b.D("record_id", V.stripe_id(r, "pi")),
            "receipt_number": b.D("reference_number", f"{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"),
            "payment_method_details": {
                "card": {
                    "brand": "visa",
                    "last4": card.replace(" ", "").replace("-", "")[-4:],
                    "exp_month": r.randint(1, 12),
                    "exp_year": r.randint(2026, 2031),
                    "fingerprint": b.D(
                        "hash", "".join(r.choice(V.UP + V.DIG + "abcdefghij") for _ in range(16))
                    ),
                }
            },
            "metadata": {"raw_pan_from_legacy_import": card, "customer_ip": b.ip()},
            "created": r.randint(1700000000, 1750000000),
        }
    elif kind == "adyen":
        doc = {
            "live": "false",
            "notificationItems": [
                {
                    "NotificationRequestItem": {
                        "additionalData": {
                            "cardHolderName": b.full(p),
                            "cardSummary": card[-4:],
                            "cardBin": card.replace(" ", "")[:6],
                            "shopperEmail": b.email(p),
                            "shopperIP": b.ip(),
                            "expiryDate": f"{r.randint(1, 12):02d}/{r.randint(2026, 2031)}",
                            "issuerCountry": p.country,
                            "cardNumber": card,
                        },
                        "amount": {"currency": "EUR", "value": r.randint(100, 900000)},
                        "eventCode": "AUTHORISATION",
                        "eventDate": b.ts(),
                        "merchantReference": b.order(),
                        "pspReference": b.D(
                            "reference_number",
                            V.digits(r, 16, True)
                            if False
                            else "".join(r.choice(V.UP + V.DIG) for _ in range(16)),
                        ),
                        "success": "true",
                    }
                }
            ],
        }
    else:
        doc = {
            "Transaction": {
                "TransactionID": b.D("reference_number", V.non_luhn(r, 16)),
                "Amount": b.amount(),
                "Card": {
                    "Number": card,
                    "Holder": b.full(p),
                    "Expiry": f"{r.randint(1, 12):02d}/{r.randint(26, 31)}",
                },
                "BillingAddress": {"Street": b.street(p), "City": p.city, "Zip": p.zip},
                "AVSResult": "Y",
                "Customer": {"Email": b.email(p), "Phone": b.phone(), "IP": b.ip()},
                "Order": b.order(),
                "Timestamp": b.ts(),
            }
        }
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_exchange_admin(b: Doc):
    r = b.r
    p = Person(r)
    withdraws = []
    for _ in range(r.randint(1, 3)):
        coin, addr = b.wallet()
        w = {
            "coin": coin.split("-")[0],
            "network": coin,
            "address": addr,
            "amount": b.amount(),
            "txId": b.hashv(),
            "status": r.choice(["COMPLETED", "PENDING", "REJECTED"]),
            "applyTime": b.ts(),
        }
        if coin == "XRP":
            w["addressTag"] = b.D("reference_number", str(r.randint(10**6, 10**9)))
        withdraws.append(w)
    logins = [
        {
            "ip": b.ip(),
            "ua": f"Binance/{b.version()} (iPhone; {b.version()})",
            "time": b.ts(),
            "geo": f"{p.city}, {p.country}",
        }
        for _ in range(r.randint(1, 3))
    ]
    banks = []
    if r.random() < 0.6:
        banks.append(
            {
                "type": "SEPA",
                "iban": b.iban(),
                "holder": b.full(p),
                "bic": r.choice(["DEUTDEFF", "BNPAFRPP", "INGBNL2A", "BSCHESMM"]),
            }
        )
    if r.random() < 0.4:
        kind, acct, extra = b.bank()
        banks.append({"type": kind.upper(), "accountNumber": acct, **extra, "holder": p.full})
    doc = {
        "code": "000000",
        "data": {
            "uid": b.D("reference_number", str(r.randint(10**8, 10**9))),
            "kycLevel": r.randint(1, 3),
            "email": b.email(p),
            "mobile": b.phone(),
            "realName": b.full(p),
            "birthday": b.dob(p, iso_bias=0.8),
            "residence": {"address": b.street(p), "city": p.city, "zip": p.zip},
            "idDocument": {"type": "PASSPORT", "no": b.passport()[1]},
            "withdrawAddresses": withdraws,
            "loginHistory": logins,
            "bankAccounts": banks,
            "riskFlags": ["NEW_DEVICE"],
            "createdAt": b.ts(),
            "feeTier": "VIP1",
            "referralCode": b.D("product_code", "".join(r.choice(V.UP + V.DIG) for _ in range(8))),
        },
    }
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_servicenow(b: Doc):
    r = b.r
    p = Person(r)
    res = []
    for _ in range(r.randint(1, 3)):
        res.append(
            {
                "sys_id": b.D("hash", f"{r.getrandbits(128):032x}"),
                "number": b.D("reference_number", f"INC{V.digits(r, 7)}"),
                "caller_id": {
                    "display_value": b.full(p),
                    "link": f"https://acme.service-now.com/api/now/table/sys_user/{r.getrandbits(128):032x}",
                },
                "short_description": r.choice(["Card blocked", "Refund request", "Data subject request"]),
                "description": prose(b, p, r.randint(1, 2), 1),
                "u_customer_ssn": b.ssn() if r.random() < 0.5 else "",
                "u_contact_phone": b.phone(),
                "sys_created_on": b.ts(),
                "opened_at": b.ts(),
                "work_notes": f"Customer verified via DOB {b.dob(p, 'en')} and last 4 of SSN.",
            }
        )
    return "application/json", pick_path(r), json.dumps({"result": res}, ensure_ascii=False)


def t_hubspot_zoho_kayako(b: Doc):
    r = b.r
    p = Person(r)
    k = r.choice(["hubspot", "zoho", "kayako", "freshdesk"])
    if k == "hubspot":
        doc = {
            "id": b.D("reference_number", str(r.randint(10**9, 10**11))),
            "properties": {
                "firstname": p.given,
                "lastname": b.last(p),
                "email": b.email(p),
                "phone": b.phone(),
                "mobilephone": b.phone(),
                "date_of_birth": b.dob(p, iso_bias=1.0),
                "address": b.street(p),
                "city": p.city,
                "zip": p.zip,
                "hs_object_id": str(r.randint(10**9, 10**11)),
                "createdate": b.ts(),
                "lastmodifieddate": b.ts(),
                "hs_ip_timezone": "Europe/Berlin",
                "ip_address": b.ip(),
            },
            "archived": False,
        }
    elif k == "zoho":
        doc = {
            "data": [
                {
                    "id": b.D("reference_number", V.digits(r, 18, True)),
                    "contactName": b.full(p),
                    "email": b.email(p),
                    "phone": b.phone(),
                    "mobile": b.phone(),
                    "cf": {
                        "cf_pan_number": b.P("NATIONAL_ID", V.in_pan(r), "in_pan"),
                        "cf_aadhaar": b.P("NATIONAL_ID", V.aadhaar(r), "aadhaar"),
                        "cf_wallet": b.wallet()[1],
                        "cf_upi_id": b.P(
                            "EMAIL",
                            f"{ascii_fold(p.given).lower().replace(' ', '')}{r.randint(10, 99)}@{r.choice(['okaxis', 'ybl', 'paytm', 'oksbi'])}",
                            "upi",
                        ),
                    },
                    "createdTime": b.ts(),
                    "customerHappiness": {"goodPercentage": "100"},
                }
            ]
        }
    elif k == "kayako":
        doc = {
            "status": 200,
            "data": {
                "id": r.randint(1, 99999),
                "full_name": b.full(p),
                "emails": [{"email": b.email(p), "is_primary": True}],
                "phones": [{"number": b.phone()}],
                "custom_fields": [
                    {"field": {"key": "date_of_birth"}, "value": b.dob(p)},
                    {"field": {"key": "national_id"}, "value": b.natid(p)[1]},
                ],
                "created_at": b.ts(),
                "updated_at": b.ts(),
                "last_logged_in_at": b.ts(),
            },
            "resource": "user",
        }
    else:
        desc = prose(b, p, r.randint(2, 3), 1)
        doc = {
            "id": r.randint(1, 99999),
            "subject": "Help",
            "description": "<div>" + html.escape(desc).replace("\n", "<br>") + "</div>",
            "description_text": desc,
            "requester": {"name": b.full(p), "email": b.email(p), "mobile": b.phone()},
            "custom_fields": {"cf_wallet_address": b.wallet()[1], "cf_order": b.order()},
            "created_at": b.ts(),
            "due_by": b.ts(),
            "fr_due_by": b.ts(),
        }
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_split_values(b: Doc):
    """Identifiers split into parts across JSON siblings, nested arrays, numbers."""
    r = b.r
    p = Person(r)
    doc: dict = {"id": r.randint(1, 10**6), "updated": b.ts()}
    card = b.card()
    cd = "".join(ch for ch in card if ch.isdigit())
    b.mark(["card"])
    doc["card"] = (
        {"part1": cd[:4], "part2": cd[4:8], "part3": cd[8:12], "part4": cd[12:]}
        if r.random() < 0.5
        else {"bin": cd[:6], "middle": cd[6:-4], "last4": cd[-4:]}
    )
    s = b.ssn()
    sd = "".join(ch for ch in s if ch.isdigit())
    b.mark(["ssn_parts"])
    doc["ssn_parts"] = (
        [sd[:3], sd[3:5], sd[5:]]
        if r.random() < 0.5
        else {"area": sd[:3], "group": sd[3:5], "serial": sd[5:]}
    )
    ph = b.phone()
    pd = "".join(ch for ch in ph if ch.isdigit())
    b.mark(["phone"])
    doc["phone"] = (
        {"countryCode": pd[:2], "areaCode": pd[2:5], "number": pd[5:]}
        if r.random() < 0.5
        else [pd[:-7], pd[-7:]]
    )
    ib = b.iban()
    ibr = ib.replace(" ", "")
    b.mark(["bank"])
    doc["bank"] = {"iban_blocks": [ibr[i : i + 4] for i in range(0, len(ibr), 4)]}
    doc["name"] = (
        {"given": p.given, "family": b.last(p)} if r.random() < 0.5 else {"first": p.given, "last": b.last(p)}
    )
    b.P("PERSON", p.full, "split", json_path=["name"])
    doc["email"] = {"local": p.email.split("@")[0], "domain": p.email.split("@")[1]}
    b.P("EMAIL", p.email, "split", json_path=["email"])
    doc["dob"] = {"year": p.dob[0], "month": p.dob[1], "day": p.dob[2]}
    b.P("DATE_OF_BIRTH", f"{p.dob[0]:04d}-{p.dob[1]:02d}-{p.dob[2]:02d}", "split", json_path=["dob"])
    doc["notes"] = [b.order(), b.amount(), b.sku()]
    return "application/json", pick_path(r), json.dumps(doc, ensure_ascii=False)


def t_html_profile(b: Doc):
    r = b.r
    p = Person(r)
    rows = []

    def row(label, value, raw=False):
        rows.append(f"<tr><th>{label}</th><td>{value if raw else html.escape(str(value))}</td></tr>")

    row("Name", b.full(p))
    e = b.email(p)
    row("E-mail", f'<a href="mailto:{html.escape(e)}">{html.escape(e)}</a>', raw=True)
    ph = b.phone()
    row("Phone", f'<a href="tel:{html.escape(ph.replace(" ", ""))}">{html.escape(ph)}</a>', raw=True)
    row("Date of birth", b.dob(p))
    row("Address", f"{html.escape(b.street(p))}<br>{html.escape(p.zip)} {html.escape(p.city)}", raw=True)
    card = b.card()
    cd = "".join(ch for ch in card if ch.isdigit())
    if r.random() < 0.5:  # split across inline tags
        row(
            "Card",
            "".join(f'<span class="grp">{cd[i : i + 4]}</span>' for i in range(0, len(cd), 4)),
            raw=True,
        )
    else:
        row("Card", card)
    row("SSN / Tax ID", "<b>" + b.ssn() + "</b>", raw=True)
    row("Wallet", f"<code>{b.wallet()[1]}</code>", raw=True)
    row("IBAN", b.iban())
    row("Last IP", b.ip())
    row("Passport", b.passport()[1])
    row("Order", b.order())
    row("Member since", b.ts())
    row("App", b.version())
    row("Last tx", b.hashv())
    page = (
        '<!doctype html><html><head><title>Customer 360</title></head><body><div id="app"><h1>Customer 360 · '
        + html.escape(p.given)
        + "</h1>"
        + f'<table class="kv">{"".join(rows)}</table>'
        + f'<div class="note" data-customer-email="{html.escape(p.email)}">{html.escape(prose(b, p, 2, 1)).replace(chr(10), "<br>")}</div>'
        + "</div></body></html>"
    )
    return "text/html", pick_path(r), page


def t_html_chat(b: Doc):
    r = b.r
    p = Person(r)
    msgs = []
    for i in range(r.randint(2, 5)):
        if i % 2 == 0:
            t = prose(b, p, r.randint(1, 2), r.randint(0, 1))
            msgs.append(
                f'<li class="msg visitor"><span class="who">{html.escape(p.full if i == 0 else p.given)}</span><p>{html.escape(t).replace(chr(10), "<br/>")}</p><time>{html.escape(b.ts())}</time></li>'
            )
            if i == 0:
                b.full(p)
        else:
            msgs.append(
                f'<li class="msg agent"><span class="who">Agent Sam</span><p>Let me check order {html.escape(b.order())} for you.</p></li>'
            )
    page = f'<div class="liveagent-transcript"><ul>{"".join(msgs)}</ul><footer>Visitor IP: {b.ip()} · Browser: Firefox {b.version()}</footer></div>'
    return "text/html", pick_path(r), page


def t_csv_export(b: Doc):
    r = b.r
    lang = r.choice(["en", "en", "de", "es", "fr", "pt"])
    heads = {
        "en": [
            "Customer ID",
            "Full Name",
            "Email",
            "Phone",
            "DOB",
            "Street",
            "City",
            "SSN",
            "Card Number",
            "IBAN",
            "Wallet",
            "Signup IP",
            "Created",
            "Lifetime Volume",
        ],
        "de": [
            "Kunden-ID",
            "Name",
            "E-Mail",
            "Telefon",
            "Geburtsdatum",
            "Straße",
            "Ort",
            "Steuer-ID",
            "Kartennummer",
            "IBAN",
            "Wallet",
            "IP",
            "Erstellt",
            "Umsatz",
        ],
        "es": [
            "ID",
            "Nombre",
            "Correo",
            "Teléfono",
            "Nacimiento",
            "Dirección",
            "Ciudad",
            "DNI",
            "Tarjeta",
            "IBAN",
            "Billetera",
            "IP",
            "Creado",
            "Volumen",
        ],
        "fr": [
            "ID client",
            "Nom",
            "Courriel",
            "Téléphone",
            "Naissance",
            "Adresse",
            "Ville",
            "NIR",
            "Carte",
            "IBAN",
            "Portefeuille",
            "IP",
            "Créé le",
            "Volume",
        ],
        "pt": [
            "ID",
            "Nome",
            "E-mail",
            "Telefone",
            "Nascimento",
            "Endereço",
            "Cidade",
            "CPF",
            "Cartão",
            "IBAN",
            "Carteira",
            "IP",
            "Criado",
            "Volume",
        ],
    }[lang]
    buf = io.StringIO()
    delim = ";" if lang in ("de", "fr", "es", "pt") and r.random() < 0.7 else ","
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n" if r.random() < 0.5 else "\n")
    w.writerow(heads)
    declared = r.random() < 0.25
    for _ in range(r.randint(3, 6)):
        p = Person(r, lang if lang != "en" else None)
        if lang == "de":
            idv = b.P("NATIONAL_ID", V.de_steuerid(r), "de_steuerid")
        elif lang == "es":
            idv = b.P("NATIONAL_ID", V.es_dni(r), "es_dni")
        elif lang == "fr":
            idv = b.P("NATIONAL_ID", V.fr_nir(r), "fr_nir")
        elif lang == "pt":
            idv = b.P("NATIONAL_ID", V.br_cpf(r), "br_cpf")
        else:
            idv = b.ssn()
        w.writerow(
            [
                b.D("reference_number", str(r.randint(10**6, 10**7))),
                b.full(p),
                b.email(p),
                b.phone(),
                b.dob(p, lang),
                b.street(p),
                p.city,
                idv,
                b.card(),
                b.iban(),
                b.wallet()[1],
                b.ip(),
                b.ts(),
                b.amount(),
            ]
        )
    path = (
        "/api/v2/exports/users.csv"
        if declared and lang == "en"
        else f"/api/v1/things/exports/{r.randint(1, 9999)}.csv"
    )
    return "text/csv", path, buf.getvalue()


def t_text_email(b: Doc):
    r = b.r
    p = Person(r)
    e = b.email(p)
    body = prose(b, p, r.randint(2, 4), r.randint(1, 2))
    hdr = (
        f'From: "{b.full(p)}" <{e}>\nTo: support@exchange.example\nDate: {b.ts()}\nMessage-ID: <{b.uuid()}@mail.gmail.com>\nX-Originating-IP: [{b.ip()}]\n'
        f"Subject: Re: [#{r.randint(10000, 999999)}] {r.choice(['Withdrawal', 'Verification', 'Refund', 'Konto gesperrt', 'Reembolso'])}\n\n"
    )
    quoted = ""
    if r.random() < 0.5:
        quoted = (
            "\n\nOn "
            + b.ts()
            + ", Support <support@exchange.example> wrote:\n> Hello "
            + p.given
            + ",\n> please reply with your order number "
            + b.order()
            + ".\n"
        )
    return "text/plain", pick_path(r), hdr + body + quoted


def t_text_log(b: Doc):
    """Back-office log / audit lines and an analyst's SAR-style narrative."""
    r = b.r
    lines = []
    for _ in range(r.randint(4, 9)):
        p = Person(r)
        k = r.choice(["login", "withdraw", "kyc", "card", "narr"])
        if k == "login":
            lines.append(
                f'{b.ts()} INFO auth.login uid={r.randint(10**7, 10**8)} email={b.email(p)} ip={b.ip()} ua="okhttp/{b.version()}" result=OK'
            )
        elif k == "withdraw":
            coin, addr = b.wallet()
            lines.append(
                f"{b.ts()} WARN wallet.withdraw uid={r.randint(10**7, 10**8)} asset={coin} to={addr} amount={b.amount()} txid={b.hashv()} risk=HIGH"
            )
        elif k == "kyc":
            kk, idv = b.natid(p)
            lines.append(
                f'{b.ts()} INFO kyc.submit applicant={b.uuid()} name="{b.full(p)}" dob={b.dob(p, iso_bias=1.0)} id_type={kk} id_number={idv}'
            )
        elif k == "card":
            lines.append(
                f'{b.ts()} ERROR gateway.decline order={b.order()} pan={b.card()} holder="{b.full(p)}" avs_zip={p.zip} code=05'
            )
        else:
            lines.append(
                f"{b.ts()} NOTE analyst: Subject {b.full(p)} (DOB {b.dob(p, 'en')}, SSN {b.ssn()}) moved funds from {b.iban()} to {b.wallet()[1]} "
                f"via IP {b.ip()}; phone on file {b.phone()}; residing at {b.street(p)}, {p.city}."
            )
    return "text/plain", pick_path(r), "\n".join(lines) + "\n"


def t_text_chat(b: Doc):
    r = b.r
    p = Person(r)
    out = [
        f"Chat transcript — visitor {b.full(p)} <{b.email(p)}>",
        f"Started: {b.ts()}  Visitor IP: {b.ip()}",
        "",
    ]
    for i in range(r.randint(3, 6)):
        if i % 2 == 0:
            out.append(
                f"[{r.randint(0, 23):02d}:{r.randint(0, 59):02d}] {p.given}: "
                + prose(b, p, r.randint(1, 2), r.randint(0, 1)).replace("\n", " ")
            )
        else:
            out.append(
                f"[{r.randint(0, 23):02d}:{r.randint(0, 59):02d}] Agent: Thanks, checking ticket {b.numeric_ref()}."
            )
    # values the customer types oddly
    odd = r.choice(["card_lines", "spaced_ssn", "iban_lower", "phone_dots", "wallet_wrap"])
    if odd == "card_lines":
        cd = "".join(ch for ch in V.card(r)[1] if ch.isdigit())
        b.P("CREDIT_CARD", cd, "odd_lines", pieces=[cd[:8], cd[8:]])
        out.append(f"{p.given}: card is {cd[:8]}\n{p.given}: {cd[8:]}")
    elif odd == "spaced_ssn":
        s = "".join(ch for ch in V.ssn(r) if ch.isdigit())
        b.P("US_SSN", s, "odd_spaced")
        out.append(f"{p.given}: ssn " + " ".join(s))
    elif odd == "iban_lower":
        ib = V.iban(r).replace(" ", "").lower()
        b.P("IBAN", ib, "odd_lower")
        out.append(f"{p.given}: iban {ib}")
    elif odd == "phone_dots":
        _, ph = V.phone(r)
        d = "".join(ch for ch in ph if ch.isdigit())
        v = ".".join([d[:-7], d[-7:-4], d[-4:]])
        b.P("PHONE", v, "odd_dots")
        out.append(f"{p.given}: my cell {v}")
    else:
        _coin, a = V.crypto(r)
        b.P("CRYPTO", a, "odd_wrap", pieces=[a[: len(a) // 2], a[len(a) // 2 :]])
        out.append(f"{p.given}: address {a[: len(a) // 2]}\n{p.given}: {a[len(a) // 2 :]}")
    return "text/plain", pick_path(r), "\n".join(out) + "\n"


def t_decoy_heavy(b: Doc):
    """Order / shipment / system responses: mostly decoys, one or two personal values."""
    r = b.r
    p = Person(r)
    items = [
        {"sku": b.sku(), "qty": r.randint(1, 4), "price": b.amount(), "ean": b.D("product_code", V.ean13(r))}
        for _ in range(r.randint(1, 3))
    ]
    doc = {
        "order": {
            "number": b.order(),
            "placed_at": b.ts(),
            "status": "shipped",
            "items": items,
            "shipments": [{"carrier": "UPS", "tracking": b.tracking(), "shipped_at": b.ts()}],
            "payment": {
                "method": "card",
                "last4": str(r.randint(1000, 9999)),
                "auth_code": b.D("reference_number", "".join(r.choice(V.UP + V.DIG) for _ in range(6))),
            },
            "customer": {"first_name": p.given, "email": b.email(p)},
        },
        "system": {
            "request_id": b.uuid(),
            "trace": b.hashv(),
            "server": b.D("version", f"nginx/1.{r.randint(18, 27)}.{r.randint(0, 3)}"),
            "build": b.version(),
            "oid": b.D("version", f"1.3.6.1.4.1.{r.randint(1000, 60000)}.{r.randint(1, 9)}"),
            "release_date": b.ts(),
            "latency_ms": b.D("amount", f"{r.randint(10, 900)}.{r.randint(0, 9)}"),
        },
        "chain": {
            "block": b.numeric_ref(),
            "confirmations": r.randint(1, 99),
            "tx": b.hashv(),
            "fee": b.amount(),
        },
    }
    if r.random() < 0.4:
        doc["note"] = f"Customer asked about order {b.order()} placed {b.ts()}, tracking {b.tracking()}."
    return "application/json", pick_path(r, True), json.dumps(doc, ensure_ascii=False)


TEMPLATES = [
    (t_flat_record, 9),
    (t_zendesk_ticket, 5),
    (t_intercom, 3),
    (t_kyc_onfido, 3),
    (t_kyc_sumsub, 3),
    (t_kyc_jumio, 3),
    (t_payment, 4),
    (t_exchange_admin, 5),
    (t_servicenow, 3),
    (t_hubspot_zoho_kayako, 4),
    (t_split_values, 3),
    (t_html_profile, 3),
    (t_html_chat, 3),
    (t_csv_export, 3),
    (t_text_email, 4),
    (t_text_log, 4),
    (t_text_chat, 3),
    (t_decoy_heavy, 6),
]


DECOY_KEEP = 0.45  # score a seeded sample of the decoys (all of them stay in the bodies)


def norm(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s).casefold() if ch.isalnum())


def generate(seed: int = SEED, n: int = N_RESPONSES) -> list[dict]:
    r = random.Random(seed)
    fns = [f for f, w in TEMPLATES for _ in range(w)]
    out = []
    for i in range(n):
        b = Doc(r)
        fn = r.choice(fns)
        ctype, path, body = fn(b)
        seen, pers, dec = set(), [], []
        for p in b.personal:
            key = (p["type"], norm(p["value"]))
            if key not in seen:
                seen.add(key)
                pers.append(p)
        for x in b.decoys:
            if ("D", x["value"]) not in seen and r.random() < DECOY_KEEP:
                seen.add(("D", x["value"]))
                dec.append(x)
        out.append(
            {
                "i": i,
                "template": fn.__name__,
                "content_type": ctype,
                "path": path,
                "body": body,
                "personal": pers,
                "decoys": dec,
            }
        )
    return out


if __name__ == "__main__":  # python -m tests.eval.third.corpus [OUT.json]: counts, and the corpus if asked
    import collections
    import sys
    from pathlib import Path

    docs = generate()
    pc = collections.Counter(p["type"] for d in docs for p in d["personal"])
    dc = collections.Counter(x["cls"] for d in docs for x in d["decoys"])
    print(len(docs), "responses", sum(pc.values()), "personal", sum(dc.values()), "decoys", file=sys.stderr)
    print(pc, file=sys.stderr)
    print(dc, file=sys.stderr)
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
