C += [
("https://www.montereyherald.com/2019/01/16/financial-planning-protecting-your-portfolio/","hedge_types",["protective_put","when_to_hedge"],"",
 "Question: I just received my brokerage statement for December and I was surprised by how much my account dropped in the month. How can I protect my portfolio from big drops?"),
("https://tutorsglobe.com/question/suppose-your-portfolio-mirrors-sampp500-index-and-is-valued-51108939.aspx","put_contracts",["protective_put"],"plan",
 "Suppose your portfolio mirrors S&P500 index and is valued currently at $1,000,000. The S&P 500 index is currently at 2,000. What action is needed to provide protection against the value of the portfolio falling below $950,000 in 6 months?"),
("https://github.com/hummingbot/hummingbot/issues/3630","",[],"",
 "Provide an option in the spot-perpetual-arbitrage strategy to select between cross or isolated margin as well an option to define the amount of margin to use for isolated orders, similar to how we currently specify the order amount. [...] Currently, users of the spot-perpetual-arbitrage strategy run the risk of being liquidated because the bot places derivative orders using isolated margin."),
]
