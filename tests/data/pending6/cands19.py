C += [
("https://beta.ninjastic.space/post/7525644","coin_margined",["full_hedge","sizing"],"",
 "I would like to address a common question a few users have brought to my attention ie. \"how do I actually hedge on your platform?\" Example: You own 1 bitcoin at an average price of $600.25 and would like to hedge your downside risk."),
("http://www.moneyshow.com/investing/article/43/VideoTrans-29837/Even-Long-Term-Investors-Should-Hedge/","when_to_hedge",["what_is_hedging","protective_put"],"",
 "Why should long-term investors hedge?"),
]
