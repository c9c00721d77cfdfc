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
from leadmodel.cost import cost
from leadmodel.datasets import (
    list_samples,
    load_sample,
    sample_path,
)
from leadmodel.errors import (
    BudgetError,
    DefinitionError,
    LeadModelError,
    LeadModelWarning,
    MissingFileError,
    NotAFileError,
    OutputWarning,
    PathError,
    RosterError,
)
from leadmodel.funding import FundedPlan, budget_options, fund_scenario
from leadmodel.graph import graph_from_roster, graph_to_frames, roster_from_graph, write_graphml
from leadmodel.inference import infer_links
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
    role_proliferation,
    span_matrix,
    span_of_control,
    students_per_leader,
    undeveloped_leaders,
)
from leadmodel.metrics.actuals import (
    CoachingDosage,
    ObservationActuals,
    coaching_dosage,
    observation_actuals,
)
from leadmodel.metrics.asof import AsOfLog, AsOfSurvey, log_as_of, survey_as_of
from leadmodel.metrics.changes import Changes, changes
from leadmodel.metrics.compliance import ILTCheck, ilt_check
from leadmodel.metrics.count_series import CountTrends, count_trends
from leadmodel.metrics.execution import InitiativeLoad, clarity_of_focus, initiative_load
from leadmodel.metrics.rocks import RockStatus, abandonment_candidates, rock_status
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
    FundingLever,
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
    plot_trend,
    plot_trends,
)
from leadmodel.plots.execution import plot_initiative_load, plot_priorities, plot_rocks
from leadmodel.practice import CollaborationTime, collaboration_time, cost_per_teacher_coached
from leadmodel.presets import (
    get_model,
    list_cost_models,
    list_levers,
    list_models,
    list_policies,
    list_time_models,
    span_benchmarks,
    write_model,
)
from leadmodel.readers.counts import StaffingCounts, read_staffing_counts
from leadmodel.readers.counts_long import (
    FEDERAL_STAFF_CATEGORIES,
    FEDERAL_STAFF_TOTALS,
    NCES_CCD_LEA_COLUMNS,
    read_staffing_counts_long,
)
from leadmodel.readers.definitions import read_maps, read_model
from leadmodel.readers.edfi import EDFI_CLASSIFICATIONS, read_edfi
from leadmodel.readers.log import ActivityLog, TeamMembers, read_log, read_members
from leadmodel.readers.oneroster import ONEROSTER_ROLES, read_oneroster
from leadmodel.readers.plan import Plan, read_plan
from leadmodel.readers.reporting_lines import read_reporting_lines
from leadmodel.readers.roster import list_titles, read_roster, roster_from_schools
from leadmodel.readers.series import RosterSeries, read_rosters
from leadmodel.readers.survey import Survey, read_survey
from leadmodel.report import pseudonymise_roster, write_report
from leadmodel.roles import list_roles
from leadmodel.roster import Roster
from leadmodel.scenarios import (
    apply_model,
    budget_neutral_plan,
    compare,
    rollout,
    with_assistant_principals,
    with_links,
    with_release_time,
    with_role,
    with_staff,
)
from leadmodel.summary import school_summary
from leadmodel.trends import Trends, trends
from leadmodel.writers import export_tables, write_roster

__all__ = [
    "EDFI_CLASSIFICATIONS",
    "FEDERAL_STAFF_CATEGORIES",
    "FEDERAL_STAFF_TOTALS",
    "NCES_CCD_LEA_COLUMNS",
    "ONEROSTER_ROLES",
    "RELATIONS",
    "ActivityLog",
    "Analysis",
    "AsOfLog",
    "AsOfSurvey",
    "BudgetError",
    "Changes",
    "CoachingDosage",
    "CollaborationTime",
    "CostModel",
    "CountTrends",
    "DefinitionError",
    "District",
    "DosageThresholds",
    "FundedPlan",
    "FundingLever",
    "ILTCheck",
    "InitiativeLoad",
    "LeadModelError",
    "LeadModelWarning",
    "LeadershipModel",
    "Link",
    "MissingFileError",
    "ModelRole",
    "NotAFileError",
    "ObservationActuals",
    "ObservationPolicy",
    "ObservationVisit",
    "OutputWarning",
    "PathError",
    "Plan",
    "ReleaseTime",
    "RockStatus",
    "Role",
    "Roster",
    "RosterError",
    "RosterSeries",
    "Rule",
    "School",
    "StaffMember",
    "StaffingCounts",
    "Survey",
    "Team",
    "TeamDesign",
    "TeamMembers",
    "TimeModel",
    "Trends",
    "__version__",
    "abandonment_candidates",
    "advice_graph",
    "advice_overlay",
    "apply_model",
    "budget_neutral_plan",
    "budget_options",
    "changes",
    "clarity_of_focus",
    "classify_model",
    "coaching_dosage",
    "collaboration_time",
    "compare",
    "compliance",
    "cost",
    "cost_per_teacher_coached",
    "count_observation_load",
    "count_spans",
    "count_trends",
    "coverage_gaps",
    "datasets",
    "district_view",
    "export_tables",
    "felt_responsibility",
    "fund_scenario",
    "get_model",
    "graph_from_roster",
    "graph_to_frames",
    "ilt_check",
    "infer_links",
    "initiative_load",
    "json_schemas",
    "list_cost_models",
    "list_levers",
    "list_models",
    "list_policies",
    "list_roles",
    "list_samples",
    "list_time_models",
    "list_titles",
    "load_sample",
    "log_as_of",
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
    "plot_initiative_load",
    "plot_nps",
    "plot_observation_drought",
    "plot_observation_load",
    "plot_org_chart",
    "plot_planned_vs_actual",
    "plot_priorities",
    "plot_rocks",
    "plot_rollout",
    "plot_scenarios",
    "plot_span_benchmarks",
    "plot_spans",
    "plot_trend",
    "plot_trends",
    "pseudonymise_roster",
    "read_edfi",
    "read_log",
    "read_maps",
    "read_members",
    "read_model",
    "read_oneroster",
    "read_plan",
    "read_reporting_lines",
    "read_roster",
    "read_rosters",
    "read_staffing_counts",
    "read_staffing_counts_long",
    "read_survey",
    "rock_status",
    "role_proliferation",
    "rollout",
    "roster_from_graph",
    "roster_from_schools",
    "sample_path",
    "school_summary",
    "span_benchmarks",
    "span_matrix",
    "span_of_control",
    "students_per_leader",
    "survey_as_of",
    "trends",
    "undeveloped_leaders",
    "with_assistant_principals",
    "with_links",
    "with_release_time",
    "with_role",
    "with_staff",
    "write_graphml",
    "write_model",
    "write_report",
    "write_roster",
]
