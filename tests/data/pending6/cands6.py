C += [
("https://transwikia.com/personal-finance-money/what-happens-to-the-put-option-longer-expiration-of-a-collar-if-the-call-gets-assigned","collar",["options"],"",
 "Assuming a collar strategy where I buy the underlying stock with a short call and long put option on it. Would the call be assigned away like a covered call, leaving the put option viable or would the put option disappear when the underlying is assigned away. (Put option's expiry date is further than the call option)"),
]
