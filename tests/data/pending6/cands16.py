C += [
("https://accountinginsights.org/can-you-still-short-crypto-in-the-us","us_crypto",["short_selling","platforms"],"",
 "Can You Still Short Crypto in the US?"),
("http://stockguy22.com/2011/04/20/earnings-season-hedging-your-profitable-positions-w-options/","earnings",["collar","put_spread"],"",
 "Earnings season is now upon us. A question I get asked a lot about is how do I hedge my profitable long stock positions but still play the upside?"),
]
