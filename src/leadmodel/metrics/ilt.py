"""The instructional leadership team (ILT) of each school: who sits on it and how often it meets.

A school's ILT is its team whose ``basis`` is ``"ilt"``. :class:`ILT` gathers, per school,
its members (the team's lead, the staff whose own team it is, and second memberships), the
roles and team leaders it includes, and, given an activity log, its meeting interval;
:func:`~leadmodel.ilt_check` judges it against the ILT rules.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from leadmodel.metrics.actuals import (
    DAYS_PER_MONTH,
    _check_log_against,
    _events_until,
    _Period,
    _period,
)
from leadmodel.readers.issues import name_list
from leadmodel.readers.log import MEETING_KIND, ActivityLog, DateLike, TeamMembers
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import STRING, Roster, row_keys, rows_in


class ILT:
    """A roster's instructional leadership teams and their members (used by compliance).

    The ILT of a school is its team (or teams) whose ``basis`` is ``"ilt"``. Members are
    the ILT's ``lead_id``, staff whose ``team_id`` is the ILT, and the rows of the optional
    membership table (:func:`read_members`) naming the ILT. Meetings are read from ``log``
    (checked against ``roster``) from the school year's start to ``as_of`` (default: the
    log's latest event).
    """

    def __init__(
        self,
        roster: Roster,
        *,
        members: TeamMembers | None = None,
        log: ActivityLog | None = None,
        as_of: DateLike | None = None,
    ) -> None:
        self.roster = roster
        self.log = log
        self.as_of = as_of
        teams = roster.teams
        is_ilt = (teams["basis"] == "ilt").fillna(False).astype(bool)
        self.teams = teams[is_ilt].reset_index(drop=True)
        self.teacher_teams = teams[~is_ilt].reset_index(drop=True)
        self.school_ids = pd.Index(roster.schools["school_id"].astype(STRING), name="school_id")
        ilt_keys = row_keys(self.teams, ["school_id", "team_id"])
        staff = roster.staff
        by_lead = self.teams.loc[self.teams["lead_id"].notna(), ["school_id", "team_id", "lead_id"]]
        by_lead = by_lead.rename(columns={"lead_id": "staff_id"}).assign(via="lead")
        on_team = staff[row_keys(staff, ["school_id", "team_id"]).isin(ilt_keys)]
        by_team = on_team[["school_id", "team_id", "staff_id"]].assign(via="team_id")
        parts = [by_lead, by_team]
        if members is not None:
            extra = members.on(roster)
            extra = extra[row_keys(extra, ["school_id", "team_id"]).isin(ilt_keys)]
            parts.append(extra.assign(via="membership"))
        found = pd.concat(parts, ignore_index=True).drop_duplicates(
            ["school_id", "staff_id"], keep="first"
        )
        roles = staff.set_index(["school_id", "staff_id"])["role"]
        found["role"] = roles.reindex(row_keys(found, ["school_id", "staff_id"])).to_numpy()
        found = found[["school_id", "staff_id", "role", "team_id", "via"]].astype(STRING)
        self.members = found.sort_values(["school_id", "staff_id"]).set_index(
            ["school_id", "staff_id"]
        )
        self.has_ilt = pd.Series(
            self.school_ids.isin(self.teams["school_id"]), index=self.school_ids
        )

    def _on_ilt(self, frame: pd.DataFrame, id_col: str) -> pd.Series:
        return pd.Series(
            row_keys(frame, ["school_id", id_col]).isin(self.members.index), index=frame.index
        )

    def count(self) -> pd.Series:
        """ILT members per school (0 when the school has none)."""
        sizes = self.members.groupby(level="school_id").size()
        return sizes.reindex(self.school_ids, fill_value=0).astype("float64")

    def role_included(self, role: str | None) -> tuple[pd.Series, pd.Series]:
        """Share of the role's holders on the ILT (1 when none), and who is missing."""
        staff = self.roster.staff
        category = staff["role"].map(ROLE_CATEGORY)
        if role is None:
            holders = staff[category.isin(["administrator", "coach"])]
        else:
            holders = staff[(staff["role"] == role) | (category == role)]
        holders = holders.assign(on=self._on_ilt(holders, "staff_id"))
        share = holders.groupby("school_id")["on"].mean().reindex(self.school_ids).fillna(1.0)
        missing = holders[~holders["on"]].sort_values(["school_id", "staff_id"])
        text = {
            school: "not on the ILT: "
            + name_list(f"{r} {s}" for r, s in zip(g["role"], g["staff_id"], strict=True))
            for school, g in missing.groupby("school_id")
        }
        detail = pd.Series(text, dtype=STRING).reindex(self.school_ids)
        detail = detail.mask(~self.has_ilt, "the school has no ILT (no team with basis 'ilt')")
        return share.astype("float64"), detail.astype(STRING)

    def team_leads(self) -> pd.DataFrame:
        """Each teacher team with a lead, and whether the lead sits on the ILT."""
        teams = self.teacher_teams[self.teacher_teams["lead_id"].notna()]
        return teams.assign(on=self._on_ilt(teams, "lead_id"))

    def team_leads_included(self) -> tuple[pd.Series, pd.Series]:
        """Share of teacher teams whose lead sits on the ILT (1 when none), naming the rest."""
        teams = self.team_leads()
        share = teams.groupby("school_id")["on"].mean().reindex(self.school_ids).fillna(1.0)
        missing = teams[~teams["on"]].sort_values(["school_id", "team_id"])

        def describe(g: pd.DataFrame) -> str:
            return "missing the leader of " + name_list(
                f"team {t}" + (f" '{n}'" if pd.notna(n) else "") + f" (lead {lead})"
                for t, n, lead in zip(g["team_id"], g["name"], g["lead_id"], strict=True)
            )

        text = {school: describe(g) for school, g in missing.groupby("school_id")}
        detail = pd.Series(text, dtype=STRING).reindex(self.school_ids)
        detail = detail.mask(~self.has_ilt, "the school has no ILT (no team with basis 'ilt')")
        return share.astype("float64"), detail.astype(STRING)

    def meetings(self) -> pd.DataFrame:
        """Per school: ILT meetings to ``as_of``, per month, the interval and the days since.

        ``meeting_interval_days`` is the median, over the days of the period, of the length
        of the stretch between meetings each day falls in; the stretch from the school
        year's start to the first meeting and the one from the last meeting to ``as_of``
        count, so an ILT that stopped meeting for more than half the period fails "weekly"
        however regular its early meetings were.
        """
        out = pd.DataFrame(index=self.school_ids)
        out["meetings"] = pd.Series(pd.NA, index=self.school_ids, dtype="Int64")
        out["meetings_per_month"] = pd.Series(pd.NA, index=self.school_ids, dtype="Float64")
        out["meeting_interval_days"] = pd.Series(pd.NA, index=self.school_ids, dtype="Float64")
        out["days_since_last_meeting"] = pd.Series(pd.NA, index=self.school_ids, dtype="Int64")
        out["meets_weekly"] = pd.Series(pd.NA, index=self.school_ids, dtype="boolean")
        if self.log is None:
            return out
        _check_log_against(self.roster, self.log)
        period = self.period()
        ev = _events_until(self.log, period, (MEETING_KIND,))
        covered = self.school_ids.isin(self.log.schools)
        ev = ev[rows_in(ev, self.teams, ["school_id", "team_id"])]
        days = ev[["school_id", "day"]].drop_duplicates().sort_values(["school_id", "day"])
        with_ilt = self.has_ilt.to_numpy(dtype=bool) & covered
        count = days.groupby("school_id").size().reindex(self.school_ids, fill_value=0)
        out.loc[with_ilt, "meetings"] = count[with_ilt].astype("int64").to_numpy()
        per_month = count / (period.days / DAYS_PER_MONTH)
        out.loc[with_ilt, "meetings_per_month"] = per_month[with_ilt].to_numpy()
        interval = {
            school: _meeting_interval(g["day"].to_numpy(), period.days)
            for school, g in days.groupby("school_id")
        }
        value = pd.Series(interval, dtype="float64").reindex(self.school_ids)
        out["meeting_interval_days"] = value.astype("Float64").where(with_ilt)
        last = days.groupby("school_id")["day"].max().reindex(self.school_ids)
        since = (period.days - 1 - last).astype("Float64").where(with_ilt)
        out["days_since_last_meeting"] = since.astype("Int64")
        weekly = (value <= 7).where(value.notna(), False)
        out.loc[with_ilt, "meets_weekly"] = weekly[with_ilt].astype(bool).to_numpy()
        return out

    def period(self) -> _Period:
        """The period meetings are measured over: the school year's start to ``as_of``."""
        assert self.log is not None
        return _period(self.log, self.as_of)

    def meeting_interval(self) -> tuple[pd.Series, pd.Series]:
        """The meeting interval in days, and why it cannot be measured where it cannot."""
        table = self.meetings()
        value = table["meeting_interval_days"].astype("float64")
        if self.log is None:
            why = "no activity log was given (compliance(..., log=...))"
            detail = pd.Series(why, index=self.school_ids, dtype=STRING)
        else:
            as_of = self.period().as_of
            detail = pd.Series(
                f"the log records no ILT meeting to {as_of}", index=self.school_ids, dtype=STRING
            )
            outside = ~self.school_ids.isin(self.log.schools)
            detail = detail.mask(outside, "the activity log does not cover this school")
        detail = detail.mask(~self.has_ilt, "the school has no ILT (no team with basis 'ilt')")
        return value, detail.where(value.isna())


def _meeting_interval(days: np.ndarray, period_days: int) -> float:
    """The day-weighted median stretch between meetings over days ``0 .. period_days - 1``.

    Meetings on days ``m1 < ... < mk`` cut the period into stretches: ``m1 + 1`` days to the
    first meeting (from the school year's start, as if one had been held the day before),
    ``m(j+1) - mj`` days between two, and ``period_days - 1 - mk`` days after the last. Each
    day of the period belongs to one stretch; the result is the length of the stretch that
    the middle day belongs to when the days are ordered by the length of their stretch: the
    smallest length whose stretches, with all shorter ones, cover at least half the period.
    NaN without a meeting.
    """
    if len(days) == 0:
        return float("nan")
    ordered = np.sort(days.astype("int64"))
    lengths = np.concatenate([[ordered[0] + 1], np.diff(ordered), [period_days - 1 - ordered[-1]]])
    lengths = np.sort(lengths[lengths > 0])
    covered = np.cumsum(lengths)
    return float(lengths[np.searchsorted(covered, period_days / 2)])
