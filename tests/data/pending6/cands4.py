C += [
("https://coinswitch.co/switch/wp-json/wp/v2/posts/51273","platforms",["regulation"],"",
 "Indian users often ask the same urgent question: are crypto futures legal in India, or are they just operating in a grey area?"),
("https://tradebrains.in/crypto/wp-json/wp/v2/posts/4007","platforms",["perpetuals"],"",
 "Futures Trading in Crypto: What Does It Mean and Is It Legal in India?"),
("https://shunadvice.com/article/should-i-invest-in-a-hedged-or-unhedged-etf","",[],"",
 "should I invest in a hedged or unhedged etf"),
("https://wp.thedefiant.io/btc-is-a-terrible-hedge-against-inflation-or-is-it/","",[],"",
 "BTC is a Terrible Hedge Against Inflation. Or is it? [...] But wait, wasn't Bitcoin meant to be the hedge, wasn't it meant to be the answer to debasement of fiat currency?"),
]
