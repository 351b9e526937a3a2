"""Money as written: every unit and currency form, conversions, bounds and rate notes."""

from __future__ import annotations

import pytest

from chipmap.extract.projects.amounts import chinese_number, find_amounts, first_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("a US$2.4 billion plant", 2.4e9, "USD"),
        ("about $650 million", 650e6, "USD"),
        ("$4.2b of capital", 4.2e9, "USD"),
        ("a 9-bln-USD vehicle", 9e9, "USD"),
        ("CNY12.5 billion", 12.5e9, "CNY"),
        ("RMB 3.2 billion", 3.2e9, "CNY"),
        ("RMB70bn deal", 70e9, "CNY"),
        ("7.5 billion yuan", 7.5e9, "CNY"),
        ("a 3-billion-yuan fund", 3e9, "CNY"),
        ("2-trillion yuan", 2e12, "CNY"),
        ("800 million renminbi", 800e6, "CNY"),
        ("60 billion US dollars", 60e9, "USD"),
        ("EUR 2 billion", 2e9, "EUR"),
        ("€1.5bn", 1.5e9, "EUR"),
        ("100 million euros", 100e6, "EUR"),
        ("3 billion yen", 3e9, "JPY"),
        ("HK$4 billion", 4e9, "HKD"),
        ("12亿元", 12e8, "CNY"),
        ("40亿美元", 40e8, "USD"),
        ("2031.5亿元人民币", 2031.5e8, "CNY"),
        ("人民币6亿元", 6e8, "CNY"),
        ("3000万元", 3000e4, "CNY"),
        ("百亿元", 100e8, "CNY"),
        ("两百亿元", 200e8, "CNY"),
        ("5亿欧元", 5e8, "EUR"),
        ("10亿日元", 10e8, "JPY"),
    ],
)
def test_amount_forms_are_normalised(text: str, value: float, currency: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.currency == currency
    assert amount.value == pytest.approx(value)


def test_mixed_currencies_keep_the_first_figure_written() -> None:
    amount = parse_amount("a US$1.2 billion (8.7 billion yuan) investment")
    assert amount is not None and (amount.value, amount.currency, amount.text) == (1.2e9, "USD", "US$1.2 billion")
    spans = find_amounts("7.5 billion yuan (about US$1.05 billion)")
    assert [s.conversion for s in spans] == [False, True]


def test_exchange_rate_notes_are_not_amounts() -> None:
    assert find_amounts("($1 = 7.1 Chinese yuan renminbi)") == []


def test_lower_bounds_are_not_amounts_but_other_qualifiers_are() -> None:
    assert first_amount("不低于500亿元") is None
    assert first_amount("at least 5 billion yuan") is None
    over = first_amount("over 40 billion yuan")
    assert over is not None and over.qualifier == "over" and over.value == 40e9


def test_prices_and_counts_are_not_investments() -> None:
    assert parse_amount("每股3元") is None
    assert parse_amount("亿元以上项目约二十个") is None
    assert parse_amount("tens of millions of US dollars") is None


def test_chinese_numerals() -> None:
    assert chinese_number("一百二十") == 120
    assert chinese_number("两千") == 2000
    assert chinese_number("15") == 15
    assert chinese_number("abc") is None
