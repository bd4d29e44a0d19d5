"""How Chinese, Japanese and Korean pages name their announcer.

CJK text has no spaces between words, so a name is read from what sits right next to
it: a legal form ("…股份有限公司", "株式会社…"), a stock code in parentheses
("中國石化(600028)"), a role that belongs to it ("中科水生董事长", "住友林業の新社長"),
an announcing verb ("比亚迪宣布"), a label ("会社名") or, in Korean, a subject particle
before "밝혔다". Each rule yields raw names; the caller cleans, pools and weighs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.ingest.company_names import CJK_LEGAL
from bot.ingest.evidence import Candidate

_MIN_SHORT = 3
_CHAR = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af々ー]"
# A name may open with Latin letters or digits glued to the CJK ("LG能源", "TCL科技").
_NAME = rf"(?:[A-Za-z0-9]{{1,6}})?{_CHAR}"
_START = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
# The forms below are found from their keyword (quick to find) and the name is read
# backwards from it: scanning every CJK position for a name that might end in one is slow.
# "比亚迪宣布", "中兴通讯发布公告", "ソーダニッカ株式会社は、".
_ANNOUNCING = re.compile(
    r"(?:今日|今天|日前|近日)?(?:宣布|宣佈|公告|发布|發布|举行|舉行|表示|は、|が、)"
)
# "LG能源宣布：", "中華電公告": a headline that opens with its subject ("关于…的公告",
# "announcement about …", opens with its topic instead).
_HEADLINE = re.compile(
    rf"^(?!关于|關於)({_NAME}{_CHAR}{{1,12}}?)(?:宣布|宣佈|发布|發布|公告|[:：]|が|は)"
)
# "中國石化(600028)", "中華電（2412）", "信越化学(4063)": a listed name and its code.
_CODE = re.compile(
    r"\s?[(（]\s*(?:(?:股票|证券|證券)?(?:代码|代碼|代號|代号)\s*[:：]?\s*)?"
    r"(?!(?:19|20)\d\d[)）])\d{4,6}(?:\.[A-Z]{1,2})?\s*[)）]"
)
# "株式会社アクメ（本社：東京都）は、", "한빛전자(대표 김철수)는": a subject whose
# details sit in parentheses between it and its particle.
_SUBJECT_AFTER_PARENS = re.compile(r"[)）](?:は、|は|が、|는|은|가)")
_PARENS_LOOKBACK = 80
# "中科水生董事长", "住友林業の新社長", "教育用品の新役員体制": a role that belongs to a company.
# Japanese needs the "の": "市川社長" is President Ichikawa, a person; Chinese names of
# four characters or more, as people's names are shorter.
_ROLE = re.compile(
    r"の(?:新社長|社長|会長|新役員|役員)"
    r"|(?:董事长|董事長|总经理|總經理|总裁|總裁|党委书记|副总经理|副總經理|首席执行官)"
)
_NAME_RUN = re.compile(rf"(?:[A-Za-z0-9]{{1,6}})?{_CHAR}+$")
_EDGES = frozenset(' \t\n，,。、；;：:（(“"」）)】]')
_PERSON_TITLES = (
    "社長", "専務", "常務", "会長", "部長", "取締役", "董事长", "董事長", "总经理", "總經理",
    "经理", "书记", "先生", "女士", "氏", "さん", "회장", "사장", "대표", "기자",
)  # fmt: skip
_LABELS = ("会社名", "公司名称", "公司名稱", "회사명")
# "会社名 株式会社植木組 代表者名 …", "上場会社名 ソーダニッカ株式会社": a labelled legal name.
_LABELLED = re.compile(
    rf"(?:{'|'.join(' ?'.join(label) for label in _LABELS)})\s*[:：]?\s*(?:株式会社|주식회사)?\s?"
    rf"({_NAME}{_CHAR}{{1,20}}?(?=株式会社|주식회사|\s|[(（]|$)|{_CHAR}(?: {_CHAR}(?!\w))+)"
)
# "株式会社植木組", "(주)한빛": a legal form before the name.
_LEGAL_BEFORE = re.compile(
    rf"(?:株式会社|주식회사|\(주\)|（株）)\s?({_NAME}(?:\s?{_CHAR}){{1,11}})"
)
# "…股份有限公司", "ソーダニッカ株式会社": a legal form after the name, found from the form
# (a literal, quick to find) and the name read backwards from it.
_LEGAL_AFTER = re.compile("|".join(re.escape(form) for form in CJK_LEGAL))
_NAME_BEFORE_FORM = re.compile(rf"{_NAME}{_CHAR}{{1,14}} ?$")
_FORM_LOOKBACK = 24
# "（以下简称“青松动力”）": the short name a filing defines for a company.
_DEFINED = re.compile(r"(?:以下简称|以下簡稱)\s*[:：]?\s*[“\"「]([^”\"」]{2,12})[”\"」]")
# "뉴스1코리아가 … 체결했습니다": a Korean subject in a sentence that reports an act.
_KOREAN_SUBJECT = re.compile(
    r"(?:^|(?<=\s))([가-힣A-Za-z0-9]{1,11}[\uac00-\ub2e3\ub2e5-\ud7a3A-Za-z0-9])(?:은|는|이|가)\s[^.。\n]{0,200}?"
    r"(?:밝혔다|밝혔습니다|발표했다|발표했습니다|체결했다|체결했습니다|출시했다|출시했습니다"
    r"|선보였다|선보였습니다|공개했다|공개했습니다)"
)
# "뉴스1 대표", "삼성전자 CEO가": a Korean name before a role that belongs to it.
_KOREAN_ROLE = re.compile(r"(?:^|(?<=\s))([가-힣A-Za-z0-9]{2,12})\s(?:대표이사|대표|회장|사장|CEO)")


def cjk_candidates(page: str, title: str) -> Iterator[Candidate[str]]:
    """Raw names from every CJK form, strongest forms first."""
    if not _START.search(page):
        return
    for match in _CODE.finditer(page):
        name = _run_before(page, match.start(), 16, edged=False)
        if name:
            yield Candidate(name, "name before its stock code", name + match.group(), 6)
    for match in _DEFINED.finditer(page):
        yield Candidate(match.group(1), "defined short name", match.group(), 3)
    headline = _HEADLINE.match(title)
    if headline:
        yield Candidate(headline.group(1), "headline subject", title, 2.5)
    for match in _ANNOUNCING.finditer(page):
        name = _run_before(page, match.start(), 11)
        if name:
            yield Candidate(name, "name before an announcing verb", name + match.group(), 2)
    for match in _SUBJECT_AFTER_PARENS.finditer(page):
        opening = max(page.rfind("(", 0, match.start()), page.rfind("（", 0, match.start()))
        name = None
        if opening > 0 and match.start() - opening < _PARENS_LOOKBACK:
            name = _run_before(page, opening, 16)
        if name:
            yield Candidate(name, "subject before its details", name + match.group(), 4)
    for match in _ROLE.finditer(page):
        name = _run_before(page, match.start(), 11)
        if name and (match.group().startswith("の") or len(name) >= 4):
            yield Candidate(name, "name before its officer's role", name + match.group(), 2)
    if _HANGUL.search(page):
        yield from _korean_candidates(page)
    for match in _LABELLED.finditer(page):
        yield Candidate(match.group(1), "labelled company name", match.group(), 4)
    for name, written in _legal_names(page):
        yield Candidate(name, "legal name", written, 1.5)


def _korean_candidates(page: str) -> Iterator[Candidate[str]]:
    """Korean spaces its words, so names are read as words: "한빛전자는 … 밝혔다"."""
    for match in _KOREAN_SUBJECT.finditer(page):
        yield Candidate(match.group(1), "subject of a reporting verb", match.group(1), 3)
    for match in _KOREAN_ROLE.finditer(page):
        yield Candidate(match.group(1), "name before its officer's role", match.group(), 1.5)


def _run_before(page: str, end: int, longest: int, *, edged: bool = True) -> str | None:
    """The name glued to a keyword at ``end``: the run of name characters before it, at
    least two long and, when ``edged``, starting after punctuation or a space, within
    ``longest`` characters."""
    window = page[max(0, end - longest - 1) : end]
    run = _NAME_RUN.search(window)
    if not run or len(run.group()) < 2:
        return None
    start = end - len(window) + run.start()
    if edged and start > 0 and page[start - 1] not in _EDGES:
        return None
    if len(run.group()) > longest:
        return None
    return run.group()


def is_person(name: str) -> bool:
    """ "光吉専務", "王先生": a name ending in a personal title is a person, not a company."""
    return name.endswith(_PERSON_TITLES)


def cjk_legal_names(page: str, company: str) -> list[str]:
    """The page's CJK legal names that contain ``company``: aliases for the loader."""
    if not _START.search(page):
        return []
    return [written for _, written in _legal_names(page) if company in written]


def _legal_names(page: str) -> Iterator[tuple[str, str]]:
    """(name, name with its legal form) for every CJK legal name on the page."""
    for match in _LEGAL_BEFORE.finditer(page):
        yield match.group(1), match.group().strip()
    for form in _LEGAL_AFTER.finditer(page):
        window = page[max(0, form.start() - _FORM_LOOKBACK) : form.start()]
        name = _NAME_BEFORE_FORM.search(window)
        if name:
            yield name.group().strip(), f"{name.group()}{form.group()}".strip()


def short_cjk_name(name: str, page: str) -> str:
    """The form of a CJK name the page repeats most: "扬州惠通科技" → "惠通科技" when the page
    keeps saying "惠通科技"; unsegmented text gives no word edges, so counts find them."""
    if not _START.match(name) or len(name) <= _MIN_SHORT:
        return name
    best, best_count = name, page.count(name)
    for length in range(len(name) - 1, _MIN_SHORT - 1, -1):
        for start in range(len(name) - length + 1):
            part = name[start : start + length]
            count = page.count(part)
            if count > best_count and count >= 2:
                best, best_count = part, count
    return best
