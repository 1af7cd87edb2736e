C += [
("https://github.com/pmorissette/bt/issues/401","",[],"",
 "I would like to execute a long on a set of security and short in a index, like S&P. The short should be the same size of the long position. Does anyone has a sample of that? Is that possible?"),
("https://huggingface.co/datasets/arrmlet/reddit_dataset_196/viewer/default/train?p=16","",[],"",
 "Also: how are we feeling about the continued softness in the markets? I always see crypto as a hedge against the regular economy as its deflationary nature kind of plays against that, and was meant to. Do you all feel that is accurate or has the capture of the crypto market by Wall Street managed to make it behave just like all the rest of the markets out there and remain susceptible to the same kinds of influences?"),
]
