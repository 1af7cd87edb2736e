C += [
("https://www.totalmoneymanagement.com.au/blog/the-hierarchy-of-hedging","hedge_types",["when_to_hedge","protective_put"],"",
 "One constant question investors ask when markets are expensive is: how can I protect my capital?"),
("https://stockhead.com.au/experts/criterion-how-to-insure-your-portfolio-in-the-age-of-trump-2-0/?amp","protective_put",["inverse_etf","when_to_hedge"],"",
 "Still, the local bourse remains at heady levels, despite the explosive geopolitical climate and the risks posed by Trump's stance on tariffs, China and measures such as tax cuts likely to fuel inflation. [...] Is it time to take out insurance ahead of a likely correction?"),
]
