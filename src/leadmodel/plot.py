"""The plots, under the name they had before :mod:`leadmodel.plots` split them by subject.

``leadmodel.plot.plot_spans`` and ``leadmodel.plot.PALETTE`` keep working; new code can
import from :mod:`leadmodel.plots` (or from ``leadmodel`` itself).

>>> import leadmodel.plot, leadmodel.plots
>>> leadmodel.plot.plot_spans is leadmodel.plots.plot_spans
True
"""

from leadmodel.plots import *  # noqa: F403
from leadmodel.plots import __all__  # noqa: F401
