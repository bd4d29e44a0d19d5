"""Seeded synthetic press-release corpus for the loader and query benchmarks.

The three real pages in ``data/releases`` are too few to time anything, and scraping
100,000 real ones is neither possible nor reproducible. This module fabricates pages
with the same kinds of noise (navigation lines, stock hotlines, sign-up forms, glued
spam title suffixes, several date styles, non-breaking spaces, curly and straight
quotes, per-site footers) so the benchmarks exercise the real cleaning paths.

Every choice flows from one seed, so two runs with the same arguments write
byte-identical corpora and benchmark numbers stay comparable between commits.

Usage: ``python -m benchmarks.corpus OUT_DIR --releases N --companies M --seed S``
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")

# --------------------------------------------------------------------------- vocabulary
# Lists are ordered roughly from common to rare; ``_zipf`` turns that order into a
# skewed sampling pool so full-text search sees a long-tailed term distribution
# rather than every word being equally frequent.


def _zipf(items: Sequence[_T]) -> tuple[_T, ...]:
    """Repeat item k about len/(k+1) times so rng.choice samples with a Zipf-like skew."""
    size = len(items)
    return tuple(item for k, item in enumerate(items) for _ in range(max(1, round(size / (k + 1)))))


_ONSETS = (
    "Ak",
    "Ab",
    "Al",
    "Am",
    "Ar",
    "As",
    "Av",
    "Bei",
    "Bri",
    "Cal",
    "Cel",
    "Cor",
    "Cy",
    "Dar",
    "Del",
    "Ev",
    "Fen",
    "Gen",
    "Hel",
    "Hua",
    "In",
    "Jun",
    "Kel",
    "Kin",
    "Lae",
    "Lan",
    "Lu",
    "Mer",
    "Mi",
    "Nov",
    "Ny",
    "Or",
    "Pan",
    "Qi",
    "Ren",
    "Sai",
    "Sol",
    "Syn",
    "Tai",
    "Ter",
    "Tri",
    "Ul",
    "Ven",
    "Vir",
    "Xin",
    "Yi",
    "Zai",
    "Zen",
    "Zy",
    "Ju",
    "Hen",
    "Bo",
    "Ca",
    "Ele",
    "Fo",
    "Gra",
    "Ima",
    "Ke",
    "Luo",
    "Mo",
)
_MIDDLES = ("", "e", "a", "o", "i", "an", "er", "ri", "mo", "li", "ve", "su", "ta", "no")
_CODAS = (
    "so",
    "kna",
    "gen",
    "vax",
    "ra",
    "lix",
    "nex",
    "tis",
    "cor",
    "gene",
    "zen",
    "ris",
    "vo",
    "lia",
    "mune",
    "thera",
    "nova",
    "tek",
    "cell",
    "pha",
    "ly",
    "ro",
    "dia",
    "xis",
    "ven",
    "cure",
    "sen",
    "qua",
    "mab",
    "lead",
)
_SUFFIXES = (
    "Therapeutics",
    "Biopharma",
    "Pharma",
    "Bio",
    "Medicine",
    "Biosciences",
    "Biotech",
    "Pharmaceuticals",
    "Biologics",
    "Oncology",
)
_SHORT_TAILS = ("bio", "pharm", "med", "tx")
_CJK_STEMS = "康方来凯新领先恒瑞百济信达君实复宏再鼎和黄荣昌诺华泽璟科伦翰森亚盛基石天境"
_CJK_TAILS = ("生物", "医药", "药业", "生物科技", "制药")
_SPAM_CHARS = "金星华盛鼎博汇通利达宝龙"
_SPAM_TAILS = ("官方", "官网", "平台", "入口", "首页")

_INN_HEADS = (
    "iv",
    "pen",
    "tor",
    "cad",
    "sin",
    "tis",
    "ser",
    "ben",
    "pem",
    "lor",
    "dal",
    "am",
    "or",
    "zan",
    "fu",
    "mar",
    "vel",
    "rit",
    "sot",
    "tuc",
    "ner",
    "cam",
    "dur",
    "lin",
)
_INN_MIDS = ("o", "i", "a", "e", "u", "one", "ali", "ene", "ori", "uze")
_INN_TAILS = (
    "cimab",
    "limab",
    "tinib",
    "ciclib",
    "parib",
    "tuzumab",
    "cel",
    "sertib",
    "lisib",
    "rafenib",
    "glutide",
    "siran",
    "cept",
    "tamab",
    "degib",
)
_INN_POOL = tuple(
    random.Random(0).sample(
        ["".join(parts) for parts in itertools.product(_INN_HEADS, _INN_MIDS, _INN_TAILS)],
        600,
    )
)

_INDICATIONS = _zipf(
    (
        "non-small cell lung cancer",
        "hepatocellular carcinoma",
        "gastric cancer",
        "triple-negative breast cancer",
        "HER2-positive breast cancer",
        "nasopharyngeal carcinoma",
        "cervical cancer",
        "biliary tract cancer",
        "pancreatic cancer",
        "colorectal cancer",
        "metastatic castration-resistant prostate cancer",
        "renal cell carcinoma",
        "urothelial carcinoma",
        "ovarian cancer",
        "endometrial cancer",
        "esophageal squamous cell carcinoma",
        "small cell lung cancer",
        "head and neck squamous cell carcinoma",
        "melanoma",
        "glioblastoma",
        "diffuse large B-cell lymphoma",
        "multiple myeloma",
        "acute myeloid leukemia",
        "chronic lymphocytic leukemia",
        "follicular lymphoma",
        "myelodysplastic syndromes",
        "plaque psoriasis",
        "atopic dermatitis",
        "ankylosing spondylitis",
        "rheumatoid arthritis",
        "systemic lupus erythematosus",
        "ulcerative colitis",
        "Crohn's disease",
        "hypercholesterolemia",
        "type 2 diabetes",
        "obesity",
        "nonalcoholic steatohepatitis",
        "chronic kidney disease",
        "heart failure",
        "pulmonary arterial hypertension",
        "idiopathic pulmonary fibrosis",
        "Alzheimer's disease",
        "Parkinson's disease",
        "amyotrophic lateral sclerosis",
        "major depressive disorder",
        "migraine",
        "neuromyelitis optica spectrum disorder",
        "myasthenia gravis",
        "hemophilia A",
        "sickle cell disease",
        "Duchenne muscular dystrophy",
        "spinal muscular atrophy",
        "neovascular age-related macular degeneration",
        "diabetic macular edema",
        "chronic hepatitis B",
        "respiratory syncytial virus infection",
        "influenza",
        "COVID-19",
        "osteoporosis",
        "gout",
        "endometriosis",
        "thyroid eye disease",
    )
)
_TARGETS = _zipf(
    (
        "PD-1",
        "PD-L1",
        "VEGF",
        "HER2",
        "EGFR",
        "CTLA-4",
        "CD47",
        "TIGIT",
        "Claudin 18.2",
        "TROP2",
        "LAG-3",
        "ALK",
        "KRAS G12C",
        "Nectin-4",
        "CD19",
        "CD20",
        "BCMA",
        "CD38",
        "BTK",
        "JAK1",
        "TYK2",
        "IL-17A",
        "IL-4Rα",
        "IL-23",
        "PCSK9",
        "GLP-1",
        "GIP",
        "FGF21",
        "AKT",
        "PI3Kα",
        "CDK4/6",
        "PARP",
        "FGFR2",
        "MET",
        "RET",
        "c-KIT",
        "TNF-α",
        "IL-6",
        "FcRn",
        "C5",
        "TSLP",
        "OX40",
        "4-1BB",
        "CD3",
        "GPRC5D",
        "DLL3",
        "B7-H3",
        "ROR1",
        "HIF-2α",
        "SHP2",
        "PRMT5",
    )
)
_MODALITIES = _zipf(
    (
        "bispecific antibody",
        "monoclonal antibody",
        "antibody-drug conjugate (ADC)",
        "small-molecule inhibitor",
        "CAR-T cell therapy",
        "siRNA therapeutic",
        "mRNA vaccine",
        "fusion protein",
        "oral small molecule",
        "gene therapy",
        "allogeneic cell therapy",
        "peptide agonist",
        "targeted protein degrader",
        "tetravalent bispecific antibody",
        "long-acting injectable",
        "radioligand therapy",
        "antisense oligonucleotide",
    )
)
_PHASES = _zipf(
    (
        "Phase III",
        "Phase II",
        "Phase Ib/II",
        "Phase I",
        "pivotal Phase III",
        "Phase Ib",
        "Phase IIa",
        "Phase II/III",
        "first-in-human",
        "registrational",
        "Phase IV",
    )
)
_ENDPOINTS = _zipf(
    (
        "progression-free survival (PFS)",
        "overall survival (OS)",
        "objective response rate (ORR)",
        "disease control rate (DCR)",
        "duration of response (DoR)",
        "complete response rate",
        "pathological complete response (pCR)",
        "event-free survival (EFS)",
        "PASI 75 response",
        "EASI-75 response",
        "HbA1c reduction",
        "LDL-C reduction",
        "body weight reduction",
        "time to progression",
    )
)
_REGULATORS = (
    ("the National Medical Products Administration (NMPA)", "NMPA"),
    ("the Center for Drug Evaluation (CDE) of the NMPA", "CDE"),
    ("the U.S. Food and Drug Administration (FDA)", "FDA"),
    ("the European Medicines Agency (EMA)", "EMA"),
    ("Japan's Pharmaceuticals and Medical Devices Agency (PMDA)", "PMDA"),
    ("the Therapeutic Goods Administration (TGA)", "TGA"),
    ("the UK Medicines and Healthcare products Regulatory Agency (MHRA)", "MHRA"),
    ("Health Canada", "Health Canada"),
)
_REGULATOR_POOL = _zipf(_REGULATORS)
_DESIGNATIONS = _zipf(
    (
        "Breakthrough Therapy Designation",
        "Orphan Drug Designation",
        "Fast Track Designation",
        "Priority Review",
        "Rare Pediatric Disease Designation",
        "conditional approval pathway",
    )
)
_FILINGS = _zipf(
    (
        "New Drug Application (NDA)",
        "Biologics License Application (BLA)",
        "Investigational New Drug (IND) application",
        "supplemental NDA",
        "Marketing Authorisation Application (MAA)",
    )
)
_CITIES = _zipf(
    (
        "Shanghai",
        "Beijing",
        "Suzhou",
        "Hangzhou",
        "Hong Kong",
        "Guangzhou",
        "Shenzhen",
        "Boston",
        "Nanjing",
        "Chengdu",
        "Zhongshan",
        "Wuhan",
        "Tianjin",
        "San Diego",
        "South San Francisco",
        "Cambridge",
        "Singapore",
        "Taipei",
        "Seoul",
        "Tokyo",
        "New York",
        "Philadelphia",
        "Princeton",
        "Houston",
        "Basel",
        "London",
        "Oxford",
        "Munich",
        "Paris",
        "Copenhagen",
        "Sydney",
        "Melbourne",
        "Toronto",
        "Zhuhai",
        "Xiamen",
        "Qingdao",
        "Jinan",
        "Hefei",
        "Changsha",
        "Taizhou",
        "Osaka",
        "Chicago",
        "Zurich",
        "Stockholm",
        "Amsterdam",
    )
)
_REGIONS = _zipf(
    (
        "China",
        "the United States",
        "Greater China",
        "Europe",
        "Asia-Pacific",
        "global markets",
        "Japan",
        "Southeast Asia",
        "Latin America",
        "the Middle East and North Africa",
    )
)
_CONFERENCES = _zipf(
    (
        "ASCO Annual Meeting",
        "ESMO Congress",
        "AACR Annual Meeting",
        "ASH Annual Meeting",
        "ESMO Asia Congress",
        "CSCO Annual Meeting",
        "World Conference on Lung Cancer",
        "San Antonio Breast Cancer Symposium",
        "SITC Annual Meeting",
        "EASL Congress",
        "ADA Scientific Sessions",
        "EADV Congress",
        "AAD Annual Meeting",
        "ACR Convergence",
        "ESC Congress",
        "AHA Scientific Sessions",
        "BIO International Convention",
        "J.P. Morgan Healthcare Conference",
        "International Biopharma Industry Week",
    )
)
_JOURNALS = _zipf(
    (
        "The Lancet Oncology",
        "Journal of Clinical Oncology",
        "Nature Medicine",
        "JAMA Oncology",
        "The New England Journal of Medicine",
        "The Lancet",
        "Cancer Cell",
        "Annals of Oncology",
        "Signal Transduction and Targeted Therapy",
        "Clinical Cancer Research",
    )
)
_HOSPITALS = _zipf(
    (
        "Sun Yat-sen University Cancer Center",
        "Fudan University Shanghai Cancer Center",
        "Peking Union Medical College Hospital",
        "West China Hospital of Sichuan University",
        "Chinese PLA General Hospital",
        "Ruijin Hospital",
        "Zhongshan Hospital",
        "Guangdong Provincial People's Hospital",
        "Cancer Hospital of the Chinese Academy of Medical Sciences",
        "MD Anderson Cancer Center",
        "Memorial Sloan Kettering Cancer Center",
        "Dana-Farber Cancer Institute",
        "Mayo Clinic",
        "Seoul National University Hospital",
        "National Cancer Center Hospital East",
        "Peter MacCallum Cancer Centre",
    )
)
_FACILITIES = _zipf(
    (
        "Global R&D Center",
        "biologics manufacturing base",
        "commercial-scale production facility",
        "innovation center",
        "clinical research platform",
        "ADC conjugation plant",
        "cell therapy manufacturing site",
        "regional headquarters",
    )
)
_ROUNDS = _zipf(("Series C", "Series B", "Series D", "pre-IPO", "Series A", "crossover"))
_EXCHANGES_LONG = {
    "HKEX": "Main Board of The Stock Exchange of Hong Kong Limited",
    "SSE": "Shanghai Stock Exchange",
    "SZSE": "Shenzhen Stock Exchange",
    "NASDAQ": "Nasdaq Global Select Market",
    "NYSE": "New York Stock Exchange",
}
_ROLES = (
    "Chief Executive Officer",
    "Founder, Chairwoman, President and CEO",
    "Chairman and CEO",
    "Chief Medical Officer",
    "Chief Scientific Officer",
    "President of R&D",
    "Head of Clinical Development",
    "Chief Financial Officer",
    "Chief Business Officer",
    "Senior Vice President, Global Regulatory Affairs",
)
_CN_SURNAMES = (
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Luo",
    "Gao",
    "Yu",
    "Lu",
    "Xia",
    "Tang",
    "Shen",
)
_CN_GIVEN = (
    "Wei",
    "Jing",
    "Min",
    "Jun",
    "Xiangyang",
    "Hong",
    "Yan",
    "Lei",
    "Jia",
    "Ying",
    "Tao",
    "Hui",
    "Ming",
    "Xia",
    "Qiang",
    "Fang",
    "Zhiwei",
    "Xiaoming",
    "Lihua",
    "Yongjun",
    "Rui",
)
_WEST_FIRST = (
    "Michael",
    "Sarah",
    "David",
    "Jennifer",
    "James",
    "Emily",
    "Robert",
    "Laura",
    "Thomas",
    "Anna",
    "Peter",
    "Karen",
    "Daniel",
    "Julia",
    "Mark",
    "Helen",
)
_WEST_LAST = (
    "Miller",
    "Schmidt",
    "Johnson",
    "Brown",
    "Becker",
    "Davis",
    "Wilson",
    "Moore",
    "Taylor",
    "Anderson",
    "Thomas",
    "Martin",
    "Walker",
    "Young",
    "Fischer",
    "Clarke",
)

_MONTHS = (
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
)
_AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_FIRST_DAY = date(2015, 1, 1)
_SPAN_DAYS = (date(2024, 12, 31) - _FIRST_DAY).days

# --------------------------------------------------------------------------- templates
# Each event pairs title templates with lead sentences so a page's title and first
# paragraph talk about the same thing, as real releases do.

_EVENTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "{co} Doses First Patient in {phase} Trial of {drug} for {ind}",
            "First Patient Dosed in {co}'s {phase} Study of {drug} in {ind}",
        ),
        (
            "{co} today announced that the first patient has been dosed in a {phase} clinical "
            "trial evaluating {drug_full}, a {mod} targeting {target}, in patients with {ind}.",
            "{co} announced that dosing has begun in the {phase} study of {drug_full} at "
            "{hosp}, marking the start of clinical development of the program in {region}.",
        ),
    ),
    (
        (
            "{co} Presents {phase} Data for {drug} at {conf} {year}",
            "{co} Announces Positive {phase} Results of {drug} in {ind}",
            "{co}'s {drug} Meets Primary Endpoint in {phase} Trial",
        ),
        (
            "{co} announced that results from the {phase} study of {drug_full} in patients with "
            "{ind} were presented at the {conf} {year} in {city}.",
            "{co} today announced that the {phase} trial of {drug_full} met its primary endpoint "
            "of {end} at a prespecified interim analysis.",
        ),
    ),
    (
        (
            "{drug} Approved by {reg_short} for {ind}",
            "{co} Receives {reg_short} Approval for {drug} in {ind}",
        ),
        (
            "{co} announced that {reg} has approved {drug_full} for the treatment of adult "
            "patients with {ind} who have received at least one prior line of therapy.",
            "{co} today announced the marketing approval of {drug_full} by {reg}, the first "
            "{mod} targeting {target} to be approved for {ind} in {region}.",
        ),
    ),
    (
        (
            "{co}'s {drug} Granted {desig} by {reg_short} for {ind}",
            "{reg_short} Grants {desig} to {drug} for the Treatment of {ind}",
        ),
        (
            "{co} announced that {reg} has granted {desig} to {drug_full} for the treatment of "
            "{ind}.",
            "{co} today said that {drug_full} has received {desig} from {reg}, based on "
            "encouraging efficacy observed in the {phase} study.",
        ),
    ),
    (
        (
            "{co} and {partner} Enter into Strategic Collaboration on {drug}",
            "{co} Licenses {region} Rights of {drug} to {partner}",
        ),
        (
            "{co} and {partner} today announced an exclusive license and collaboration agreement "
            "to develop and commercialize {drug_full} in {region}.",
            "{co} announced that it has entered into a strategic partnership with {partner} "
            "covering the joint development of {drug_full} in {ind} and other indications.",
        ),
    ),
    (
        (
            "{co} Announces {year} Annual Results and Business Update",
            "{co} Completes {round} Financing to Advance Its Pipeline",
            "{co} Reports Interim Results for the Six Months Ended June 30, {year}",
        ),
        (
            "{co} announced its financial results for the year ended December 31, {year} and "
            "provided an update on its clinical pipeline and commercial progress.",
            "{co} today announced the completion of a {round} financing led by long-term "
            "healthcare investors, with participation from existing shareholders.",
        ),
    ),
    (
        ("Groundbreaking Ceremony for {co} {fac} Held in {city}", "{co} Opens New {fac} in {city}"),
        (
            "The groundbreaking ceremony for the {co} {fac} was held in {city}, a crucial step "
            "in the company's strategy to expand its research and production footprint.",
            "{co} today officially opened its new {fac} in {city}, which will support the "
            "late-stage development and launch of {drug_full}.",
        ),
    ),
    (
        (
            "{co} Hits the Headlines During {conf} {year}",
            "{co} to Participate in Upcoming Investor Conferences",
        ),
        (
            "{co} took part in several events at the {conf} {year} in {city}, meeting government "
            "officials, investors, business partners and media.",
            "{co} announced that members of its management team will present at a series of "
            "investor conferences in {city} and {city2} this quarter.",
        ),
    ),
    (
        (
            "{journal} Publishes {phase} Results of {drug} in {ind}",
            "{phase} Study of {drug} Published in {journal}",
        ),
        (
            "{co} announced that the results of the {phase} study of {drug_full} in {ind} have "
            "been published in {journal}.",
            "Data from the {phase} trial of {drug_full} were published online in {journal}, "
            "{co} said today.",
        ),
    ),
    (
        (
            "{co} Appoints {person} as {role}",
            "{co} Strengthens Leadership Team with Appointment of {person}",
        ),
        (
            "{co} today announced the appointment of {person} as {role}, effective {month} {year}.",
            "{co} announced that {person} has joined the company as {role} and will lead its "
            "work on {mod} programs.",
        ),
    ),
)

_BACKGROUND = (
    "{drug} is a {mod} targeting {target} that was independently discovered and developed by {co}.",
    "In {region}, {ind} remains a leading cause of hospitalization and death, and patients "
    "who progress after first-line treatment have few options.",
    "The {phase} study is a randomized, double-blind, multicenter trial designed to evaluate "
    "the efficacy and safety of {drug} in patients with {ind}.",
    "The primary endpoint of the study is {end}, and key secondary endpoints include {end2} "
    "and safety.",
    "To date, more than {count} patients have been enrolled in clinical studies of {drug} "
    "worldwide.",
    "The trial is being conducted at {k} clinical sites in {city}, {city2} and other cities, "
    "led by investigators from {hosp}.",
    "{co} currently has {k} assets in clinical development, covering oncology, autoimmune and "
    "metabolic diseases.",
    "Preclinical studies showed that {drug} blocks {target} signaling and enhances anti-tumor "
    "immunity in several animal models.",
    "Earlier this year, {drug} received {desig} from {reg} for the treatment of {ind2}.",
    "The collaboration combines {co}'s expertise in {mod} discovery with {partner}'s clinical "
    "and commercial capabilities in {region}.",
    "Under the agreement, {partner} will be responsible for development, registration and "
    "commercialization of {drug} in {region}.",
    "Treatment-related adverse events were mostly grade 1 or 2, and no new safety signals "
    "were observed.",
    "Detailed data are expected to be published in {journal} later this year.",
    "{co} is building a fully integrated platform covering discovery, process development, "
    "clinical research, manufacturing and commercialization.",
    "The new {fac} in {city} is expected to be completed in {year2} and will support the "
    "late-stage development of the company's pipeline.",
    "Current standard-of-care therapies for {ind} are associated with significant toxicity "
    "and limited durability of response.",
    "{drug} has been included in the {year} guidelines of the Chinese Society of Clinical "
    "Oncology (CSCO) for {ind}.",
    "The company plans to submit a {filing} to {reg} in {month} {year2}.",
    "{co} will host a conference call for investors and analysts to discuss the results.",
    "Patients received {drug} at {dose} mg/kg every {weeks} weeks until disease progression "
    "or unacceptable toxicity.",
    "The study was jointly led by Professor {inv} of {hosp} and investigators at {hosp2}.",
    "The benefit was consistent across all prespecified subgroups, including patients with "
    "{target}-positive tumors.",
    "{co} and {partner} will jointly explore combination regimens of {drug} with {partner_drug}.",
    "The event gathered government officials, investors, clinicians and industry partners in "
    "{city}.",
    "The proceeds will be used to advance the clinical programs of {drug} and to expand the "
    "company's manufacturing capacity in {city}.",
    "{co} is listed on the {exchange_long} under the stock code {ticker}.",
    "As of {month} {year}, the company had cash sufficient to fund operations into {year3}.",
    "The approval is based on results from a {phase} registrational study conducted in {region}.",
    "{drug} is also being evaluated in {k} ongoing trials in {ind2}, {ind3} and other diseases.",
    "{co} intends to meet with {reg_short} to discuss the design of a confirmatory trial.",
    "In {month} {year2}, {co} completed enrollment of the {phase} trial ahead of schedule.",
    "The company's late-stage pipeline now includes {drug}, {partner_drug} and a {mod} "
    "against {target2}.",
    "Compared with the control arm, patients treated with {drug} showed a clear improvement "
    "in {end2}.",
    "{partner} has extensive experience in {ind2} and a commercial team of more than "
    "{staff} people in {region}.",
)
_CLOSINGS = (
    "{co} will continue to accelerate the development of innovative therapies and bring more "
    "treatment options to patients in China and around the world.",
    "Looking ahead, the company will further strengthen its global collaborations and "
    "advance its late-stage pipeline toward commercialization.",
    "The company expects to report further data from the {phase} program in {year2}.",
    "{co} remains committed to addressing unmet medical needs in {ind} and related diseases.",
)
_QUOTES = (
    "We are delighted to see {drug} reach this milestone, which reflects years of work by "
    "our research and clinical teams",
    "These results reinforce our confidence that {drug} could become a new standard of care "
    "for patients with {ind}",
    "{city} offers a complete industry value chain, from early research to manufacturing and "
    "commercial sales",
    "Our partnership with {partner} brings together complementary strengths, and we look "
    "forward to moving {drug} forward together",
    "There is a significant unmet medical need in {ind}, and patients urgently need more "
    "effective and better tolerated options",
    "This approval marks an important step in our transformation into a commercial-stage "
    "biopharmaceutical company",
    "We will work closely with {reg_short} and the investigators to complete the study as "
    "quickly as possible",
    "As an investigator, I was impressed by the durability of responses in heavily "
    "pretreated patients",
    "The new {fac} will significantly increase our capacity and support the global launch of "
    "our products",
    "Innovation is the foundation of our growth, and we will keep investing in science that "
    "matters to patients",
    "The safety profile we observed supports moving {drug} into earlier lines of therapy",
    "I eagerly anticipate working with industry partners in {city} to speed up commercialization",
)
_FIGURES = (
    "The planned investment for the project is estimated to be {money}.",
    "The site spans an area of {area}, with a total construction area of {area2}.",
    "Last year the sector was valued at {money} with output growth of {pct}.",
    "The objective response rate (ORR) was {pct}, and the median PFS was {months} months.",
    "Revenue increased by {pct} year-on-year to {money}.",
    "{co} will receive an upfront payment of {money} and is eligible for milestone payments "
    "of up to {money2}.",
    "The offering raised gross proceeds of approximately {money}.",
    "A total of {count} patients were enrolled, and {pct} of them had received prior "
    "immunotherapy.",
    "R&D expenses reached {money}, accounting for {pct} of total operating costs.",
    "The hazard ratio for death was {ratio}, corresponding to a {pct} reduction in risk.",
    "The new plant adds a capacity of {liters} liters across {k} production lines.",
    "The market for {target} therapies is projected to exceed {money} by {year3}.",
)

_DATE_FORMATS = ("iso", "long", "ap", "dmy", "cjk")


# --------------------------------------------------------------------------- companies


@dataclass(frozen=True)
class SyntheticCompany:
    """A fake listed biotech; ``site_style`` picks which newsroom template its site uses."""

    name: str
    aliases: tuple[str, ...]
    ticker: str
    exchange: str
    website: str
    site_style: int


SITE_STYLES = 5


def _ticker(rng: random.Random, stem: str, exchange: str) -> str:
    """A code in the exchange's own shape, so pages can print it the way real headers do."""
    if exchange == "HKEX":
        return f"{rng.randint(1000, 9999)}.HK"
    if exchange == "SSE":
        return f"{rng.choice(('600', '601', '603', '688'))}{rng.randint(0, 999):03d}.SS"
    if exchange == "SZSE":
        return f"{rng.choice(('000', '002', '300', '301'))}{rng.randint(0, 999):03d}.SZ"
    letters = "".join(ch for ch in stem.upper() if ch.isalpha())
    size = 4 if exchange == "NASDAQ" else 3
    return (letters[0] + "".join(rng.sample(letters[1:] + "XYZQ", size - 1)))[:size]


def make_companies(count: int, *, seed: int = 7) -> list[SyntheticCompany]:
    """Unique, plausible biotech names with aliases, tickers and websites.

    Every spelling (name, alias, ticker, site host) is unique across the list so the
    benchmarks never measure an attribution ambiguity they did not ask for.
    """
    rng = random.Random(seed)
    taken: set[str] = set()
    result: list[SyntheticCompany] = []
    attempts = 0
    while len(result) < count:
        attempts += 1
        if attempts > 50 * count + 1000:
            raise ValueError(f"cannot invent {count} distinct company names")
        middle = rng.choice(_MIDDLES)
        if rng.random() < 0.25:
            middle += rng.choice(_MIDDLES)
        name = (rng.choice(_ONSETS) + middle + rng.choice(_CODAS)).capitalize()
        aliases = [f"{name} {rng.choice(_SUFFIXES)}", f"{name} Inc"]
        if rng.random() < 0.5:
            aliases.append(f"{name}, Inc.")
        short = name + rng.choice(_SHORT_TAILS)
        aliases.append(short)
        if rng.random() < 0.4:
            aliases.append("".join(rng.sample(_CJK_STEMS, 2)) + rng.choice(_CJK_TAILS))
        exchange = rng.choices(tuple(_EXCHANGES_LONG), weights=(40, 12, 8, 30, 10))[0]
        ticker = _ticker(rng, name, exchange)
        host = f"www.{short.lower()}{rng.choice(('.com', '.com', '.cn', '.com.cn', '.net'))}"
        spellings = [s.casefold() for s in (name, *aliases, ticker, host)]
        if len(set(spellings)) < len(spellings) or any(s in taken for s in spellings):
            continue
        taken.update(spellings)
        result.append(
            SyntheticCompany(
                name=name,
                aliases=tuple(aliases),
                ticker=ticker,
                exchange=exchange,
                website=f"https://{host}",
                site_style=rng.randrange(SITE_STYLES),
            )
        )
    return result


# --------------------------------------------------------------------------- sites


@dataclass(frozen=True)
class _Site:
    """Everything that stays the same on every page of one company's newsroom."""

    company: SyntheticCompany
    host: str
    header: str
    footer: str
    date_format: str
    date_prefix: str
    date_at_end: bool
    wire: str
    straight_quotes: bool
    curly_apostrophes: bool
    nbsp: bool
    title_suffix: str
    suffix_rate: float
    people: tuple[tuple[str, str], ...]
    pipeline: tuple[tuple[str, str], ...]
    first_day: int
    gap_days: int


def _person(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{rng.choice(_CN_SURNAMES)} {rng.choice(_CN_GIVEN)}"
    return f"{rng.choice(_WEST_FIRST)} {rng.choice(_WEST_LAST)}"


def _spam_suffix(rng: random.Random) -> str:
    """A keyword-stuffing tail glued to the title, like hijacked sites append."""
    glue = rng.choice(("-", "_", "", "-"))
    return glue + "".join(rng.sample(_SPAM_CHARS, 2)) + rng.choice(_SPAM_TAILS)


def _signup_form(rng: random.Random, name: str) -> str:
    intro = rng.choice(
        (
            f"If you want to know more about {name}, please fill in the form below and sign up "
            "for emails:",
            f"To receive {name} news by email, please complete the form below:",
            f"Subscribe to {name} updates:",
        )
    )
    extra = rng.sample(("Company", "Occupation", "Phone", "Country/Region", "Job Title"), 2)
    fields = ["Name*", "Email*", *extra]
    numbered = "\n".join(f"  {i}. {f}" for i, f in enumerate(fields, 1))
    return f"{intro}\n{numbered}"


def _site_chrome(rng: random.Random, company: SyntheticCompany, host: str) -> tuple[str, str]:
    """Header and footer text for the company's site, in the style of its template."""
    name = company.name
    code = company.ticker.split(".")[0]
    year = rng.randint(2016, 2024)
    icp = f"{rng.choice('沪京苏浙粤')}ICP备{rng.randint(10_000_000, 99_999_999)}号"
    social = rng.choice(
        (
            "Follow us on Linkedin",
            "Follow us on WeChat",
            "Follow us on Linkedin\nFollow us on Twitter",
        )
    )
    style = company.site_style
    if style == 0:
        header = "Scroll down to see more"
        footer = (
            f"Media contact\n\nContact us\nRSS Feeds\n{_signup_form(rng, name)}\n\n\n\n{social}"
        )
    elif style == 1:
        phone = f"0{rng.randint(10, 29)}-{rng.randint(60_000_000, 89_999_999)}"
        header = f"stock({code})hot line:{phone}\n\n\nunderstand the latest news of {name}"
        footer = f"contact us | sitemap | legal notice\ncopyright © {year} {name} {icp}"
    elif style == 2:
        header = ""
        footer = "Comments powered by CComment"
        if rng.random() < 0.5:
            footer = "Share this:\nFacebook\nTwitter\nLinkedIn\n\n" + footer
    elif style == 3:
        header = rng.choice(("Press Releases\n\nBack to News", "News Releases", "Newsroom"))
        about = (
            f"{company.aliases[0]} is a biopharmaceutical company headquartered in "
            f"{rng.choice(_CITIES)} focused on {rng.choice(_MODALITIES)} programs for "
            f"{rng.choice(_INDICATIONS)} and other serious diseases. Its shares trade on "
            f"the {_EXCHANGES_LONG[company.exchange]} ({company.ticker}). Learn more at "
            f"{company.website}."
        )
        fls = (
            f"This release contains forward-looking statements about {name}'s plans, "
            "trials and products. Actual results may differ materially because of risks "
            "and uncertainties, and the company undertakes no duty to update them."
        )
        footer = (
            f"About {name}\n\n{about}\n\nForward-Looking Statements\n\n{fls}\n\n"
            f"SOURCE {company.aliases[0]}\n\nRSS Feeds | Contact us | Privacy Policy"
        )
    else:
        nav = ["Home", "About Us", "Pipeline", "News", "Investors", "Careers", "Contact us"]
        header = "中文 | EN\n" + "\n".join(nav) + "\n\nHome > News > Company News"
        footer = (
            f"{social}\nCopyright © {year} {name} Co., Ltd. All rights reserved. {icp}\n"
            f"Address: No. {rng.randint(1, 999)} {rng.choice(_CN_SURNAMES)}jiang Road, "
            f"{rng.choice(_CITIES)}\nEmail: ir@{host.removeprefix('www.')}"
        )
    return header, footer


@functools.lru_cache(maxsize=32_768)
def _site(company: SyntheticCompany) -> _Site:
    """Derive the site from the company alone, so its boilerplate recurs on every page."""
    rng = random.Random(f"{company.website}|{company.ticker}")
    host = company.website.removeprefix("https://")
    header, footer = _site_chrome(rng, company, host)
    style = company.site_style
    if style == 1:
        date_format = "release_time"
    elif style == 3:
        date_format = "dateline" if rng.random() < 0.8 else "ap"
    else:
        date_format = rng.choice(_DATE_FORMATS)
    roll = rng.random()
    if roll < 0.25:
        title_suffix, suffix_rate = _spam_suffix(rng), 0.5
    elif roll < 0.4:
        title_suffix = rng.choice((f" - {company.name} News", f"_{company.name} official website"))
        suffix_rate = 1.0
    else:
        title_suffix, suffix_rate = "", 0.0
    code = "".join(ch for ch in company.ticker if ch.isalpha())[:3]
    code = code if len(code) >= 2 and code not in ("HK", "SS", "SZ") else company.name[:2].upper()
    pipeline = tuple(
        (f"{code}{rng.randint(1, 999):03d}", rng.choice(_INN_POOL) if rng.random() < 0.6 else "")
        for _ in range(rng.randint(3, 6))
    )
    return _Site(
        company=company,
        host=host,
        header=header,
        footer=footer,
        date_format=date_format,
        date_prefix=rng.choice(("", "", "Date: ", "Posted on ", "Release date: ")),
        date_at_end=style == 2 and rng.random() < 0.5,
        wire=rng.choice((" /PRNewswire/ -- ", " /PRNewswire-Asia/ -- ", " (GLOBE NEWSWIRE) -- ")),
        straight_quotes=rng.random() < 0.5,
        curly_apostrophes=rng.random() < 0.3,
        nbsp=style in (1, 2) or rng.random() < 0.15,
        title_suffix=title_suffix,
        suffix_rate=suffix_rate,
        people=tuple((_person(rng), role) for role in rng.sample(_ROLES, 3)),
        pipeline=pipeline,
        first_day=rng.randrange(_SPAN_DAYS),
        gap_days=rng.randint(5, 60),
    )


# --------------------------------------------------------------------------- releases


@dataclass(frozen=True)
class _Release:
    """Site-independent content, so one release can be rendered on two sites."""

    company: SyntheticCompany
    partner: SyntheticCompany
    title: str | None
    day: date | None
    city: str
    paragraphs: tuple[str, ...]


def _money(rng: random.Random) -> str:
    pick = rng.randrange(7)
    if pick == 0:
        return f"RMB{rng.randint(50, 990)} million"
    if pick == 1:
        return f"RMB{rng.uniform(1, 20):.2f} billion"
    if pick == 2:
        return f"US${rng.uniform(0.5, 99):.1f} billion"
    if pick == 3:
        return f"US${rng.randint(10, 900)} million"
    if pick == 4:
        return f"HK${rng.uniform(100, 9000):,.2f} million"
    if pick == 5:
        return f"{rng.randint(20, 900)} billion yuan"
    return f"USD {rng.randint(5, 500)} million"


def _pct(rng: random.Random) -> str:
    return f"{rng.randint(5, 90)}%" if rng.random() < 0.5 else f"{rng.uniform(5, 90):.1f}%"


_Draw = Callable[[random.Random, "_Topic"], str]

# Page-level words: drawn once, then repeated by every sentence that names them, so a
# release keeps talking about the same indication, city and trial.
_TOPIC_DRAWS: dict[str, _Draw] = {
    "ind": lambda r, t: r.choice(_INDICATIONS),
    "ind2": lambda r, t: r.choice(_INDICATIONS),
    "ind3": lambda r, t: r.choice(_INDICATIONS),
    "target": lambda r, t: r.choice(_TARGETS),
    "target2": lambda r, t: r.choice(_TARGETS),
    "mod": lambda r, t: r.choice(_MODALITIES),
    "phase": lambda r, t: r.choice(_PHASES),
    "end": lambda r, t: r.choice(_ENDPOINTS),
    "end2": lambda r, t: r.choice(_ENDPOINTS),
    "desig": lambda r, t: r.choice(_DESIGNATIONS),
    "filing": lambda r, t: r.choice(_FILINGS),
    "city2": lambda r, t: r.choice(_CITIES),
    "region": lambda r, t: r.choice(_REGIONS),
    "conf": lambda r, t: r.choice(_CONFERENCES),
    "journal": lambda r, t: r.choice(_JOURNALS),
    "hosp": lambda r, t: r.choice(_HOSPITALS),
    "hosp2": lambda r, t: r.choice(_HOSPITALS),
    "fac": lambda r, t: r.choice(_FACILITIES),
    "round": lambda r, t: r.choice(_ROUNDS),
    "inv": lambda r, t: _person(r),
    "person": lambda r, t: _person(r),
    "role": lambda r, t: r.choice(_ROLES),
    "year2": lambda r, t: str(int(t["year"]) + 1),
    "year3": lambda r, t: str(int(t["year"]) + r.randint(2, 6)),
    "month": lambda r, t: r.choice(_MONTHS),
    "count": lambda r, t: f"{r.randint(40, 4_000):,}",
    "staff": lambda r, t: f"{r.randint(1, 30) * 50:,}",
    "k": lambda r, t: str(r.randint(3, 60)),
    "dose": lambda r, t: r.choice(("1", "3", "5", "10", "20")),
    "weeks": lambda r, t: r.choice(("2", "3", "4")),
}
# Figure fields: drawn afresh at every use, so two figures on a page differ.
_FRESH_DRAWS: dict[str, _Draw] = {
    "money": lambda r, t: _money(r),
    "money2": lambda r, t: _money(r),
    "pct": lambda r, t: _pct(r),
    "area": lambda r, t: f"{r.uniform(2_000, 90_000):,.2f} m2",
    "area2": lambda r, t: f"{r.uniform(20_000, 200_000):,.2f} m2",
    "months": lambda r, t: f"{r.uniform(3, 30):.1f}",
    "ratio": lambda r, t: f"0.{r.randint(35, 89)}",
    "liters": lambda r, t: f"{r.randint(2, 48) * 1000:,}",
}


class _Topic(dict[str, str]):
    """Template fields drawn on first use: a page pays only for the words it prints.

    ``str.format_map`` calls ``__missing__`` for absent keys in field order, so the
    draws stay deterministic for a given rng state.
    """

    def __init__(self, rng: random.Random, fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self._rng = rng

    def __missing__(self, key: str) -> str:
        fresh = _FRESH_DRAWS.get(key)
        if fresh is not None:
            return fresh(self._rng, self)
        value = _TOPIC_DRAWS[key](self._rng, self)
        self[key] = value
        return value


def _quote(rng: random.Random, site: _Site, topic: _Topic) -> str:
    """One quote paragraph with an attribution in one of the shapes real releases use."""
    picked = rng.sample(_QUOTES, 2 if rng.random() < 0.35 else 1)
    text = ". ".join(q.format_map(topic) for q in picked)
    roll = rng.random()
    if roll < 0.7:
        speaker, role = rng.choice(site.people)
        org = topic["co"]
    elif roll < 0.9:
        speaker, role = topic["inv"], "Principal Investigator of the study"
        org = topic["hosp"]
    else:
        speaker, role = _person(rng), rng.choice(_ROLES)
        org = topic["partner"]
    if rng.random() < 0.3:
        speaker = "Dr. " + speaker
    shape = rng.randrange(4)
    if shape == 0:
        return f"“{text},” said {speaker}, {role} of {org}."
    if shape == 1:
        return f"{speaker}, {role} of {org}, said: “{text}.”"
    if shape == 2:
        return f"“{text},” {speaker} said."
    return f"“{text}.” — {speaker}, {role}, {org}"


def _topic(rng: random.Random, site: _Site, index: int, partner: SyntheticCompany) -> _Topic:
    """Fix who and what the release is about; everything else is drawn lazily."""
    company = site.company
    code, inn = site.pipeline[index % len(site.pipeline)]
    partner_code, partner_inn = _site(partner).pipeline[0]
    regulator, regulator_short = rng.choice(_REGULATOR_POOL)
    return _Topic(
        rng,
        {
            "co": rng.choice((company.name, company.name, company.aliases[0])),
            "partner": rng.choice((partner.name, partner.aliases[0])),
            "drug": inn.capitalize() if inn and rng.random() < 0.5 else code,
            "drug_full": f"{inn} ({code})" if inn else code,
            "partner_drug": partner_inn or partner_code,
            "reg": regulator,
            "reg_short": regulator_short,
            "city": rng.choice(_CITIES),
            "year": str(rng.randint(2015, 2024)),
            "ticker": company.ticker,
            "exchange_long": _EXCHANGES_LONG[company.exchange],
        },
    )


def _make_release(
    company: SyntheticCompany,
    index: int,
    rng: random.Random,
    companies: Sequence[SyntheticCompany],
) -> _Release:
    site = _site(company)
    partner = rng.choice(companies)
    if partner == company and len(companies) > 1:
        partner = companies[(companies.index(company) + 1) % len(companies)]
    topic = _topic(rng, site, index, partner)
    titles, leads = rng.choice(_EVENTS)
    offset = (site.first_day + index * site.gap_days + rng.randrange(site.gap_days)) % _SPAN_DAYS
    # The body grows sentence by sentence towards a drawn page size, net of the site's
    # boilerplate, so pages land in the 2.5-4 KB range whatever the style.
    paragraph_count = rng.randint(4, 8)
    quote_slots = set(rng.sample(range(1, paragraph_count), rng.randint(1, 2)))
    chrome = len(site.header) + len(site.footer) + 120 + 250 * len(quote_slots)
    prose_size = max(rng.randint(2_200, 3_500) - chrome, 900)
    budget = prose_size // (paragraph_count - len(quote_slots))
    figures_left = rng.randint(2, 4)
    # A shuffled run of distinct background sentences, so a page does not repeat itself.
    wanted = min(len(_BACKGROUND), prose_size // 100 + 2)
    background = itertools.cycle(rng.sample(_BACKGROUND, wanted))
    paragraphs: list[str] = []
    for number in range(paragraph_count):
        if number in quote_slots:
            paragraphs.append(_quote(rng, site, topic))
            continue
        sentences = [rng.choice(leads).format_map(topic)] if number == 0 else []
        size = sum(map(len, sentences))
        while size < budget:
            if figures_left and rng.random() < 0.3:
                sentence = rng.choice(_FIGURES).format_map(topic)
                figures_left -= 1
            else:
                sentence = next(background).format_map(topic)
            sentences.append(sentence)
            size += len(sentence) + 1
        if number == paragraph_count - 1:
            sentences += [rng.choice(_FIGURES).format_map(topic) for _ in range(figures_left)]
            sentences.append(rng.choice(_CLOSINGS).format_map(topic))
        paragraphs.append(" ".join(sentences))
    return _Release(
        company=company,
        partner=partner,
        title=rng.choice(titles).format_map(topic) if rng.random() < 0.95 else None,
        day=_FIRST_DAY + timedelta(days=offset) if rng.random() < 0.94 else None,
        city=topic["city"],
        paragraphs=tuple(paragraphs),
    )


def _rescrape(release: _Release, rng: random.Random) -> _Release:
    """The same release as another site republished it: a sentence cut, a phrase reworded."""
    paragraphs = list(release.paragraphs)
    if len(paragraphs) > 4 and rng.random() < 0.5:
        paragraphs.pop()
    else:
        victim = rng.randrange(len(paragraphs))
        sentences = paragraphs[victim].split(". ")
        if len(sentences) > 1:
            sentences.pop(rng.randrange(len(sentences)))
            paragraphs[victim] = ". ".join(sentences)
    paragraphs[0] = paragraphs[0].replace(" today announced", " announced", 1)
    paragraphs[0] = paragraphs[0].replace(" will ", " is set to ", 1)
    return _Release(
        company=release.company,
        partner=release.partner,
        title=release.title,
        day=release.day,
        city=release.city,
        paragraphs=tuple(paragraphs),
    )


# --------------------------------------------------------------------------- rendering


def _format_date(day: date, fmt: str) -> str:
    if fmt == "iso":
        return day.isoformat()
    if fmt == "long":
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if fmt == "ap":
        return f"{_AP_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if fmt == "dmy":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def _render(site: _Site, release: _Release, rng: random.Random, title_suffix: str) -> str:
    """Lay the release out the way ``site`` would, boilerplate and quirks included."""
    paragraphs = list(release.paragraphs)
    if release.day and site.date_format == "dateline":
        city = release.city.upper()
        paragraphs[0] = f"{city}, {_format_date(release.day, 'ap')}{site.wire}{paragraphs[0]}"
    body = "\n\n".join(paragraphs)
    if site.straight_quotes:
        body = body.replace("“", '"').replace("”", '"')
    if site.curly_apostrophes:
        body = body.replace("'", "’")
    if site.nbsp:
        name = site.company.name
        body = body.replace(f" {release.city}", f"\xa0 {release.city}", 2)
        body = body.replace(f"of {name}", f"of\xa0 {name}", 1).replace(". ", ".\xa0 ", 1)
    if site.company.site_style == 1:
        body = "\xa0 \xa0 \xa0 " + body.replace("\n\n", "\n\n\n\xa0 \xa0 \xa0 ", 3)

    date_line = ""
    if release.day and site.date_format == "release_time":
        date_line = f"release time:{release.day.isoformat()}"
    elif release.day and site.date_format != "dateline":
        date_line = site.date_prefix + _format_date(release.day, site.date_format)

    parts = [site.header] if site.header else []
    if release.title and site.company.site_style != 2:
        parts.append(release.title + title_suffix)
        if site.company.site_style == 0:
            parts.append("")
    if date_line and not site.date_at_end:
        parts.append(date_line)
    parts.append(body)
    if date_line and site.date_at_end:
        parts.append(date_line)
    elif site.company.site_style == 1 and release.day and rng.random() < 0.3:
        signer = site.people[0][1]
        parts.append(f"{signer} of {site.company.name}\n\n\n{_format_date(release.day, 'long')}")
    parts.append(site.footer)
    page = "\n\n".join(parts)
    return page.lower() if site.company.site_style == 1 else page


def _suffix_for(site: _Site, rng: random.Random) -> str:
    return site.title_suffix if site.suffix_rate and rng.random() < site.suffix_rate else ""


def make_page(
    company: SyntheticCompany,
    index: int,
    rng: random.Random,
    *,
    companies: Sequence[SyntheticCompany],
) -> str:
    """One scraped page for ``company``; ``index`` is its number within that newsroom.

    The index moves the release date forward and rotates through the company's pipeline,
    so one company's pages read like a newsroom over time. ``companies`` supplies the
    partners a release may name.
    """
    release = _make_release(company, index, rng, companies)
    site = _site(company)
    return _render(site, release, rng, _suffix_for(site, rng))


# --------------------------------------------------------------------------- corpus


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _registry_text(companies: Sequence[SyntheticCompany], seed: int) -> str:
    lines = [f"# Synthetic registry written by benchmarks.corpus (seed {seed}).", ""]
    for company in companies:
        aliases = ", ".join(_toml_string(a) for a in company.aliases)
        lines += [
            "[[company]]",
            f"name = {_toml_string(company.name)}",
            f"aliases = [{aliases}]",
            f"ticker = {_toml_string(company.ticker)}",
            f"exchange = {_toml_string(company.exchange)}",
            f"website = {_toml_string(company.website)}",
            "",
        ]
    return "\n".join(lines)


def write_corpus(
    out_dir: Path,
    *,
    releases: int,
    companies: int,
    seed: int = 7,
    duplicate_share: float = 0.01,
) -> Path:
    """Write ``releases`` pages under ``out_dir/releases/<site>/`` plus ``companies.toml``.

    ``out_dir`` then has the same layout as the bot's data directory. Publishing volume
    is skewed (weight 1/sqrt(rank)) like real newsrooms; ``duplicate_share`` of the pages
    re-publish the previous release on a partner's site with that site's boilerplate and
    a different title suffix, for near-duplicate detection. Refuses a non-empty
    ``releases`` folder so stale pages never inflate a benchmark.
    """
    if releases < 0 or companies < 1:
        raise ValueError("need releases >= 0 and companies >= 1")
    if not 0 <= duplicate_share < 1:
        raise ValueError("duplicate_share must be in [0, 1)")
    releases_dir = out_dir / "releases"
    if releases_dir.exists() and any(releases_dir.iterdir()):
        raise FileExistsError(f"{releases_dir} is not empty; pick a fresh directory")
    releases_dir.mkdir(parents=True, exist_ok=True)
    roster = make_companies(companies, seed=seed)
    (out_dir / "companies.toml").write_text(_registry_text(roster, seed), encoding="utf-8")

    rng = random.Random(f"pages|{seed}")
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.5 for rank in range(companies)))
    authors = rng.choices(roster, cum_weights=cumulative, k=releases)
    duplicates = round(releases * duplicate_share) if companies > 1 else 0
    duplicate_at = set(rng.sample(range(1, releases), min(duplicates, max(releases - 1, 0))))
    width = max(6, len(str(releases - 1)))
    newsroom_counts: dict[str, int] = {}
    made_dirs: set[str] = set()
    root = str(releases_dir)
    previous: _Release | None = None
    reposted = False
    for number, author in enumerate(authors):
        if number in duplicate_at and previous is not None:
            # The partner reposts first; any further copy lands on some third site.
            host = previous.partner
            if reposted and companies > 2:
                while host in (previous.company, previous.partner):
                    host = rng.choice(roster)
            reposted = True
            site = _site(host)
            page = _render(site, _rescrape(previous, rng), rng, _spam_suffix(rng))
        else:
            site = _site(author)
            index = newsroom_counts.get(author.name, 0)
            newsroom_counts[author.name] = index + 1
            previous = _make_release(author, index, rng, roster)
            reposted = False
            page = _render(site, previous, rng, _suffix_for(site, rng))
        folder = os.path.join(root, site.host)
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        with open(os.path.join(folder, f"{number:0{width}d}.txt"), "wb") as handle:
            handle.write(page.encode("utf-8"))
    return out_dir


def main(argv: list[str] | None = None) -> int:
    """CLI entry: write a corpus and report its size and how long it took."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--duplicate-share", type=float, default=0.01)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        write_corpus(
            args.out_dir,
            releases=args.releases,
            companies=args.companies,
            seed=args.seed,
            duplicate_share=args.duplicate_share,
        )
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    sizes = [entry.stat().st_size for entry in (args.out_dir / "releases").rglob("*.txt")]
    print(
        f"wrote {len(sizes):,} pages ({sum(sizes) / 1e6:.1f} MB) for {args.companies:,} "
        f"companies to {args.out_dir} in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
