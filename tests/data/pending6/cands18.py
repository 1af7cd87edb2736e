C += [
("https://learn.greeks.live/path/how-does-a-bitcoin-miner-use-futures-for-hedging-their-production","full_hedge",["quarterly_futures","sizing"],"",
 "How Does a Bitcoin Miner Use Futures for Hedging Their Production?"),
("https://learn.greeks.live/area/risk-management/resource/108","hedge_types",["protective_put","costs"],"",
 "What Is the Main Drawback of a Put Option Compared to a Short Futures Contract?"),
("https://learn.greeks.live/area/risk-management/resource/108","funding",["perpetuals","quarterly_futures"],"",
 "What Is the Primary Risk of Using a Perpetual Swap for a Long-Term Hedge?"),
]
