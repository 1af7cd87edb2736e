C += [
("https://experts123.com/q/how-do-i-protect-the-value-of-a-future-receivable-from-a-dutch-buyer-who-pays-in-euros.html","",[],"",
 "How do I protect the value of a future receivable from a Dutch buyer who pays in Euros?"),
("https://vilmacaez.com/2023/02/27/retirement-planning-should-you-buy-gold-as-a-retirement-hedge/","",[],"",
 "Retirement Planning - Should You Buy Gold As a Retirement Hedge? This is a question I get constantly"),
("https://learn.greeks.live/area/crypto-put-call-ratio","options",["protective_put","bot_option_pricing"],"",
 "Why Is an 'Out-of-the-Money' Put Cheaper than an 'At-the-Money' Put?"),
]
