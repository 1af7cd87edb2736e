C += [
("https://www.kdj.com/Cryptocurrency-Encyclopedia/Contract/hedge-spot-positions-binance-futures.html","binance",["full_hedge","perpetuals"],"",
 "How do I hedge my spot positions with Binance Futures?"),
("https://www.heraldtribune.com/news/20190204/stepleman-should-you-consider-hedging-your-stock-portfolio","when_to_hedge",["protective_put","what_is_hedging"],"",
 "Should you consider hedging your stock portfolio?"),
("https://moneyshow.com/articles/VideoTransTr-24173/Using-Options-as-Portfolio-Insurance","costs",["protective_put","when_to_hedge"],"",
 "A lot of people are looking to protect their portfolios; are options a way to protect your portfolio? [...] Now how much does it cost to protect a portfolio? [...] But it's still worth it, don't you think?"),
("https://stoxbox.in/marketopedia/trading-in-futures-derivatives/what-is-beta-in-finance","correlated_hedge",["sizing","basis_risk"],"",
 "If I own a position in a stock without a futures contract, like South Indian Bank, can I still hedge it? Would that be possible? What if my position size is relatively small - say Rs.50,000/- or Rs.100,000/- - can I still hedge it?"),
("https://learn.greeks.live/area/price-correlation/resource/3","correlated_hedge",["basis_risk"],"",
 "What Is a 'Cross-Hedge' and When Might a Miner Use It?"),
("https://learn.greeks.live/area/basis-risk-in-crypto-options","basis_risk",["quarterly_futures"],"",
 "Differentiate between 'Cross-Hedge' Basis Risk and 'Calendar' Basis Risk"),
]
