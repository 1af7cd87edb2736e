C += [
("https://learn.greeks.live/area/price-correlation/resource/3","hedge_types",["what_is_hedging","short_selling"],"",
 "What Is the Difference between a Long Hedge and a Short Hedge?"),
("https://learn.greeks.live/area/spot-futures-basis-trading/resource/2","funding",["basis_risk","perpetuals"],"",
 "How Does the Basis between a Perpetual Swap and Its Underlying Spot Price Relate to the Funding Rate?"),
("https://learn.greeks.live/area/futures-contract-price","funding",["perpetuals"],"",
 "What Is the Difference between the 'Premium' and the 'Funding Rate' in This Context?"),
("https://learn.greeks.live/area/crypto-put-call-ratio","basis_risk",["bot_hedge_ratio","sizing"],"",
 "Why Is the Realized Hedge Ratio Often Different from the Target Hedge Ratio?"),
("https://learn.greeks.live/area/spot-futures-relationship","perpetuals",["funding"],"",
 "What Is the Mathematical Relationship between the Perpetual Swap Price and the Spot Index Price?"),
]
