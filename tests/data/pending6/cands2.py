C += [
("https://github.com/freqtrade/freqtrade/issues/11166","",[],"",
 "Is it possible to add the functionality of holding both spot and futures contracts simultaneously? For example, holding both spot and short contracts simultaneously can be used for risk hedging, or to arbitrage the funding fee"),
("https://github.com/freqtrade/freqtrade-strategies/issues/162","",[],"",
 "Is it possible to have a strategy that starts with sell followed by buy, instead of the other way around. In order to protect my BTC account when BTC drops heavily I would like to ha e the opportunity to buy EUR or USDT as a hedge (sell BTC when it starts dropping, buy BTC back when it starts picking up again). But, EURBTC or USDTBTC are not available currency pairs, but BTCEUR and BTCUSDT are. [...] Is there a way to do this?"),
("https://github.com/freqtrade/freqtrade/issues/8414","",[],"",
 "New to freqtrade. I have a trategy that will take both long and short position. I'd like to enter long position in spot market and short position in futures. Is there a way to switch trade_mode from spot to futures in the configuration file automatically when switching from long to short?"),
("http://scaldup.com/Insights/20250911/205.html","perpetuals",["full_hedge","funding"],"",
 "Can I hedge my Bitcoin holdings using perpetual contracts?"),
("http://dswteam.com/Insights/20250912/253.html","costs",["funding","fees_slippage"],"",
 "What are the costs associated with hedging with perpetual futures?"),
("https://crypto.greeks.live/learn/how-does-the-funding-rate-of-a-perpetual-swap-relate-to-the-cost-of-carry-for-a-futures-hedge","funding",["quarterly_futures","costs"],"",
 "How Does the Funding Rate of a Perpetual Swap Relate to the Cost of Carry for a Futures Hedge?"),
]
