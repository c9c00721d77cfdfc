"""leadmodel: distributed-leadership org design and span-of-control analytics for schools.

Load a staff roster, see who is responsible for developing whom, and measure it.

Examples
--------
>>> import leadmodel as lm
>>> roster = lm.load_sample("traditional_elementary")
>>> lm.school_summary(roster).loc["S-TRAD", ["teachers", "administrators", "staff"]].tolist()
[54, 2, 93]
"""

from leadmodel import datasets
from leadmodel import plot as plot  # the plots' former module, kept for old imports
from leadmodel._version import __version__
from leadmodel.analysis import Analysis
from leadmodel.cost import budget_options, cost
from leadmodel.datasets import (
    list_samples,
    load_sample,
    sample_path,
)
from leadmodel.errors import (
    DefinitionError,
    LeadModelError,
    LeadModelWarning,
    OutputWarning,
    RosterError,
)
from leadmodel.graph import graph_from_roster, graph_to_frames, roster_from_graph, write_graphml
from leadmodel.inference import infer_links
from leadmodel.maps import read_maps
from leadmodel.metrics import (
    classify_model,
    compliance,
    count_observation_load,
    count_spans,
    coverage_gaps,
    district_view,
    max_teachers_per_leader,
    observation_load,
    observation_summary,
    span_matrix,
    span_of_control,
)
from leadmodel.metrics.actuals import (
    CoachingDosage,
    ObservationActuals,
    coaching_dosage,
    observation_actuals,
)
from leadmodel.metrics.compliance import ILTCheck, ilt_check
from leadmodel.metrics.survey import (
    advice_graph,
    advice_overlay,
    felt_responsibility,
    net_promoter_score,
)
from leadmodel.models import (
    RELATIONS,
    CostModel,
    District,
    DosageThresholds,
    LeadershipModel,
    Link,
    ModelRole,
    ObservationPolicy,
    ObservationVisit,
    ReleaseTime,
    Role,
    Rule,
    School,
    StaffMember,
    Team,
    TeamDesign,
    TimeModel,
    json_schemas,
)
from leadmodel.plots import (
    plot_advice_overlay,
    plot_compliance,
    plot_coverage,
    plot_dosage,
    plot_felt_responsibility,
    plot_nps,
    plot_observation_drought,
    plot_observation_load,
    plot_org_chart,
    plot_planned_vs_actual,
    plot_rollout,
    plot_scenarios,
    plot_span_benchmarks,
    plot_spans,
)
from leadmodel.presets import (
    get_model,
    list_models,
    list_policies,
    read_model,
    span_benchmarks,
    write_model,
)
from leadmodel.readers.counts import StaffingCounts, read_staffing_counts
from leadmodel.readers.log import ActivityLog, TeamMembers, read_log, read_members
from leadmodel.readers.reporting_lines import read_reporting_lines
from leadmodel.readers.roster import read_roster, roster_from_schools
from leadmodel.readers.survey import Survey, read_survey
from leadmodel.report import pseudonymise_roster, write_report
from leadmodel.roles import list_roles
from leadmodel.roster import Roster
from leadmodel.scenarios import (
    apply_model,
    compare,
    rollout,
    with_links,
    with_release_time,
    with_role,
    with_staff,
)
from leadmodel.summary import school_summary
from leadmodel.writers import export_tables, write_roster

__all__ = [
    "RELATIONS",
    "ActivityLog",
    "Analysis",
    "CoachingDosage",
    "CostModel",
    "DefinitionError",
    "District",
    "DosageThresholds",
    "ILTCheck",
    "LeadModelError",
    "LeadModelWarning",
    "LeadershipModel",
    "Link",
    "ModelRole",
    "ObservationActuals",
    "ObservationPolicy",
    "ObservationVisit",
    "OutputWarning",
    "ReleaseTime",
    "Role",
    "Roster",
    "RosterError",
    "Rule",
    "School",
    "StaffMember",
    "StaffingCounts",
    "Survey",
    "Team",
    "TeamDesign",
    "TeamMembers",
    "TimeModel",
    "__version__",
    "advice_graph",
    "advice_overlay",
    "apply_model",
    "budget_options",
    "classify_model",
    "coaching_dosage",
    "compare",
    "compliance",
    "cost",
    "count_observation_load",
    "count_spans",
    "coverage_gaps",
    "datasets",
    "district_view",
    "export_tables",
    "felt_responsibility",
    "get_model",
    "graph_from_roster",
    "graph_to_frames",
    "ilt_check",
    "infer_links",
    "json_schemas",
    "list_models",
    "list_policies",
    "list_roles",
    "list_samples",
    "load_sample",
    "max_teachers_per_leader",
    "net_promoter_score",
    "observation_actuals",
    "observation_load",
    "observation_summary",
    "plot_advice_overlay",
    "plot_compliance",
    "plot_coverage",
    "plot_dosage",
    "plot_felt_responsibility",
    "plot_nps",
    "plot_observation_drought",
    "plot_observation_load",
    "plot_org_chart",
    "plot_planned_vs_actual",
    "plot_rollout",
    "plot_scenarios",
    "plot_span_benchmarks",
    "plot_spans",
    "pseudonymise_roster",
    "read_log",
    "read_maps",
    "read_members",
    "read_model",
    "read_reporting_lines",
    "read_roster",
    "read_staffing_counts",
    "read_survey",
    "rollout",
    "roster_from_graph",
    "roster_from_schools",
    "sample_path",
    "school_summary",
    "span_benchmarks",
    "span_matrix",
    "span_of_control",
    "with_links",
    "with_release_time",
    "with_role",
    "with_staff",
    "write_graphml",
    "write_model",
    "write_report",
    "write_roster",
]
