"""Which venues list an instrument for an asset and take residents of a region."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from hedging.models import AssetClass, Instrument, Region, VenueRef

VENUES_PATH = Path(__file__).resolve().parent / "data" / "venues.json"


class VenueProduct(BaseModel):
    """One product line of a venue and who may trade it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    product: str
    asset_classes: frozenset[AssetClass]
    instruments: frozenset[Instrument]
    regions: frozenset[Region]
    symbols: frozenset[str] | None = None  # None = every symbol of those classes
    note: str | None = None
    priority: int = 10  # lower comes first where several venues fit


class Venue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    url: str
    products: list[VenueProduct]


@cache
def load_venues() -> tuple[Venue, ...]:
    """The venue list shipped with the core (parsed once)."""
    data = json.loads(VENUES_PATH.read_text(encoding="utf-8"))
    return tuple(Venue.model_validate(venue) for venue in data["venues"])


@cache
def venues_for(
    region: Region, asset_class: AssetClass, symbol: str, instrument: Instrument
) -> tuple[VenueRef, ...]:
    """Venues with a product for this asset and instrument that residents of the region may use."""
    found: list[tuple[int, VenueRef]] = []
    for venue in load_venues():
        for product in venue.products:
            if (
                region in product.regions
                and asset_class in product.asset_classes
                and instrument in product.instruments
                and (product.symbols is None or symbol in product.symbols)
            ):
                reference = VenueRef(
                    name=venue.name, product=product.product, url=venue.url, note=product.note
                )
                found.append((product.priority, reference))
                break
    return tuple(reference for _, reference in sorted(found, key=lambda item: item[0]))


def is_available(
    region: Region, asset_class: AssetClass, symbol: str, instrument: Instrument
) -> bool:
    """True when at least one venue fits."""
    return bool(venues_for(region, asset_class, symbol, instrument))
