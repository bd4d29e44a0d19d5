"""Who speaks, in Chinese, Japanese and Korean attributions.

Chinese puts title then name before the verb ("公司董事长王明表示："); Japanese marks the speaker
with は before the quote and the verb after it (「…」と述べた); Korean ends the quote with 고 and a
verb (…"고 밝혔다) after a subject marked 은/는/이/가, and often shortens a name to surname and
title ("전 부회장"), which the first full mention completes.
"""

from __future__ import annotations

import re

from bot.ingest.quote_names import Speaker

_HAN = "\u3400-\u9fff"
_ZH_VERB = "(?:表示|说道|說道|回应|回應|说|說|指出|(?<![简簡])[称稱](?![为為])|强调|強調|坦言|透露|介绍|介紹|提到|谈到|談到|认为|認為)"
# Chinese: the verb right after the closing mark, or right before the opening one.
ZH_AFTER = re.compile(rf"\s*([^，。！？,!?“”「」\n]{{1,24}}?){_ZH_VERB}(?=[。，,：:！\s]|$)")
ZH_BEFORE = re.compile(rf"{_ZH_VERB}\s*[：:，,]?\s*$")
JA_AFTER = re.compile(
    r"\s*と[、,]?\s*(?P<topic>[^、。「」]{2,40}は)?[^。「」]{0,30}?"
    r"(?:述べ|話し|話す|話した|語っ|語り|語る|コメント|説明|強調|言っ|発言|明かし|表明)"
)
JA_TOPIC = re.compile(r"([^、。，,「」『』\s]{2,40})は[、,]?\s*$")
KO_AFTER = re.compile(
    r"\s*(?:(?:이?라?고|며|면서)\s*(?:말했|밝혔|강조했|설명했|전했|덧붙였|언급했|말한|밝힌|말씀)"
    r"|이?라며\s*$|이?라면서\s*$)"
)
_KO_SUBJECT = re.compile(r"(\S+?)(?:은|는|이|가)$")

_ZH_ROLES = (
    "董事长", "董事長", "总裁", "總裁", "总经理", "總經理", "主席", "董座", "执行长", "執行長",
    "首席执行官", "首席執行官", "总监", "總監", "行长", "行長", "部长", "部長", "局长", "局長",
    "社长", "社長", "主任", "院长", "院長", "经理", "經理", "创始人", "創辦人", "董事", "会长",
    "會長", "秘书长", "秘書長", "总干事", "負責人", "负责人", "CEO", "总", "副总",
)  # fmt: skip
_ZH_NOT_NAMES = re.compile(
    "公司|集团|集團|方面|官方|我们|我們|双方|雙方|银行|銀行|政府|部门|部門|企业|企業|报告|報告"
    "|数据|數據|人士|媒体|媒體|分析|专家|專家|记者|記者|他们|她们|大家|业内|業內|同时|同時"
)
_ZH_ADVERBS = re.compile(
    "(?:也|还|還|则|則|并|並|更|亦|再次|再度|同时|同時|进一步|進一步|日前|近日|昨日|今天|今日|当天|當天"
    "|会上|會上|接续|接續|随后|隨後|最后|最後|接着|接著|对此|對此|特别|特別)+$"
)
# "王明在会上表示" / "王明接受采访时表示": the circumstance between name and verb.
_ZH_CIRCUMSTANCE = re.compile(
    "(?:在|于|於|接受)(?:[^，。]{0,15}?(?:上|中|时|時|后|後|期间|期間))?$"
)
_JA_ROLES = (
    "代表取締役社長", "代表取締役", "取締役", "社長", "会長", "専務", "常務", "執行役員", "本部長",
    "部長", "代表", "理事長", "所長", "室長", "店長", "教授", "大臣", "知事", "市長", "CEO",
    "氏", "さん", "様",
)  # fmt: skip
_KO_ROLES = (
    "대표이사", "대표", "부회장", "회장", "부사장", "사장", "부문장", "본부장", "센터장", "원장",
    "장관", "의원", "총장", "이사장", "위원장", "전무", "상무", "이사", "교수", "실장", "팀장",
    "국장", "청장", "CEO",
)  # fmt: skip
_KO_PRONOUNS = frozenset({"그", "그녀"})
_KO_NOT_NAMES = frozenset({"회사", "당사", "업계", "관계자", "정부", "측", "이날", "이번", "오늘"})
_LATIN_NAME = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s*$")
_HANGUL_NAME = re.compile(r"[가-힣]{2,3}")
_JA_NAME = re.compile(rf"[{_HAN}\u3040-\u30ff]{{2,8}}")


def zh_speaker(text: str) -> Speaker | None:
    """Title then name before a Chinese speech verb: `公司董事长王明` → ("王明", "公司董事长")."""
    text = re.split(r"[，。：:；;、,（）()“”「」的]", text)[-1].strip()
    text = _ZH_ADVERBS.sub("", _ZH_CIRCUMSTANCE.sub("", text))
    text = _ZH_ADVERBS.sub("", _ZH_CIRCUMSTANCE.sub("", text))  # "王明今天在会上也"
    if not text:
        return None
    if text[-1] in "他她" and not re.search(rf"[{_HAN}]", text[:-1][-1:]):
        return Speaker(None, None, pronoun=True)
    latin = _LATIN_NAME.search(text)
    if latin:
        return Speaker(latin.group(1), text[: latin.start()].strip() or None)
    cut = max((text.rfind(role) + len(role) for role in _ZH_ROLES if role in text), default=0)
    name, role = text[cut:], text[:cut] or None
    if not re.fullmatch(rf"[{_HAN}]{{2,4}}", name) or _ZH_NOT_NAMES.search(name):
        return None
    if role is None and len(name) != 3:
        return None  # without a title, two or four characters are more often a thing or place
    return Speaker(name, role)


def ja_speaker(before: str, body: str) -> Speaker | None:
    """`取締役の山田太郎は` / `山田太郎社長は` before 「…」と述べた (or after its と) → name and
    role; "山田社長" is completed from the page's first full mention ("山田太郎社長")."""
    topic = JA_TOPIC.search(before)
    if topic is None:
        return None
    text = topic.group(1)
    role_before, _, text = text.rpartition("の")
    suffix = next((r for r in _JA_ROLES if text.endswith(r) and len(text) > len(r)), "")
    name = text[: len(text) - len(suffix)]
    role = " ".join(p for p in (role_before, suffix) if p and suffix not in "氏さん様") or None
    latin = _LATIN_NAME.search(name)
    if latin:
        return Speaker(latin.group(1), role)
    if not (_JA_NAME.fullmatch(name) and len(name) <= 6):
        return None
    if suffix and suffix not in "氏さん様" and len(name) <= 2:
        full = re.search(rf"{name}[{_HAN}]{{1,3}}?(?={'|'.join(_JA_ROLES[:-3])})", body)
        name = full.group() if full else name
    return Speaker(name, role)


def ko_speaker(before: str, body: str) -> Speaker | None:
    """Subject of a Korean quote: `이민수 뉴스1 대표는` / `전 부회장은` / `그는`."""
    words = before.split()
    for end in range(len(words) - 1, -1, -1):
        subject = _KO_SUBJECT.fullmatch(words[end])
        if subject is None:
            continue
        phrase = [*words[:end], subject.group(1)]
        if phrase[-1] in _KO_PRONOUNS:
            return Speaker(None, None, pronoun=True)
        if not any(role in phrase[-1] for role in _KO_ROLES):
            return None
        for index in range(len(phrase) - 2, -1, -1):
            word = phrase[index]
            if _HANGUL_NAME.fullmatch(word) and word not in _KO_NOT_NAMES:
                return Speaker(word, " ".join(phrase[index + 1 :]))
            if len(word) == 1 and "가" <= word <= "힣":
                full = _ko_full_name(body, word, phrase[-1])
                return Speaker(full, " ".join(phrase[index + 1 :])) if full else None
        return None
    return None


def _ko_full_name(body: str, surname: str, title: str) -> str | None:
    """ "전 부회장" → "전영현": the first full name with that surname and that title near it."""
    pattern = re.compile(rf"(?<![가-힣]){surname}[가-힣]{{1,2}}(?![가-힣])")
    for match in pattern.finditer(body):
        if title in body[match.end() : match.end() + 40]:
            return match.group()
    return None
