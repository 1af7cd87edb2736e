C += [
("https://mirror.xyz/0x127d2749824e8a064Fe49246eD8DbD30859d4bCf/lPpaZfeAiZW0vVQExdMe95-serMgiir5iTxfRUFec6c","",[],"",
 "How Do You Hedge Impermanent Loss in DeFi"),
("https://learn.greeks.live/path/how-does-the-choice-of-margin-isolated-vs-cross-affect-liquidation-risk","cross_isolated",["leverage_liquidation"],"",
 "How Does the Choice of Margin (Isolated Vs. Cross) Affect Liquidation Risk?"),
("https://www.analystforum.com/t/damn-sample-ii/65703","",[],"",
 "In Sample II, CFA states that covered calls provide \"some\" downside protection ... what the h?? There's an inflow from the premium ... so it kind of give a floor value to the strategy (not zero, but the floor ...) Anyway they say elsewhere that this strategy is precisely to be used when you think downside risk is limited, NOT when you want to protect from downside risk"),
]
