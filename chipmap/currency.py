"""Exchange rates for showing investment totals in one currency (CNY), documented and dated.

Projects keep every amount in the currency the article wrote it in; totals are kept per
currency and, next to them, a CNY equivalent computed with the table below. The table is
reference data, not a market feed: one rate per currency, rounded to three significant
figures, taken from the China Foreign Exchange Trade System (CFETS) central parity rates
published by the People's Bank of China for the last trading day of 2024 (the TWD rate,
which has no central parity, is the market rate of the same day). A CNY equivalent is
therefore an order-of-magnitude guide for comparing clusters, and every answer that shows
one also shows the per-currency totals and the date of this table.
"""

from __future__ import annotations

#: The day the rates below describe.
RATES_DATE = "2024-12-31"
#: Where they come from (see the module docstring).
RATES_SOURCE = "CFETS central parity (People's Bank of China), last trading day of 2024, rounded"
#: Yuan per one unit of each currency.
CNY_PER_UNIT: dict[str, float] = {
    "CNY": 1.0,
    "USD": 7.19,
    "EUR": 7.53,
    "GBP": 9.08,
    "JPY": 0.0462,
    "KRW": 0.00496,
    "HKD": 0.926,
    "TWD": 0.219,
    "SGD": 5.30,
}


def to_cny(value: float, currency: str) -> float | None:
    """``value`` units of ``currency`` in yuan, or None for a currency the table lacks."""
    rate = CNY_PER_UNIT.get(currency.upper())
    return None if rate is None else value * rate
