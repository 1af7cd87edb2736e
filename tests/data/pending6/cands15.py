C += [
("http://forum.theanalystspace.com/thread-82899-2-1.html","collar",["protective_put"],"",
 "An investor purchases a stock for $38 and a put for $0.50 with a strike price of $35. The investor sells a call for $0.50 with a strike price of $40. What is the maximum profit and loss for this position?"),
("https://tutorsglobe.com/question/what-position-should-the-trader-take-if-he-is-hedging-the-52302290.aspx","basis_risk",["quarterly_futures"],"",
 "Sixty futures contracts are used to hedge an exposure to the price of silver. Each futures contract is on 5,000 ounces of silver. At the time the hedge is closed out, the basis is $0.20 per ounce. What position should the trader take if he is hedging the purchase of silver? What position should the trader take if he is hedging the sale of silver? What is the effect of the basis on the hedger's financial position in (a)? What is the effect of the basis on the hedger's financial position in (b)?"),
("http://www.bionicturtle.com/forum/viewreply/1309/","basis_risk",["full_hedge"],"",
 "You said that the strenthening of the basis is favorable for a short hedge. In a short hedge position, I will be selling the future contract in order to hedge for the underlying that I have. So if the spot price increases, there is no gain no?"),
("https://crypto.greeks.live/learn/what-is-the-concept-of-rolling-the-hedge-and-how-does-it-relate-to-basis-risk","quarterly_futures",["basis_risk","roll_puts"],"",
 "What Is the Concept of \"Rolling the Hedge\" and How Does It Relate to Basis Risk?"),
("https://crypto.greeks.live/learn/why-is-rolling-a-futures-or-option-position-a-common-practice-in-long-term-hedging","quarterly_futures",["roll_puts","perpetuals"],"",
 "Why Is 'Rolling' a Futures or Option Position a Common Practice in Long-Term Hedging?"),
("https://analystforum.net/threads/options-collar.11215/post-26269","collar",[],"",
 "I am trying to figure out the collar graph, which is a combination of protective put and covered call. What i am not getting is the lower part of the graph and why it is below zero and not zero. [...] Putting all of these together would lead to a zero profit as the loss in the value of the put option is offset by the increase in value of the stock price and since it is a zero cost collar, the premiums net each other off and thus the zero profit. Can someone please explain?"),
]
