C += [
("https://www.bogleheads.org/forum/viewtopic.php?f=1&t=252179","protective_put",["collar","correlated_hedge"],"plan",
 "Let's assume that you work for a high flying FAANG type company where a substantial portion of your compensation is tied to RSU's (Restricted Stock Units). Assume that the RSU's will vest late in the year, and you want to lock in the current price now to hedge against a big drop between now and the end of the year. What's the best way to go about doing this?"),
("https://www.dcurbanmom.com/jforum/posts/list/1277025.page","",[],"",
 "I recently became aware that RSUs and Options are a high percentage of High Tech compensation and that most people hold on those shares for a bit. Good for them. Wondering how people hedge those massive positions.. Are they allowed to buy Puts? Anyone with experience care to share?"),
("https://yoursagetip.com/blog/can-you-hedge-rsu","protective_put",["collar","short_selling"],"",
 "Can you hedge RSU? [...] How do you hedge restricted shares? [...] Can you collar restricted stock?"),
]
