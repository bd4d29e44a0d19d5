"""Release dates: the span they fall in and the written forms sites print them in."""

from __future__ import annotations

from datetime import date

MONTHS = (
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
AP_MONTHS = (
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
FIRST_DAY = date(2015, 1, 1)
SPAN_DAYS = (date(2024, 12, 31) - FIRST_DAY).days

DATE_FORMATS = ("iso", "long", "ap", "dmy", "cjk")


def format_date(day: date, fmt: str) -> str:
    if fmt == "iso":
        return day.isoformat()
    if fmt == "long":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if fmt == "ap":
        return f"{AP_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if fmt == "dmy":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"
