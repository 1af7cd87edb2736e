C += [
("https://knowt.com/flashcards/c9eef0ed-78e7-4133-beab-f9fed5cb8b08","protective_put",["options"],"",
 "Which option provides the best downside protection for a long stock position?"),
("https://tutorsglobe.com/question/profit-or-loss-from-purchasing-the-stock-5876223.aspx","protective_put",["options"],"",
 "An investor buys a stock for $36. At the same time a six-month put option to sell the stock for $35 is selling for $2. [...] If the investor constructs the protective put, what is the profit or loss if the price of the stock is $30, $35, or $40 at the put's expiration? At what price of the stock does the investor break even? [...] What is the maximum potential loss and maximum potential profit from this protective put?"),
("https://quesba.com/questions/maximum-loss-protective-put-and-breakeven-example-bought-500-964191","protective_put",["put_contracts"],"",
 "What would be the maximum loss on a protective put and breakeven? For example, if you bought 500 shares of stock at $10 and it is now trading at $15, so you write protective puts with a strike price of $13 and a premium of $0.75. Would the maximum loss be: ((Current Stock price-strike price)+premium)*100* # of puts [...] OR ((Strike Price - Stock Purchase Price) + Premium Paid)*100*# of puts"),
("https://analystnotes.com/cfa_question.php?p=STZGFYJPD","protective_put",["options"],"",
 "A trader has purchased a put with an exercise price of $45 and has also bought the underlying stock when its price was $50 a share. Which of the following statements is CORRECT? A. If the stock price falls, the trader will lose the premium paid on the option. B. If the stock price falls, the trader's maximum loss will equal $5 per share plus the premium paid. C. If the stock price rises, the trader will lose the premium paid and $5 per share."),
("https://documen.tv/if-a-customer-buys-500-shares-of-abc-at-48-and-writes-5-abc-50-calls-at-2-what-is-the-maimum-los-28268552-37/","",[],"",
 "If a customer buys 500 shares of abc at 48 and writes 5 abc 50 calls at 2, what is the maximum loss?"),
("https://crypto.greeks.live/learn/define-cross-hedging-and-explain-its-relation-to-basis-risk","basis_risk",["correlated_hedge"],"",
 "Define \"Cross-Hedging\" and Explain Its Relation to Basis Risk."),
]
