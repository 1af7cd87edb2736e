C += [
("https://www.boydsbets.com/hedging-parlays/","",[],"",
 "A question I am often asked is, \"Should I hedge my parlay?\""),
("https://www.sportsbookadvisor.com/2020/09/26/how-much-should-i-hedge-my-bet/","",[],"",
 "How Much Should I Hedge My Bet? Hedging the final leg of a parlay - how much should I hedge?"),
("https://experts123.com/q/how-do-i-protect-the-value-of-a-future-receivable-from-a-dutch-buyer-who-pays-in-euros.html","",[],"",
 "How do I protect the value of a future receivable from a Dutch buyer who pays in Euros?"),
("https://vilmacaez.com/2023/02/27/retirement-planning-should-you-buy-gold-as-a-retirement-hedge/","",[],"",
 "Retirement Planning - Should You Buy Gold As a Retirement Hedge? This is a question I get constantly"),
]
