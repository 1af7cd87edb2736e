import pytest

from hedging.models import AssetClass, Instrument, Region
from hedging.venues import load_venues, venues_for

OFFSHORE = {"Binance", "Bybit", "Deribit"}


def names(region, asset_class, symbol, instrument):
    return [venue.name for venue in venues_for(region, asset_class, symbol, instrument)]


def test_the_guides_venues_are_all_listed():
    assert {"Binance", "Bybit", "Kraken", "Interactive Brokers", "IG"} <= {
        venue.name for venue in load_venues()
    }


@pytest.mark.parametrize(
    "instrument", [Instrument.PERPETUAL, Instrument.QUARTERLY, Instrument.OPTION]
)
def test_a_us_resident_is_never_sent_offshore_for_crypto(instrument):
    assert OFFSHORE.isdisjoint(names(Region.US, AssetClass.CRYPTO, "BTC", instrument))


def test_us_crypto_hedges_go_through_us_regulated_venues():
    assert names(Region.US, AssetClass.CRYPTO, "BTC", Instrument.QUARTERLY) == [
        "Kraken",
        "CME Group (through a futures broker)",
        "Coinbase Derivatives",
        "Bitnomial",
        "Interactive Brokers",
    ]


def test_elsewhere_binance_leads_for_perpetuals_and_deribit_for_options():
    assert names(Region.OTHER, AssetClass.CRYPTO, "BTC", Instrument.PERPETUAL)[0] == "Binance"
    assert names(Region.OTHER, AssetClass.CRYPTO, "BTC", Instrument.OPTION)[0] == "Deribit"


@pytest.mark.parametrize(
    ("region", "expected"),
    [(Region.UK, ["Interactive Brokers", "IG"]), (Region.US, [])],
)
def test_share_cfds_are_offered_outside_the_us_only(region, expected):
    assert names(region, AssetClass.STOCK, "AAPL", Instrument.CFD) == expected


def test_a_coin_with_no_us_listing_has_no_us_short():
    assert names(Region.US, AssetClass.CRYPTO, "DOGE", Instrument.QUARTERLY) == []
