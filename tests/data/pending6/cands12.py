C += [
("https://redlib.franklyflawless.org/r/fiaustralia/comments/1jwfnco/protective_puts_on_an_etf_portfolio_in_retirement","protective_put",["derivative_tax","tax","platforms"],"",
 "For a retiree living off an all-equities portfolio, would buying protective puts be an effective strategy to hedge against market volatility and guarantee that a certain dollar amount will be available at a certain time? Seems like it would have significant tax-efficiency advantages compared to cashing out and reinvesting in more defensive assets. [...] What's the consensus on this as a strategy for de-risking? [...] Something of note to me is that I can't see any options available to trade on the ASX for the ETFs that I hold: Only for individual stocks. Curious as to what the reason is for this."),
("https://canadiancouchpotato.com/2012/05/09/can-you-protect-your-portfolio-from-drawdowns/","protective_put",["when_to_hedge","costs"],"",
 "If your portfolio loses 1% today and gains 1% tomorrow, are you back to even? [...] Can you protect your portfolio from drawdowns?"),
]
