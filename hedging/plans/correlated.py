"""Cross hedges: one short of the best correlated proxy, sized by minimum variance or by beta."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

from hedging.liquidation import distance_pct, distance_sigmas
from hedging.market import correlation
from hedging.models import (
    AssetClass,
    AssetMarket,
    CorrelationDetails,
    Costs,
    HedgeKind,
    Plan,
)
from hedging.plans.common import SCENARIO_MOVES, Context, Route, short_costs, short_leg
from hedging.plans.finish import finish_plan
from hedging.plans.full_partial import liquidation_price
from hedging.plans.routes import short_route
from hedging.scenarios import scenarios_for

CRYPTO_PROXIES = ("BTC", "ETH", "SOL")
EQUITY_PROXIES = ("ES", "SPY")  # ES futures first; SPY shares where futures are not allowed
BETA_PROXIES = frozenset(EQUITY_PROXIES)
INDEX_FUTURE_MULTIPLIERS = {"ES": (("ES", 50.0), ("MES", 5.0))}
BREAKDOWN_RHO = 0.3
MAX_PROXY_WEIGHT = 0.5  # a proxy that is most of the portfolio would be a direct hedge


def min_variance_ratio(rho: float, vol_asset: float, vol_hedge: float) -> float:
    """h* = ρ·σ_asset/σ_hedge, the OLS slope of the asset's returns on the hedge's."""
    return rho * vol_asset / vol_hedge


def contracts_for(ratio: float, value_usd: float, contract_value_usd: float) -> float:
    """N* = h·V_asset / V_contract (unrounded)."""
    return ratio * value_usd / contract_value_usd


def beta_contracts(
    beta: float, value_usd: float, price: float, multiplier: float, target_beta: float = 0.0
) -> float:
    """Index futures that take a portfolio's beta to the target: (β − β*)·V / (F·multiplier)."""
    return (beta - target_beta) * value_usd / (price * multiplier)


def residual_risk(
    value_usd: float, vol_asset: float, vol_hedge: float, rho: float, ratio: float, years: float
) -> float:
    """One standard deviation of the hedged P&L over the horizon for hedge ratio `ratio`."""
    variance = vol_asset**2 - 2 * ratio * rho * vol_asset * vol_hedge + (ratio * vol_hedge) ** 2
    return value_usd * math.sqrt(max(variance, 0.0) * years)


@dataclass(frozen=True, slots=True)
class ProxyFit:
    proxy: AssetMarket
    route: Route
    rho: float
    vol_portfolio: float
    beta: float | None  # the portfolio's beta to the proxy, for equity index proxies


def _portfolio_stats(context: Context, proxy: AssetMarket) -> tuple[float, float]:
    """(σ of the portfolio, its correlation with the proxy) from weights, vols and correlations."""
    total = context.portfolio.value_usd
    assets = [(p.value_usd / total, context.assets[p.symbol]) for p in context.positions]
    variance = sum(
        wi * wj * correlation(context.market, ai, aj) * ai.volatility * aj.volatility
        for wi, ai in assets
        for wj, aj in assets
    )
    vol = math.sqrt(variance)
    covariance = sum(
        w * correlation(context.market, a, proxy) * a.volatility * proxy.volatility
        for w, a in assets
    )
    return vol, covariance / (vol * proxy.volatility)


def best_proxy(context: Context) -> ProxyFit | None:
    """The shortable proxy most correlated with the whole portfolio; one not held if possible."""
    total = context.portfolio.value_usd
    weights = {p.symbol: p.value_usd / total for p in context.positions}
    classes = {p.asset_class for p in context.positions}
    candidates: list[str] = []
    if AssetClass.CRYPTO in classes:
        candidates.extend(CRYPTO_PROXIES)
    if classes - {AssetClass.CRYPTO}:
        candidates.extend(EQUITY_PROXIES)
    unheld = [symbol for symbol in candidates if symbol not in weights]
    held = [symbol for symbol in candidates if weights.get(symbol, 1.0) <= MAX_PROXY_WEIGHT]
    return _best_of(context, unheld, weights, classes) or _best_of(context, held, weights, classes)


def _best_of(
    context: Context, candidates: list[str], weights: dict[str, float], classes: set[AssetClass]
) -> ProxyFit | None:
    best: ProxyFit | None = None
    for symbol in candidates:
        proxy = context.assets.get(symbol)
        if proxy is None:
            continue
        vol, rho = _portfolio_stats(context, proxy)
        if best is not None and not rho > best.rho:
            continue  # it would not win: no need to work out how to short it
        route = short_route(context, proxy)
        if route is None:
            continue
        beta = None
        if symbol in BETA_PROXIES and AssetClass.CRYPTO not in classes:
            beta = sum(
                weights[p.symbol] * (context.assets[p.symbol].beta or 1.0)
                for p in context.positions
            )
        best = ProxyFit(proxy, route, rho, vol, beta)
    return best


NO_PROXY = "No correlated asset can be shorted with your region and instruments."


def _unavailable(context: Context, note: str = NO_PROXY) -> Plan:
    costs = Costs.validated(
        {
            "fees_usd": 0.0,
            "funding_usd": 0.0,
            "premium_usd": 0.0,
            "total_usd": 0.0,
        }
    )
    return finish_plan(
        context,
        kind=HedgeKind.CORRELATED,
        legs=[],
        hedge_ratio=0.0,
        leverage=1.0,
        margin_usd=0.0,
        costs=costs,
        notes=[note],
    )


def build_correlated_plan(context: Context) -> Plan:
    """Short the best proxy: min-variance ratio (beta for index futures), with a breakdown case."""
    fit = best_proxy(context)
    if fit is None or fit.rho <= 0:
        return _unavailable(context)
    proxy, value = fit.proxy, context.portfolio.value_usd
    ratio = min_variance_ratio(fit.rho, fit.vol_portfolio, proxy.volatility)
    if fit.beta is not None:
        ratio = fit.beta
    proxy_beta = fit.rho * proxy.volatility / fit.vol_portfolio
    leverage = min(context.request.settings.leverage, fit.route.max_leverage)
    leg, fees, carry = short_leg(
        context,
        proxy,
        fit.route,
        ratio * value / proxy.price_usd,
        proxy_beta,
        liquidation_at=partial(liquidation_price, fit.route, proxy.price_usd, leverage=leverage),
    )
    if leg.quantity == 0:
        return _unavailable(
            context,
            f"Your holdings are too small for one {leg.contract_size:g} {proxy.symbol} contract.",
        )
    price = leg.liquidation_price_usd or 0.0
    traded_ratio = leg.notional_usd / value
    contracts: dict[str, float] = {}
    for name, multiplier in INDEX_FUTURE_MULTIPLIERS.get(proxy.symbol, ()):
        contracts[name] = contracts_for(ratio, value, proxy.price_usd * multiplier)
    if leg.contracts is not None and not contracts:
        contracts[f"{leg.contract_size:g} {proxy.symbol}"] = leg.contracts
    breakdown_beta = BREAKDOWN_RHO * proxy.volatility / fit.vol_portfolio
    costs = short_costs([(leg, fees, carry)])
    details = CorrelationDetails.validated(
        {
            "proxy": proxy.symbol,
            "rho": fit.rho,
            "vol_asset": fit.vol_portfolio,
            "vol_hedge": proxy.volatility,
            "hedge_ratio": ratio,
            "effectiveness": fit.rho**2,
            "residual_risk_usd": residual_risk(
                value, fit.vol_portfolio, proxy.volatility, fit.rho, traded_ratio, context.years
            ),
            "vol_portfolio_usd": value * fit.vol_portfolio * math.sqrt(context.years),
            "proxy_beta": proxy_beta,
            "breakdown_rho": BREAKDOWN_RHO,
            "breakdown_scenarios": scenarios_for(
                [leg], costs, value, SCENARIO_MOVES, proxy_beta=breakdown_beta
            ),
            "contracts": contracts,
        }
    )
    sigmas = distance_sigmas(proxy.price_usd, price, proxy.volatility, context.years)
    notes = [
        f"This relies on {proxy.symbol} keeping pace with what you hold. If the correlation "
        f"fell to {BREAKDOWN_RHO}, far less of a drop would be covered: see the breakdown case.",
    ]
    if "MES" in contracts:
        used = "an index CFD" if leg.contracts is None else f"{leg.contracts:g} MES"
        notes.append(
            f"That is {contracts['ES']:.2f} E-mini (ES, $50 x index) or {contracts['MES']:.1f} "
            f"Micro E-mini (MES, $5 x index) contracts; this plan uses {used}."
        )
    elif leg.contracts is not None:
        notes.append(
            f"Rounded to {leg.contracts:g} contracts of {leg.contract_size:g} {proxy.symbol}."
        )
    return finish_plan(
        context,
        kind=HedgeKind.CORRELATED,
        legs=[leg],
        hedge_ratio=traded_ratio,
        leverage=leverage,
        margin_usd=leg.notional_usd / leverage,
        costs=costs,
        liquidation=(distance_pct(proxy.price_usd, price), sigmas, price),
        notes=notes,
        venues=fit.route.venues,
        correlation=details,
    )
