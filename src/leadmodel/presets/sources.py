"""Sources cited by more than one preset."""

#: The research report behind leadmodel (the project's main source).
BAIN_BRIDGESPAN_2016 = (
    "Bierly, Doyle and Smith, 'Transforming Schools: How distributed leadership can create more "
    "high-performing schools', Bain & Company with the Bridgespan Group (2016)"
)

#: Public Impact's Opportunity Culture pages on the Multi-Classroom Leader role.
OPPORTUNITY_CULTURE_ROLES = (
    "Public Impact, 'Opportunity Culture Educator Roles' (opportunityculture.org/opportunity-"
    "culture-educator-roles): MCLs have protected time to work with 'a small teaching team "
    "(typically 4 to 6 teachers)'; full-release MCLs 'can lead a slightly larger team'"
)
OPPORTUNITY_CULTURE_MODELS = (
    "Public Impact, 'Opportunity Culture School Models' (opportunityculture.org, 2018-12-04, "
    "multi-classroom-leadership-models): MCLs lead 'small, collaborative teams of two to eight "
    "teachers, paraprofessionals, and teacher residents in the same grade or subject'"
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
