"""Sources cited by more than one preset."""

#: The research report behind leadmodel (the project's main source).
BAIN_BRIDGESPAN_2016 = (
    "Bierly, Doyle and Smith, 'Transforming Schools: How distributed leadership can create more "
    "high-performing schools', Bain & Company with the Bridgespan Group (2016)"
)


KRAFT_2018 = (
    "Kraft, Blazar and Hogan, 'The Effect of Teacher Coaching on Instruction and Achievement: "
    "A Meta-Analysis of the Causal Evidence', Review of Educational Research 88(4), 2018, "
    "547-588"
)


ILT_GUIDE = (
    "'How to Successfully Gain Traction on School Improvement: A guide to school improvement "
    "for school and district leaders' (undated guide, no author named; project seed 000)"
)
