C += [
("https://benzinga.com/markets/options/22/01/24927816/how-to-hedge-your-tesla-stock-position","protective_put",["collar","tax"],"plan",
 "This incredible run has many shareholders asking the same question: How do I effectively hedge my Tesla position?"),
("https://investorshub.advfn.com/boards/replies.aspx?msg=174740235","opportunity_cost",["inverse_etf","full_hedge"],"",
 "I think that is rather obvious. An ETF that goes up when TSLA goes down.is an obvious hedge for TSLA stock. And the 1.5 means you have to buy just 2/3rds of your TSLA holding. However, hedging s not for everybody. For instance, if you bought exactly 2./3rds in the above example and the hedge performed EXACTLY as expected, you would be guaranteed no losses. BUT ALSO, no upside. WHY EVEN BOTHER?"),
]
