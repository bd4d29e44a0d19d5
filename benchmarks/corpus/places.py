"""Where and with whom: cities, regions, conferences, journals, hospitals, facilities,
financing rounds and stock exchanges."""

from __future__ import annotations

from benchmarks.corpus.sampling import zipf

CITIES = zipf(
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
REGIONS = zipf(
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
CONFERENCES = zipf(
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
JOURNALS = zipf(
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
HOSPITALS = zipf(
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
FACILITIES = zipf(
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
ROUNDS = zipf(("Series C", "Series B", "Series D", "pre-IPO", "Series A", "crossover"))
EXCHANGES_LONG = {
    "HKEX": "Main Board of The Stock Exchange of Hong Kong Limited",
    "SSE": "Shanghai Stock Exchange",
    "SZSE": "Shenzhen Stock Exchange",
    "NASDAQ": "Nasdaq Global Select Market",
    "NYSE": "New York Stock Exchange",
}
