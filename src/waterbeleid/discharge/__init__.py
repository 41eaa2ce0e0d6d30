"""Rules for discharging pumped groundwater: who decides, what is allowed, what it costs.

>>> import datetime, waterbeleid as wb
>>> activity = wb.DischargeActivity(origin=wb.Origin.DEWATERING, receiver=wb.Receiver.FOUL_SEWER,
...     flow="6 m3/h", duration="2 weken", suspended_solids="100 mg/l")
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
    Authority,
    DischargeActivity,
    DischargeSet,
    Obligation,
    Origin,
    Receiver,
)
from waterbeleid.discharge.ruleset import (
    Assumption,
    Comparison,
    Condition,
    QualityVerdict,
    Ruleset,
    RuleSource,
    Tariff,
    default_ruleset,
    load_ruleset,
)
from waterbeleid.errors import TariffNotFoundError

__all__ = [
    "LEVY_ROUNDING",
    "Alternative",
    "Assessment",
    "Assumption",
    "Authority",
    "BatchAssessment",
    "Comparison",
    "Condition",
    "DischargeActivity",
    "DischargeSet",
    "Obligation",
    "Origin",
    "QualityVerdict",
    "Receiver",
    "RuleSource",
    "Ruleset",
    "Tariff",
    "TariffNotFoundError",
    "TraceEntry",
    "Violation",
    "assess",
    "assess_many",
    "default_ruleset",
    "load_ruleset",
]
