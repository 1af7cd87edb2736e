C += [
("https://transwikia.com/personal-finance-money/what-happens-to-the-put-option-longer-expiration-of-a-collar-if-the-call-gets-assigned","collar",["options"],"",
 "Assuming a collar strategy where I buy the underlying stock with a short call and long put option on it. Would the call be assigned away like a covered call, leaving the put option viable or would the put option disappear when the underlying is assigned away. (Put option's expiry date is further than the call option)"),
("https://andrewtobias.com/the-perfect-hedge/","protective_put",["put_spread","opportunity_cost","costs"],"",
 "How would you suggest an ordinary investor protect against a big market collapse? I would like to hedge against a drop without risking all or most of any potential continuing rise (in case there are more 'greater fools' out there.) [...] I have a mix of tax-sheltered and after-tax investments. What I am looking for is a way to turn some of the potential paper losses into real gains in the event of a big drop, yet at a small enough cost such that if it doesn't happen, I will feel the price was worth the peace of mind."),
]
