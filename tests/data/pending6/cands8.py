C += [
("https://www.leetquiz.com/quiz/cmo49bugp004m01jt2h1hrgi8/see","bot_hedge_ratio",["sizing","quarterly_futures"],"",
 "The daily standard deviation of Bitcoin (BTC) is $200.00, while the standard deviation of the futures contract price (on the same BTC) is $340.00. The correlation between the two changes is 0.850. If the size of one futures contract is five Bitcoins (5 BTC), and the trader seeks to hedge the purchase of 100 Bitcoins (100 BTC), then how many contracts should be shorted to hedge?"),
("https://sandboxes-dev-php8.y.org/dedicada/21482210","sizing",["micro_futures","correlated_hedge"],"plan",
 "You own a portfolio which is valued at $12.0 million and which has a beta of 1.35. You would like to create a riskless portfolio by hedging with S&P 500 futures contracts. The contract size is $250 times the index level. How many futures contracts are needed if the current S&P 500 index is 3983?"),
("https://www.nydailynews.com/life-style/hoarding-cash-strategy-uncertain-times-article-1.2795136","when_to_hedge",["what_is_hedging"],"",
 "So what does that mean for nervous investors who are hoping for the best, but worried about the worst? Would it be prudent to convert a big chunk of their investments into cash as a hedge against the unpredictable future that this year's presidential election will bring?"),
]
