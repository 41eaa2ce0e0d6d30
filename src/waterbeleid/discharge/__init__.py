"""Rules for discharging pumped groundwater: who decides, what is allowed, what it costs.

>>> import datetime, waterbeleid as wb
>>> activity = wb.DischargeActivity(origin=wb.Origin.DEWATERING, receiver=wb.Receiver.FOUL_SEWER,
...     flow="6 m3/h", duration="2 weken", suspended_solids="100 mg/l", start="2021-06-01")
>>> result = wb.assess(activity)
>>> result.allowed, [v.parameter for v in result.violations]
(False, ['flow'])
"""

from waterbeleid.discharge.assess import (
    LEVY_ROUNDING,
    Alternative,
    Assessment,
    TraceEntry,
    Violation,
    assess,
)
from waterbeleid.discharge.batch import BatchAssessment, assess_many
from waterbeleid.discharge.model import (
    PARAMETER_TABLE,
    Authority,
    DischargeActivity,
    DischargeSet,
    Measurements,
    Obligation,
    Origin,
    Parameter,
    Receiver,
)
from waterbeleid.discharge.ruleset import (
    Assumption,
    Comparison,
    Condition,
    LevyKind,
    QualityVerdict,
    Ruleset,
    RulesetVersion,
    RuleSource,
    Tariff,
    default_ruleset,
    load_ruleset,
    packaged_ruleset,
    rulesets,
)
from waterbeleid.errors import TariffNotFoundError

__all__ = [
    "LEVY_ROUNDING",
    "PARAMETER_TABLE",
    "Alternative",
    "Assessment",
    "Assumption",
    "Authority",
    "BatchAssessment",
    "Comparison",
    "Condition",
    "DischargeActivity",
    "DischargeSet",
    "LevyKind",
    "Measurements",
    "Obligation",
    "Origin",
    "Parameter",
    "QualityVerdict",
    "Receiver",
    "RuleSource",
    "Ruleset",
    "RulesetVersion",
    "Tariff",
    "TariffNotFoundError",
    "TraceEntry",
    "Violation",
    "assess",
    "assess_many",
    "default_ruleset",
    "load_ruleset",
    "packaged_ruleset",
    "rulesets",
]
