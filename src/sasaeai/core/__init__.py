"""The core of Sasaeai: reading documents, fiscal periods and evaluation.

Plain Python with no web framework, so it can be tested, benchmarked and used
from the command line on its own.  Every error it raises on purpose is a
:class:`SasaeaiError`.
"""

from .errors import PeriodError, ReaderError, SasaeaiError
from .evaluation import (
    Actual,
    GradedActual,
    IndicatorPart,
    Measure,
    PartEvaluation,
    Projection,
    Thresholds,
    evaluate_actual,
    evaluate_part,
    grade_value,
    project,
    roll_up,
)
from .periods import (
    FiscalYear,
    Period,
    find_years,
    parse_fiscal_year,
    parse_period,
    parse_quarter,
    resolve_date,
    resolve_range,
)
from .quantities import UNITS, read_quantities
from .records import ProjectEntry, Quantity, ReportDocument
from .report import read_report, read_report_bytes
from .tables import read_table, read_text_input

__all__ = [
    "UNITS",
    "Actual",
    "FiscalYear",
    "GradedActual",
    "IndicatorPart",
    "Measure",
    "PartEvaluation",
    "Period",
    "PeriodError",
    "ProjectEntry",
    "Projection",
    "Quantity",
    "ReaderError",
    "ReportDocument",
    "SasaeaiError",
    "Thresholds",
    "evaluate_actual",
    "evaluate_part",
    "find_years",
    "grade_value",
    "parse_fiscal_year",
    "parse_period",
    "parse_quarter",
    "project",
    "read_quantities",
    "read_report",
    "read_report_bytes",
    "read_table",
    "read_text_input",
    "resolve_date",
    "resolve_range",
    "roll_up",
]
