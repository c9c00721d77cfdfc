"""Sources cited by more than one preset."""

#: The research report behind leadmodel (the project's main source).
BAIN_BRIDGESPAN_2016 = (
    "Bierly, Doyle and Smith, 'Transforming Schools: How distributed leadership can create more "
    "high-performing schools', Bain & Company with the Bridgespan Group (2016)"
)
